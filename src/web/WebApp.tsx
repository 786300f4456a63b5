/**
 * The standalone page: open .xlsx files (picker, drag and drop, the bundled sample), switch between them,
 * check each with the shared pane, preview its sheets, download the result workbook and the Word report.
 * Everything happens in the browser; nothing is uploaded.
 */
import { fileBytes } from '../taskpane/Definitions';
import * as React from 'react';
import {
  Button,
  Spinner,
  makeStyles,
  mergeClasses,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import type { Engine } from '../taskpane/engine';
import { pickLocale, stringsFor, useStrings } from '../taskpane/i18n';
import { Message } from '../taskpane/Message';
import { NARROW_MEDIA, Pane, PaneProviders, WIDE_MEDIA } from '../taskpane/Pane';
import type { PaneApi } from '../taskpane/usePane';
import { userMessage } from '../taskpane/errors';
import { FileHost, XLSX_MIME, derivedName, downloadBlob, type FileHostOptions } from './FileHost';
import { FileViewBoundary } from './FileViewBoundary';
import { nameMismatch, numberedName } from './fileInfo';
import type { CheckResult } from '../core/types';
import { useDraftGate, useDraftSettings } from '../taskpane/draftGate';
import { flaggedFigures } from '../core/narrative/flags';
import { SheetPreview } from './SheetPreview';
import { CountyPanel } from './CountyPanel';
import { PageDefinitions } from './PageDefinitions';
import { TemplateDownload } from './TemplateDownload';
import { ReportCheck, type ReportFile } from '../taskpane/ReportCheck';
import { WEB_STRINGS, WebStringsContext, useWebStrings } from './strings';
import { localDefinitionsStore, type DefinitionsStore } from '../taskpane/definitionsStore';

/** One store of the county's definitions for the page: every file's pane and the county table hear a load or removal. */
const PAGE_DEFINITIONS = localDefinitionsStore();

/** The bundled sample, next to index.html (the build copies assets/samples to dist/samples). */
export const SAMPLE_NAME = '周营镇-2023-指标.xlsx';

/** What the picker offers: every format the readers take (the bytes decide, not the name; see src/file/workbook.ts). */
export const WORKBOOK_ACCEPT = [
  '.xlsx',
  '.xlsm',
  '.xls',
  '.et',
  '.ods',
  '.csv',
  '.txt',
  '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/csv',
].join(',');
export const SAMPLE_URL = `samples/${encodeURIComponent(SAMPLE_NAME)}`;

const useStyles = makeStyles({
  page: {
    boxSizing: 'border-box',
    minHeight: '100vh',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    [NARROW_MEDIA]: { paddingTop: tokens.spacingVerticalS },
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground2,
    // clip, not hidden: hidden makes this div a scroll container and the preview would no longer stay in view
    overflowX: 'clip',
  },
  header: { marginBottom: tokens.spacingVerticalM, [NARROW_MEDIA]: { marginBottom: tokens.spacingVerticalS } },
  h1: {
    margin: 0,
    fontSize: tokens.fontSizeBase600,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase600,
    [NARROW_MEDIA]: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
  },
  privacy: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase300,
    [NARROW_MEDIA]: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  },
  /** The workbooks card, then the current file's card (checks and findings | preview, then the report). */
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0, [NARROW_MEDIA]: { gap: tokens.spacingVerticalM } },
  /** On wide screens the drop zone and the list of open files side by side. */
  filesBody: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
    [WIDE_MEDIA]: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalXL, alignItems: 'start' },
  },
  filesSide: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
    minWidth: 0,
  },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  /** The workbooks heading as the button that folds the card (a narrow screen folds it once a file is open). */
  fold: {
    display: 'inline-flex',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalXS,
    padding: 0,
    border: 'none',
    backgroundColor: 'transparent',
    color: 'inherit',
    font: 'inherit',
    cursor: 'pointer',
    textAlign: 'start',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  foldMark: { display: 'inline-block', width: '1em', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  /** The folded card: its heading and the current file's name on one line. */
  foldedCard: { paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  foldedRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  folded: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere', minWidth: 0 },
  drop: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  dropActive: { ...shorthands.borderColor(tokens.colorBrandStroke1), backgroundColor: tokens.colorBrandBackground2 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  dropText: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  fileRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  fileMain: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  fileMeta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, paddingLeft: tokens.spacingHorizontalS },
  fileWarn: { color: tokens.colorPaletteDarkOrangeForeground1, fontSize: tokens.fontSizeBase200, paddingLeft: tokens.spacingHorizontalS },
  fileButton: { flexGrow: 1, justifyContent: 'flex-start', minWidth: 0, overflowWrap: 'anywhere', textAlign: 'start' },
  hidden: { display: 'none' },
  muted: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/**
 * An open workbook, or a township's report (.docx/.txt, issue 13) checked against the workbook of its township; `label`
 * is its name as listed (`周营镇.xlsx (2)` when a file of that name was open already).
 */
type OpenFile = { id: string; host: FileHost; report?: undefined; label: string } | { id: string; report: ReportFile; host?: undefined; label: string };

/** The township a file is about, from its name: `纸坊镇报告.docx` and `纸坊镇-2023-指标.xlsx` → 纸坊镇. */
export function townshipOf(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const m = /^(.+?(?:街道办事处|街道|镇|乡))/.exec(base);
  return (m ? m[1] : base.replace(/[-_ ]?(\d{4}年?度?)?[-_ ]?(指标|报告|工作簿|审核批注).*$/, '')).trim();
}

/** Whether a file may be a report: named as one (.docx, .txt), or a zip whose directory names word/document.xml. */
export function mayBeReport(name: string, bytes: Uint8Array): boolean {
  if (/\.(docx|docm|txt|doc)$/i.test(name)) return true;
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  const needle = Array.from('word/document.xml', (c) => c.charCodeAt(0));
  // the central directory is at the end of the zip: its last megabyte names every part of a report
  outer: for (let i = Math.max(0, bytes.length - (1 << 20)); i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The open workbook a report goes with: the one of the same township, else the only one open. */
export function pairedWorkbook(report: string, files: OpenFile[]): FileHost | null {
  const books = files.filter((f): f is OpenFile & { host: FileHost } => !!f.host);
  const same = books.find((b) => townshipOf(b.host.name) === townshipOf(report));
  return same?.host ?? (books.length === 1 ? books[0].host : null);
}

/** What the list says of a checked file (its last result). */
interface FileStatus {
  unit: string | null;
  year: number | null;
  counts: CheckResult['counts'];
}

export interface WebAppProps {
  /** `navigator.language`, or `?lang=` from the address; English when it starts with `en`. */
  language?: string | null;
  engine?: Engine;
  /** For tests: how the hosts load src/file. */
  hostOptions?: FileHostOptions;
  /** For tests: how the sample is fetched. */
  fetchSample?: () => Promise<ArrayBuffer>;
  /** Where the county's definitions are remembered (default: the browser's localStorage, one store for the page). */
  definitionsStore?: DefinitionsStore;
}

/** The bytes of a picked or dropped file: one helper for the page's workbooks and the pane's definitions file. */
export { fileBytes };

/** Same-origin only; `assets/samples/` too, in case a build copies the folder under its own name. */
async function defaultFetchSample(): Promise<ArrayBuffer> {
  let last: unknown = null;
  for (const url of [SAMPLE_URL, `assets/${SAMPLE_URL}`]) {
    try {
      const res = await fetch(url, { credentials: 'same-origin' });
      if (res.ok) return await res.arrayBuffer();
      last = new Error(`HTTP ${res.status}`);
    } catch (err) {
      last = err;
    }
  }
  throw last;
}

function DownloadActions({ pane, host, onDownloaded }: { pane: PaneApi; host: FileHost; onDownloaded(): void }) {
  const w = useWebStrings();
  const busy = pane.busy !== null;
  const [saving, setSaving] = React.useState(false);
  // a draft with open errors is downloaded knowingly (asked once, as 复制 does), its flagged figures highlighted
  const gate = useDraftGate();
  const { flagText } = useDraftSettings();
  if (!pane.result) return null;
  const findings = pane.result.findings;
  const downloadWorkbook = async () => {
    if (!(await pane.writeResults())) return;
    const name = derivedName(host.name, '审核', 'xlsx');
    downloadBlob(new Blob([host.bytes as BlobPart], { type: XLSX_MIME }), name);
    onDownloaded();
    pane.notify(w.downloaded(name));
  };
  // 整改通知: the sheet goes into the result workbook (downloaded next), the .docx is downloaded now
  const downloadNotice = async () => {
    const notice = await pane.writeNotice(host.name);
    if (!notice) return;
    setSaving(true);
    try {
      const name = derivedName(host.name, '整改通知', 'docx');
      downloadBlob(await host.reportDocx(notice), name);
      pane.notify(w.downloaded(name));
    } catch (err) {
      pane.fail(err);
    } finally {
      setSaving(false);
    }
  };
  const downloadDocx = async () => {
    if (!pane.report) return;
    setSaving(true);
    try {
      const blob = await host.reportDocx(pane.report, { flags: flaggedFigures(pane.report, findings), flagText });
      const name = derivedName(host.name, '报告', 'docx');
      downloadBlob(blob, name);
      pane.notify(w.downloaded(name));
    } catch (err) {
      pane.fail(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button onClick={() => gate.guard(downloadWorkbook)} disabled={busy || saving} data-testid="download-workbook">
        {w.downloadWorkbook}
      </Button>
      <Button onClick={() => gate.guard(downloadDocx)} disabled={busy || saving || !pane.report} data-testid="download-docx">
        {w.downloadDocx}
      </Button>
      <Button onClick={() => void downloadNotice()} disabled={busy || saving} data-testid="download-notice">
        {w.downloadNotice}
      </Button>
      {gate.prompt}
    </>
  );
}

const nameOf = (f: OpenFile): string => (f.host ? f.host.name : f.report.name);

/** A phone or a 320 px window: there the page folds the workbooks card once a file is open, so its findings come first. */
function narrowScreen(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(NARROW_MEDIA.replace(/^@media\s*/, '')).matches;
}

function Page({ engine, hostOptions, fetchSample, definitionsStore = PAGE_DEFINITIONS }: WebAppProps) {
  const s = useStrings();
  const w = useWebStrings();
  const styles = useStyles();
  const [files, setFiles] = React.useState<OpenFile[]>([]);
  const [activeId, setActiveId] = React.useState<string | null>(null);
  const [opening, setOpening] = React.useState<string | null>(null);
  const [errors, setErrors] = React.useState<string[]>([]);
  /** Files dropped that could not be opened: rows of the county table (无法读取) until removed or opened again. */
  const [unreadable, setUnreadable] = React.useState<{ id: string; name: string; label: string; message: string }[]>([]);
  const [dragging, setDragging] = React.useState(false);
  const [statuses, setStatuses] = React.useState<Record<string, FileStatus>>({});
  /** Per file, the findings whose explanation or decision is only in the browser copy so far. */
  const [unsaved, setUnsaved] = React.useState<Record<string, string[]>>({});
  const [checkAll, setCheckAll] = React.useState(0);
  /** The workbooks card folded to one line (its heading unfolds it); a message about opening always unfolds it. */
  const [folded, setFolded] = React.useState(false);
  const labels = React.useRef<string[]>([]);
  labels.current = files.map((f) => f.label);

  // explanations live in the browser copy until the result workbook is downloaded: leaving asks first
  const pending = Object.values(unsaved).some((ids) => ids.length > 0);
  React.useEffect(() => {
    if (!pending) return;
    const onLeave = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = w.leaveWarning;
      return w.leaveWarning;
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [pending, w]);

  const onResult = React.useCallback((fid: string, r: CheckResult | null) => {
    setStatuses((m) => {
      if (!r) return m;
      return { ...m, [fid]: { unit: r.unit, year: r.year, counts: r.counts } };
    });
  }, []);
  const onSaved = React.useCallback(
    (fid: string, findingId: string) => setUnsaved((m) => ({ ...m, [fid]: [...new Set([...(m[fid] ?? []), findingId])] })),
    [],
  );
  const onDownloaded = React.useCallback((fid: string) => setUnsaved((m) => ({ ...m, [fid]: [] })), []);
  const input = React.useRef<HTMLInputElement>(null);
  const counter = React.useRef(0);
  const id = React.useId();

  /** A file that cannot be opened: said at once, and kept as a row of the county table (as merge's 审核情况 does). */
  const failedToOpen = React.useCallback((name: string, message: string) => {
    setErrors((e) => [...e, message]);
    const entry = { id: `u${++counter.current}`, name, label: name, message };
    setUnreadable((list) => [...list.filter((u) => u.name !== name), entry]);
  }, []);

  const openBytes = React.useCallback(
    async (name: string, data: ArrayBuffer | Uint8Array): Promise<void> => {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
      // a Word or text report (told by its bytes, src/file/textdoc.ts): opened as a report, not as a workbook; the
      // readers are loaded only for a file that may be one (a workbook opens as before)
      if (mayBeReport(name, bytes) && (await import(/* webpackChunkName: "report-engine" */ '../file/textdoc')).textSourceFormat(bytes, name)) {
        const file = { id: `f${++counter.current}`, report: { name, bytes }, label: numberedName(name, labels.current) };
        labels.current = [...labels.current, file.label];
        setFiles((f) => [...f, file]);
        setActiveId(file.id);
        if (narrowScreen()) setFolded(true);
        return;
      }
      const host = new FileHost(name, data, hostOptions);
      try {
        await host.read();
      } catch (err) {
        failedToOpen(name, userMessage(err, s));
        return;
      }
      // the same name opened again, readable this time: the township sent a good copy
      setUnreadable((list) => list.filter((u) => u.name !== name));
      const file = { id: `f${++counter.current}`, host, label: numberedName(name, labels.current) };
      labels.current = [...labels.current, file.label];
      setFiles((f) => [...f, file]);
      setActiveId(file.id);
      if (narrowScreen()) setFolded(true);
    },
    [hostOptions, s, failedToOpen],
  );

  const openFiles = React.useCallback(
    async (list: FileList | File[] | null) => {
      const picked = Array.from(list ?? []);
      if (picked.length === 0) return;
      setErrors([]);
      for (const f of picked) {
        setOpening(f.name);
        try {
          await openBytes(f.name, await fileBytes(f));
        } catch (err) {
          failedToOpen(f.name, userMessage(err, s));
        }
      }
      setOpening(null);
    },
    [openBytes, s, failedToOpen],
  );

  const openSample = async () => {
    setErrors([]);
    setOpening(SAMPLE_NAME);
    try {
      let data: ArrayBuffer;
      try {
        data = await (fetchSample ?? defaultFetchSample)();
      } catch {
        // not fetched is all there is to say: no samples folder next to the page (404), or a page opened from disk,
        // whose fetch() browsers refuse whatever is next to it
        const fromDisk = !fetchSample && typeof location !== 'undefined' && location.protocol === 'file:';
        setErrors((e) => [...e, fromDisk ? w.sampleFromDisk : w.sampleFailed]);
        return;
      }
      try {
        await openBytes(SAMPLE_NAME, data);
      } catch (err) {
        // fetched but not opened: said with its reason, never as a missing samples folder
        failedToOpen(SAMPLE_NAME, w.sampleOpenFailed(SAMPLE_NAME, userMessage(err, s)));
      }
    } finally {
      setOpening(null);
    }
  };

  // A click handler: `files` and `activeId` are this render's, and no state is set inside another's updater
  // (updaters must be pure; React calls them twice in StrictMode).
  const close = (fid: string) => {
    // closing a file with explanations not downloaded loses them: ask, as leaving the page does
    if ((unsaved[fid] ?? []).length > 0 && typeof window !== 'undefined' && !window.confirm(w.leaveWarning)) return;
    setUnsaved((m) => ({ ...m, [fid]: [] }));
    const next = files.filter((f) => f.id !== fid);
    setFiles(next);
    if (activeId === fid) setActiveId(next[next.length - 1]?.id ?? null);
  };

  const books = files.filter((f): f is OpenFile & { host: FileHost } => !!f.host);
  const isFolded = folded && files.length > 0 && errors.length === 0;
  const unsavedAll = Object.values(unsaved).reduce((n, ids) => n + ids.length, 0);
  const openFromCounty = (fid: string) => {
    setActiveId(fid);
    // the township's panel is below the table: bring it into view (jsdom has no scrolling)
    requestAnimationFrame(() => document.querySelector(`[data-file-id="${fid}"]`)?.scrollIntoView?.({ block: 'start' }));
  };

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.h1}>{w.pageTitle}</h1>
        <p className={styles.privacy}>{w.privacy}</p>
      </header>
      <main className={styles.main}>
        <section className={mergeClasses(styles.card, isFolded && styles.foldedCard)} aria-labelledby={`${id}-files`}>
          <div className={styles.foldedRow}>
            <h2 id={`${id}-files`} className={styles.h2}>
              {files.length > 0 ? (
                <button
                  type="button"
                  className={styles.fold}
                  aria-expanded={!isFolded}
                  aria-controls={`${id}-files-body`}
                  data-testid="files-fold"
                  onClick={() => setFolded(!isFolded)}
                >
                  <span className={styles.foldMark} aria-hidden="true">
                    {isFolded ? '▸' : '▾'}
                  </span>
                  {w.filesCount(files.length)}
                </button>
              ) : (
                w.files
              )}
            </h2>
            {isFolded ? (
              <p className={styles.folded} data-testid="files-folded">
                {opening ? w.opening(opening) : files.find((f) => f.id === activeId)?.label}
                {unsavedAll > 0 ? (
                  <span className={styles.fileWarn} data-testid="folded-unsaved">
                    {w.unsaved(unsavedAll)}
                  </span>
                ) : null}
              </p>
            ) : null}
          </div>
          <div className={mergeClasses(styles.filesBody, isFolded && styles.hidden)} id={`${id}-files-body`}>
            <div
              className={mergeClasses(styles.drop, dragging && styles.dropActive)}
              data-testid="drop-zone"
              onDragEnter={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragOver={(e) => {
                e.preventDefault();
                if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
              }}
              onDragLeave={(e) => {
                if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
              }}
              onDrop={(e) => {
                e.preventDefault();
                setDragging(false);
                void openFiles(e.dataTransfer?.files ?? null);
              }}
            >
              <p className={styles.dropText} id={`${id}-drop`}>
                {dragging ? w.dropNow : w.dropZone}
              </p>
              <div className={styles.buttons}>
                <Button appearance="primary" onClick={() => input.current?.click()} disabled={!!opening} data-testid="open-button">
                  {w.open}
                </Button>
                <Button onClick={() => void openSample()} disabled={!!opening} data-testid="open-sample">
                  {w.openSample}
                </Button>
                <TemplateDownload load={hostOptions?.load} store={definitionsStore} />
              </div>
              <input
                ref={input}
                type="file"
                multiple
                accept={WORKBOOK_ACCEPT}
                className={styles.hidden}
                tabIndex={-1}
                aria-label={w.open}
                data-testid="file-input"
                onChange={(e) => {
                  const list = e.currentTarget.files ? Array.from(e.currentTarget.files) : [];
                  e.currentTarget.value = '';
                  void openFiles(list);
                }}
              />
            </div>
            <div className={styles.filesSide}>
              {opening ? <Spinner size="tiny" label={w.opening(opening)} data-testid="opening" /> : null}
              {/* role="alert" announces it; no live region around it (some screen readers would read it twice) */}
              {errors.length > 0 ? (
                <Message intent="error" title={w.openError} testId="open-error" onDismiss={() => setErrors([])}>
                  {errors.map((m, i) => (
                    <span key={i} style={{ display: 'block' }}>
                      {m}
                    </span>
                  ))}
                </Message>
              ) : null}
              {files.length === 0 ? (
                <>
                  <p className={styles.muted}>{w.noFiles}</p>
                  {/* before any file is open the county's definitions are loaded here; after, in each file's panel */}
                  <PageDefinitions store={definitionsStore} />
                </>
              ) : (
                <>
                  <div className={styles.buttons}>
                    <Button size="small" onClick={() => setCheckAll((n) => n + 1)} data-testid="check-all">
                      {w.checkAll}
                    </Button>
                  </div>
                  <ul className={styles.list} aria-label={w.fileList} data-testid="file-list">
                    {files.map((f) => {
                      const st = statuses[f.id];
                      const mismatch = st ? nameMismatch(nameOf(f), st.unit, st.year) : null;
                      const n = (unsaved[f.id] ?? []).length;
                      return (
                        <li key={f.id} className={styles.fileRow}>
                          <div className={styles.fileMain}>
                            <Button
                              className={styles.fileButton}
                              appearance={f.id === activeId ? 'secondary' : 'subtle'}
                              aria-current={f.id === activeId ? 'true' : undefined}
                              data-testid="file-item"
                              data-name={nameOf(f)}
                              data-label={f.label}
                              data-active={f.id === activeId ? 'true' : 'false'}
                              onClick={() => setActiveId(f.id)}
                            >
                              {f.label}
                            </Button>
                            {st ? (
                              <span className={styles.fileMeta} data-testid="file-summary">
                                {w.fileSummary(st.unit ?? '', st.year != null ? w.yearOf(st.year) : '', w.fileCounts(st.counts.error, st.counts.verify, st.counts.hint))}
                              </span>
                            ) : null}
                            {mismatch ? (
                              <span className={styles.fileWarn} role="note" data-testid="file-mismatch">
                                {w.nameMismatch(
                                  [
                                    mismatch.unit ? w.nameUnit(mismatch.unit.inName, mismatch.unit.unit) : '',
                                    mismatch.year ? w.nameYear(mismatch.year.inName, mismatch.year.year) : '',
                                  ]
                                    .filter(Boolean)
                                    .join('；'),
                                )}
                              </span>
                            ) : null}
                            {n > 0 ? (
                              <span className={styles.fileWarn} data-testid="file-unsaved">
                                {w.unsaved(n)}
                              </span>
                            ) : null}
                          </div>
                          <Button size="small" appearance="subtle" aria-label={w.remove(f.label)} onClick={() => close(f.id)} data-testid="file-close">
                            {w.removeShort}
                          </Button>
                        </li>
                      );
                    })}
                  </ul>
                </>
              )}
            </div>
          </div>
        </section>
        {books.length >= 1 && books.length + unreadable.length >= 2 ? (
          <section className={styles.card} aria-labelledby={`${id}-county`} data-testid="county-panel">
            <h2 id={`${id}-county`} className={styles.h2}>
              {w.countyTitle}
            </h2>
            <CountyPanel
              books={books}
              unreadable={unreadable}
              onOpen={openFromCounty}
              onRemove={(uid) => setUnreadable((list) => list.filter((u) => u.id !== uid))}
              definitionsStore={definitionsStore}
              load={hostOptions?.load}
              hostOptions={hostOptions}
            />
          </section>
        ) : null}
        {files.map((f) =>
          f.report ? (
            <section
              key={f.id}
              className={mergeClasses(styles.card, f.id !== activeId && styles.hidden)}
              aria-label={f.report.name}
              data-testid="report-panel"
              data-name={f.report.name}
            >
              <h2 className={styles.h2}>{f.report.name}</h2>
              <FileViewBoundary name={f.report.name} part="view" onClose={() => close(f.id)}>
                <ReportCheck host={pairedWorkbook(f.report.name, files)} report={f.report} autoRun onDownload={(blob, name) => downloadBlob(blob, name)} />
              </FileViewBoundary>
            </section>
          ) : (
          <section
            key={f.id}
            className={mergeClasses(styles.card, f.id !== activeId && styles.hidden)}
            aria-labelledby={`${id}-${f.id}-check`}
            data-testid="check-panel"
            data-name={f.host.name}
            data-file-id={f.id}
          >
            <h2 id={`${id}-${f.id}-check`} className={styles.h2}>
              {w.check}
            </h2>
            <FileViewBoundary name={f.host.name} part="view" onClose={() => close(f.id)}>
              <FilePane
                file={f}
                engine={engine}
                definitionsStore={definitionsStore}
                checkSignal={checkAll}
                onResult={onResult}
                onSaved={onSaved}
                onDownloaded={onDownloaded}
                aside={
                  <section aria-labelledby={`${id}-${f.id}-preview`} data-testid="preview" data-name={f.host.name}>
                    <FileViewBoundary name={f.host.name} part="preview">
                      <SheetPreview host={f.host} headingId={`${id}-${f.id}-preview`} />
                    </FileViewBoundary>
                  </section>
                }
              />
            </FileViewBoundary>
          </section>
          ),
        )}
      </main>
    </div>
  );
}

/** One file's pane, with callbacks bound to the file once (the pane reports results through them). */
function FilePane({
  file,
  engine,
  definitionsStore,
  checkSignal,
  aside,
  onResult,
  onSaved,
  onDownloaded,
}: {
  file: OpenFile & { host: FileHost };
  engine?: Engine;
  definitionsStore: DefinitionsStore;
  checkSignal: number;
  aside: React.ReactNode;
  onResult(fid: string, r: CheckResult | null): void;
  onSaved(fid: string, findingId: string): void;
  onDownloaded(fid: string): void;
}) {
  const fid = file.id;
  const result = React.useCallback((r: CheckResult | null) => onResult(fid, r), [fid, onResult]);
  const saved = React.useCallback((findingId: string) => onSaved(fid, findingId), [fid, onSaved]);
  const downloaded = React.useCallback(() => onDownloaded(fid), [fid, onDownloaded]);
  return (
    <Pane
      host={file.host}
      engine={engine}
      definitionsStore={definitionsStore}
      autoCheck
      checkSignal={checkSignal}
      onResult={result}
      onExplanationSaved={saved}
      extraActions={(pane) => <DownloadActions pane={pane} host={file.host} onDownloaded={downloaded} />}
      aside={aside}
    />
  );
}

export function WebApp(props: WebAppProps) {
  const locale = pickLocale(props.language);
  return (
    <PaneProviders strings={stringsFor(props.language)}>
      <WebStringsContext.Provider value={WEB_STRINGS[locale]}>
        <Page {...props} />
      </WebStringsContext.Provider>
    </PaneProviders>
  );
}
