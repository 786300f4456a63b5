/**
 * A WorkbookHost over the bytes of one workbook held in memory (the web page): .xlsx, .xls, .et, .ods or .csv
 * (src/file/workbook.ts tells them by their bytes). Reading and writing go through
 * src/file (ExcelJS, docx), loaded on demand with a dynamic import so the page's first chunk stays small.
 * Nothing leaves the browser: `apply` replaces the held bytes with the written workbook, ready to download.
 */
import type { ApplyOutcome, HostCapabilities, Report, Workbook, WorkbookHost, WritePlan } from '../core/types';
import type { DocxOptions } from '../file/docx';
import { FileReadError } from '../file/errors';
import { isChineseMessage } from '../core/language';
import type { EngineOptions } from '../taskpane/engine';
import { checkOffThread, countyPartOffThread, type OffThreadResult } from './offThread';
import type { CountyPart } from './county';

/** What the page needs from src/file. */
export interface FileModule {
  readXlsx(data: Uint8Array | ArrayBuffer, name: string): Promise<Workbook>;
  /** Any workbook (.xlsx, .xls, .et, .ods, .csv), told by its bytes; readXlsx when absent. */
  readWorkbook?(data: Uint8Array | ArrayBuffer, name: string): Promise<Workbook>;
  /** The .xlsx a result copy is written over: the bytes of an .xlsx, a fresh one built from `book` otherwise. */
  resultBase?(data: Uint8Array | ArrayBuffer, book: Workbook): Promise<Uint8Array>;
  applyPlan(data: Uint8Array | ArrayBuffer, plan: WritePlan, name?: string): Promise<Uint8Array>;
  reportDocx(report: Report, opts?: DocxOptions): Promise<Uint8Array | ArrayBuffer | Blob>;
  /** A new workbook holding `plan`'s sheets (the county workbook, issue 14). */
  planToNewXlsx?(plan: WritePlan): Promise<Uint8Array>;
}

/** The ExcelJS/docx half of the page, as a separate chunk. */
export const loadFileModule = (): Promise<FileModule> => import('../file');

export type FileHostEvent =
  | { type: 'change' }
  | { type: 'select'; sheet: string; cell: string };


/** Files beyond this are refused before anything is parsed (the tab would run out of memory). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function tooLargeMessage(name: string, bytes: number, limit = MAX_FILE_BYTES): string {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
  return `文件“${name}”有 ${mb(bytes)} MB，超过网页版可处理的上限 ${mb(limit)} MB，未读取。请删去与指标无关的工作表后再试。`;
}

/**
 * A file over the limit, refused as the reader refuses a file it cannot read (FileReadError, `too-large`): the
 * township is asked for a smaller one (the county table's 无法读取, sent back), not told the tool failed.
 */
function tooLarge(name: string, bytes: number, limit: number): FileReadError {
  return new FileReadError('too-large', name, tooLargeMessage(name, bytes, limit));
}

function messageOf(err: unknown, fallback: string): string {
  const msg = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  return msg && isChineseMessage(msg) ? msg : msg ? `${fallback}（${msg.slice(0, 160)}）` : fallback;
}

export interface FileHostOptions {
  load?: () => Promise<FileModule>;
  /** Largest file read (default MAX_FILE_BYTES). */
  maxBytes?: number;
  /** Check in a Web Worker where the browser allows one (default: yes, unless `load` replaces src/file). */
  offThread?: boolean;
}

export class FileHost implements WorkbookHost {
  readonly kind = 'file' as const;
  readonly name: string;
  private data: Uint8Array;
  private book: Promise<Workbook> | null = null;
  private readonly load: () => Promise<FileModule>;
  private readonly maxBytes: number;
  private readonly offThread: boolean;
  private readonly listeners = new Set<(e: FileHostEvent) => void>();
  /** The last cell selected (the preview shows it when it mounts later). */
  selection: { sheet: string; cell: string } | null = null;

  constructor(name: string, data: Uint8Array | ArrayBuffer, opts: FileHostOptions = {}) {
    this.name = name;
    this.data = data instanceof Uint8Array ? data : new Uint8Array(data);
    this.load = opts.load ?? loadFileModule;
    this.maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
    this.offThread = opts.offThread ?? !opts.load;
  }

  /** The workbook as it stands (the original plus whatever was applied). */
  get bytes(): Uint8Array {
    return this.data;
  }

  async capabilities(): Promise<HostCapabilities> {
    return { comments: true, marks: true, download: true };
  }

  /** Parses once; later calls (the preview, a re-check without changes) reuse the same Workbook. */
  async read(onProgress?: (done: number, total: number) => void): Promise<Workbook> {
    onProgress?.(0, 1);
    if (this.data.byteLength > this.maxBytes) throw tooLarge(this.name, this.data.byteLength, this.maxBytes);
    if (!this.book) {
      const bytes = this.data;
      const pending = this.load().then((m) => (m.readWorkbook ?? m.readXlsx).call(m, bytes, this.name));
      this.book = pending;
      // only forgets a failed read so that the next one tries again; the failure itself reaches the caller below
      pending.catch(() => {
        if (this.book === pending) this.book = null;
      });
    }
    const book = await this.book;
    onProgress?.(1, 1);
    return book;
  }

  /**
   * Reads and checks the workbook as it stands in a Web Worker, so the page stays responsive; null where no worker
   * can run (the pane then checks in the page). A failure of the check is thrown with its message.
   */
  async checkOffThread(opts: EngineOptions): Promise<OffThreadResult | null> {
    if (!this.offThread) return null;
    if (this.data.byteLength > this.maxBytes) throw tooLarge(this.name, this.data.byteLength, this.maxBytes);
    return checkOffThread(this.name, this.data, opts);
  }

  /**
   * What the county summary keeps of this workbook as it stands (issue 14), checked in the Web Worker and listed as
   * `file`; null where no worker can run (the county then checks it in the page). A failure is thrown with its message.
   */
  async countyPartOffThread(file: string, opts: EngineOptions): Promise<CountyPart | null> {
    if (!this.offThread) return null;
    if (this.data.byteLength > this.maxBytes) throw tooLarge(this.name, this.data.byteLength, this.maxBytes);
    return countyPartOffThread(file, this.name, this.data, opts);
  }

  async apply(plan: WritePlan): Promise<ApplyOutcome> {
    try {
      const m = await this.load();
      // an .xls/.ods/.csv gets an .xlsx copy built from what was read; the bytes the user opened stay as they were
      const base = m.resultBase ? await m.resultBase(this.data, await this.read()) : this.data;
      const out = await m.applyPlan(base, plan, this.name);
      this.data = out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBuffer);
      this.book = null;
      this.emit({ type: 'change' });
      return { ok: true, written: plan.sheets.map((s) => s.name) };
    } catch (err) {
      return { ok: false, message: messageOf(err, `无法写入工作簿“${this.name}”，原文件未改动`), written: [] };
    }
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.selection = { sheet, cell };
    this.emit({ type: 'select', sheet, cell });
  }

  async reportDocx(report: Report, opts?: DocxOptions): Promise<Blob> {
    const m = await this.load();
    const out = await m.reportDocx(report, opts);
    const type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    return out instanceof Blob ? out : new Blob([out as BlobPart], { type });
  }

  subscribe(listener: (e: FileHostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(e: FileHostEvent): void {
    for (const l of [...this.listeners]) l(e);
  }
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `周营镇-2023-指标.xlsx` → `周营镇-2023-指标-审核.xlsx`. */
export function derivedName(name: string, suffix: string, ext: string): string {
  const base = name.replace(/\.(xlsx|xlsm|xls|et|ods|csv|txt|tsv)$/i, '') || '工作簿';
  return `${base}-${suffix}.${ext}`;
}

/** Save bytes as a file through an object URL and a temporary `<a download>`. */
export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
