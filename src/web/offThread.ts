/**
 * The page's side of the check worker (checkWorker.ts): one worker for the page, started on the first check,
 * requests matched to replies by id. Where a browser refuses workers (the page opened from disk, file://, in
 * Chromium) or the worker script cannot be loaded, `checkOffThread` answers null and the pane checks in-thread
 * as before; a failure inside the check is answered as an error, never as null.
 */
import type { CheckResult, Report } from '../core/types';
import type { EngineOptions } from '../taskpane/engine';
import type { CheckReply, CheckRequest, CountyPart, SliceAck } from './checkWorker';
import { isSlice, joinMessage, type Slice } from './sliced';
import { revivedInput } from '../core/county/rows';

export interface OffThreadResult {
  result: CheckResult;
  report: Report | null;
  /** Why the report could not be drafted ('' when the failure had no message); null when it was. */
  reportError: string | null;
}

/** A request waiting for its reply (whole, its slices put back); null: no worker, check in the page. */
type Pending = { resolve(r: CheckReply | null): void; reject(e: Error): void; slices: Slice['slice'][] };

let worker: Worker | null = null;
/** Set once the browser has refused the worker: later checks go in-thread at once. */
let unavailable = false;
let nextId = 0;
const pending = new Map<number, Pending>();

/** Every pending request is answered null (checked in-thread instead), and no worker is tried again. */
function giveUp(): void {
  unavailable = true;
  worker?.terminate();
  worker = null;
  for (const p of pending.values()) p.resolve(null);
  pending.clear();
}

async function getWorker(): Promise<Worker | null> {
  if (unavailable || typeof Worker === 'undefined') return null;
  if (worker) return worker;
  try {
    const { startCheckWorker } = await import('./startCheckWorker');
    worker = startCheckWorker();
  } catch (err) {
    // Chromium throws a SecurityError for a worker of a page opened from disk: the in-thread check still works
    if (typeof console !== 'undefined') console.info('check worker unavailable, checking in the page:', err);
    giveUp();
    return null;
  }
  worker.onmessage = (e: MessageEvent<CheckReply | Slice>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    if (isSlice(e.data)) {
      p.slices.push(e.data.slice);
      // the next slice after the page's own pending work (a click, a paint) has had its turn
      const ack: SliceAck = { ack: e.data.id };
      setTimeout(() => worker?.postMessage(ack), 0);
      return;
    }
    const reply = e.data;
    pending.delete(reply.id);
    if (!reply.ok) {
      // with the error's name (FileReadError: the reader refused the file) and the sheet and cell it names, if any
      p.reject(Object.assign(new Error(reply.message), reply.error ?? {}));
      return;
    }
    try {
      p.resolve(joinMessage(reply, p.slices));
    } catch (err) {
      p.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
  // the script failed to load or to start (a reply to a request is never an 'error' event)
  worker.onerror = (e) => {
    e.preventDefault();
    console.info('check worker failed to start, checking in the page:', e.message);
    giveUp();
  };
  return worker;
}

async function request(req: Omit<CheckRequest, 'id'>): Promise<CheckReply | null> {
  const w = await getWorker();
  if (!w) return null;
  const id = ++nextId;
  return new Promise<CheckReply | null>((resolve, reject) => {
    pending.set(id, { resolve, reject, slices: [] });
    w.postMessage({ ...req, id } satisfies CheckRequest);
  });
}

/** Checks `bytes` in the worker; null when no worker can run here (the caller checks in-thread). */
export async function checkOffThread(name: string, bytes: Uint8Array, opts: EngineOptions): Promise<OffThreadResult | null> {
  const reply = await request({ name, bytes, opts });
  if (!reply || !reply.ok) return null;
  if (!('result' in reply)) throw new Error('检查线程的答复不是检查结果');
  return { result: reply.result, report: reply.report, reportError: reply.reportError };
}

/**
 * Checks `bytes` in the worker and answers only what the county summary keeps of it (issue 14), listed as `file`;
 * null when no worker can run here (the caller checks in-thread). A failure is thrown with its message.
 */
export async function countyPartOffThread(file: string, name: string, bytes: Uint8Array, opts: EngineOptions): Promise<CountyPart | null> {
  const reply = await request({ name, bytes, opts, county: { file } });
  if (!reply || !reply.ok) return null;
  if (!('county' in reply)) throw new Error('检查线程的答复不是汇总所需的内容');
  // a structured clone: the figure tables of its rows get their methods back
  if (reply.county) revivedInput(reply.county.input);
  return reply.county;
}
