/**
 * The page's county view (issue 14): with two or more workbooks open, the 审核情况 table — the very rows of the
 * county workbook's 审核情况 sheet (core/county/plan.ts), those to call back first — with each township opening its
 * file's findings, and the county workbook and .docx to download (the same WritePlan and report as the CLI's merge).
 */
import * as React from 'react';
import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { CellSpec } from '../core/types';
import { Message } from '../taskpane/Message';
import { userMessage } from '../taskpane/errors';
import { useStrings } from '../taskpane/i18n';
import { XLSX_MIME, downloadBlob, loadFileModule, type FileHost, type FileModule } from './FileHost';
import type { CountyOutcome } from './county';
import { useWebStrings } from './strings';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, minWidth: '100%' },
  th: { textAlign: 'start', padding: tokens.spacingHorizontalXS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, whiteSpace: 'nowrap' },
  td: { padding: tokens.spacingHorizontalXS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, verticalAlign: 'top' },
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  verify: { color: tokens.colorPaletteDarkOrangeForeground1 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  muted: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export interface CountyPanelProps {
  /** The open workbooks, by the page's id; `label` is the name the file list shows (numbered when two share one). */
  books: { id: string; host: FileHost; label: string }[];
  /** Open a file's findings (the page shows and checks it). */
  onOpen: (id: string) => void;
  /** How src/file is loaded (tests). */
  load?: () => Promise<FileModule>;
}

const show = (c: CellSpec | undefined): string => (c == null || c.v == null ? '' : String(c.v));

export function CountyPanel({ books, onOpen, load = loadFileModule }: CountyPanelProps) {
  const s = useStrings();
  const w = useWebStrings();
  const styles = useStyles();
  const [outcome, setOutcome] = React.useState<CountyOutcome | null>(null);
  const [failed, setFailed] = React.useState<string | null>(null);
  const [saving, setSaving] = React.useState(false);
  const [notice, setNotice] = React.useState<string | null>(null);
  const key = books.map((b) => b.id).join(',');

  React.useEffect(() => {
    let live = true;
    setOutcome(null);
    setFailed(null);
    void (async () => {
      try {
        const sources = await Promise.all(
          books.map(async ({ host, label }) => {
            try {
              return { file: label, book: await host.read() };
            } catch (err) {
              // a file that cannot be read is a row of the checklist (无法读取), not the end of the county
              return { file: label, book: { error: userMessage(err, s) } };
            }
          }),
        );
        const { consolidateBooks } = await import(/* webpackChunkName: "county" */ './county');
        if (live) setOutcome(consolidateBooks(sources));
      } catch (err) {
        if (live) setFailed(w.countyFailed(userMessage(err, s)));
      }
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const idOf = new Map(books.map((b) => [b.label, b.id]));
  const download = async (what: 'xlsx' | 'docx') => {
    if (!outcome) return;
    setSaving(true);
    setNotice(null);
    try {
      const m = await load();
      if (what === 'xlsx') {
        if (!m.planToNewXlsx) throw new Error('此版本无法在浏览器中写出汇总表');
        const bytes = await m.planToNewXlsx(outcome.plan);
        downloadBlob(new Blob([bytes as BlobPart], { type: XLSX_MIME }), w.countyWorkbookName);
        setNotice(w.downloaded(w.countyWorkbookName));
      } else {
        const out = await m.reportDocx(outcome.report);
        const type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
        downloadBlob(out instanceof Blob ? out : new Blob([out as BlobPart], { type }), w.countyDocxName);
        setNotice(w.downloaded(w.countyDocxName));
      }
    } catch (err) {
      setFailed(w.countyFailed(userMessage(err, s)));
    } finally {
      setSaving(false);
    }
  };

  if (failed)
    return (
      <Message intent="error" title={w.countyTitle} testId="county-error" onDismiss={() => setFailed(null)}>
        {failed}
      </Message>
    );
  if (!outcome) return <Spinner size="tiny" label={w.countyWorking(books.length)} data-testid="county-working" />;
  const sheet = outcome.plan.sheets[0];
  const [summary, header, ...rows] = sheet.rows;
  return (
    <div data-testid="county">
      <p className={styles.muted} data-testid="county-summary">
        {show(summary?.[0])} {w.countyHint}
      </p>
      <div className={styles.buttons}>
        <Button onClick={() => void download('xlsx')} disabled={saving} data-testid="county-workbook">
          {w.countyWorkbook}
        </Button>
        <Button onClick={() => void download('docx')} disabled={saving} data-testid="county-docx">
          {w.countyDocx}
        </Button>
      </div>
      {notice ? (
        <p className={styles.muted} role="status" data-testid="county-notice">
          {notice}
        </p>
      ) : null}
      <div className={styles.scroll}>
        <table className={styles.table} aria-label={w.countyTable} data-testid="county-table">
          <thead>
            <tr>
              {header.map((c, i) => (
                <th key={i} className={styles.th} scope="col">
                  {show(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => {
              const file = show(row[2]);
              const id = idOf.get(file);
              return (
                <tr key={r} data-testid="county-row" data-file={file}>
                  {row.map((c, i) => (
                    <td key={i} className={[styles.td, c?.style === 'error' ? styles.error : c?.style === 'verify' ? styles.verify : ''].join(' ')}>
                      {i === 1 && id ? (
                        <Button size="small" appearance="transparent" aria-label={w.countyOpen(show(c) || file)} onClick={() => onOpen(id)} data-testid="county-open">
                          {show(c) || file}
                        </Button>
                      ) : (
                        show(c)
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
