/**
 * Task pane entry: waits for Office, creates the Excel host (src/excel holds every office-js call) and renders
 * the shared pane in the user's display language.
 */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { createExcelHost } from '../excel';
import { App } from './App';
import { pickLocale, stringsFor } from './i18n';

function container(): HTMLElement {
  let el = document.getElementById('container');
  if (!el) {
    el = document.createElement('div');
    el.id = 'container';
    document.body.appendChild(el);
  }
  return el;
}

Office.onReady((info) => {
  const language = Office.context?.displayLanguage ?? null;
  const strings = stringsFor(language);
  document.documentElement.lang = pickLocale(language) === 'en-US' ? 'en' : 'zh-CN';
  const root = createRoot(container());
  if (info.host !== Office.HostType.Excel) {
    root.render(
      <main>
        <h1>{strings.appTitle}</h1>
        <p>{strings.notInExcel}</p>
      </main>,
    );
    return;
  }
  root.render(<App host={createExcelHost()} language={language} />);
});
