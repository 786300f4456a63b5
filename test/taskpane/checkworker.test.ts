/**
 * The page's check worker answers what the pane computes in-thread: the same reader, core check and report draft
 * over the same bytes (the worker itself runs in Chromium, test/e2e/huge.test.ts); a file that cannot be read is
 * answered with the reader's own message, never with an empty result.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readWorkbook } from '../../src/file';
import { coreEngine } from '../../src/taskpane/coreEngine';
import { answer } from '../../src/web/checkWorker';
import { isSlice, joinMessage, splitMessage } from '../../src/web/sliced';
import { minimalXlsx, sheetXml } from '../hostile/fixtures';

const SAMPLES = path.join(__dirname, '../../assets/samples');

/** What the pane computes in-thread for the same bytes and switch (usePane's checkBook over coreEngine). */
async function inThread(bytes: Uint8Array, name: string, workbookTemplates: boolean) {
  const book = await readWorkbook(bytes, name);
  const result = coreEngine.check(book, { workbookTemplates });
  return { result, report: coreEngine.buildReport(result, book, { workbookTemplates }) };
}

test.each(['周营镇-2023-指标.xlsx', '大钟庄镇-2021-比率.xlsx'])('%s: the worker answers the in-thread result and report', async (name) => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(SAMPLES, name)));
  const reply = await answer({ id: 7, name, bytes, opts: { workbookTemplates: false } });
  expect(reply).toEqual({ id: 7, ok: true, ...(await inThread(bytes, name, false)), reportError: null });
});

test('a workbook with its own 报告模板 sheet: the worker follows the switch, off and on, as the pane does in-thread', async () => {
  const bytes = minimalXlsx([
    { name: '基本情况', xml: sheetXml([{ r: 1, cells: [['A1', '单位名称'], ['B1', '周营镇']] }, { r: 2, cells: [['A2', '报告年度'], ['B2', 2023]] }]) },
    {
      name: '矛盾纠纷',
      xml: sheetXml([
        { r: 1, cells: [['A1', '指标名称'], ['B1', '单位'], ['C1', '数值']] },
        { r: 2, cells: [['A2', '信访案件受理数'], ['B2', '件'], ['C2', 9]] },
        { r: 3, cells: [['A3', '信访案件化解数'], ['B3', '件'], ['C3', 7]] },
      ]),
    },
    {
      name: '报告模板',
      xml: sheetXml([
        { r: 1, cells: [['A1', '分组'], ['B1', '条件'], ['C1', '模板']] },
        { r: 2, cells: [['A2', '信访'], ['C2', '本镇全年接待来信来访，受理信访案件{petitions_received}，办结{petitions_resolved}']] },
      ]),
    },
  ]);
  for (const workbookTemplates of [false, true]) {
    const reply = await answer({ id: 1, name: '周营镇.xlsx', bytes, opts: { workbookTemplates } });
    expect(reply).toEqual({ id: 1, ok: true, ...(await inThread(bytes, '周营镇.xlsx', workbookTemplates)), reportError: null });
    const text = reply.ok && 'report' in reply ? reply.report!.paragraphs.map((p) => p.text).join('') : '';
    expect(text.includes('本镇全年接待来信来访，受理信访案件9件')).toBe(workbookTemplates);
  }
});

test('a file that is not a workbook is answered with the reader’s message naming it', async () => {
  const reply = await answer({ id: 1, name: '假的.xlsx', bytes: new TextEncoder().encode('\u0000\u0001PK garbage'), opts: { workbookTemplates: false } });
  expect(reply.ok).toBe(false);
  if (!reply.ok) expect(reply.message).toContain('假的.xlsx');
  // named as the reader's refusal, so the county lists it as 无法读取 (sent back), not as the tool failing
  if (!reply.ok) expect(reply.error?.name).toBe('FileReadError');
});

test('a reply posted in slices (every long array cut into runs) is put back together exactly', async () => {
  const name = '周营镇-2023-指标.xlsx';
  const bytes = new Uint8Array(fs.readFileSync(path.join(SAMPLES, name)));
  const reply = await answer({ id: 3, name, bytes, opts: { workbookTemplates: false } });
  const copy = structuredClone(reply);
  const messages = splitMessage(reply, 3);
  const slices = messages.filter(isSlice);
  expect(slices.length).toBeGreaterThan(5);
  for (const m of slices) expect(m.slice.items.length).toBeLessThanOrEqual(3);
  const last = messages[messages.length - 1];
  expect(isSlice(last)).toBe(false);
  expect(joinMessage(structuredClone(last), slices.map((m) => structuredClone(m.slice)))).toEqual(copy);
});

test('for the county the worker answers only what the summary keeps of the file, the same as merge computes, with the county definitions', async () => {
  const { readDefinitionsFile } = await import('../../src/file/definitions');
  const { countyInput } = await import('../../src/core/county');
  const { check } = await import('../../src/core/check');
  const definitions = await readDefinitionsFile(new TextEncoder().encode(JSON.stringify({ 指标定义: [{ 指标名称: '行政执法人员', 上限: 10 }] })), '县定义.json');
  const name = '周营镇-2023-指标.xlsx';
  const bytes = new Uint8Array(fs.readFileSync(path.join(SAMPLES, name)));
  const reply = await answer({ id: 4, name, bytes, opts: { definitions }, county: { file: `${name} (2)` } });
  if (!reply.ok || !('county' in reply)) throw new Error('no county part');
  expect('result' in reply).toBe(false); // the findings stay in the worker
  // what merge --catalog keeps of the same file (src/cli/merge.ts: countyInput over check with the definitions)
  const result = check(await readWorkbook(bytes, name), { definitions });
  expect(reply.county.input).toEqual(countyInput(`${name} (2)`, '周营镇-2023-指标', result));
  expect(reply.county.catalog).toEqual(result.catalog);
  // the definitions counted: 12 officers over the county's 10 is one more error than without them
  const plain = await answer({ id: 5, name, bytes, opts: {}, county: { file: name } });
  if (!plain.ok || !('county' in plain)) throw new Error('no county part');
  expect(reply.county.input.status.counts.error).toBe(plain.county.input.status.counts.error + 1);
  expect(plain.county.catalog).toBeNull();
});
