/**
 * A county rule that states a built-in relation (the blank template prefills 审核规则 with them) is the same check:
 * one broken relation is one finding, the county's — its 级别, its 说明 with the figures filled, its row — and not
 * also the built-in finding at the same cells. Equivalence is read from the parsed rule (the same indicators on the
 * same sides, the comparison as written or mirrored), never from its text; a rule that differs runs beside the
 * built-in one. On each layout of the domain brief: (a) one indicator per row, (b) 分子 | 分母 | 比率, (c) year
 * columns, (d) one row per township. Wording from the real reports (周营镇, 大钟庄镇, 前营乡).
 */
import { check } from '../../../src/core/check';
import type { CountyDefinitions } from '../../../src/core/definitions/types';
import { explanationSheet, reviewExplanation } from '../../../src/core/explanations';
import { explanationOf } from '../../../src/core/findings';
import type { Cell, CheckResult, Explanation, Finding, Grid, SheetPlan, Workbook } from '../../../src/core/types';

/** The checked workbook's own 审核规则 sheet (规则 | 级别 | 说明), as the template writes it: rule i at A(i+2). */
function ruleSheet(rules: [string, string, string][]): Grid {
  return { name: '审核规则', rows: [['规则', '级别', '说明'], ...rules] };
}

const identity: Grid = { name: '基本情况', rows: [['单位名称', '周营镇人民政府'], ['报告年度', '2023年']] };

/** Layout (a): 序号 | 指标名称 | 单位 | 数值 under a title; a string row is a section row. */
function rowsSheet(name: string, rows: ([string, string, Cell] | string)[]): Grid {
  const body: Cell[][] = rows.map((r, i) => (typeof r === 'string' ? [r] : [i + 1, r[0], r[1], r[2]]));
  return { name, rows: [['周营镇2023年法治政府建设指标'], ['序号', '指标名称', '单位', '数值'], ...body] };
}

function book(sheets: Grid[], rules: [string, string, string][], name = '周营镇-2023-指标.xlsx'): Workbook {
  return { name, sheets: [identity, ...sheets, ...(rules.length ? [ruleSheet(rules)] : [])] };
}

/** A written sheet as the next read sees it (its values). */
const gridOf = (plan: SheetPlan): Grid => ({ name: plan.name, rows: plan.rows.map((r) => r.map((c) => c.v)) });

const at = (f: Finding) => `${f.rule} ${f.sheet}!${f.cell}`;
const relationFindings = (r: CheckResult) =>
  r.findings.filter((f) => ['custom', 'part-exceeds-whole', 'rate-mismatch', 'rate-truncated', 'coverage-claim', 'sum-mismatch'].includes(f.rule)).map(at).sort();

// ─────────────── (a) one indicator per row: part ≤ whole ───────────────

/** 周营镇's petitions with 15 resolved of 13 received (a part larger than its whole). */
const petitions = rowsSheet('矛盾纠纷化解', ['二、矛盾纠纷化解', ['受理信访案件', '件', 13], ['化解信访案件', '件', 15]]);

describe('a county rule stating part ≤ whole', () => {
  it('without the rule, the built-in part-exceeds-whole finds the break', () => {
    expect(relationFindings(check(book([petitions], [])))).toEqual(['part-exceeds-whole 矛盾纠纷化解!D5']);
  });

  it.each([
    ['as the template writes it', '[信访案件化解数] <= [信访案件受理数]'],
    ['in the township’s wording', '[化解信访案件] <= [受理信访案件]'],
    ['mirrored', '[受理信访案件] >= [化解信访案件]'],
    ['with full-width brackets and sign', '【化解信访案件】≤【受理信访案件】'],
  ])('%s: one finding, the county’s, with its 级别, 说明 (figures filled under any of their names), cells and row', (_, rule) => {
    const r = check(book([petitions], [[rule, '核实', '化解数{化解信访案件}不能多于受理数{受理信访案件}，请核实']]));
    const found = r.findings.filter((f) => f.rule === 'custom' || f.rule === 'part-exceeds-whole');
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f).toMatchObject({ rule: 'custom', severity: 'verify', ruleAt: { sheet: '审核规则', cell: 'A2', row: 1 } });
    expect([...f.refs].sort()).toEqual(['矛盾纠纷化解!D4', '矛盾纠纷化解!D5']);
    expect(f.message).toContain('：化解数15件不能多于受理数13件，请核实（');
    expect(f.message).toContain('依据‘审核规则’表 A2的审核规则');
    // the rule is counted once, as failed, and says which built-in check it stands for
    expect(r.customRules!.counts).toMatchObject({ failed: 1, passed: 0 });
    expect(r.customRules!.rules[0].replaces).toBe('part-exceeds-whole');
  });

  it.each([
    ['a strict comparison', '[化解信访案件] < [受理信访案件]'],
    ['a factor', '[化解信访案件] * 2 <= [受理信访案件]'],
    ['a constant added', '[化解信访案件] <= [受理信访案件] + 1'],
    ['a second condition', '[化解信访案件] <= [受理信访案件] 且 [受理信访案件] > 0'],
    ['the sides swapped (another relation)', '[受理信访案件] <= [化解信访案件] - 3'],
  ])('%s is a rule of its own: both findings', (_, rule) => {
    const r = check(book([petitions], [[rule, '错误', '']]));
    expect(r.findings.filter((f) => f.rule === 'part-exceeds-whole').map(at)).toEqual(['part-exceeds-whole 矛盾纠纷化解!D5']);
    expect(r.findings.filter((f) => f.rule === 'custom')).toHaveLength(1);
    expect(r.customRules!.rules[0].replaces).toBeUndefined();
  });

  it('an explanation the township wrote against the built-in finding holds for the county’s finding that replaces it', () => {
    const before = check(book([petitions], [])).findings.find((f) => f.rule === 'part-exceeds-whole')!;
    const explained: Grid = { name: '审核说明', rows: [['编号', '说明'], [before.id, '含上年结转的2件，已按上级口径统计']] };
    const withRule = (rule: string) => check({ ...book([petitions], [[rule, '核实', '']]), sheets: [...book([petitions], [[rule, '核实', '']]).sheets, explained] });
    const [f] = withRule('[化解信访案件] <= [受理信访案件]').findings.filter((x) => x.rule === 'custom');
    expect(f.replacesIds).toEqual([before.id]);
    expect(f).toMatchObject({ status: 'explained', explanation: '含上年结转的2件，已按上级口径统计' });
    // a rule of its own (not the same relation) is another finding: the explanation of the built-in one is not its
    const [other] = withRule('[化解信访案件] < [受理信访案件]').findings.filter((x) => x.rule === 'custom');
    expect(other.replacesIds).toBeUndefined();
    expect(other.status).toBe('open');
  });

  it('that explanation is the county finding’s own (explanationOf): reviewed and rewritten on its row, it holds as decided', () => {
    const before = check(book([petitions], [])).findings.find((f) => f.rule === 'part-exceeds-whole')!;
    const ruled = book([petitions], [['[化解信访案件] <= [受理信访案件]', '核实', '']]);
    const withNotes = (notes: Explanation[]) => check({ ...ruled, sheets: [...ruled.sheets, gridOf(explanationSheet(notes))] });
    const written: Explanation = { findingId: before.id, text: '含上年结转的2件，已按上级口径统计', author: '王会计' };
    const first = withNotes([written]);
    const [f] = first.findings.filter((x) => x.rule === 'custom');
    // the pane decides on the explanation it shows: the one found through replacesIds, not none
    const shown = explanationOf(f, first.explanations);
    expect(shown).toMatchObject({ findingId: before.id, author: '王会计' });
    const decided = reviewExplanation(shown!, { decision: 'accepted', reviewer: '李统计', date: '2024-03-01' });
    const [g] = withNotes([decided]).findings.filter((x) => x.rule === 'custom');
    expect(g.account).toMatchObject({ state: 'accepted', label: '县级已采纳', author: '王会计', review: { reviewer: '李统计' } });
    // an explanation written for the county finding itself wins over the built-in one's
    expect(explanationOf(f, [written, { findingId: f.id, text: '新写的' }])?.text).toBe('新写的');
  });

  it('a rule of its own on the same two cells does not take the built-in finding’s explanation: its finding stays open', () => {
    const before = check(book([petitions], [])).findings.find((f) => f.rule === 'part-exceeds-whole')!;
    const explained: Grid = { name: '审核说明', rows: [['编号', '说明'], [before.id, '含上年结转的2件，已按上级口径统计']] };
    // both break at 15 resolved of 13 received: the first states the built-in part ≤ whole, the second is the county's own
    const both = book([petitions], [
      ['[化解信访案件] <= [受理信访案件]', '核实', '化解数不能多于受理数'],
      ['[化解信访案件] <= [受理信访案件] * 0.95', '核实', '化解数超过受理数的95%，请核实'],
    ]);
    const r = check({ ...both, sheets: [...both.sheets, explained] });
    const county = r.findings.filter((f) => f.rule === 'custom');
    expect(county).toHaveLength(2);
    const [restating, own] = ['A2', 'A3'].map((cell) => county.find((f) => f.ruleAt?.cell === cell)!);
    expect([...restating.refs].sort()).toEqual([...own.refs].sort());
    expect(restating).toMatchObject({ replacesIds: [before.id], status: 'explained', explanation: '含上年结转的2件，已按上级口径统计' });
    // not hidden under the township's old text: open, counted as 待核实, no account
    expect(own.status).toBe('open');
    expect(own.account).toBeUndefined();
    expect(own.replacesIds).toBeUndefined();
    expect(r.counts).toMatchObject({ verify: 1, explained: 1 });
  });

  it('a rule on another relation of the same indicators leaves the built-in finding alone', () => {
    // 办结 ≤ 受理 is a relation of its own: it passes here (no 办结 figure), and 化解 > 受理 is still the built-in's
    const r = check(book([petitions], [['[信访案件办结数] <= [受理信访案件]', '错误', '']]));
    expect(relationFindings(r)).toEqual(['part-exceeds-whole 矛盾纠纷化解!D5']);
  });

  it('the county’s 级别 wins, even below the built-in one (提示)', () => {
    const r = check(book([petitions], [['[化解信访案件] <= [受理信访案件]', '提示', '']]));
    expect(r.findings.filter((f) => f.rule === 'custom' || f.rule === 'part-exceeds-whole').map((f) => [f.rule, f.severity])).toEqual([['custom', 'hint']]);
    expect(r.counts.error).toBe(0);
  });

  it('where the county rule holds, nothing is found; where only other figures break, the built-in still speaks', () => {
    // 持证人数 14 of 行政执法人员 12 (周营镇's planted error) is no petition: the petition rule does not cover it
    const law = rowsSheet('行政执法', ['四、行政执法', ['行政执法人员', '人', 12], ['持证人数', '人', 14]]);
    const fine = rowsSheet('矛盾纠纷化解', ['二、矛盾纠纷化解', ['受理信访案件', '件', 9], ['化解信访案件', '件', 7]]);
    const r = check(book([fine, law], [['[化解信访案件] <= [受理信访案件]', '错误', '']]));
    expect(relationFindings(r)).toEqual(['part-exceeds-whole 行政执法!D5']);
    expect(r.customRules!.counts).toMatchObject({ passed: 1, failed: 0 });
  });
});

// ─────────────── (a) rates and sums ───────────────

describe('a county rule stating a rate or a sum', () => {
  /** 周营镇: 信访案件化解率 reported 100% over 7 resolved of 9 received. */
  const rate = rowsSheet('矛盾纠纷化解', ['二、矛盾纠纷化解', ['受理信访案件', '件', 9], ['化解信访案件', '件', 7], ['信访案件化解率', '%', '100%']]);

  it.each([
    ['[信访案件化解率] = [信访案件化解数] / [信访案件受理数]'],
    ['[化解信访案件] / [受理信访案件] = [信访案件化解率]'],
    ['[化解信访案件] / [受理信访案件] == [信访案件化解率]'],
  ])('%s: the reported 100% over 7 of 9 is one finding, the county’s', (rule) => {
    expect(relationFindings(check(book([rate], [])))).toEqual(['rate-mismatch 矛盾纠纷化解!D6']);
    const r = check(book([rate], [[rule, '错误', '化解率{信访案件化解率}与化解数、受理数不符']]));
    expect(relationFindings(r)).toEqual([expect.stringMatching(/^custom 矛盾纠纷化解!D[56]$/)]);
    const [f] = r.findings.filter((x) => x.rule === 'custom');
    expect([...f.refs].sort()).toEqual(['矛盾纠纷化解!D4', '矛盾纠纷化解!D5', '矛盾纠纷化解!D6']);
    expect(f.message).toContain('化解率100%与化解数、受理数不符');
  });

  it('a rate over another divisor, or compared with ≥, is a rule of its own', () => {
    const swapped = check(book([rate], [['[信访案件化解率] = [受理信访案件] / [化解信访案件]', '错误', '']]));
    expect(relationFindings(swapped)).toEqual(['custom 矛盾纠纷化解!D6', 'rate-mismatch 矛盾纠纷化解!D6']);
    const atLeast = check(book([rate], [['[信访案件化解率] <= [化解信访案件] / [受理信访案件]', '错误', '']]));
    expect(relationFindings(atLeast)).toEqual(['custom 矛盾纠纷化解!D6', 'rate-mismatch 矛盾纠纷化解!D6']);
  });

  it('a rate cut instead of rounded (77.7% for 7 of 9) is the built-in hint, as without the rule; a wrong rate is the county’s', () => {
    const rule: [string, string, string] = ['[信访案件化解率] = [信访案件化解数] / [信访案件受理数]', '错误', ''];
    const written = (rate: string) => rowsSheet('矛盾纠纷化解', ['二、矛盾纠纷化解', ['受理信访案件', '件', 9], ['化解信访案件', '件', 7], ['信访案件化解率', '%', rate]]);
    expect(relationFindings(check(book([written('77.7%')], [])))).toEqual(['rate-truncated 矛盾纠纷化解!D6']);
    const cut = check(book([written('77.7%')], [rule]));
    expect(cut.findings.filter((f) => f.rule === 'custom' || f.rule === 'rate-truncated').map((f) => [f.rule, f.severity])).toEqual([['rate-truncated', 'hint']]);
    expect(cut.customRules!.rules[0]).toMatchObject({ status: 'passed', evaluated: 1, failed: 0 });
    // 77.6% is neither the rounding nor the cut of 77.78%: a wrong rate, the county's error
    const wrong = check(book([written('77.6%')], [rule]));
    expect(relationFindings(wrong)).toEqual(['custom 矛盾纠纷化解!D6']);
    // a rule of its own (≥) is held to what it says: 77.7% is below 77.78%
    const own = check(book([written('77.7%')], [['[信访案件化解率] >= [信访案件化解数] / [信访案件受理数]', '错误', '']]));
    expect(relationFindings(own)).toEqual(['custom 矛盾纠纷化解!D6', 'rate-truncated 矛盾纠纷化解!D6']);
  });

  it('a rate written 全覆盖 that the counts contradict: one finding, the county’s', () => {
    // 周营镇: 法律顾问覆盖率 全覆盖 while 18 of 20 villages have counsel
    const counsel = rowsSheet('公共法律服务', ['五、公共法律服务', ['行政村（社区）数', '个', 20], ['配备法律顾问的村数', '个', 18], ['法律顾问覆盖率', '%', '全覆盖']]);
    expect(relationFindings(check(book([counsel], [])))).toEqual(['coverage-claim 公共法律服务!D6']);
    const r = check(book([counsel], [['[法律顾问覆盖率] = [配备法律顾问的村数] / [行政村（社区）数]', '核实', '']]));
    expect(relationFindings(r)).toEqual(['custom 公共法律服务!D6']);
  });

  /** 大钟庄镇: 10 法律顾问, 其中镇政府1名, 村 written 8 (the report says 9). */
  const counsels = rowsSheet('公共法律服务', ['五、公共法律服务', ['法律顾问人数', '名', 10], ['镇（乡）政府法律顾问', '名', 1], ['村（社区）法律顾问', '名', 8]]);

  it('a sum with its parts in another order, on the other side: one finding, the county’s', () => {
    expect(relationFindings(check(book([counsels], [])))).toEqual(['sum-mismatch 公共法律服务!D4']);
    const r = check(book([counsels], [['[村（社区）法律顾问] + [镇（乡）政府法律顾问] = [法律顾问人数]', '错误', '法律顾问人数应为镇、村法律顾问之和']]));
    expect(relationFindings(r)).toEqual([expect.stringMatching(/^custom 公共法律服务!D\d$/)]);
    expect(r.findings.find((f) => f.rule === 'custom')!.message).toContain('法律顾问人数应为镇、村法律顾问之和');
    expect(r.customRules!.rules[0].replaces).toBe('sum-mismatch');
  });

  it('a sum missing a part is a rule of its own', () => {
    const r = check(book([counsels], [['[法律顾问人数] = [村（社区）法律顾问]', '错误', '']]));
    expect(relationFindings(r)).toEqual(['custom 公共法律服务!D4', 'sum-mismatch 公共法律服务!D4']);
  });
});

// ─────────────── (b) rate rows, (c) year columns, (d) one row per township ───────────────

describe('on every layout', () => {
  it('(b) 分子 | 分母 | 比率: 大钟庄镇’s 98% over 45 of 48 is one finding, the county’s', () => {
    const rates: Grid = {
      name: '比率指标',
      rows: [
        ['大钟庄镇2021年度主要比率指标'],
        ['序号', '指标名称', '分子', '分母', '比率', '备注'],
        [1, '信访案件化解率', 45, 48, '98%', '分子：化解数；分母：受理数'],
        [2, '执法人员持证率', 15, 16, 0.9375, null],
      ],
    };
    const plain = check(book([rates], [], '大钟庄镇-2021-比率.xlsx'));
    expect(relationFindings(plain)).toEqual(['rate-mismatch 比率指标!E3']);
    const r = check(book([rates], [['[信访案件化解数] / [信访案件受理数] = [信访案件化解率]', '错误', '']], '大钟庄镇-2021-比率.xlsx'));
    expect(relationFindings(r)).toEqual([expect.stringMatching(/^custom 比率指标![CE]3$/)]);
    expect(r.findings).toHaveLength(plain.findings.length);
  });

  it('(c) year columns: each year on its own; the break of 2023 is one finding, the county’s', () => {
    const years: Grid = {
      name: '主要指标',
      rows: [
        ['前营乡2023年度法治政府建设主要指标对比表'],
        ['序号', '指标名称', '单位', '2022年', '2023年'],
        ['1、行政执法'],
        [1, '行政执法人员', '人', 6, 6],
        [2, '持证人数', '人', 5, 8],
      ],
    };
    const plain = check(book([years], [], '前营乡-2023-逐年.xlsx'));
    expect(relationFindings(plain)).toEqual(['part-exceeds-whole 主要指标!E5']);
    const r = check(book([years], [['[行政执法人员] >= [持证人数]', '错误', '持证人数不能多于行政执法人员']], '前营乡-2023-逐年.xlsx'));
    expect(relationFindings(r)).toEqual(['custom 主要指标!E4']);
    expect(r.customRules!.rules[0]).toMatchObject({ status: 'failed', evaluated: 2, failed: 1 });
  });

  it('(d) one row per township: only the township whose figures break it, once; the others’ other breaks stay', () => {
    const summary: Grid = {
      name: '汇总表',
      rows: [
        ['沈丘县2023年度乡镇法治政府建设主要指标汇总表'],
        ['序号', '乡镇', '受理信访案件（件）', '化解信访案件（件）', '行政执法人员（人）', '持证人数（人）'],
        [1, '周营镇', 9, 7, 12, 14],
        [2, '白楼镇', 13, 15, 10, 9],
        [3, '前营乡', 20, 18, 8, 8],
      ],
    };
    const plain = check(book([summary], [], '沈丘县-2023-汇总.xlsx'));
    expect(relationFindings(plain)).toEqual(['part-exceeds-whole 汇总表!D4', 'part-exceeds-whole 汇总表!F3']);
    const r = check(book([summary], [['[化解信访案件] <= [受理信访案件]', '错误', '']], '沈丘县-2023-汇总.xlsx'));
    expect(relationFindings(r)).toEqual(['custom 汇总表!D4', 'part-exceeds-whole 汇总表!F3']);
    expect(r.findings.find((f) => f.rule === 'custom')).toMatchObject({ entity: '白楼镇' });
    expect(r.customRules!.rules[0]).toMatchObject({ status: 'failed', evaluated: 3, failed: 1 });
  });
});

describe('the county’s file and the workbook’s own 审核规则 stating one relation', () => {
  it('are one rule: the workbook’s row wins, one finding, counted once', () => {
    const file: CountyDefinitions = {
      name: '县定义.xlsx',
      indicators: [],
      rules: [
        { at: { file: '县定义.xlsx', sheet: '审核规则', cell: 'A2', row: 1 }, text: '[化解信访案件] <= [受理信访案件]', severity: 'error', message: '化解数不能多于受理数' },
        { at: { file: '县定义.xlsx', sheet: '审核规则', cell: 'A3', row: 2 }, text: '[化解信访案件] < [受理信访案件]', severity: 'hint', message: '化解数一般少于受理数' },
      ],
    };
    // the township's workbook made from the blank template: the same relation in the catalog's names, mirrored
    const r = check(book([petitions], [['[信访案件受理数] >= [信访案件化解数]', '错误', '“信访案件化解数”不能多于“信访案件受理数”']]), { definitions: file });
    expect(relationFindings(r)).toEqual(['custom 矛盾纠纷化解!D4', 'custom 矛盾纠纷化解!D5']);
    const own = r.findings.find((f) => f.rule === 'custom' && f.severity === 'error')!;
    expect(own.ruleAt).toMatchObject({ file: '周营镇-2023-指标.xlsx', sheet: '审核规则', cell: 'A2' });
    expect(own.message).toContain('：“信访案件化解数”不能多于“信访案件受理数”（');
    // the strict rule of the file is another rule: it runs and fails too, as a hint
    expect(r.findings.filter((f) => f.rule === 'custom').map((f) => f.severity).sort()).toEqual(['error', 'hint']);
    expect(r.customRules!.rules.map((x) => `${x.at.file} ${x.at.cell} ${x.status}`)).toEqual(['县定义.xlsx A3 failed', '周营镇-2023-指标.xlsx A2 failed']);
  });
});

describe('approximate figures', () => {
  it('a break certain even so is one finding, the county’s, at most 待核实 as custom rules are', () => {
    // 受理 `近10` is a little under 10: 15 化解 is more under every reading
    const approx = rowsSheet('矛盾纠纷化解', ['二、矛盾纠纷化解', ['受理信访案件', '件', '近10'], ['化解信访案件', '件', 15]]);
    expect(relationFindings(check(book([approx], [])))).toEqual(['part-exceeds-whole 矛盾纠纷化解!D5']);
    const r = check(book([approx], [['[化解信访案件] <= [受理信访案件]', '错误', '']]));
    expect(r.findings.filter((f) => f.rule === 'custom' || f.rule === 'part-exceeds-whole').map((f) => [f.rule, f.severity])).toEqual([['custom', 'verify']]);
  });
});
