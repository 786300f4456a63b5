/**
 * The page's county view (issue 14): with two or more workbooks open, the 审核情况 table — the very rows of the
 * county workbook's 审核情况 sheet (core/county/plan.ts), those to call back first — with each township opening its
 * file's findings, and the county workbook and .docx to download (the same WritePlan and report as the CLI's merge).
 */
import * as React from 'react';
import { Button, Link, ProgressBar, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { CountyDefinitions } from '../core/definitions/types';
import { SEVERITY_MARKS, severityLabel } from '../core/present';
import type { CellSpec, Finding, Severity } from '../core/types';
import { isFileReadError } from '../file/errors';
import type { DefinitionsStore } from '../taskpane/definitionsStore';
import { Message } from '../taskpane/Message';
import { userMessage } from '../taskpane/errors';
import { useStrings } from '../taskpane/i18n';
import { XLSX_MIME, downloadBlob, loadFileModule, type FileHost, type FileModule } from './FileHost';
import type { PreviousRound } from '../core/county/rounds';
import { fileBytes } from '../taskpane/Definitions';
import type { CountyOutcome, CountyPart } from './county';
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
  detail: { display: 'block', marginTop: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground2, fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  findings: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM, minWidth: 0 },
  h3: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { borderLeftWidth: '3px', borderLeftStyle: 'solid', paddingLeft: tokens.spacingHorizontalS, minWidth: 0 },
  itemError: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  itemVerify: { borderLeftColor: tokens.colorPaletteDarkOrangeBorderActive },
  itemHint: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  message: { margin: 0, overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  severity: { fontWeight: tokens.fontWeightSemibold, marginInlineEnd: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  hint: { color: tokens.colorPaletteBlueForeground2 },
  open: { textAlign: 'start', overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200, minHeight: '24px' },
  nowrap: { whiteSpace: 'nowrap' },
  // a narrow page scrolls the table sideways rather than folding its long texts into columns a few characters wide
  wide: { minWidth: '13em' },
  file: { minWidth: '9em' },
});

/** Columns of 审核情况 whose texts are long (文件, 缺少的必填指标, 汇总情况, 需要做的): kept readable at 320 px. */
const LONG_COLUMNS: Record<number, 'wide' | 'file'> = { 2: 'file', 8: 'wide', 10: 'wide', 11: 'file' };

const itemClass = (sev: Severity, styles: ReturnType<typeof useStyles>) => (sev === 'error' ? styles.itemError : sev === 'verify' ? styles.itemVerify : styles.itemHint);
const severityClass = (sev: Severity, styles: ReturnType<typeof useStyles>) => (sev === 'error' ? styles.error : sev === 'verify' ? styles.verify : styles.hint);

/**
 * The findings across townships (the county's own: a township sent twice, units that differ, a figure far from the
 * others, another report year…), gravest first, each with its severity as the page's lists name it (● 错误, ▲ 待核实,
 * ○ 提示) and the core's sentence naming both townships and files; where it is about a township's file, a button
 * opens that file's findings, as the township's name in the table does.
 */
function CountyFindings({ findings, filesOf, canOpen, onOpen }: { findings: Finding[]; filesOf: Record<string, string[]>; canOpen(file: string): boolean; onOpen(file: string): void }) {
  const w = useWebStrings();
  const styles = useStyles();
  const id = React.useId();
  const count = (sev: Severity) => findings.filter((f) => f.severity === sev).length;
  return (
    <section className={styles.findings} aria-labelledby={`${id}-h`} data-testid="county-findings">
      <h3 id={`${id}-h`} className={styles.h3}>
        {w.countyFindings}
        {findings.length ? <span className={styles.nowrap}>（{w.fileCounts(count('error'), count('verify'), count('hint'))}）</span> : null}
      </h3>
      {findings.length === 0 ? (
        <p className={styles.muted} data-testid="county-findings-none">
          {w.countyFindingsNone}
        </p>
      ) : (
        <ul className={styles.list} aria-label={w.countyFindingsList}>
          {findings.map((f) => {
            const files = (filesOf[f.id] ?? []).filter(canOpen);
            return (
              <li key={f.id} className={[styles.item, itemClass(f.severity, styles)].join(' ')} data-testid="county-finding" data-rule={f.rule} data-severity={f.severity}>
                <p className={styles.message}>
                  <span className={[styles.severity, severityClass(f.severity, styles)].join(' ')}>
                    {SEVERITY_MARKS[f.severity]} {severityLabel(f.severity)}
                  </span>
                  <span lang="zh-CN">{f.message}</span>
                </p>
                {files.length ? (
                  <div className={styles.buttons}>
                    {files.map((file) => (
                      <Link key={file} as="button" className={styles.open} onClick={() => onOpen(file)} data-testid="county-finding-open" data-file={file}>
                        {w.countyOpen(file)}
                      </Link>
                    ))}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export interface CountyPanelProps {
  /** The open workbooks, by the page's id; `label` is the name the file list shows (numbered when two share one). */
  books: { id: string; host: FileHost; label: string }[];
  /** Files dropped that could not be opened, with the reader's message: rows of the table (无法读取), never dropped. */
  unreadable?: { id: string; label: string; message: string }[];
  /** Open a file's findings (the page shows and checks it). */
  onOpen: (id: string) => void;
  /** Take an unreadable file out of the table. */
  onRemove?: (id: string) => void;
  /** Where the county's definitions are (the same store as the panes' 县级指标定义 panel). */
  definitionsStore: DefinitionsStore;
  /** How src/file is loaded (tests). */
  load?: () => Promise<FileModule>;
}

const show = (c: CellSpec | undefined): string => (c == null || c.v == null ? '' : String(c.v));

/** Let the page paint (the progress, a click) between two files checked in the page. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A file's part of the county as last checked: reused while its bytes and the definitions are the same. */
type Cached = { bytes: Uint8Array; definitions: CountyDefinitions | null; label: string; part: CountyPart };

export function CountyPanel({ books, unreadable = [], onOpen, onRemove, definitionsStore, load = loadFileModule }: CountyPanelProps) {
  const s = useStrings();
  const w = useWebStrings();
  const styles = useStyles();
  const [outcome, setOutcome] = React.useState<CountyOutcome | null>(null);
  const [failed, setFailed] = React.useState<string | null>(null);
  const [saving, setSaving] = React.useState(false);
  const [notice, setNotice] = React.useState<string | null>(null);
  const [progress, setProgress] = React.useState<{ done: number; total: number; file: string } | null>(null);
  /** The county's definitions in use: undefined until the store has answered. */
  const [definitions, setDefinitions] = React.useState<CountyDefinitions | null | undefined>(undefined);
  const [definitionsError, setDefinitionsError] = React.useState<string | null>(null);
  /** Bumped when an open file's bytes change (an explanation written into it): that file is checked again. */
  const [version, setVersion] = React.useState(0);
  const cache = React.useRef(new Map<string, Cached>());
  /** 与上次比较: the previous round's county workbook (its 审核明细), as `merge --since` takes it. */
  const [since, setSince] = React.useState<PreviousRound | null>(null);
  const [sinceError, setSinceError] = React.useState<string | null>(null);
  const sinceInput = React.useRef<HTMLInputElement>(null);

  React.useEffect(() => {
    let live = true;
    definitionsStore.load().then(
      (defs) => live && setDefinitions((d) => (d === undefined ? defs : d)),
      (err) => {
        if (!live) return;
        // the panes say the same; the county is then built over the built-in catalog, and says so
        setDefinitionsError(err instanceof Error ? err.message : String(err));
        setDefinitions((d) => (d === undefined ? null : d));
      },
    );
    const unsubscribe = definitionsStore.subscribe?.((defs) => live && setDefinitions(defs));
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [definitionsStore]);

  const key = [...books.map((b) => `${b.id}:${b.label}`), ...unreadable.map((u) => `${u.id}:${u.label}:${u.message}`)].join('|');

  React.useEffect(() => {
    const offs = books.map((b) => b.host.subscribe((e) => e.type === 'change' && setVersion((v) => v + 1)));
    return () => offs.forEach((off) => off());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  React.useEffect(() => {
    if (definitions === undefined) return;
    let live = true;
    const current = () => live;
    setFailed(null);
    void (async () => {
      try {
        const { consolidateParts, countyPartOfBook, failedPart, unreadablePart } = await import(/* webpackChunkName: "county" */ './county');
        const opts = definitions ? { definitions } : {};
        const parts: CountyPart[] = [];
        for (const [i, { id, host, label }] of books.entries()) {
          if (!current()) return;
          const hit = cache.current.get(id);
          if (hit && hit.bytes === host.bytes && hit.definitions === definitions && hit.label === label) {
            parts.push(hit.part);
            continue;
          }
          setProgress({ done: i, total: books.length, file: label });
          const bytes = host.bytes;
          let part: CountyPart;
          try {
            // in the check worker where the browser allows one; else in the page, one file per task
            part = (await host.countyPartOffThread(label, opts)) ?? (await nextTask(), countyPartOfBook(label, await host.read(), definitions));
          } catch (err) {
            // a file that cannot be read or checked is a row of the checklist, not the end of the county: the
            // reader refusing it is 无法读取 with its reason; any other error is the tool failing (检查出错), the
            // row saying so in Chinese and what to do, the error's own words beside it for technical support
            if (isFileReadError(err)) part = unreadablePart(label, userMessage(err, s));
            else {
              console.error(`检查“${label}”时出错：`, err);
              part = failedPart(label, err);
            }
          }
          cache.current.set(id, { bytes, definitions, label, part });
          parts.push(part);
        }
        for (const id of [...cache.current.keys()]) if (!books.some((b) => b.id === id)) cache.current.delete(id);
        for (const u of unreadable) parts.push(unreadablePart(u.label, u.message));
        if (!current()) return;
        const next = consolidateParts(parts, { previousRound: since });
        if (next.sinceProblem) setSinceError(next.sinceProblem);
        setOutcome(next);
        setProgress(null);
      } catch (err) {
        if (!current()) return;
        setProgress(null);
        setFailed(w.countyFailed(userMessage(err, s)));
      }
    })();
    return () => {
      // a newer run (files, definitions or a file's bytes changed) supersedes this one
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, definitions, version, since]);

  const chooseSince = async (f: File) => {
    setSinceError(null);
    try {
      const m = await load();
      const bytes = await fileBytes(f);
      const book = await (m.readWorkbook ?? m.readXlsx)(bytes, f.name);
      const { previousRoundOf } = await import(/* webpackChunkName: "county" */ './county');
      const previous = previousRoundOf(book, f.name);
      if ('error' in previous) setSinceError(previous.error);
      else setSince(previous);
    } catch (err) {
      setSinceError(w.countySinceFailed(f.name, userMessage(err, s)));
    }
  };

  const idOf = new Map(books.map((b) => [b.label, b.id]));
  const unreadableOf = new Map(unreadable.map((u) => [u.label, u.id]));
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
  const working = progress ? (
    <div data-testid="county-progress" data-done={progress.done} data-total={progress.total}>
      <ProgressBar value={progress.done / Math.max(1, progress.total)} aria-label={w.countyProgress(progress.done, progress.total, progress.file)} />
      <p className={styles.muted}>{w.countyProgress(progress.done, progress.total, progress.file)}</p>
    </div>
  ) : null;
  const definitionsLine = (
    <p className={styles.muted} data-testid="county-definitions">
      {definitions ? w.countyDefinitions(definitions.name) : w.countyNoDefinitions}
      {definitionsError ? ` ${definitionsError}` : ''}
    </p>
  );
  if (!outcome)
    return (
      <>
        {working ?? <Spinner size="tiny" label={w.countyWorking(books.length + unreadable.length)} data-testid="county-working" />}
        {definitions !== undefined ? definitionsLine : null}
      </>
    );
  const failureOf = new Map(outcome.county.inputs.filter((i) => i.failure != null).map((i) => [i.file, i.failure!]));
  const sheet = outcome.plan.sheets[0];
  const [summary, header, ...rows] = sheet.rows;
  return (
    <div data-testid="county" aria-busy={progress ? 'true' : undefined}>
      {working}
      <p className={styles.muted} data-testid="county-summary">
        {show(summary?.[0])} {w.countyHint}
      </p>
      {definitionsLine}
      <div className={styles.buttons}>
        <Button onClick={() => void download('xlsx')} disabled={saving} data-testid="county-workbook">
          {w.countyWorkbook}
        </Button>
        <Button onClick={() => void download('docx')} disabled={saving} data-testid="county-docx">
          {w.countyDocx}
        </Button>
        <Button onClick={() => sinceInput.current?.click()} data-testid="county-since">
          {w.countySince}
        </Button>
        <input
          ref={sinceInput}
          type="file"
          accept=".xlsx,.xlsm,.xls,.et,.ods"
          hidden
          data-testid="county-since-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void chooseSince(f);
          }}
        />
      </div>
      {since ? (
        <p className={styles.muted} data-testid="county-since-active">
          {w.countySinceActive(since.file, since.round)}{' '}
          <Button size="small" appearance="subtle" onClick={() => setSince(null)} data-testid="county-since-clear">
            {w.countySinceClear}
          </Button>
        </p>
      ) : null}
      {sinceError ? (
        <Message intent="error" testId="county-since-error" onDismiss={() => setSinceError(null)}>
          {sinceError}
        </Message>
      ) : null}
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
              const gone = unreadableOf.get(file);
              const failure = failureOf.get(file);
              return (
                <tr key={r} data-testid="county-row" data-file={file} data-failed={failure != null ? 'true' : undefined}>
                  {row.map((c, i) => (
                    <td
                      key={i}
                      className={[styles.td, LONG_COLUMNS[i] ? styles[LONG_COLUMNS[i]] : '', c?.style === 'error' ? styles.error : c?.style === 'verify' ? styles.verify : ''].join(' ')}
                      title={i === 10 && failure != null ? w.countyFailureDetail(failure) : undefined}
                    >
                      {i === 1 && id ? (
                        <Button size="small" appearance="transparent" aria-label={w.countyOpen(show(c) || file)} onClick={() => onOpen(id)} data-testid="county-open">
                          {show(c) || file}
                        </Button>
                      ) : i === 1 && gone && onRemove ? (
                        <Button size="small" appearance="subtle" aria-label={w.countyRemove(file)} onClick={() => onRemove(gone)} data-testid="county-remove">
                          {w.countyRemoveShort}
                        </Button>
                      ) : i === 10 && failure != null ? (
                        <>
                          {show(c)}
                          <small className={styles.detail} data-testid="county-failure-detail">
                            {w.countyFailureDetail(failure)}
                          </small>
                        </>
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
      <CountyFindings
        findings={outcome.county.findings}
        filesOf={outcome.findingFiles}
        canOpen={(file) => idOf.has(file)}
        onOpen={(file) => {
          const id = idOf.get(file);
          if (id) onOpen(id);
        }}
      />
    </div>
  );
}
