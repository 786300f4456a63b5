/**
 * What a user sees when the pane or the page cannot start or crashes while rendering: the title and one sentence,
 * never a blank pane. Office-free, so the standalone page uses it too.
 */
import * as React from 'react';
import { userMessage } from './errors';
import { stringsFor } from './i18n';

/** A plain page with one sentence, for when the pane cannot start (not in Excel, office.js missing). */
export function Notice({ language, text }: { language: string | null; text: string }) {
  return (
    <main style={{ padding: 12, fontSize: 14 }}>
      <h1 style={{ fontSize: 20, margin: '0 0 8px' }}>{stringsFor(language).appTitle}</h1>
      <p role="alert">{text}</p>
    </main>
  );
}

/**
 * root.render() returns before anything renders, so a try/catch around it catches nothing: an error while the
 * pane renders or in one of its effects would leave a blank pane. This boundary shows the notice instead.
 */
export class StartFailed extends React.Component<{ language: string | null; children: React.ReactNode }, { failed: boolean; error: unknown }> {
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

