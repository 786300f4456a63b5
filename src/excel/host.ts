/** The WorkbookHost the task pane uses inside Excel: every call is one `Excel.run` batch. */
import type { ApplyOutcome, HostCapabilities, Workbook, WorkbookHost, WritePlan } from '../core/types';
import { applyPlan, selectCell } from './apply';
import { excelApi, OPTIONAL_API, officeEnv, type ExcelEnv } from './env';
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
    read(onProgress?: (done: number, total: number) => void): Promise<Workbook> {
      return run((context) => readWorkbook(context, { ...options.read, env, onProgress }));
    },
    async apply(plan: WritePlan): Promise<ApplyOutcome> {
      try {
        return await run((context) => applyPlan(context, plan, { env }));
      } catch (e) {
        const msg = e instanceof Error && e.message ? e.message.replace(/[.。\s]+$/, '') : '未知错误';
        return { ok: false, message: `无法写入工作簿：${msg}。`, written: [] };
      }
    },
    select(sheet: string, cell: string): Promise<void> {
      return run((context) => selectCell(context, sheet, cell));
    },
  };
}
