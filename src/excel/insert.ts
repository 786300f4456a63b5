/**
 * Insert NEW sheets into the open workbook with office-js (the blank template, issue 12): unlike applyPlan, which
 * replaces the tool's own result sheets, this never replaces or deletes anything — when the workbook already has a
 * sheet of one of the plan's names (it may hold a township's figures), nothing is written and the core's sentence
 * says why (core/plan/insert.ts).
 *
 * Syncs, whatever the number of sheets: A reads the sheet names and the workbook's protection; B writes every sheet
 * (values, number formats, styles, sizes, data validation with its Chinese messages, the input cells unlocked and
 * the sheet protected without a password) in as few requests as the 5 MB payload limit allows (one for the template).
 */
import { templateClash } from '../core/plan/insert';
import type { ApplyOutcome, WritePlan } from '../core/types';
import { fail, OP_OVERHEAD, runOps, sheetOps, type Op } from './apply';
import { excelApi, MIN_EXCEL_API, officeEnv, type ExcelEnv } from './env';
import { excelErrorMessage } from './errors';

export interface InsertOptions {
  env?: ExcelEnv;
  /** Estimated bytes of one write request at most (default 4 MB, under Excel on the web's 5 MB limit). */
  payloadBudget?: number;
}

/** Add `plan`'s sheets after the workbook's own and activate `plan.activate`; refuse (nothing written) on a name clash. */
export async function insertSheets(context: Excel.RequestContext, plan: WritePlan, options: InsertOptions = {}): Promise<ApplyOutcome> {
  const env = options.env ?? officeEnv();
  const budget = options.payloadBudget ?? 4 * 1024 * 1024;
  if (!excelApi(env, MIN_EXCEL_API)) {
    return fail(
      `此版本的 Excel 不支持本加载项所需的接口（ExcelApi ${MIN_EXCEL_API}），没有插入任何工作表。请使用 Microsoft 365、Excel 2021 或更新版本、网页版 Excel，或在本工具的网页版下载空白模板。`,
    );
  }

  // ── Sync A: the sheets there are, and whether sheets may be added at all.
  const workbook = context.workbook;
  const worksheets = workbook.worksheets;
  worksheets.load('items/name');
  workbook.load('name');
  workbook.protection.load('protected');
  await context.sync();

  const clash = templateClash(plan, worksheets.items.map((ws) => ws.name), workbook.name);
  if (clash) return fail(clash);
  if (workbook.protection.protected) {
    return fail(`工作簿“${workbook.name}”的结构受保护，无法添加工作表。请在“审阅”选项卡中撤销工作簿保护后重试；本次没有插入任何工作表。`);
  }

  // ── Sync B…: every sheet, protection last on each.
  const ops: Op[] = [];
  const added = new Map<string, Excel.Worksheet>();
  for (const sp of plan.sheets) {
    ops.push({ bytes: OP_OVERHEAD, run: () => added.set(sp.name, worksheets.add(sp.name)) });
    for (const op of sheetOps(() => added.get(sp.name)!, sp, plan.styles ?? {}, budget)) ops.push(op);
  }
  const first = plan.sheets.find((s) => s.name === plan.activate && !s.hidden);
  if (first) ops.push({ bytes: OP_OVERHEAD, run: () => added.get(first.name)!.activate() });
  try {
    await runOps(context, ops, budget, env);
  } catch (e) {
    const names = plan.sheets.map((s) => `‘${s.name}’`).join('、');
    return {
      ok: false,
      message: `${excelErrorMessage(e, 'write')}空白模板可能只插入了一部分，请删除本次新增的模板工作表后重新插入（模板的工作表是${names}）。`,
      written: [],
    };
  }
  return { ok: true, written: plan.sheets.map((s) => s.name) };
}
