/**
 * The WorkbookHost the task pane uses inside Excel: every call is one `Excel.run` batch, and whatever Excel throws
 * leaves here as one Chinese sentence chosen by its error code (errors.ts), never Excel's own English summary.
 */
import type { ApplyOutcome, HostCapabilities, Workbook, WorkbookHost, WritePlan } from '../core/types';
import { applyPlan, selectCell } from './apply';
import { insertSheets } from './insert';
import { excelApi, OPTIONAL_API, officeEnv, type ExcelEnv } from './env';
import { excelErrorMessage } from './errors';
import { readWorkbook, type ReadOptions } from './read';

export interface ExcelHostOptions {
  /** Runs a batch (default `Excel.run`); tests pass a fake. */
  run?: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  env?: ExcelEnv;
  read?: Omit<ReadOptions, 'env' | 'onProgress'>;
}

export function createExcelHost(options: ExcelHostOptions = {}): WorkbookHost {
  const env = options.env ?? officeEnv();
  const run = options.run ?? (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch));
  return {
    kind: 'excel',
    async capabilities(): Promise<HostCapabilities> {
      return { comments: excelApi(env, OPTIONAL_API.comments), marks: true, download: false };
    },
    async read(onProgress?: (done: number, total: number) => void): Promise<Workbook> {
      try {
        return await run((context) => readWorkbook(context, { ...options.read, env, onProgress }));
      } catch (e) {
        throw new Error(excelErrorMessage(e, 'read'));
      }
    },
    async apply(plan: WritePlan): Promise<ApplyOutcome> {
      try {
        return await run((context) => applyPlan(context, plan, { env }));
      } catch (e) {
        // applyPlan catches failures of its writes itself; what gets here failed before anything was written.
        return { ok: false, message: `${excelErrorMessage(e, 'write')}本次没有写入任何内容。`, written: [] };
      }
    },
    async insertSheets(plan: WritePlan): Promise<ApplyOutcome> {
      try {
        return await run((context) => insertSheets(context, plan, { env }));
      } catch (e) {
        // insertSheets catches failures of its writes itself; what gets here failed before anything was written.
        return { ok: false, message: `${excelErrorMessage(e, 'write')}本次没有插入任何工作表。`, written: [] };
      }
    },
    async select(sheet: string, cell: string): Promise<void> {
      try {
        await run((context) => selectCell(context, sheet, cell));
      } catch (e) {
        throw new Error(excelErrorMessage(e, 'select'));
      }
    },
  };
}
