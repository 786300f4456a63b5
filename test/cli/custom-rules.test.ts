/**
 * What `check` prints and writes about the county's 审核规则: one sentence per file with passed / failed / not
 * evaluable, each rule under `--explain`, the outcomes and each finding's rule in `--json`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { customRulesLine, formatCustomRules, formatResult, resultJson } from '../../src/cli/check';
import { check } from '../../src/core/check';
import type { CountyDefinitions } from '../../src/core/definitions/types';
import type { CheckResult } from '../../src/core/types';
import { readXlsx } from '../../src/file';
import { ZHOU, run, tempDirPerTest } from './support';

const definitions: CountyDefinitions = {
  name: '县定义.xlsx',
  indicators: [],
  rules: [
    ['[持证人数] <= [行政执法人员]', '持证人数不能多于行政执法人员'],
    ['[化解信访案件] <= [受理信访案件]', ''],
    ['[工单按期办结数] <= [热线/电子工单]', ''],
    ['[持证人数] <= [执法人员总数量吧]', ''],
  ].map(([text, message], i) => ({ at: { file: '县定义.xlsx', sheet: '审核规则', cell: `A${i + 2}`, row: i + 1 }, text, severity: 'error' as const, message })),
};

async function zhou() {
  return check(await readXlsx(fs.readFileSync(ZHOU), path.basename(ZHOU)), { definitions });
}

test('the file block says how many county rules passed, failed, could not be checked or are invalid', async () => {
  const r = await zhou();
  expect(customRulesLine(r)).toBe('县级审核规则 4 条（县定义.xlsx）：通过 1 条，不符合 1 条，1 条规则因缺少数据未能检查，1 条无法使用（见错误）。');
  const text = formatResult(ZHOU, r);
  expect(text).toContain('行政执法!D5　‘行政执法’表 D5：持证人数不能多于行政执法人员（');
  expect(text).toContain('    县定义.xlsx 审核规则!A5　县定义.xlsx ‘审核规则’表 A5的审核规则“[持证人数] <= [执法人员总数量吧]”无法使用：第11个字符处');
  expect(text).toContain('  县级审核规则 4 条');
});

test('--explain lists each rule with where it is written and its outcome', async () => {
  const r = await zhou();
  expect(formatCustomRules(r)!.split('\n')).toEqual([
    '  县级审核规则：',
    // each of these states a built-in relation: said, since it takes that check's place
    '    审核规则!A2　[持证人数] <= [行政执法人员]　不符合（1 处不符合，共检查 1 处）；与内置核对“部分大于总数”相同，以本条为准',
    '    审核规则!A3　[化解信访案件] <= [受理信访案件]　通过（检查 1 处）；与内置核对“部分大于总数”相同，以本条为准',
    '    审核规则!A4　[工单按期办结数] <= [热线/电子工单]　未能检查（缺少“工单按期办结数”的数字）；与内置核对“部分大于总数”相同，以本条为准',
    expect.stringMatching(/^ {4}审核规则!A5　\[持证人数\] <= \[执法人员总数量吧\]　无法使用：第11个字符处的“\[执法人员总数量吧\]”不是指标目录中的指标/),
  ]);
});

test('--json carries every rule\'s outcome and the rule behind each finding', async () => {
  const r = await zhou();
  const doc = JSON.parse(JSON.stringify(resultJson(ZHOU, r)));
  expect(doc.customRules.counts).toEqual({ passed: 1, failed: 1, undetermined: 0, 'not-evaluable': 1, invalid: 1 });
  expect(doc.customRules.rules.map((x: { status: string }) => x.status)).toEqual(['failed', 'passed', 'not-evaluable', 'invalid']);
  const custom = doc.findings.filter((f: { rule: string }) => f.rule === 'custom');
  expect(custom).toHaveLength(1);
  expect(custom[0]).toMatchObject({ sheet: '行政执法', cell: 'D5', ruleAt: { file: '县定义.xlsx', sheet: '审核规则', cell: 'A2', row: 1 } });
});

test('--explain says a rule left unchecked by a divisor of 0 as such, beside the places it was checked', () => {
  const at = { file: '县定义.xlsx', sheet: '审核规则', cell: 'A2', row: 1 };
  const rule = { at, text: '[调解成功数] / [矛盾纠纷受理数] >= 95%', severity: 'error' as const, indicators: [], failed: 0, missing: [] };
  const r = (over: object) => ({ customRules: { source: '县定义.xlsx', counts: { passed: 0, failed: 0, undetermined: 0, 'not-evaluable': 0, invalid: 0 }, rules: [{ ...rule, ...over }] } }) as unknown as CheckResult;
  expect(formatCustomRules(r({ status: 'not-evaluable', evaluated: 0, skipped: 1, zeroDivisor: 1 }))).toContain('未能检查（1 处除数为0）');
  expect(formatCustomRules(r({ status: 'passed', evaluated: 3, skipped: 2, zeroDivisor: 1, missing: ['矛盾纠纷受理数'] }))).toContain(
    '通过（检查 3 处；另有 1 处缺少“矛盾纠纷受理数”的数字、1 处除数为0，未能检查）',
  );
});

test('without county rules nothing is said about them', async () => {
  const r = check(await readXlsx(fs.readFileSync(ZHOU), path.basename(ZHOU)));
  expect(customRulesLine(r)).toBeNull();
  expect(formatResult(ZHOU, r)).not.toContain('县级审核规则');
  expect(resultJson(ZHOU, r)).not.toHaveProperty('customRules');
});

describe('check --catalog with the county\'s rules, end to end', () => {
  const tmp = tempDirPerTest('id-rules-');

  test('a JSON file of rules: the failing rule, the invalid one with its position, the counts, --explain and --json', async () => {
    const defsFile = path.join(tmp(), '县定义.json');
    fs.writeFileSync(
      defsFile,
      JSON.stringify({
        审核规则: [
          { 规则: '[持证人数] <= [行政执法人员]', 级别: '错误', 说明: '持证人数{持证人数}不能多于执法人员{行政执法人员}' },
          { 规则: '[化解信访案件 <= [受理信访案件]', 级别: '错误', 说明: '' },
          { 规则: '[法治宣传队伍人数] >= [法治宣传队伍] * 3', 级别: '核实', 说明: '每支宣传队伍应不少于3人' },
        ],
      }),
    );
    const text = await run(['check', ZHOU, '--catalog', defsFile, '--explain'], tmp());
    expect(text.out).toContain('‘行政执法’表 D5：持证人数14人不能多于执法人员12人（');
    expect(text.out).toMatch(/县定义\.json 审核规则\[1\]　县定义\.json 第2条的审核规则“\[化解信访案件 <= \[受理信访案件\]”无法使用：第12个字符处缺少“]”/);
    expect(text.out).toMatch(/县级审核规则 3 条（县定义\.json）：通过 1 条，不符合 1 条，1 条无法使用（见错误）。/);
    expect(text.out).toContain('  县级审核规则：');
    const json = await run(['check', ZHOU, '--catalog', defsFile, '--json'], tmp());
    const doc = JSON.parse(json.out);
    expect(doc.files[0].customRules.counts).toMatchObject({ passed: 1, failed: 1, invalid: 1 });
  });
});
