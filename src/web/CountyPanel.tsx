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
import { FileHost, XLSX_MIME, downloadBlob, loadFileModule, type FileHostOptions, type FileModule } from './FileHost';
import type { PreviousRound } from '../core/county/rounds';
import type { ExpectedList } from '../core/county/consolidate';
import type { ExpectedProblem } from '../core/county/expected';
import { localExpectedStore, type ExpectedStore, type StoredList } from './expectedStore';
import { fileBytes, loadedWhen } from '../taskpane/Definitions';
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
  options: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: `${tokens.spacingVerticalS} 0`, minWidth: 0 },
  option: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  summaryLine: { cursor: 'pointer', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  label: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1, marginInlineEnd: tokens.spacingHorizontalXS },
  line: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  problems: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteDarkOrangeForeground1, overflowWrap: 'anywhere' },
  drop: { border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  dropActive: { backgroundColor: tokens.colorBrandBackground2 },
  paste: {
    boxSizing: 'border-box',
    width: '100%',
    minWidth: 0,
    resize: 'vertical',
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    padding: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  select: {
    maxWidth: '100%',
    font: 'inherit',
    fontSize: tokens.fontSizeBase200,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
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
  /** How last year's files are read and checked (the page's FileHost options: the check worker, or in the page). */
  hostOptions?: FileHostOptions;
  /** Where the 乡镇名单 is remembered (default: the browser's localStorage). */
  expectedStore?: ExpectedStore;
}

/** One store of the 乡镇名单 for the page. */
const PAGE_EXPECTED = localExpectedStore();

/** The 乡镇名单 in use: as stored, and as the core's parser reads it. */
interface ExpectedState {
  stored: StoredList;
  list: ExpectedList | null;
  problems: ExpectedProblem[];
}

/** One of last year's files (去年的文件), read and checked like the open ones, used only as `previous` rows. */
interface LastYearFile {
  id: string;
  name: string;
  host: FileHost;
}

let lastYearIds = 0;

/** The year most townships give (the core's default), ties to the later one; null when none gives one. */
function majorityYear(years: (number | null)[]): number | null {
  const count = new Map<number, number>();
  for (const y of years) if (y != null) count.set(y, (count.get(y) ?? 0) + 1);
  let best: number | null = null;
  for (const [y, c] of count) if (best == null || c > count.get(best)! || (c === count.get(best) && y > best)) best = y;
  return best;
}

const show = (c: CellSpec | undefined): string => (c == null || c.v == null ? '' : String(c.v));

/** Let the page paint (the progress, a click) between two files checked in the page. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A file's part of the county as last checked: reused while its bytes and the definitions are the same. */
type Cached = { bytes: Uint8Array; definitions: CountyDefinitions | null; label: string; part: CountyPart };

export function CountyPanel({ books, unreadable = [], onOpen, onRemove, definitionsStore, load = loadFileModule, hostOptions, expectedStore = PAGE_EXPECTED }: CountyPanelProps) {
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
  /** 乡镇名单 (`merge --expect`): undefined until the store has answered. */
  const [expected, setExpected] = React.useState<ExpectedState | null | undefined>(undefined);
  const [expectedError, setExpectedError] = React.useState<string | null>(null);
  const [pasted, setPasted] = React.useState('');
  const listInput = React.useRef<HTMLInputElement>(null);
  /** 去年的文件 (`merge --previous`) and what the county keeps of each once checked. */
  const [lastYear, setLastYear] = React.useState<LastYearFile[]>([]);
  const [lastYearParts, setLastYearParts] = React.useState<Map<string, CountyPart>>(new Map());
  const lastYearCache = React.useRef(new Map<string, { definitions: CountyDefinitions | null; part: CountyPart }>());
  const lastYearInput = React.useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = React.useState(false);
  /** 报告年度 (`merge --year`): null = the year most files give. */
  const [year, setYear] = React.useState<number | null>(null);

  React.useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const stored = await expectedStore.load();
        if (!stored) {
          if (live) setExpected((e) => (e === undefined ? null : e));
          return;
        }
        const { parseExpectedList } = await import(/* webpackChunkName: "county" */ './county');
        if (live) setExpected((e) => (e === undefined ? { stored, ...parseExpectedList(stored.text, stored.name) } : e));
      } catch (err) {
        if (!live) return;
        // a stored list that cannot be read is said, and the county is built without one
        setExpectedError(userMessage(err, s));
        setExpected((e) => (e === undefined ? null : e));
      }
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expectedStore]);

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
    if (definitions === undefined || expected === undefined) return;
    let live = true;
    const current = () => live;
    setFailed(null);
    void (async () => {
      try {
        const { consolidateParts, countyPartOfBook, failedPart, unreadablePart } = await import(/* webpackChunkName: "county" */ './county');
        const opts = definitions ? { definitions } : {};
        const partOf = async (host: FileHost, label: string): Promise<CountyPart> => {
          try {
            // in the check worker where the browser allows one; else in the page, one file per task
            return (await host.countyPartOffThread(label, opts)) ?? (await nextTask(), countyPartOfBook(label, await host.read(), definitions));
          } catch (err) {
            // a file that cannot be read or checked is a row of the checklist, not the end of the county: the
            // reader refusing it is 无法读取 with its reason; any other error is the tool failing (检查出错), the
            // row saying so in Chinese and what to do, the error's own words beside it for technical support
            if (isFileReadError(err)) return unreadablePart(label, userMessage(err, s));
            console.error(`检查“${label}”时出错：`, err);
            return failedPart(label, err);
          }
        };
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
          const part = await partOf(host, label);
          cache.current.set(id, { bytes, definitions, label, part });
          parts.push(part);
        }
        for (const id of [...cache.current.keys()]) if (!books.some((b) => b.id === id)) cache.current.delete(id);
        for (const u of unreadable) parts.push(unreadablePart(u.label, u.message));
        // last year's files: checked the same way (and again when the definitions change), kept only as `previous`
        const lastParts = new Map<string, CountyPart>();
        for (const [i, { id, host, name }] of lastYear.entries()) {
          if (!current()) return;
          const hit = lastYearCache.current.get(id);
          let part = hit && hit.definitions === definitions ? hit.part : null;
          if (!part) {
            setProgress({ done: i, total: lastYear.length, file: w.previousLabel(name) });
            part = await partOf(host, name);
            lastYearCache.current.set(id, { definitions, part });
          }
          lastParts.set(id, part);
        }
        for (const id of [...lastYearCache.current.keys()]) if (!lastYear.some((f) => f.id === id)) lastYearCache.current.delete(id);
        if (!current()) return;
        const previous = [...lastParts.values()].filter((p) => p.input.status.readable);
        const next = consolidateParts(parts, { previousRound: since, expect: expected?.list ?? null, previous, year });
        setLastYearParts(lastParts);
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
  }, [key, definitions, version, since, expected, lastYear, year]);

  /** A 乡镇名单 given (pasted, a .txt/.csv, or a sheet's rows): parsed by the core, used at once and remembered. */
  const applyList = async (name: string, text: string) => {
    setExpectedError(null);
    const { emptyListMessage, parseExpectedList } = await import(/* webpackChunkName: "county" */ './county');
    const parsed = parseExpectedList(text, name);
    if (!parsed.list) {
      setExpectedError(emptyListMessage(name));
      return;
    }
    const stored: StoredList = { name, text, loadedAt: new Date().toISOString() };
    setExpected({ stored, ...parsed });
    setPasted('');
    try {
      await expectedStore.save(stored);
    } catch (err) {
      // StoreError: the browser keeps nothing; the list still applies while the page is open
      setExpectedError(userMessage(err, s));
    }
  };

  const openList = async (f: File) => {
    setExpectedError(null);
    let text: string;
    try {
      const bytes = new Uint8Array(await fileBytes(f));
      const county = await import(/* webpackChunkName: "county" */ './county');
      if (county.listIsText(f.name)) text = (await import('../file/csv')).decodeText(bytes);
      else {
        const m = await load();
        text = county.listTextOfBook(await (m.readWorkbook ?? m.readXlsx)(bytes, f.name));
      }
    } catch (err) {
      setExpectedError(w.expectedUnreadable(f.name, userMessage(err, s)));
      return;
    }
    await applyList(f.name, text);
  };

  const removeList = async () => {
    setExpected(null);
    setExpectedError(null);
    try {
      await expectedStore.clear();
    } catch (err) {
      setExpectedError(userMessage(err, s));
    }
  };

  const addLastYear = async (files: File[]) => {
    const added: LastYearFile[] = [];
    for (const f of files) added.push({ id: `prev-${++lastYearIds}`, name: f.name, host: new FileHost(f.name, new Uint8Array(await fileBytes(f)), hostOptions ?? {}) });
    if (added.length) setLastYear((list) => [...list, ...added]);
  };

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
  // 乡镇名单: one line when in use (how many townships, from which list, when loaded) with 移除名单; else folded
  // to one line that opens to the paste box and the file button; a line of the list not used is said by its number
  const problems = expected?.problems ?? [];
  const listButtons = (
    <div className={styles.buttons}>
      <Button size="small" onClick={() => listInput.current?.click()} data-testid="expected-open">
        {w.expectedOpen}
      </Button>
      <input
        ref={listInput}
        type="file"
        accept=".txt,.csv,.xlsx,.xlsm,.xls,.et,.ods"
        hidden
        aria-label={w.expectedOpen}
        data-testid="expected-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void openList(f);
        }}
      />
    </div>
  );
  const expectedBlock = (
    <div className={styles.option} data-testid="expected">
      {expected?.list ? (
        <>
          <p className={styles.line}>
            <span data-testid="expected-status">{w.expectedActive(expected.list.entries.length, expected.stored.name, loadedWhen(expected.stored.loadedAt))}</span>{' '}
            <Button size="small" appearance="subtle" onClick={() => void removeList()} data-testid="expected-remove">
              {w.expectedRemove}
            </Button>
          </p>
          {problems.length ? (
            <>
              <p className={styles.line}>{w.expectedProblems(problems.length)}</p>
              <ul className={styles.problems} data-testid="expected-problems">
                {problems.map((p) => (
                  <li key={p.line} lang="zh-CN">
                    {p.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <details className={styles.option}>
          <summary className={styles.summaryLine}>
            <span className={styles.label}>{w.expectedTitle}</span>
            <span data-testid="expected-status">{w.expectedNone}</span>
          </summary>
          <p className={styles.line}>{w.expectedHelp}</p>
          {/* native controls: Fluent's Textarea and Select would add to the vendor chunk the Excel pane loads first */}
          <textarea
            className={styles.paste}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder={w.expectedPastePlaceholder}
            aria-label={w.expectedPaste}
            rows={4}
            data-testid="expected-paste"
          />
          <div className={styles.buttons}>
            <Button size="small" disabled={!pasted.trim()} onClick={() => void applyList(w.expectedPastedName, pasted)} data-testid="expected-use">
              {w.expectedUsePaste}
            </Button>
            {listButtons}
          </div>
        </details>
      )}
      {expectedError ? (
        <Message intent="error" testId="expected-error" onDismiss={() => setExpectedError(null)}>
          {expectedError}
        </Message>
      ) : null}
    </div>
  );

  // 去年的文件: folded to one line saying how many were read and naming those that could not be used
  const wrongYear = new Map<string, string>();
  for (const p of outcome?.previousProblems ?? []) {
    const f = lastYear.find((x) => p.startsWith(`“${x.name}”`));
    if (f) wrongYear.set(f.id, p);
  }
  const lastYearNote = (f: LastYearFile): { ok: boolean | null; text: string } => {
    const part = lastYearParts.get(f.id);
    if (!part) return { ok: null, text: w.previousChecking };
    const st = part.input.status;
    if (!st.readable) return { ok: false, text: st.failure ? `${st.message ?? ''}（${st.failure}）` : (st.message ?? '') };
    const wrong = wrongYear.get(f.id);
    return wrong ? { ok: false, text: wrong } : { ok: true, text: w.previousRead(st.year) };
  };
  const notes = lastYear.map((f) => ({ f, ...lastYearNote(f) }));
  const bad = notes.filter((n) => n.ok === false);
  const lastYearBlock = (
    <div className={styles.option} data-testid="previous">
      <details className={styles.option}>
        <summary className={styles.summaryLine}>
          <span className={styles.label}>{w.previousTitle}</span>
          <span data-testid="previous-status">{lastYear.length ? w.previousStatus(notes.filter((n) => n.ok).length, bad.length) : w.previousNone}</span>
        </summary>
        <div
          className={[styles.drop, dragging ? styles.dropActive : ''].join(' ')}
          data-testid="previous-drop"
          onDragOver={(e) => {
            e.preventDefault();
            e.stopPropagation();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            // last year's files are no files of this year: the page's own drop zone never sees them
            e.preventDefault();
            e.stopPropagation();
            setDragging(false);
            void addLastYear(Array.from(e.dataTransfer?.files ?? []));
          }}
        >
          <p className={styles.line}>{w.previousHelp}</p>
          <div className={styles.buttons}>
            <Button size="small" onClick={() => lastYearInput.current?.click()} data-testid="previous-add">
              {w.previousAdd}
            </Button>
            {lastYear.length ? (
              <Button size="small" appearance="subtle" onClick={() => setLastYear([])} data-testid="previous-clear">
                {w.previousRemoveAll}
              </Button>
            ) : null}
            <input
              ref={lastYearInput}
              type="file"
              multiple
              accept=".xlsx,.xlsm,.xls,.et,.ods,.csv"
              hidden
              aria-label={w.previousAdd}
              data-testid="previous-input"
              onChange={(e) => {
                const files = Array.from(e.target.files ?? []);
                e.target.value = '';
                void addLastYear(files);
              }}
            />
          </div>
          {notes.length ? (
            <ul className={styles.list} aria-label={w.previousTitle}>
              {notes.map(({ f, ok, text }) => (
                <li key={f.id} className={styles.line} data-testid="previous-file" data-name={f.name} data-ok={ok == null ? undefined : String(ok)}>
                  “{f.name}”：{ok === false ? w.previousUnused : text}{' '}
                  <Button size="small" appearance="subtle" aria-label={w.previousRemove(f.name)} onClick={() => setLastYear((list) => list.filter((x) => x.id !== f.id))} data-testid="previous-remove">
                    {w.countyRemoveShort}
                  </Button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </details>
      {bad.length ? (
        <ul className={styles.problems} data-testid="previous-problems">
          {bad.map(({ f, text }) => (
            <li key={f.id} lang="zh-CN">
              {text.includes(`“${f.name}”`) ? text : `“${f.name}”：${text}`}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );

  // 报告年度: only when the files are of different years (or one was chosen); the core's default is the majority
  const townshipYears = outcome ? [...outcome.county.rows, ...outcome.county.refused].map((r) => r.row.year) : [];
  const years = [...new Set([...townshipYears.filter((y): y is number => y != null), ...(year != null ? [year] : [])])].sort((a, b) => b - a);
  const yearBlock =
    years.length > 1 || year != null ? (
      <div className={styles.option} data-testid="county-year">
        <p className={styles.line}>{w.yearMixed(years.map((y) => w.yearOption(y)).join('、'))}</p>
        <label className={styles.line}>
          <span className={styles.label}>{w.yearTitle}</span>
          <select
            className={styles.select}
            value={year == null ? '' : String(year)}
            onChange={(e) => setYear(e.target.value ? Number(e.target.value) : null)}
            data-testid="county-year-select"
          >
            <option value="">{w.yearMajority(majorityYear(townshipYears))}</option>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {w.yearOption(y)}
              </option>
            ))}
          </select>
        </label>
      </div>
    ) : null;

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
      <div className={styles.options} data-testid="county-options">
        {expectedBlock}
        {lastYearBlock}
        {yearBlock}
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
