/**
 * The page's check, away from the main thread (a Web Worker): read the workbook's bytes, check them and draft the
 * report — the same calls as the pane makes in-thread (src/file's readWorkbook, the pane's coreEngine), so the
 * result is the same; a 50,000-finding workbook no longer freezes the page while it is checked.
 * Every failure is answered with its message (the reader's are Chinese sentences naming the file).
 */
import type { CheckResult, Report } from '../core/types';
import { readWorkbook } from '../file/workbook';
import { coreEngine } from '../taskpane/coreEngine';
import type { EngineOptions } from '../taskpane/engine';
import { countyPartOfBook, type CountyPart } from './county';
import { isSlice, splitMessage } from './sliced';

export interface CheckRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  /** The pane's switches: the workbook's own 报告模板 sheet applied, hidden sheets left out. */
  opts: EngineOptions;
  /**
   * For the county table (issue 14): answer only what the county summary keeps of the file, not the whole check;
   * `file` is the name the county lists it under (the page's label, numbered when two files share a name).
   */
  county?: { file: string };
}

export type { CountyPart };

export type CheckReply =
  | { id: number; ok: true; result: CheckResult; report: Report | null; reportError: string | null }
  | { id: number; ok: true; county: CountyPart }
  | { id: number; ok: false; message: string; error?: ErrorFields };

/** What the page needs of a thrown error besides its message: its name (FileReadError: the reader refused the file) and where it points. */
export interface ErrorFields {
  name?: string;
  sheet?: string;
  cell?: string;
}

function errorFields(e: unknown): ErrorFields | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const o = e as Record<string, unknown>;
  const out: ErrorFields = {};
  for (const k of ['name', 'sheet', 'cell'] as const) if (typeof o[k] === 'string' && o[k]) out[k] = o[k] as string;
  return Object.keys(out).length ? out : undefined;
}

/** One request, answered; exported for the test that runs it without a worker. */
export async function answer(req: CheckRequest): Promise<CheckReply> {
  try {
    const book = await readWorkbook(req.bytes, req.name);
    // the county keeps a few rows of each file: the check result (all its findings) never crosses to the page
    if (req.county) return { id: req.id, ok: true, county: countyPartOfBook(req.county.file, book, req.opts.definitions) };
    const result = coreEngine.check(book, req.opts);
    let report: Report | null = null;
    let reportError: string | null = null;
    try {
      report = coreEngine.buildReport(result, book, req.opts);
    } catch (e) {
      // a 报告模板 sheet with a mistake: its message names the cell; the findings stand regardless ('' = no message)
      reportError = e instanceof Error ? e.message : '';
    }
    return { id: req.id, ok: true, result, report, reportError };
  } catch (e) {
    const error = errorFields(e);
    return { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e), ...(error ? { error } : {}) };
  }
}

/** The page took a slice and let its own work run: the next slice may come. */
export interface SliceAck {
  ack: number;
}

interface WorkerScope {
  onmessage: ((e: MessageEvent<CheckRequest | SliceAck>) => void) | null;
  postMessage(message: unknown): void;
}

declare const self: unknown;
if (typeof self !== 'undefined' && typeof (self as { importScripts?: unknown }).importScripts === 'function') {
  const scope = self as WorkerScope;
  const acks = new Map<number, () => void>();
  scope.onmessage = (e) => {
    const m = e.data;
    if ('ack' in m) {
      acks.get(m.ack)?.();
      acks.delete(m.ack);
      return;
    }
    // Large arrays (findings, unknown labels) in slices, each sent once the page has taken the one before and run
    // its own tasks: a browser may otherwise decode queued messages back to back and hold the page as long.
    void answer(m).then(async (reply) => {
      for (const part of splitMessage(reply)) {
        if (isSlice(part)) {
          const taken = new Promise<void>((resolve) => acks.set(part.id, resolve));
          scope.postMessage(part);
          await taken;
        } else scope.postMessage(part);
      }
    });
  };
}
