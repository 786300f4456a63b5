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

/** A plain page with one sentence, for when the pane cannot start (not in Excel, office.js missing). */
function Notice({ language, text }: { language: string | null; text: string }) {
  return (
    <main style={{ padding: 12, fontSize: 14 }}>
      <h1 style={{ fontSize: 20, margin: '0 0 8px' }}>{stringsFor(language).appTitle}</h1>
      <p role="alert">{text}</p>
    </main>
  );
}

function renderNotice(root: Root, language: string | null, text: string): void {
  root.render(<Notice language={language} text={text} />);
}

/**
 * root.render() returns before anything renders, so a try/catch around it catches nothing: an error while the
 * pane renders or in one of its effects would leave a blank pane. This boundary shows the notice instead.
 */
class StartFailed extends React.Component<{ language: string | null; children: React.ReactNode }, { failed: boolean; error: unknown }> {
  override state = { failed: false, error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { failed: true, error };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const { language } = this.props;
    return <Notice language={language} text={userMessage(this.state.error, stringsFor(language))} />;
  }
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
    return false;
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
      root.render(
        <StartFailed language={language}>
          <App host={host} language={language} />
        </StartFailed>,
      );
    } catch (err) {
      renderNotice(root, language, userMessage(err, strings));
    }
  });
}

start();
