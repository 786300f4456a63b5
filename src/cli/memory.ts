/**
 * A long batch keeps its memory flat. `merge` of a prefecture's 1,000 workbooks keeps only a small row of each
 * (core/county/rows.ts), yet each workbook read and checked leaves a few megabytes of garbage, part of which lives
 * long enough to be moved to V8's old generation; V8 then lets that generation grow with the run's length rather
 * than with what is alive (a run over 1,000 files with nothing kept ends near twice the memory of a run over 40).
 * So, every so many files, the batch asks for a full collection between two files — when nothing of a workbook is
 * alive any more — which keeps the peak where a run over a few dozen files has it, for well under a second over
 * 1,000 files. Node hides the collector unless started with `--expose-gc`; it is reached here through V8's flags,
 * and when that is refused the batch just runs without it (memory as V8 decides, nothing else changes).
 */
import * as v8 from 'v8';
import * as vm from 'vm';

/** Files between two collections: a collection costs some 10–20 ms, a file 5–10 ms. */
export const FILES_PER_COLLECTION = 50;

type Gc = () => void;
let collect: Gc | null | undefined;

function collector(): Gc | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    collect = typeof gc === 'function' ? (gc as Gc) : null;
  } catch (e) {
    // a runtime that does not let the collector be reached (the flag ignored: `gc` undefined in the new context,
    // whose ReferenceError is of that context's realm): memory is V8's to manage, as always — nothing else changes
    void e;
    collect = null;
  }
  return collect;
}

/** Call after each file of a batch; collects every FILES_PER_COLLECTION files. Returns whether it collected. */
export function afterFile(done: number): boolean {
  if (done === 0 || done % FILES_PER_COLLECTION !== 0) return false;
  return settle();
}

/** Collect now (between the reading of a batch and the writing of its result). Returns whether it could. */
export function settle(): boolean {
  const gc = collector();
  if (!gc) return false;
  gc();
  return true;
}
