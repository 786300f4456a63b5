/** The standalone page: no office.js, no network beyond the page's own files (the bundled sample). */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { pickLocale } from '../taskpane/i18n';
import { StartFailed } from '../taskpane/StartFailed';
import { WebApp } from './WebApp';

const params = new URLSearchParams(window.location.search);
const language = params.get('lang') ?? navigator.language ?? null;
document.documentElement.lang = pickLocale(language) === 'en-US' ? 'en' : 'zh-CN';

// A file dropped outside the drop zone must not make the browser navigate away from the page.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (e) => {
    if (e.dataTransfer?.types?.includes('Files')) e.preventDefault();
  });
}

const el = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
// A crash while rendering shows the title and one sentence instead of a blank page.
createRoot(el).render(
  <StartFailed language={language}>
    <WebApp language={language} />
  </StartFailed>,
);
