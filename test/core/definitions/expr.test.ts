/** The grammar of the county's 审核规则: precedence, associativity, the forms users type, every error with its position. */
import { parseRule, printRule, type Expr } from '../../../src/core/definitions/expr';

/** The tree fully parenthesised, so a test sees exactly how the rule was grouped. */
function shape(e: Expr): string {
  switch (e.type) {
    case 'ref':
      return e.name;
    case 'num':
      return e.percent ? `${e.value}%` : String(e.value);
    case 'neg':
      return `(-${shape(e.arg)})`;
    case 'not':
      return `(非 ${shape(e.arg)})`;
    case 'arith':
    case 'compare':
      return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'and':
      return `(${shape(e.left)} 且 ${shape(e.right)})`;
    case 'or':
      return `(${shape(e.left)} 或 ${shape(e.right)})`;
  }
}

function tree(text: string): string {
  const p = parseRule(text);
  if (!p.ok) throw new Error(`${text}: ${p.error.message}`);
  return shape(p.expr);
}

function problem(text: string): { position: number | null; message: string } {
  const p = parseRule(text);
  if (p.ok) throw new Error(`${text} parsed as ${shape(p.expr)}`);
  return p.error;
}

describe('rule grammar: what parses, and how it groups', () => {
  it('reads the rules of the issue as written', () => {
    expect(tree('[化解信访案件] <= [受理信访案件]')).toBe('(化解信访案件 <= 受理信访案件)');
    expect(tree('[法治宣传队伍人数] >= [法治宣传队伍] * 3')).toBe('(法治宣传队伍人数 >= (法治宣传队伍 * 3))');
    expect(tree('[持证人数] = [行政执法人员]')).toBe('(持证人数 = 行政执法人员)');
    expect(tree('[调解成功数] / [矛盾纠纷受理数] >= 95%')).toBe('((调解成功数 / 矛盾纠纷受理数) >= 95%)');
    expect(tree('[持证率] = [持证人数] / [行政执法人员] 且 [持证人数] > 0')).toBe('((持证率 = (持证人数 / 行政执法人员)) 且 (持证人数 > 0))');
  });

  it('binds * and / tighter than + and -, and arithmetic tighter than comparison', () => {
    expect(tree('[甲] + [乙] * [丙] > 1')).toBe('((甲 + (乙 * 丙)) > 1)');
    expect(tree('[甲] * [乙] + [丙] > 1')).toBe('(((甲 * 乙) + 丙) > 1)');
    expect(tree('1 < [甲] - [乙] / 2')).toBe('(1 < (甲 - (乙 / 2)))');
    expect(tree('([甲] + [乙]) * [丙] > 1')).toBe('(((甲 + 乙) * 丙) > 1)');
  });

  it('is left-associative: a - b - c is (a - b) - c, a / b / c is (a / b) / c', () => {
    expect(tree('[甲] - [乙] - [丙] = 0')).toBe('(((甲 - 乙) - 丙) = 0)');
    expect(tree('[甲] / [乙] / [丙] = 0')).toBe('(((甲 / 乙) / 丙) = 0)');
    expect(tree('[甲] - ([乙] - [丙]) = 0')).toBe('((甲 - (乙 - 丙)) = 0)');
  });

  it('puts 非 above 且 above 或, in Chinese and in English', () => {
    expect(tree('[甲] > 1 或 [乙] > 1 且 [丙] > 1')).toBe('((甲 > 1) 或 ((乙 > 1) 且 (丙 > 1)))');
    expect(tree('[甲] > 1 且 [乙] > 1 或 [丙] > 1')).toBe('(((甲 > 1) 且 (乙 > 1)) 或 (丙 > 1))');
    expect(tree('[甲] > 1 OR [乙] > 1 AND [丙] > 1')).toBe('((甲 > 1) 或 ((乙 > 1) 且 (丙 > 1)))');
    expect(tree('[甲] > 1 and [乙] > 1 or [丙] > 1')).toBe('(((甲 > 1) 且 (乙 > 1)) 或 (丙 > 1))');
    expect(tree('非 [甲] > 1 且 [乙] > 1')).toBe('((非 (甲 > 1)) 且 (乙 > 1))');
    expect(tree('([甲] > 1 或 [乙] > 1) 且 [丙] > 1')).toBe('(((甲 > 1) 或 (乙 > 1)) 且 (丙 > 1))');
    expect(tree('[甲] > 1 并且 [乙] > 1 或者 [丙] > 1')).toBe('(((甲 > 1) 且 (乙 > 1)) 或 (丙 > 1))');
  });

  it('reads every comparison, half- and full-width, and == / !=', () => {
    const ops: [string, string][] = [
      ['<', '<'], ['<=', '<='], ['=', '='], ['>=', '>='], ['>', '>'], ['<>', '<>'],
      ['＜', '<'], ['≤', '<='], ['＝', '='], ['≥', '>='], ['＞', '>'], ['≠', '<>'], ['＜＝', '<='], ['＞＝', '>='],
      ['==', '='], ['!=', '<>'], ['！＝', '<>'],
    ];
    for (const [written, read] of ops) expect(tree(`[甲] ${written} [乙]`)).toBe(`(甲 ${read} 乙)`);
  });

  it('reads numbers and percents as users type them: full-width, decimals, thousands, 【】 and （）, × and ÷', () => {
    expect(tree('[持证率]>=９５％')).toBe('(持证率 >= 95%)');
    expect(tree('[持证率] >= 95.5 %')).toBe('(持证率 >= 95.5%)');
    expect(tree('[罚没款] < 1,200.5')).toBe('(罚没款 < 1200.5)');
    expect(tree('【持证人数】＜＝【行政执法人员】')).toBe('(持证人数 <= 行政执法人员)');
    expect(tree('（[甲]＋[乙]）×２÷[丙]＞１')).toBe('((((甲 + 乙) * 2) / 丙) > 1)');
    expect(tree('[甲] - -[乙] >= -3')).toBe('((甲 - (-乙)) >= (-3))');
    expect(tree('[村（社区）法律顾问] >= 1')).toBe('(村（社区）法律顾问 >= 1)');
    expect(tree('[黑板报/宣传栏] >= 0')).toBe('(黑板报/宣传栏 >= 0)');
  });

  it('prints a rule back so it parses to the same tree', () => {
    for (const t of [
      '[甲] - ([乙] - [丙]) = 0',
      '([甲] > 1 或 [乙] > 1) 且 非 [丙] > 1',
      '[甲] / ([乙] * [丙]) >= 95%',
      '-([甲] + [乙]) < 0',
    ]) {
      const p = parseRule(t);
      if (!p.ok) throw new Error(p.error.message);
      expect(tree(printRule(p.expr))).toBe(tree(t));
    }
  });
});

describe('rule grammar: every error names its character', () => {
  it('a missing ] is placed where it belongs: before the next [ or at the end', () => {
    expect(problem('[化解信访案件 <= [受理信访案件]')).toEqual({ position: 12, message: '第12个字符处缺少“]”（第1个字符处的“[”没有配对）' });
    expect(problem('[化解信访案件] <= [受理信访案件')).toMatchObject({ position: 20, message: expect.stringMatching(/^第20个字符处缺少“]”（第13个字符处的“\[”没有配对）$/) });
  });

  it('a ) too many, a ( never closed, a ] with no [', () => {
    expect(problem('([甲]) > 1)')).toMatchObject({ position: 10, message: expect.stringMatching(/^第10个字符处多了“\)”/) });
    expect(problem('[甲]) > 1')).toMatchObject({ position: 4, message: expect.stringMatching(/^第4个字符处多了“\)”/) });
    expect(problem('(([甲] > 1)')).toMatchObject({ position: 11, message: expect.stringMatching(/^第11个字符处缺少“\)”（第1个字符处的“\(”没有配对）/) });
    expect(problem('[甲]] > 1')).toMatchObject({ position: 4, message: expect.stringMatching(/^第4个字符处多了“]”/) });
  });

  it('an unknown operator, a name without brackets', () => {
    expect(problem('[甲] % [乙]')).toMatchObject({ position: 5, message: expect.stringContaining('第5个字符处的“%”前面没有数字') });
    expect(problem('[甲] ^ 2 > 1')).toMatchObject({ position: 5, message: expect.stringContaining('第5个字符处的“^”不是可用的运算符') });
    expect(problem('[甲] >= 持证人数')).toMatchObject({ position: 8, message: expect.stringContaining('指标名称要写在方括号中，如“[持证人数]”') });
    expect(problem('[甲] 大于 [乙]')).toMatchObject({ position: 5, message: expect.stringContaining('第5个字符处的“大于”不是运算符') });
  });

  it('a missing operand or operator', () => {
    expect(problem('[甲] <=')).toMatchObject({ position: 7, message: '第7个字符处（规则末尾）缺少数字或指标' });
    expect(problem('[甲] + * 3 > 1')).toMatchObject({ position: 7, message: '第7个字符处的“*”前面缺少数字或指标' });
    expect(problem('[甲] [乙] > 1')).toMatchObject({ position: 5, message: expect.stringMatching(/^第5个字符处缺少运算符/) });
    expect(problem('[甲] > 1 且')).toMatchObject({ position: 10, message: '第10个字符处（规则末尾）缺少数字或指标' });
    expect(problem('>= [甲]')).toMatchObject({ position: 1 });
  });

  it('an empty rule, empty brackets, a rule with nothing to compare or no indicator', () => {
    expect(problem('')).toEqual({ position: null, message: '规则是空的' });
    expect(problem('   ')).toEqual({ position: null, message: '规则是空的' });
    expect(problem('[ ] > 1')).toMatchObject({ position: 1, message: expect.stringContaining('没有填写指标名称') });
    expect(problem('[甲] + [乙]')).toMatchObject({ position: null, message: expect.stringContaining('没有比较') });
    expect(problem('1 < 2')).toMatchObject({ position: null, message: expect.stringContaining('没有用方括号写出任何指标') });
  });

  it('comparisons that cannot be chained or computed with', () => {
    expect(problem('[甲] <= [乙] <= [丙]')).toMatchObject({ position: 12, message: expect.stringContaining('请用“且”分开写') });
    expect(problem('([甲] > 1) + 1 > 0')).toMatchObject({ position: 11, message: expect.stringContaining('不能用于比较的结果') });
    expect(problem('[甲] > 1 且 [乙]')).toMatchObject({ position: 9, message: expect.stringContaining('两边都应是比较') });
    expect(problem('非 [甲]')).toMatchObject({ position: 1, message: expect.stringContaining('后面应是比较') });
    expect(problem('[甲] > 1.2.3')).toMatchObject({ position: 7, message: '第7个字符处的“1.2.3”不是一个数字' });
  });

  it('counts a character outside the Basic Plane as one, as the user does', () => {
    // 𠀀 is one character (two UTF-16 units): the ] is missing at the 7th character (the next [), not the 8th
    expect(problem('[𠀀甲 > [乙]')).toMatchObject({ position: 7 });
  });

  it('是/否 is said to be outside the grammar, not taken for a name missing its brackets', () => {
    expect(problem('[年终述法] = 是')).toEqual({ position: 10, message: '第10个字符处的“是”：规则目前只能比较数字，“是/否”指标还不能写进规则' });
    expect(problem('[甲] > 是否')).toMatchObject({ message: expect.stringContaining('指标名称要写在方括号中') });
  });

  it('never runs the text: no eval, no Function', () => {
    const p = parseRule('[甲] > 1 且 constructor("x")');
    expect(p.ok).toBe(false);
  });
});
