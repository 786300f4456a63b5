/**
 * Apply a WritePlan to a COPY of a workbook file. The township's cell values are never changed: result sheets are
 * replaced whole, marks only touch fills and notes (what each cell had kept in the very hidden 审核标记 sheet).
 * A township's sheet that bears a result name is never replaced or deleted: core/toolsheets.ts decides (resolvePlan).
 *
 * Everything is written into the original package (package.ts, cellmarks.ts): the tool's sheets added, marked
 * cells pointed at cloned cell formats and given legacy notes, every other part kept byte for byte — so charts,
 * pictures, pivot tables and whatever else the township made survive, marks or not. A source that is not an .xlsx
 * gets its copy built first (fresh.ts) and is then written the same way.
 */
import { writableText } from '../core/toolsheets';
import type { WritePlan } from '../core/types';
import { writeIntoPackage } from './package';
import { inspectWorkbookZip, toBytes, verifyInflatedSizes } from './zip';

/** Every string written goes through the core's writableText (XML-safe, Excel's length limit). */
export const cleanText = writableText;

/** Apply `plan` to a copy of the workbook in `data` and return the new file's bytes. */
export async function applyPlan(data: Uint8Array | ArrayBuffer, plan: WritePlan, name = ''): Promise<Uint8Array> {
  // parts it leaves alone are copied packed, never inflated; still, no copy carries a part that lies about its size
  await verifyInflatedSizes(toBytes(data), inspectWorkbookZip(data, name), name);
  return writeIntoPackage(data, plan, name);
}
