/**
 * 下载空白模板 on the page (issue 12): the blank indicator workbook of the catalog in use — the built-in one, or
 * with the county's definitions loaded in the page's 县级指标定义 panel or any open file's (the page's one store,
 * which every pane shares) — built by the same core plan as the CLI's `template` and the pane's 插入空白模板, written as a new .xlsx
 * in the browser and downloaded. Nothing leaves the browser.
 */
import * as React from 'react';
import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { CountyDefinitions } from '../core/definitions/types';
import type { DefinitionsStore } from '../taskpane/definitionsStore';
import { userMessage } from '../taskpane/errors';
import { useStrings } from '../taskpane/i18n';
import { Message } from '../taskpane/Message';
import { XLSX_MIME, downloadBlob, loadFileModule, type FileModule } from './FileHost';
import { useWebStrings } from './strings';

const useStyles = makeStyles({
  /** On a line of its own below the buttons it sits among (they wrap). */
  line: { flexBasis: '100%', minWidth: 0 },
  text: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});

export interface TemplateDownloadProps {
  /** How src/file is loaded (tests pass their own). */
  load?: () => Promise<FileModule>;
  /** The page's store of the county's definitions, which every file's pane loads into and removes from. */
  store: DefinitionsStore;
}

export function TemplateDownload({ load = loadFileModule, store }: TemplateDownloadProps) {
  const s = useStrings();
  const w = useWebStrings();
  const styles = useStyles();
  const [definitions, setDefinitions] = React.useState<CountyDefinitions | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [done, setDone] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  React.useEffect(() => {
    let live = true;
    // a store that cannot give them back says so in every pane's panel; here the template follows what there is
    store.load().then(
      (d) => live && setDefinitions(d),
      (err) => live && setError(userMessage(err, s)),
    );
    const unsubscribe = store.subscribe?.((d) => live && setDefinitions(d));
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [store, s]);

  const download = async () => {
    setBusy(true);
    setDone(null);
    setError(null);
    try {
      const [{ blankTemplateFor, templateFileName }, m] = await Promise.all([import('../core/plan/template'), load()]);
      if (!m.planToNewXlsx) throw new Error(w.templateFailed('planToNewXlsx'));
      const bytes = await m.planToNewXlsx(blankTemplateFor(definitions));
      const name = templateFileName(definitions);
      downloadBlob(new Blob([bytes as BlobPart], { type: XLSX_MIME }), name);
      setDone(w.downloaded(name));
    } catch (err) {
      setError(w.templateFailed(userMessage(err, s)));
    } finally {
      setBusy(false);
    }
  };

  // a button among the page's buttons; what it follows is its description, and said below it once the county's
  // definitions are in use (the page stays short on a phone)
  const source = w.templateOf(definitions?.name ?? null);
  const id = React.useId();
  return (
    <>
      <Button onClick={() => void download()} disabled={busy} title={source} aria-describedby={`${id}-source`} data-testid="download-template">
        {w.downloadTemplate}
      </Button>
      <p id={`${id}-source`} className={mergeClasses(styles.line, styles.text)} hidden={!definitions} data-testid="template-source">
        {source}
      </p>
      <div className={styles.line} aria-live="polite">
        {done ? (
          <p className={styles.text} data-testid="template-downloaded">
            {done}
          </p>
        ) : null}
      </div>
      {error ? (
        <div className={styles.line}>
          <Message intent="error" title={s.errorTitle} testId="template-error" onDismiss={() => setError(null)}>
            {error}
          </Message>
        </div>
      ) : null}
    </>
  );
}
