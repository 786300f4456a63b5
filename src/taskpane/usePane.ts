/**
 * The pane's behaviour without any markup: read → check → findings, marks, explanations, result sheets.
 * Talks only to a WorkbookHost and the core (through an Engine); never to Excel or to files directly.
 * Every action either completes or leaves the previous state as it was, with one message saying why.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  ApplyOutcome,
  CheckResult,
  Explanation,
  Finding,
  HostCapabilities,
  Report,
  Workbook,
  WorkbookHost,
  WritePlan,
} from '../core/types';
import type { CountyDefinitions } from '../core/definitions/types';
import { explanationOf } from '../core/explained';
import { loadDefinitionsFile, localDefinitionsStore, type DefinitionsStore } from './definitionsStore';
import { loadCoreEngine, type CountyOffer, type Engine } from './engine';
import { userMessage } from './errors';
import type { Strings } from './i18n';

export type Busy = 'reading' | 'checking' | 'applying' | null;

export interface PaneState {
  busy: Busy;
  /** Reading progress as the host reports it (sheets or rows done / total). */
  progress: { done: number; total: number } | null;
  caps: HostCapabilities | null;
  result: CheckResult | null;
  report: Report | null;
  /** The report could not be built (the findings still stand). */
  /** Why the report draft could not be written (a bad 报告模板 cell, …); null when it was. */
  reportError: string | null;
  /** The user chose to apply the workbook's own 报告模板 sheet (off by default: templates are the county's). */
  workbookTemplates: boolean;
  /** The user chose to leave hidden sheets out of the check (off by default: they are checked and marked). */
  skipHidden: boolean;
  /** The county's definitions in use (县级指标定义), loaded once and remembered; null: the built-in catalog only. */
  definitions: CountyDefinitions | null;
  error: string | null;
  notice: string | null;
  /** A notice that something was not kept (the browser refused to save the definitions) is a warning, not a success. */
  noticeWarning: boolean;
  /** The finding a notice is about (an explanation saved, a decision made): shown there, not above the list. */
  noticeAt: string | null;
  /** The previous round the findings are compared with (与上次比较), by file name; null: none picked. */
  since: string | null;
  /** 汇总各乡镇: the workbook's townships to consolidate, or why there are none; null where results are not written into the workbook. */
  county: CountyOffer | null;
}

export interface PaneApi extends PaneState {
  check(): Promise<boolean>;
  mark(): Promise<boolean>;
  unmark(): Promise<boolean>;
  clearResults(): Promise<boolean>;
  writeResults(): Promise<boolean>;
  /**
   * Save the township's explanation of a finding (on an error: its dispute, 乡镇异议) in 审核说明 with its author and
   * the figures it explains, then check again so it shows as explained (or disputed).
   */
  explain(finding: Finding, text: string, author?: string): Promise<boolean>;
  /** The county accepts (采纳) or returns (退回) a finding's explanation, kept in 审核说明 with its history. */
  review(finding: Finding, decision: 'accepted' | 'returned', note: string, reviewer?: string): Promise<boolean>;
  /** Compare with the previous round (a result copy or the township's earlier file): 已改正 / 新出现 / 仍未改正 / 已说明. */
  compare(file: { name: string; bytes: Uint8Array }): Promise<boolean>;
  /**
   * 汇总各乡镇: read the workbook again, consolidate its townships (one sheet each, or a county summary sheet) and
   * write the county's sheets into it, replacing earlier ones; refused with the core's reason on any other workbook.
   */
  consolidate(): Promise<boolean>;
  /** Write the 整改通知 sheet (core/notice.ts); returns the notice (the page also downloads it as .docx), null on failure. */
  writeNotice(file: string): Promise<Report | null>;
  /**
   * Place an unknown or ambiguous label on the indicator the user chose: the choice is kept in 指标对照 (in the
   * workbook, so it holds at every later check and travels with the file), then the workbook is checked again.
   */
  place(finding: Finding, indicator: string): Promise<boolean>;
  /** Override how a label was read (any observation): the same 指标对照 row, then a check again. */
  relabel(label: string, sheet: string, indicator: string): Promise<boolean>;
  select(finding: Finding): Promise<void>;
  /** Apply (or stop applying) the workbook's own 报告模板 sheet, and check the workbook read last again. */
  setWorkbookTemplates(on: boolean): Promise<boolean>;
  /** Check hidden sheets too (the default) or leave them out, and check the workbook read last again. */
  setSkipHidden(on: boolean): Promise<boolean>;
  /** Read a definitions file (.xlsx/.xls/.ods with 指标定义/审核规则, .json, .yaml), remember it, check again. */
  loadDefinitions(file: { name: string; bytes: Uint8Array }): Promise<boolean>;
  /** Stop using the county's definitions (and forget them), check again. */
  removeDefinitions(): Promise<boolean>;
  /**
   * 插入空白模板: add the blank template of the catalog in use (with the county's definitions when loaded) to the
   * open workbook as new sheets; refused, with nothing written, when the workbook has one of its sheets already.
   */
  insertTemplate(): Promise<boolean>;
  dismissError(): void;
  dismissNotice(): void;
  /** Show a message from outside the pane logic (e.g. a download failed). */
  fail(err: unknown): void;
  notify(message: string): void;
}

const initial: PaneState = {
  busy: null,
  progress: null,
  caps: null,
  result: null,
  report: null,
  reportError: null,
  workbookTemplates: false,
  skipHidden: false,
  definitions: null,
  error: null,
  notice: null,
  noticeWarning: false,
  noticeAt: null,
  since: null,
  county: null,
};

const defaultStore = localDefinitionsStore();

/** Let the browser paint the progress indicator before a synchronous check runs. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `2026年12月4日`, as a notice is dated. */
function todayCn(): string {
  const d = new Date();
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

class ApplyFailed extends Error {}

/**
 * A host that can read and check its own workbook away from the page's main thread (the web page's worker).
 * null: not here (no worker), check in-thread. Used only with the real core (no `engine` given).
 */
export interface OffThreadCheck {
  checkOffThread(opts: { workbookTemplates: boolean; skipHidden: boolean; definitions?: CountyDefinitions }): Promise<{ result: CheckResult; report: Report | null; reportError: string | null } | null>;
}

function canCheckOffThread(host: WorkbookHost): host is WorkbookHost & OffThreadCheck {
  return typeof (host as Partial<OffThreadCheck>).checkOffThread === 'function';
}

export function usePane(host: WorkbookHost, strings: Strings, engine?: Engine, store: DefinitionsStore = defaultStore): PaneApi {
  /** The given engine, or the real core loaded on first use. */
  const getEngine = useCallback((): Promise<Engine> => (engine ? Promise.resolve(engine) : loadCoreEngine()), [engine]);
  const [state, setState] = useState<PaneState>(initial);
  const stateRef = useRef(state);
  stateRef.current = state;
  const busyRef = useRef(false);
  const mounted = useRef(true);
  /** The workbook as read last, so the template switch can check it again without reading it anew. */
  const bookRef = useRef<Workbook | null>(null);
  /** The definitions every check uses, set before the check that follows a load or a removal. */
  const definitionsRef = useRef<CountyDefinitions | null>(null);
  /** Check the workbook read last again (set below, once recheck exists). */
  const rechecked = useRef<(() => Promise<boolean>) | null>(null);
  const withDefinitions = useCallback(
    <T extends object>(o: T): T & { definitions?: CountyDefinitions } => (definitionsRef.current ? { ...o, definitions: definitionsRef.current } : o),
    [],
  );
  /** The previous round picked for 与上次比较: every later check is compared with it. */
  const previousRef = useRef<{ name: string; result: CheckResult } | null>(null);

  const patch = useCallback((p: Partial<PaneState>) => {
    if (!mounted.current) return;
    setState((s) => {
      const next = { ...s, ...p };
      stateRef.current = next;
      return next;
    });
  }, []);

  useEffect(() => {
    mounted.current = true;
    let live = true;
    host.capabilities().then(
      (caps) => live && patch({ caps }),
      () => live && patch({ caps: { comments: false, marks: false, download: host.kind === 'file' } }),
    );
    // the county's definitions remembered from an earlier session (a check started meanwhile keeps its own)
    store.load().then(
      (defs) => {
        if (!live || !defs || definitionsRef.current) return;
        definitionsRef.current = defs;
        patch({ definitions: defs });
      },
      (err) => live && patch({ notice: err instanceof Error ? err.message : String(err), noticeWarning: true }),
    );
    const unsubscribe = store.subscribe?.((defs) => {
      if (!live || definitionsRef.current === defs) return;
      definitionsRef.current = defs;
      patch({ definitions: defs });
      // another file's pane loaded or removed them: this file's findings are checked again with them
      if (stateRef.current.result) void rechecked.current?.();
    });
    return () => {
      live = false;
      mounted.current = false;
      unsubscribe?.();
    };
  }, [host, patch, store]);

  /** Run one action at a time; any failure becomes the error message and leaves the state as it was. */
  const run = useCallback(
    async (busy: Exclude<Busy, null>, work: () => Promise<Partial<PaneState> | void>): Promise<boolean> => {
      if (busyRef.current) return false;
      busyRef.current = true;
      patch({ busy, progress: null, error: null, notice: null, noticeWarning: false, noticeAt: null });
      try {
        const done = await work();
        patch({ ...(done ?? {}), busy: null, progress: null });
        return true;
      } catch (err) {
        patch({ busy: null, progress: null, error: userMessage(err, strings) });
        return false;
      } finally {
        busyRef.current = false;
      }
    },
    [patch, strings],
  );

  const apply = useCallback(
    async (plan: WritePlan): Promise<ApplyOutcome> => {
      const outcome = await host.apply(plan);
      if (!outcome || !outcome.ok) throw new ApplyFailed(outcome?.message || strings.unknownError);
      return outcome;
    },
    [host, strings],
  );

  /** A result compared with the previous round when one was picked (与上次比较). */
  const compared = (core: Engine, result: CheckResult): CheckResult =>
    previousRef.current ? core.withRound(result, previousRef.current.result, previousRef.current.name) : result;

  /** Read and check; returns the new state (not yet committed) so callers can combine it with a notice. */
  /** Check a workbook already read, with the template choice `workbookTemplates`. */
  const checkBook = useCallback(
    async (book: Workbook, workbookTemplates: boolean, skipHidden = stateRef.current.skipHidden): Promise<Partial<PaneState>> => {
      const core = await getEngine();
      patch({ busy: 'checking', progress: null });
      await nextFrame();
      const opts = withDefinitions({ workbookTemplates, skipHidden });
      const checked = core.check(book, opts);
      const result = compared(core, checked);
      // only where the county's sheets can be written into the open workbook (Excel)
      let county: CountyOffer | null = null;
      if (host.kind === 'excel') {
        try {
          county = core.countyOffer(book, opts, checked);
        } catch (e) {
          // said where the offer stands; the township findings above stand regardless
          county = { ok: false, reason: userMessage(e, strings) };
        }
      }
      let report: Report | null = null;
      let reportError: string | null = null;
      try {
        report = core.buildReport(result, book, opts);
      } catch (e) {
        // a 报告模板 sheet with a mistake: its message names the cell; the findings stand regardless
        reportError = e instanceof Error && e.message ? e.message : strings.reportFailed;
      }
      return { result, report, reportError, workbookTemplates, skipHidden, county };
    },
    [getEngine, patch, strings, withDefinitions, host],
  );

  /** Read and check in the host's worker, with the real core (no `engine` given); null where it cannot run. */
  const checkOffThread = useCallback(
    async (workbookTemplates: boolean, skipHidden: boolean): Promise<Partial<PaneState> | null> => {
      if (engine || !canCheckOffThread(host)) return null;
      patch({ busy: 'checking', progress: null });
      const off = await host.checkOffThread(withDefinitions({ workbookTemplates, skipHidden }));
      if (!off) return null;
      const reportError = off.reportError === null ? null : off.reportError || strings.reportFailed;
      const result = previousRef.current ? compared(await getEngine(), off.result) : off.result;
      return { result, report: off.report, reportError, workbookTemplates, skipHidden };
    },
    [engine, host, patch, strings, withDefinitions, getEngine],
  );

  const readAndCheck = useCallback(async (): Promise<Partial<PaneState>> => {
    const { workbookTemplates, skipHidden } = stateRef.current;
    const off = await checkOffThread(workbookTemplates, skipHidden);
    if (off) return off;
    patch({ busy: 'reading' });
    const [book] = await Promise.all([host.read((done, total) => patch({ progress: { done, total } })), getEngine()]);
    bookRef.current = book;
    return checkBook(book, workbookTemplates, skipHidden);
  }, [host, getEngine, patch, checkBook, checkOffThread]);

  /** The same workbook checked again with other choices (the switches); before any check, only the choice. */
  const recheck = useCallback(
    async (workbookTemplates: boolean, skipHidden: boolean): Promise<Partial<PaneState>> => {
      if (!bookRef.current && !stateRef.current.result) return { workbookTemplates, skipHidden };
      const off = await checkOffThread(workbookTemplates, skipHidden);
      if (off) return off;
      const book = bookRef.current ?? (await host.read());
      bookRef.current = book;
      return checkBook(book, workbookTemplates, skipHidden);
    },
    [host, checkBook, checkOffThread],
  );

  rechecked.current = () => run('checking', () => recheck(stateRef.current.workbookTemplates, stateRef.current.skipHidden));

  const setWorkbookTemplates = useCallback(
    (on: boolean) => run('checking', () => recheck(on, stateRef.current.skipHidden)),
    [run, recheck],
  );

  const setSkipHidden = useCallback(
    (on: boolean) => run('checking', () => recheck(stateRef.current.workbookTemplates, on)),
    [run, recheck],
  );

  const check = useCallback(() => run('reading', readAndCheck), [run, readAndCheck]);

  const loadDefinitions = useCallback(
    (file: { name: string; bytes: Uint8Array }) =>
      run('checking', async () => {
        const { defs, notKept: stored } = await loadDefinitionsFile(file, store, (read) => (definitionsRef.current = read));
        const checked = await recheck(stateRef.current.workbookTemplates, stateRef.current.skipHidden);
        return { ...checked, definitions: defs, notice: stored ?? strings.definitionsLoaded(defs.name), noticeWarning: stored != null };
      }),
    [run, recheck, store, strings],
  );

  const removeDefinitions = useCallback(
    () =>
      run('checking', async () => {
        const name = definitionsRef.current?.name ?? '';
        definitionsRef.current = null;
        let kept: string | null = null;
        try {
          await store.clear();
        } catch (err) {
          kept = err instanceof Error ? err.message : String(err);
        }
        const checked = await recheck(stateRef.current.workbookTemplates, stateRef.current.skipHidden);
        return { ...checked, definitions: null, notice: kept ?? strings.definitionsRemoved(name), noticeWarning: kept != null };
      }),
    [run, recheck, store, strings],
  );

  const insertTemplate = useCallback(
    () =>
      run('applying', async () => {
        if (!host.insertSheets) throw new Error(strings.unknownError);
        const defs = definitionsRef.current;
        const plan = (await getEngine()).templatePlan(defs);
        const outcome = await host.insertSheets(plan);
        if (!outcome || !outcome.ok) throw new ApplyFailed(outcome?.message || strings.unknownError);
        return { notice: strings.templateInserted(outcome.written.length ? outcome.written : plan.sheets.map((s) => s.name), defs?.name ?? null) };
      }),
    [run, host, getEngine, strings],
  );

  const mark = useCallback(
    () =>
      run('applying', async () => {
        const result = stateRef.current.result;
        if (!result) return;
        const plan = (await getEngine()).markPlan(result);
        await apply(plan);
        return { notice: strings.marked(plan.marks?.length ?? 0) };
      }),
    [run, apply, getEngine, strings],
  );

  const unmark = useCallback(
    () =>
      run('applying', async () => {
        await apply((await getEngine()).clearMarksPlan());
        return { notice: strings.unmarked };
      }),
    [run, apply, getEngine, strings],
  );

  const clearResults = useCallback(
    () =>
      run('applying', async () => {
        await apply((await getEngine()).removalPlan({ explanations: false }));
        return { notice: strings.resultsCleared };
      }),
    [run, apply, getEngine, strings],
  );

  const writeResults = useCallback(
    () =>
      run('applying', async () => {
        const { result, report } = stateRef.current;
        if (!result) return;
        const plan = (await getEngine()).resultPlan(result, report);
        const outcome = await apply(plan);
        const names = outcome.written.length ? outcome.written : plan.sheets.map((s) => s.name);
        return { notice: strings.resultsWritten(names.join('、')) };
      }),
    [run, apply, getEngine, strings],
  );

  const explain = useCallback(
    (finding: Finding, text: string, author?: string) =>
      run('applying', async () => {
        const result = stateRef.current.result;
        const body = text.trim();
        if (!result || !body) throw new Error(strings.explanationEmpty);
        const core = await getEngine();
        // the row that stands for the finding (a county rule's finding may stand on the built-in one's): rewritten in place
        const prev = explanationOf(finding, result.explanations);
        const id = prev?.findingId ?? finding.id;
        const entry: Explanation = { ...core.explanation(finding, body, today(), { author, prev }), findingId: id };
        const others = result.explanations.filter((e) => e.findingId !== id);
        await apply(core.explanationPlan([...others, entry]));
        const checked = await readAndCheck();
        return { ...checked, notice: finding.severity === 'error' ? strings.disputeSaved : strings.explanationSaved, noticeAt: finding.id };
      }),
    [run, apply, getEngine, readAndCheck, strings],
  );

  const review = useCallback(
    (finding: Finding, decision: 'accepted' | 'returned', note: string, reviewer?: string) =>
      run('applying', async () => {
        const result = stateRef.current.result;
        const prev = result && explanationOf(finding, result.explanations);
        if (!result || !prev) throw new Error(strings.unknownError);
        if (decision === 'returned' && !note.trim()) throw new Error(strings.returnNoteEmpty);
        const core = await getEngine();
        const entry = core.review(prev, { decision, reviewer: (reviewer ?? '').trim(), date: today(), note: note.trim() || undefined });
        const others = result.explanations.filter((e) => e.findingId !== prev.findingId);
        await apply(core.explanationPlan([...others, entry]));
        const checked = await readAndCheck();
        return { ...checked, notice: decision === 'accepted' ? strings.reviewAccepted : strings.reviewReturned, noticeAt: finding.id };
      }),
    [run, apply, getEngine, readAndCheck, strings],
  );

  const compare = useCallback(
    (file: { name: string; bytes: Uint8Array }) =>
      run('checking', async () => {
        const core = await getEngine();
        const { workbookTemplates, skipHidden } = stateRef.current;
        // checked with the same choices and definitions as this workbook, so the same finding has the same id
        const previous = core.check(await core.readFile(file.bytes, file.name), withDefinitions({ workbookTemplates, skipHidden }));
        previousRef.current = { name: file.name, result: previous };
        // the workbook as it is now, read and checked again: in Excel the township's corrections may have been typed
        // since the last check, and comparing that older result would call a corrected figure 仍未改正
        return { ...(await readAndCheck()), since: file.name };
      }),
    [run, getEngine, readAndCheck, withDefinitions],
  );

  const consolidate = useCallback(
    () =>
      run('applying', async () => {
        const core = await getEngine();
        // the workbook as it is now: a figure corrected since the check is summed as corrected
        const book = await host.read();
        bookRef.current = book;
        const { workbookTemplates, skipHidden } = stateRef.current;
        const county = core.countyOffer(book, withDefinitions({ workbookTemplates, skipHidden }));
        if (!county.ok) {
          patch({ county });
          throw new Error(county.reason);
        }
        const { plan, counted } = core.countyPlan(county);
        const outcome = await apply(plan);
        const names = outcome.written.length ? outcome.written : plan.sheets.map((s) => s.name);
        const left = outcome.notesLeftOut ? strings.countyNotesLeftOut(outcome.notesLeftOut) : '';
        return { county, notice: strings.countyWritten(names.join('、'), counted) + left };
      }),
    [run, apply, getEngine, host, patch, strings, withDefinitions],
  );

  const writeNotice = useCallback(
    async (file: string): Promise<Report | null> => {
      let notice: Report | null = null;
      const ok = await run('applying', async () => {
        const result = stateRef.current.result;
        if (!result) return;
        const core = await getEngine();
        notice = core.notice(result, file, todayCn());
        await apply(core.noticePlan(notice));
        return { notice: strings.noticeWritten };
      });
      return ok ? notice : null;
    },
    [run, apply, getEngine, strings],
  );

  const placeAs = useCallback(
    (label: string, sheet: string, indicator: string, name: string) =>
      run('applying', async () => {
        const result = stateRef.current.result;
        if (!result || !label) throw new Error(strings.unknownError);
        await apply((await getEngine()).placementPlan(result, { label, id: indicator, sheet: sheet || null }));
        const checked = await readAndCheck();
        return { ...checked, notice: strings.placementSaved(label, name) };
      }),
    [run, apply, getEngine, readAndCheck, strings],
  );

  const place = useCallback(
    (finding: Finding, indicator: string) =>
      placeAs(finding.label ?? '', finding.sheet, indicator, finding.candidates?.find((c) => c.id === indicator)?.name ?? indicator),
    [placeAs],
  );

  const relabel = useCallback(
    (label: string, sheet: string, indicator: string) =>
      placeAs(label, sheet, indicator, stateRef.current.result?.catalog?.indicators.find((d) => d.id === indicator)?.name ?? indicator),
    [placeAs],
  );

  const select = useCallback(
    async (finding: Finding) => {
      try {
        await host.select(finding.sheet, finding.cell);
      } catch (err) {
        patch({ error: userMessage(err, strings) });
      }
    },
    [host, patch, strings],
  );

  const dismissError = useCallback(() => patch({ error: null }), [patch]);
  const dismissNotice = useCallback(() => patch({ notice: null, noticeAt: null }), [patch]);
  const fail = useCallback((err: unknown) => patch({ error: userMessage(err, strings), notice: null, noticeAt: null }), [patch, strings]);
  const notify = useCallback((message: string) => patch({ notice: message, noticeWarning: false, noticeAt: null, error: null }), [patch]);

  return {
    ...state,
    check,
    mark,
    unmark,
    clearResults,
    writeResults,
    explain,
    review,
    compare,
    writeNotice,
    consolidate,
    place,
    relabel,
    select,
    setWorkbookTemplates,
    setSkipHidden,
    loadDefinitions,
    removeDefinitions,
    insertTemplate,
    dismissError,
    dismissNotice,
    fail,
    notify,
  };
}
