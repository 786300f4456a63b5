/** The Excel task pane: a title, one sentence on what it does, and the shared pane, in one main landmark. */
import * as React from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { WorkbookHost } from '../core/types';
import type { Engine } from './engine';
import { stringsFor, useStrings } from './i18n';
import { Pane, PaneProviders } from './Pane';

/**
 * 检查报告文稿 is loaded after the pane's first screen (its own chunk): the first bundle of an Excel pane stays within
 * its 200 KB gzipped budget, and the section appears a moment after the pane.
 */
const ReportCheck = React.lazy(() => import('./ReportCheck').then((m) => ({ default: m.ReportCheck })));

const useStyles = makeStyles({
  main: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    maxWidth: '100%',
    boxSizing: 'border-box',
    overflowX: 'hidden',
    color: tokens.colorNeutralForeground1,
  },
  h1: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  intro: {
    margin: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalM}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
});

export interface AppProps {
  host: WorkbookHost;
  /** The host's display language (`Office.context.displayLanguage`); English when it starts with `en`. */
  language?: string | null;
  engine?: Engine;
  /** The user's Office theme is dark (see theme.ts). */
  dark?: boolean;
}

function TaskpaneBody({ host, engine }: AppProps) {
  const styles = useStyles();
  const s = useStrings();
  return (
    <main className={styles.main}>
      <h1 className={styles.h1}>{s.appTitle}</h1>
      <p className={styles.intro} data-testid="intro">
        {s.intro}
      </p>
      <Pane host={host} engine={engine} />
      {/* issue 13: the report's text (a text sheet of this workbook, or a .docx picked) against this workbook */}
      <React.Suspense fallback={null}>
        <ReportCheck host={host} allowPick />
      </React.Suspense>
    </main>
  );
}

export function App({ host, language, engine, dark }: AppProps) {
  const strings = stringsFor(language);
  return (
    <PaneProviders strings={strings} dark={dark}>
      <TaskpaneBody host={host} engine={engine} />
    </PaneProviders>
  );
}
