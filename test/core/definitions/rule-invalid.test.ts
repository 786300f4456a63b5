/**
 * `rule-invalid` for every kind of problem the parser and the compiler find (issue 12, "Done when"): written in the
 * checked workbook's own 审核规则 sheet, each is an error at the rule's own cell naming the character where the
 * problem is, as the user counts characters — and the rules after it still run. Indicator names from the real
 * reports (化解/受理信访案件, 持证人数, 行政执法人员).
 */
import { check } from '../../../src/core/check';
import type { Grid, Workbook } from '../../../src/core/types';

/** [rule, position (null: the whole rule), what the message says there] */
const CASES: [string, number | null, string][] = [
  // tokens
  ['[化解信访案件 <= [受理信访案件]', 12, '缺少“]”（第1个字符处的“[”没有配对）'],
  ['[ ] <= [受理信访案件]', 1, '的“[ ]”中没有填写指标名称'],
  ['[化解信访案件]] <= [受理信访案件]', 9, '多了“]”（前面没有对应的“[”）'],
  ['[化解信访案件] <= 1.2.3', 13, '的“1.2.3”不是一个数字'],
  ['[持证人数] >= % [行政执法人员]', 11, '的“%”前面没有数字'],
  ['[持证人数] = 是', 10, '的“是”：规则目前只能比较数字'],
  ['[持证人数] <= 行政执法人员', 11, '的“行政执法人员”不是运算符；指标名称要写在方括号中，如“[行政执法人员]”'],
  ['[持证人数] ^ 2 > 1', 8, '的“^”不是可用的运算符'],
  // structure
  ['[持证人数] <= [行政执法人员])', 19, '多了“)”（前面没有对应的“(”）'],
  ['[持证人数] [行政执法人员] > 1', 8, '缺少运算符（“[行政执法人员]”前面应有'],
  ['[持证人数] > 1 且 [行政执法人员]', 12, '的“且”两边都应是比较'],
  ['非 [持证人数]', 1, '的“非”后面应是比较'],
  ['([持证人数] > 1) = [行政执法人员]', 14, '的“=”两边应是数字或指标，不能是另一个比较'],
  ['[化解信访案件] <= [受理信访案件] <= 100', 22, '又有一个比较“<=”；连续比较请用“且”分开写'],
  ['([持证人数] > 1) + 1 > 0', 14, '的“+”不能用于比较的结果'],
  ['-([持证人数] > 1) < 0', 1, '的“-”不能用于比较的结果'],
  ['([持证人数] <= [行政执法人员]', 20, '缺少“)”（第1个字符处的“(”没有配对）'],
  ['([持证人数] <= [行政执法人员] [受理信访案件])', 21, '缺少运算符或“)”'],
  ['[持证人数] <= )', 11, '多了“)”（前面缺少数字或指标'],
  ['[持证人数] <=', 10, '（规则末尾）缺少数字或指标'],
  ['[持证人数] <= * [行政执法人员]', 11, '的“*”前面缺少数字或指标'],
  ['[持证人数] + [行政执法人员]', null, '规则中没有比较'],
  ['100 < 200', null, '规则中没有用方括号写出任何指标'],
  // names and kinds (the compiler)
  ['[持证人数] <= [执法人员总数量吧]', 11, '的“[执法人员总数量吧]”不是指标目录中的指标'],
  ['[化解率] >= 90%', 1, '的“[化解率]”可能是'],
  ['[年终述法] > 0', 1, '的“[年终述法]”是“是/否”指标，规则目前只能比较数字'],
  ['[信访案件化解率] >= 95', 14, '的“95”应写成百分数（如“95%”）'],
];

const VALID = '[化解信访案件] <= [受理信访案件]';

function workbook(): Workbook {
  const rules: Grid = { name: '审核规则', rows: [['规则', '级别', '说明'], ...CASES.map(([rule]) => [rule, '错误', null]), [VALID, '错误', '化解数{化解信访案件}不能多于受理数{受理信访案件}']] };
  const figures: Grid = {
    name: '矛盾纠纷化解',
    rows: [['周营镇2023年法治政府建设指标'], ['序号', '指标名称', '单位', '数值'], [1, '受理信访案件', '件', 13], [2, '化解信访案件', '件', 15]],
  };
  return { name: '周营镇-2023-指标.xlsx', sheets: [figures, rules] };
}

describe('rule-invalid names the character of every kind of problem', () => {
  const r = check(workbook());
  const invalid = r.findings.filter((f) => f.rule === 'rule-invalid');

  it.each(CASES.map((c, i) => [i + 2, ...c] as const))('A%i “%s”: at its cell, 第%s个字符处', (row, rule, position, what) => {
    const f = invalid.find((x) => x.cell === `A${row}`);
    expect(f).toMatchObject({ severity: 'error', sheet: '审核规则', refs: [`审核规则!A${row}`], ruleAt: { sheet: '审核规则', cell: `A${row}` } });
    const where = position == null ? '' : `第${position}个字符处`;
    expect(f!.message.startsWith(`‘审核规则’表 A${row}的审核规则“${rule}”无法使用：${where}${what}`)).toBe(true);
    if (position == null) expect(f!.message).not.toMatch(/第\d+个字符处/);
    expect(f!.message).toMatch(/。请改正这条规则，其他规则照常审核。$/);
  });

  it('every bad row is one finding, counted once as invalid, and the valid rule after them still runs', () => {
    expect(invalid).toHaveLength(CASES.length);
    expect(r.customRules!.counts).toMatchObject({ invalid: CASES.length, failed: 1 });
    const custom = r.findings.filter((f) => f.rule === 'custom');
    expect(custom).toHaveLength(1);
    expect(custom[0].message).toContain('：化解数15件不能多于受理数13件（');
    // the rule sheet is definitions, not figures: nothing else is found on it
    expect(r.findings.filter((f) => f.sheet === '审核规则' && f.rule !== 'rule-invalid')).toEqual([]);
  });
});
