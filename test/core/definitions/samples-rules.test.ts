/**
 * County rules on the sample workbooks, read with the real reader: a summary (one row per township, a header as
 * its own label), rate rows with an approximate base, year columns, and a label only the sheet's context places.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG } from '../../../src/core/catalog';
import { check } from '../../../src/core/check';
import { resolveName } from '../../../src/core/definitions/rules';
import type { CountyDefinitions } from '../../../src/core/definitions/types';
import type { CheckResult } from '../../../src/core/types';
import { readXlsx } from '../../../src/file';

const DIR = path.resolve(__dirname, '..', '..', '..', 'assets', 'samples');

function defs(...rules: string[]): CountyDefinitions {
  return {
    name: '县定义.xlsx',
    indicators: [],
    rules: rules.map((text, i) => ({ at: { file: '县定义.xlsx', sheet: '审核规则', cell: `A${i + 2}`, row: i + 1 }, text, severity: 'error' as const, message: '' })),
  };
}

async function checkSample(name: string, definitions: CountyDefinitions): Promise<CheckResult> {
  return check(await readXlsx(fs.readFileSync(path.join(DIR, name)), name), { definitions });
}

const custom = (r: CheckResult, row: number) => r.findings.filter((f) => f.rule === 'custom' && f.ruleAt!.row === row);

test('沈丘县 summary: a rule per township row, and a rule naming the summary\'s own header 化解率（%）', async () => {
  const r = await checkSample('沈丘县-2023-汇总.xlsx', defs('[化解信访案件] <= [受理信访案件]', '[化解率（%）] >= 95%'));
  expect(r.findings.filter((f) => f.rule === 'rule-invalid')).toEqual([]);
  // the planted 15 resolved of 13 received at 白楼镇 (S2), and no other township
  const parts = custom(r, 1);
  expect(parts.map((f) => [f.sheet, f.cell, f.entity])).toEqual([['汇总表', 'E8', '白楼镇']]);
  expect(parts[0].refs).toEqual(['汇总表!E8', '汇总表!D8']);
  expect(parts[0].message).toMatch(/^‘汇总表’ E8（白楼镇）：不符合县级审核规则（/);
  // `化解率（%）` alone could be two rates; in this summary it is the petitions' (its column stands after theirs)
  expect(resolveName('化解率（%）', CATALOG).ok).toBe(false);
  const below = r.observations
    .filter((o) => o.indicator === 'petition_resolution_rate' && !o.isTotal && typeof o.value === 'number' && o.value < 95)
    .map((o) => o.entity)
    .sort();
  expect(below.length).toBeGreaterThan(0);
  expect(custom(r, 2).map((f) => f.entity).sort()).toEqual(below);
  // every township row and the 合计 row were evaluated
  const townships = new Set(r.observations.filter((o) => o.indicator === 'petition_resolution_rate').map((o) => `${o.entity}|${o.isTotal ?? false}`));
  expect(r.customRules!.rules[1].evaluated).toBe(townships.size);
});

test('周营镇: 参训人次 is named as the sheet writes it, though alone it could be two indicators', async () => {
  expect(resolveName('参训人次', CATALOG)).toMatchObject({ ok: false, reason: expect.stringContaining('可能是') });
  const r = await checkSample('周营镇-2023-指标.xlsx', defs('[参训人次] >= [法治培训场次] * 10', '[参训人次] > [法治培训场次] * 1000'));
  expect(r.customRules!.rules.map((x) => x.status)).toEqual(['passed', 'failed']);
  const [f] = custom(r, 2);
  expect(f.indicators).toEqual(['training_attendance', 'trainings']);
  expect(f.sheet).toBe('法治宣传教育');
});

test('前营乡 year columns: each year on its own; the blank 2023 figure leaves that year unchecked, and says so', async () => {
  const r = await checkSample('前营乡-2023-逐年.xlsx', defs('[持证人数] <= [行政执法人员]', '[法律咨询] <= 100'));
  // 行政执法人员 is blank for 2023 (planted Q5): only 2022 is evaluated
  expect(r.customRules!.rules[0]).toMatchObject({ status: 'passed', evaluated: 1, skipped: 1, missing: ['行政执法人员'] });
  // 法律咨询: 45 in 2022, 260 in 2023 (planted Q1) — only 2023 breaks the rule
  expect(custom(r, 2).map((f) => `${f.sheet}!${f.cell}`)).toEqual(['主要指标!E11']);
});

test('大钟庄镇 rate rows: a rate over the approximate 120余 can be neither confirmed nor refuted — undetermined, no finding', async () => {
  const r = await checkSample('大钟庄镇-2021-比率.xlsx', defs('[学法考试参考率] = [学法考试参考人数] / [学法考试应考人数]', '[信访案件化解率] = [化解信访案件] / [受理信访案件]'));
  expect(r.customRules!.rules.map((x) => x.status)).toEqual(['undetermined', 'failed']);
  expect(custom(r, 1)).toEqual([]);
  // the planted 98% over 45 of 48 (D1) fails as the rule, an error like rate-mismatch
  expect(custom(r, 2).map((f) => [f.cell, f.severity])).toEqual([['E3', 'error']]);
  expect(custom(r, 2)[0].message).toContain('[化解信访案件] / [受理信访案件]为93.8%');
});
