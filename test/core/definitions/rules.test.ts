/**
 * The county's 审核规则 evaluated over a check's figures: each layout (rows, rates, years, summary), names as the
 * sheet writes them, approximate figures, rules that cannot be evaluated, and rules that are themselves wrong.
 */
import { CATALOG } from '../../../src/core/catalog';
import { compileRule, resolveName } from '../../../src/core/definitions/rules';
import type { CountyDefinitions, RuleDefinitionRow } from '../../../src/core/definitions/types';
import { checkExtraction, ruleContext } from '../../../src/core/rules';
import { evaluateCustomRules } from '../../../src/core/definitions/rules';
import type { Observation, Severity } from '../../../src/core/types';
import { expectCleanMessage, extraction, obs, ofRule } from '../rules-fixtures';

const FILE = '县定义.xlsx';

/** Rule rows as the county's 审核规则 sheet gives them: row i at A(i+2). */
function defs(...rules: ([string, Severity?, string?] | string)[]): CountyDefinitions {
  return {
    name: FILE,
    indicators: [],
    rules: rules.map((r, i): RuleDefinitionRow => {
      const [text, severity = 'error', message = ''] = typeof r === 'string' ? [r] : r;
      return { at: { file: FILE, sheet: '审核规则', cell: `A${i + 2}`, row: i + 1 }, text, severity, message };
    }),
  };
}

function check(observations: Observation[], definitions: CountyDefinitions, workbookFile = '周营镇.xlsx') {
  const ctx = ruleContext(extraction(observations), { definitions, workbookFile });
  const findings = checkExtraction(extraction(observations), { definitions, workbookFile, only: ['custom', 'rule-invalid'] });
  return { findings, summary: evaluateCustomRules(ctx).summary };
}

const S = '矛盾纠纷化解';
const petitions = (received: number | null, resolved: number | null, more: Partial<Observation> = {}) => [
  obs({ indicator: 'petitions_received', sheet: S, cell: 'D4', value: received, label: '受理信访案件', ...more }),
  obs({ indicator: 'petitions_resolved', sheet: S, cell: 'D5', value: resolved, label: '化解信访案件', ...more }),
];

describe('county rules on one indicator per row', () => {
  it('a rule that fails is a finding at its first indicator, pointing to every cell, with the 说明 and the figures', () => {
    const { findings, summary } = check(petitions(13, 15), defs(['[化解信访案件] <= [受理信访案件]', 'error', '化解的信访案件不能多于受理的']));
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({
      rule: 'custom',
      severity: 'error',
      sheet: S,
      cell: 'D5',
      refs: [`${S}!D5`, `${S}!D4`],
      indicators: ['petitions_resolved', 'petitions_received'],
      ruleAt: { file: FILE, sheet: '审核规则', cell: 'A2', row: 1 },
    });
    expect(f.message).toBe(
      '‘矛盾纠纷化解’表 D5：化解的信访案件不能多于受理的（‘矛盾纠纷化解’表 D5的“信访案件化解数”15件，‘矛盾纠纷化解’表 D4的“信访案件受理数”13件；依据县定义.xlsx ‘审核规则’表 A2的审核规则“[化解信访案件] <= [受理信访案件]”）。请核对这些数字。',
    );
    expectCleanMessage(f);
    expect(summary.counts).toMatchObject({ failed: 1, passed: 0 });
  });

  it('passes silently when the figures agree, and says it passed', () => {
    const { findings, summary } = check(petitions(9, 7), defs('[化解信访案件] <= [受理信访案件]'));
    expect(findings).toEqual([]);
    expect(summary.rules[0]).toMatchObject({ status: 'passed', evaluated: 1, failed: 0 });
  });

  it('takes the severity from the rule row (错误/核实/提示), and fills {指标} placeholders of the 说明', () => {
    const d = defs(
      ['[化解信访案件] <= [受理信访案件]', 'verify', '化解数{化解信访案件}多于受理数{[受理信访案件]}，请核实'],
      ['[化解信访案件] * 2 <= [受理信访案件]', 'hint', ''],
    );
    const { findings } = check(petitions(13, 15), d);
    expect(findings.map((f) => f.severity)).toEqual(['verify', 'hint']);
    expect(findings[0].message).toContain('：化解数15件多于受理数13件，请核实（‘矛盾纠纷化解’表 D5的“信访案件化解数”15件，');
    expect(findings[0].message).not.toContain('请核对这些数字');
    // no 说明: the rule itself is said, with the computed side
    expect(findings[1].message).toMatch(/^‘矛盾纠纷化解’表 D5：不符合县级审核规则（.*依据县定义\.xlsx ‘审核规则’表 A3的审核规则“\[化解信访案件\] \* 2 <= \[受理信访案件\]”）。请核对这些数字。$/);
    expect(findings[1].message.split('[化解信访案件] * 2 <= [受理信访案件]')).toHaveLength(2); // the rule said once
    expect(findings[1].message).toContain('[化解信访案件] * 2为30');
    findings.forEach(expectCleanMessage);
  });

  it('evaluates 且 / 或 with their precedence over the figures', () => {
    const list = [
      ...petitions(13, 15),
      obs({ indicator: 'enforcement_officers', sheet: '行政执法', cell: 'D4', value: 12 }),
      obs({ indicator: 'certified_officers', sheet: '行政执法', cell: 'D5', value: 10 }),
    ];
    // false 或 (true 且 true) → true: no finding; (false 或 true) 且 false → false: a finding
    const { findings } = check(list, defs(
      '[化解信访案件] <= [受理信访案件] 或 [持证人数] <= [行政执法人员] 且 [行政执法人员] > 0',
      '([化解信访案件] <= [受理信访案件] 或 [持证人数] <= [行政执法人员]) 且 [行政执法人员] > 20',
    ));
    expect(findings).toHaveLength(1);
    expect(findings[0].ruleAt!.cell).toBe('A3');
  });

  it('a rule on indicators the workbook lacks is not evaluable: no finding, counted, the names said', () => {
    const { findings, summary } = check(petitions(9, 7), defs('[持证人数] <= [行政执法人员]', '[化解信访案件] <= [行政执法人员]'));
    expect(findings).toEqual([]);
    expect(summary.counts).toMatchObject({ 'not-evaluable': 2, passed: 0, failed: 0 });
    expect(summary.rules[0].missing).toEqual(['持证人数', '行政执法人员']);
    expect(summary.rules[1].missing).toEqual(['行政执法人员']);
  });

  it('a yes/no indicator in a rule is refused at its character (it has no figure to compare)', () => {
    const c = compileRule(defs('[年终述法] > 0').rules[0], CATALOG);
    expect(c).toMatchObject({ ok: false, problem: '第1个字符处的“[年终述法]”是“是/否”指标，规则目前只能比较数字' });
  });

  it('a divisor of 0 leaves the rule unchecked there, said as such, never a finding', () => {
    const list = [
      obs({ indicator: 'disputes_received', sheet: S, cell: 'D8', value: 0 }),
      obs({ indicator: 'disputes_mediated', sheet: S, cell: 'D9', value: 0 }),
    ];
    const { findings, summary } = check(list, defs('[调解成功数] / [矛盾纠纷受理数] >= 95%'));
    expect(findings).toEqual([]);
    expect(summary.rules[0]).toMatchObject({ status: 'not-evaluable', skipped: 1, zeroDivisor: 1, missing: [] });
  });

  it('a blank cell is no figure: the rule is not evaluable there, not a comparison with 0', () => {
    const { findings, summary } = check(petitions(9, null), defs('[化解信访案件] > 0'));
    expect(findings).toEqual([]);
    expect(summary.rules[0].status).toBe('not-evaluable');
  });
});

describe('county rules on rates', () => {
  const S2 = '比率指标';
  const disputes = (received: number, mediated: number, rate?: { value: number; decimals?: number; raw?: string }) => [
    obs({ indicator: 'disputes_received', sheet: S2, cell: 'D3', value: received }),
    obs({ indicator: 'disputes_mediated', sheet: S2, cell: 'C3', value: mediated }),
    ...(rate ? [obs({ indicator: 'dispute_mediation_rate', sheet: S2, cell: 'E3', ...rate })] : []),
  ];

  it('[调解成功数] / [矛盾纠纷受理数] compared with a percent', () => {
    const rule = '[调解成功数] / [矛盾纠纷受理数] >= 95%';
    expect(check(disputes(48, 45), defs(rule)).findings).toHaveLength(1); // 93.75 %
    expect(check(disputes(40, 38), defs(rule)).findings).toHaveLength(0); // exactly 95 %
    const [f] = check(disputes(48, 45), defs(rule)).findings;
    expect(f.message).toContain('[调解成功数] / [矛盾纠纷受理数]为93.8%');
  });

  it('a reported rate compares in percent with the rounding tolerance of what was written', () => {
    const rule = '[矛盾纠纷调解成功率] = [调解成功数] / [矛盾纠纷受理数]';
    // 45 / 48 = 93.75 %: `94%` (±0.5) and `93.8%` (±0.05) are roundings of it; `98%` and `93.6%` are not
    expect(check(disputes(48, 45, { value: 94 }), defs(rule)).findings).toHaveLength(0);
    expect(check(disputes(48, 45, { value: 93.8 }), defs(rule)).findings).toHaveLength(0);
    expect(check(disputes(48, 45, { value: 98 }), defs(rule)).findings).toHaveLength(1);
    expect(check(disputes(48, 45, { value: 93.6 }), defs(rule)).findings).toHaveLength(1);
  });

  it('a rate the township did not fill in is the one its parts give', () => {
    const { findings } = check(disputes(48, 45), defs('[矛盾纠纷调解成功率] >= 95%'));
    expect(findings).toHaveLength(1);
    expect([...findings[0].refs].sort()).toEqual([`${S2}!C3`, `${S2}!D3`]);
    expect(findings[0].message).toContain('“矛盾纠纷调解成功率”（未填写，按');
    expect(findings[0].message).toContain('93.8%');
  });

  it('a bare number against a rate is refused (95 or 95%?), with its position', () => {
    const { findings } = check(disputes(48, 45, { value: 94 }), defs('[矛盾纠纷调解成功率] >= 95'));
    expect(findings).toHaveLength(1);
    expect(findings[0].rule).toBe('rule-invalid');
    expect(findings[0].message).toContain('第16个字符处的“95”应写成百分数（如“95%”）');
  });
});

describe('county rules across years and townships', () => {
  it('evaluates each year column on its own', () => {
    const list = [
      obs({ indicator: 'enforcement_officers', sheet: '主要指标', cell: 'D10', value: 6, period: 'previous', year: 2022 }),
      obs({ indicator: 'certified_officers', sheet: '主要指标', cell: 'D11', value: 5, period: 'previous', year: 2022 }),
      obs({ indicator: 'enforcement_officers', sheet: '主要指标', cell: 'E10', value: 6 }),
      obs({ indicator: 'certified_officers', sheet: '主要指标', cell: 'E11', value: 8 }),
    ];
    const { findings, summary } = check(list, defs('[持证人数] <= [行政执法人员]'));
    expect(findings.map((f) => f.cell)).toEqual(['E11']);
    expect(summary.rules[0]).toMatchObject({ status: 'failed', evaluated: 2, failed: 1 });
  });

  it('evaluates each township row of a summary, and its 合计 row, naming the township', () => {
    const row = (entity: string | null, r: number, received: number, resolved: number, isTotal = false) => [
      obs({ indicator: 'petitions_received', sheet: '汇总表', cell: `D${r}`, value: received, entity, isTotal }),
      obs({ indicator: 'petitions_resolved', sheet: '汇总表', cell: `E${r}`, value: resolved, entity, isTotal }),
    ];
    const list = [...row('周营镇', 4, 9, 7), ...row('白楼镇', 5, 13, 15), ...row('前营乡', 6, 20, 18), ...row('合计', 7, 42, 40, true)];
    const { findings, summary } = check(list, defs('[化解信访案件] <= [受理信访案件]'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ cell: 'E5', entity: '白楼镇' });
    expect(findings[0].message).toMatch(/^‘汇总表’ E5（白楼镇）：/);
    expect(summary.rules[0]).toMatchObject({ evaluated: 4, failed: 1 });
  });
});

describe('names in brackets', () => {
  it('a catalog name, a synonym, an id, or a wording the meaning model reads', () => {
    for (const name of ['信访案件化解数', '化解信访案件', 'petitions_resolved', '化解信访案件（件）', '信访案件化解数量']) {
      expect(resolveName(name, CATALOG)).toMatchObject({ ok: true, id: 'petitions_resolved' });
    }
  });

  it('a label as written in the checked sheet, placed there by its context', () => {
    // `化解率（%）` alone could be several rates; in this sheet it stood after the petition counts
    const list = [
      ...petitions(48, 45),
      obs({ indicator: 'petition_resolution_rate', sheet: S, cell: 'D6', value: 98, label: '化解率（%）' }),
    ];
    expect(resolveName('化解率（%）', CATALOG)).toMatchObject({ ok: false });
    const { findings } = check(list, defs('[化解率（%）] = [化解信访案件] / [受理信访案件]'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'custom', cell: 'D6', indicators: ['petition_resolution_rate', 'petitions_resolved', 'petitions_received'] });
  });

  it('an ambiguous name is rule-invalid naming the candidates; an unknown one suggests the nearest', () => {
    const amb = compileRule(defs('[化解率] >= 90%').rules[0], CATALOG);
    expect(amb.ok).toBe(false);
    if (!amb.ok) expect(amb.problem).toMatch(/^第1个字符处的“\[化解率\]”可能是“.+”、“.+”，请写出完整的指标名称$/);
    const unknown = compileRule(defs('[持证人数] <= [执法人员总数量吧]').rules[0], CATALOG);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.problem).toMatch(/^第11个字符处的“\[执法人员总数量吧\]”不是指标目录中的指标/);
  });

  it('the same label for two indicators in the workbook is ambiguous too', () => {
    const list = [
      obs({ indicator: 'petition_resolution_rate', sheet: S, cell: 'D6', value: 90, label: '化解率' }),
      obs({ indicator: 'dispute_mediation_rate', sheet: S, cell: 'D9', value: 90, label: '化解率' }),
    ];
    const { findings } = check(list, defs('[化解率] >= 80%'));
    expect(findings).toHaveLength(1);
    expect(findings[0].rule).toBe('rule-invalid');
    expect(findings[0].message).toContain('在本工作簿中对应');
  });
});

describe('approximate figures', () => {
  it('a rule approximate figures could satisfy is undetermined: no finding', () => {
    // 受理 `40余` may be 50 or more: 50 ≤ 40余 is possible
    const { findings, summary } = check(
      [...petitions(40, 50).map((o) => (o.indicator === 'petitions_received' ? { ...o, markers: ['余' as const], approx: true, raw: '40余' } : o))],
      defs('[化解信访案件] <= [受理信访案件]'),
    );
    expect(findings).toEqual([]);
    expect(summary.rules[0].status).toBe('undetermined');
  });

  it('a rule certainly false even so is at most 待核实, never 错误', () => {
    // `近40` is a little under 40: 50 ≤ 近40 is false under every reading, but the figure is approximate
    const list = petitions(40, 50).map((o) => (o.indicator === 'petitions_received' ? { ...o, markers: ['近' as const], approx: true, raw: '近40' } : o));
    const { findings } = check(list, defs(['[化解信访案件] <= [受理信访案件]', 'error', '']));
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('verify');
    expect(findings[0].message).toContain('近40件');
    expect(findings[0].message).toContain('其中有约数，只能待核实');
  });
});

describe('rule-invalid', () => {
  it('points to the rule\'s own cell with the position, and the other rules still run', () => {
    const { findings, summary } = check(petitions(13, 15), defs('[化解信访案件 <= [受理信访案件]', '[化解信访案件] <= [受理信访案件]'));
    const invalid = ofRule(findings, 'rule-invalid');
    expect(invalid).toHaveLength(1);
    // the rule is in the county's file, not in this workbook: no cell here to point at or mark, ruleAt says where
    expect(invalid[0]).toMatchObject({ severity: 'error', sheet: '', cell: '', refs: [], ruleAt: { file: FILE, sheet: '审核规则', cell: 'A2', row: 1 } });
    expect(invalid[0].message).toBe(
      '县定义.xlsx ‘审核规则’表 A2的审核规则“[化解信访案件 <= [受理信访案件]”无法使用：第12个字符处缺少“]”（第1个字符处的“[”没有配对）。请改正这条规则，其他规则照常审核。',
    );
    expect(ofRule(findings, 'custom')).toHaveLength(1);
    expect(summary.counts).toMatchObject({ invalid: 1, failed: 1 });
  });

  it('a rule written in the checked workbook is named without the file; a JSON rule by its path', () => {
    const inBook: CountyDefinitions = { name: '周营镇.xlsx', indicators: [], rules: [{ at: { file: '周营镇.xlsx', sheet: '审核规则', cell: 'B3', row: 2 }, text: '[甲] >', severity: 'error', message: '' }] };
    const [a] = check([], inBook).findings;
    expect(a).toMatchObject({ sheet: '审核规则', cell: 'B3', refs: ['审核规则!B3'] });
    expect(a.message).toMatch(/^‘审核规则’表 B3的审核规则“\[甲\] >”无法使用：第6个字符处（规则末尾）缺少数字或指标。/);
    const json: CountyDefinitions = { name: '县定义.json', indicators: [], rules: [{ at: { file: '县定义.json', sheet: 'rules[3]', cell: null, row: 3 }, text: '', severity: 'error', message: '' }] };
    const [b] = check([], json).findings;
    expect(b.message).toBe('县定义.json 第4条的审核规则“”无法使用：规则是空的。请改正这条规则，其他规则照常审核。');
    expect(b.refs).toEqual([]);
  });

  it('ids are stable across runs and distinct per rule', () => {
    const d = defs('[化解信访案件] <= [受理信访案件]', '[化解信访案件] < [受理信访案件]', '[甲', '[乙');
    const a = check(petitions(13, 15), d).findings.map((f) => f.id);
    const b = check(petitions(13, 15), d).findings.map((f) => f.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(4);
  });
});
