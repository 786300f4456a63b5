/**
 * Task pane entry: waits for Office, creates the Excel host (src/excel holds every office-js call) and renders
 * the shared pane in the user's display language.
 */
import * as React from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createExcelHost } from '../excel';
import { MIN_EXCEL_API } from '../excel/env';
import { App } from './App';
import { userMessage } from './errors';
import { Notice, StartFailed } from './StartFailed';
import { pickLocale, stringsFor } from './i18n';
import { isDarkOfficeTheme } from './theme';

function container(): HTMLElement {
  let el = document.getElementById('container');
  if (!el) {
    el = document.createElement('div');
    el.id = 'container';
    document.body.appendChild(el);
  }
  return el;
}

function renderNotice(root: Root, language: string | null, text: string): void {
  root.render(<Notice language={language} text={text} />);
}

/**
 * The manifest keeps older hosts out; a host that still gets here (an old manifest, a sideload) is told why at
 * once, instead of failing later at its first write. A host that cannot answer gets the pane.
 */
function belowMinimumApi(): boolean {
  try {
    const requirements = Office.context?.requirements;
    return Boolean(requirements) && !requirements.isSetSupported('ExcelApi', MIN_EXCEL_API);
  } catch {
    return false; // feature detection: a host that cannot answer gets the pane, whose writes say what fails
  }
}

function start(): void {
  const root = createRoot(container());
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') {
    const language = typeof navigator !== 'undefined' ? navigator.language : null;
    renderNotice(root, language, stringsFor(language).notInExcel);
    return;
  }
  Office.onReady((info) => {
    const language = Office.context?.displayLanguage ?? null;
    document.documentElement.lang = pickLocale(language) === 'en-US' ? 'en' : 'zh-CN';
    const strings = stringsFor(language);
    if (info.host !== Office.HostType.Excel) {
      renderNotice(root, language, strings.notInExcel);
      return;
    }
    if (belowMinimumApi()) {
      renderNotice(root, language, strings.hostTooOld(MIN_EXCEL_API));
      return;
    }
    try {
      const host = createExcelHost();
      const dark = isDarkOfficeTheme(Office.context?.officeTheme);
      root.render(
        <StartFailed language={language}>
          <App host={host} language={language} dark={dark} />
        </StartFailed>,
      );
    } catch (err) {
      renderNotice(root, language, userMessage(err, strings));
    }
  });
}

start();
