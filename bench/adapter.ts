/**
 * The office-js adapter against the faithful fake object model (test/excel/fake-excel.ts): how many
 * context.sync() calls a check and a result write take for 1, 10 and 40 sheets (they must be equal),
 * and the largest request/response of any sync against Excel on the web's 5 MB payload limit.
 */
import { CATALOG } from '../src/core/catalog';
import { check } from '../src/core/check';
import { buildReport } from '../src/core/narrative';
import { resultPlan } from '../src/core/plan';
import { readWorkbook } from '../src/excel/read';
import { applyPlan } from '../src/excel/apply';
import { createFakeExcel, PAYLOAD_LIMIT, type FakeValue } from '../test/excel/fake-excel';
import type { Metric } from './run';

function indicatorRows(seed: number): FakeValue[][] {
  const rows: FakeValue[][] = [['序号', '指标名称', '单位', '2023年', '备注']];
  CATALOG.indicators
    .filter((d) => d.kind === 'count')
    .forEach((d, i) => rows.push([i + 1, d.name, d.unit ?? '', 5 + ((seed * 31 + i * 17) % 300), '']));
  return rows;
}

async function syncsFor(sheets: number): Promise<{ read: number; write: number; maxBytes: number }> {
  const fake = createFakeExcel();
  fake.model.addSheet('基本情况', [['单位名称', '测试镇'], ['报告年度', 2023]]);
  for (let s = 1; s < sheets; s++) fake.model.addSheet(`指标${s}`, indicatorRows(s));
  const book = await readWorkbook(fake.context(), { env: fake.env });
  const read = fake.syncCount();
  const maxRead = Math.max(...fake.model.syncs.map((x) => Math.max(x.requestBytes, x.responseBytes)));
  fake.resetCounters();
  const result = check(book);
  await applyPlan(fake.context(), resultPlan(result, buildReport(result)), { env: fake.env });
  const write = fake.syncCount();
  const maxWrite = Math.max(...fake.model.syncs.map((x) => Math.max(x.requestBytes, x.responseBytes)));
  return { read, write, maxBytes: Math.max(maxRead, maxWrite) };
}

async function largestPayload(rows: number, cols: number): Promise<number> {
  const fake = createFakeExcel();
  const data: FakeValue[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: FakeValue[] = [];
    for (let c = 0; c < cols; c++) row.push(c === 0 ? `第${r + 1}行事项说明` : r * cols + c);
    data.push(row);
  }
  fake.model.addSheet('台账', data);
  await readWorkbook(fake.context(), { env: fake.env });
  return Math.max(...fake.model.syncs.filter((s) => !s.error).map((s) => Math.max(s.requestBytes, s.responseBytes)));
}

export async function adapterMetrics(): Promise<Metric[]> {
  const out: Metric[] = [];
  const counts: { read: number; write: number; maxBytes: number }[] = [];
  for (const n of [1, 10, 40]) {
    const r = await syncsFor(n);
    counts.push(r);
    out.push({ name: `office-js syncs: check ${n} sheet(s)`, value: r.read, unit: 'syncs' });
    out.push({ name: `office-js syncs: write results, ${n} sheet(s)`, value: r.write, unit: 'syncs' });
  }
  const equal = counts.every((c) => c.read === counts[0].read && c.write === counts[0].write);
  out.push({
    name: 'office-js syncs equal for 1, 10 and 40 sheets',
    value: equal ? 1 : 0,
    unit: 'bool',
    target: 'equal',
    ok: equal,
  });
  const big = await largestPayload(50000, 20);
  out.push({
    name: 'largest office-js payload per sync, 50,000 × 20 sheet',
    value: Math.round((big / 1024 / 1024) * 100) / 100,
    unit: 'MB',
    comparison: { name: 'Excel on the web limit', value: PAYLOAD_LIMIT / 1024 / 1024, unit: 'MB' },
    ratio: Math.round((big / PAYLOAD_LIMIT) * 100) / 100,
    target: '< 5 MB',
    ok: big < PAYLOAD_LIMIT,
  });
  return out;
}
