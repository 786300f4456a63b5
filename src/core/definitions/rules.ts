/**
 * The county's 审核规则 (issue 12): compiled against the catalog, evaluated over a check's observations.
 *
 * - A bracketed name is an indicator id, a catalog name or synonym, any wording the meaning model places with
 *   no context (`化解信访案件（件）`), or else a label as written in the checked workbook whose rows were placed on
 *   one indicator. Ambiguous or unknown → `rule-invalid` (error, at the rule's cell), the other rules still run.
 * - Evaluated per (entity, period) group as the built-in rules are (each township row of a summary, its 合计 row,
 *   the workbook's own figures, each year): all the rule's indicators must have a figure there, else the rule is
 *   not evaluable there. A rate indicator with no figure of its own takes the rate computed from its parts.
 * - Figures are the ranges they stand for (rules/util `interval`: a reported rate ±half its last decimal, `余` = at
 *   least …), so `[调解成功数] / [矛盾纠纷受理数] = [矛盾纠纷调解成功率]` compares in percent with the rounding
 *   tolerance of the reported figure, like `rate-mismatch`. Percents are fractions inside (95% = 0.95).
 * - A finding only when the rule is certainly false. With an approximate figure involved the finding is at most
 *   待核实; when approximate figures allow both answers the rule is `undetermined` (no finding).
 */
import { ref } from '../address';
import { formatNumber, makeFinding, showObs, whereObs, whereText } from '../findings';
import { placeLabel } from '../meaning/place';
import { normalizeLabel, stripNumbering } from '../meaning/normalize';
import { formatPercent, rateTruncated } from '../rate';
import type { RuleContext } from '../rules/context';
import { groupKey, interval, isApprox, num, type ObsGroup } from '../rules/util';
import type { Catalog, ComputedRate, Finding, IndicatorDef, Observation, Relation, Severity } from '../types';
import { parseRule, printRule, type Expr } from './expr';
import type { CustomRuleOutcome, CustomRulesSummary, CustomRuleStatus, DefinitionSource, RuleDefinitionRow } from './types';

// ───────────────────────────── names ─────────────────────────────

export type NameResolution =
  | { ok: true; id: string; via: 'id' | 'catalog' | 'sheet' }
  | { ok: false; reason: string };

const byIds = new WeakMap<Catalog, Map<string, IndicatorDef>>();
function byId(catalog: Catalog): Map<string, IndicatorDef> {
  let m = byIds.get(catalog);
  if (!m) byIds.set(catalog, (m = new Map(catalog.indicators.map((d) => [d.id, d]))));
  return m;
}

const quoteNames = (ids: string[], defs: Map<string, IndicatorDef>) => ids.map((id) => `“${defs.get(id)?.name ?? id}”`).join('、');

/**
 * The indicator a bracketed name means: an id, a catalog name or synonym or a wording the meaning model places
 * without context; else a label of the checked workbook (`observations`) placed on exactly one indicator.
 */
export function resolveName(name: string, catalog: Catalog, observations: readonly Observation[] = []): NameResolution {
  const defs = byId(catalog);
  if (defs.has(name.trim())) return { ok: true, id: name.trim(), via: 'id' };
  const p = placeLabel(name, {}, catalog);
  if (p.status === 'placed') return { ok: true, id: p.id, via: 'catalog' };
  const key = normalizeLabel(stripNumbering(name));
  const inSheet = new Set(observations.filter((o) => normalizeLabel(stripNumbering(o.label)) === key).map((o) => o.indicator));
  if (inSheet.size === 1) return { ok: true, id: [...inSheet][0], via: 'sheet' };
  if (inSheet.size > 1) {
    return { ok: false, reason: `“[${name}]”在本工作簿中对应${quoteNames([...inSheet], defs)}几个指标，请写出完整的指标名称` };
  }
  if (p.status === 'ambiguous') {
    return { ok: false, reason: `“[${name}]”可能是${quoteNames(p.candidates, defs)}，请写出完整的指标名称` };
  }
  const near = p.suggestions.length ? `，是否为${quoteNames(p.suggestions.slice(0, 2), defs)}` : '';
  return { ok: false, reason: `“[${name}]”不是指标目录中的指标${near}` };
}

// ───────────────────────────── compiling ─────────────────────────────

export interface CompiledRule {
  row: RuleDefinitionRow;
  expr: Expr;
  /** Each bracketed name (in order of writing) and the indicator it means. */
  refs: { name: string; pos: number; id: string }[];
  /** Distinct indicator ids, in order of first use. */
  indicators: string[];
  /** The catalog relation this rule states (`[持证人数] <= [行政执法人员]`, or mirrored), if it states one exactly. */
  restates: Relation | null;
}

export type Compiled = { ok: true; rule: CompiledRule } | { ok: false; row: RuleDefinitionRow; problem: string };

type NumNode = Extract<Expr, { type: 'num' }>;

/** The bare number (`95`, `-3`) an expression is, if it is one. */
function bareNumber(e: Expr): NumNode | null {
  if (e.type === 'num' && !e.percent) return e;
  if (e.type === 'neg') return bareNumber(e.arg);
  return null;
}

/** The rate indicator that makes an expression a percent (`[持证率]`, `[持证率] + 5%`), if any. */
function percentRef(e: Expr, rate: (name: string) => boolean): string | null {
  if (e.type === 'ref') return rate(e.name) ? e.name : null;
  if (e.type === 'neg') return percentRef(e.arg, rate);
  if (e.type === 'arith' && (e.op === '+' || e.op === '-')) return percentRef(e.left, rate) ?? percentRef(e.right, rate);
  return null;
}

/**
 * A bare number against a rate (`[持证率] >= 95`) is refused: 95 could mean 95 % or 9,500 %, and 0.95 the other
 * way round; a wrong reading would pass or fail every township. The user writes `95%`.
 */
function bareAgainstRate(e: Expr, rate: (name: string) => boolean): string | null {
  if (e.type === 'compare' || (e.type === 'arith' && (e.op === '+' || e.op === '-'))) {
    for (const [a, b] of [
      [e.left, e.right],
      [e.right, e.left],
    ]) {
      const n = bareNumber(a);
      const r = n ? percentRef(b, rate) : null;
      if (n && r) return `第${n.pos}个字符处的“${n.text}”应写成百分数（如“${n.text}%”），因为“[${r}]”是比率`;
    }
  }
  if (e.type === 'ref' || e.type === 'num') return null;
  if (e.type === 'neg' || e.type === 'not') return bareAgainstRate(e.arg, rate);
  return bareAgainstRate(e.left, rate) ?? bareAgainstRate(e.right, rate);
}

/** One rule row: parsed, every name resolved (against the catalog, then the workbook's labels). */
export function compileRule(row: RuleDefinitionRow, catalog: Catalog, observations: readonly Observation[] = []): Compiled {
  const parsed = parseRule(row.text);
  if (!parsed.ok) return { ok: false, row, problem: parsed.error.message };
  const refs: CompiledRule['refs'] = [];
  for (const r of parsed.refs) {
    const res = resolveName(r.name, catalog, observations);
    if (!res.ok) return { ok: false, row, problem: `第${r.pos}个字符处的${res.reason}` };
    refs.push({ name: r.name, pos: r.pos, id: res.id });
  }
  const defs = byId(catalog);
  // a rule compares figures: a yes/no or text indicator has none, and would leave the rule never evaluable
  for (const r of refs) {
    const def = defs.get(r.id);
    if (def && (def.kind === 'yesno' || def.kind === 'text')) {
      return { ok: false, row, problem: `第${r.pos}个字符处的“[${r.name}]”是${def.kind === 'yesno' ? '“是/否”' : '文字'}指标，规则目前只能比较数字` };
    }
  }
  const idOf = new Map(refs.map((r) => [r.name, r.id]));
  const bare = bareAgainstRate(parsed.expr, (name) => defs.get(idOf.get(name) ?? '')?.kind === 'rate');
  if (bare) return { ok: false, row, problem: bare };
  const indicators = [...new Set(refs.map((r) => r.id))];
  const idAt = new Map(refs.map((r) => [r.pos, r.id]));
  return { ok: true, rule: { row, expr: parsed.expr, refs, indicators, restates: restatedRelation(parsed.expr, (e) => idAt.get(e.pos)!, catalog) } };
}

// ───────────────────────────── rules that restate a built-in relation ─────────────────────────────

type RefNode = Extract<Expr, { type: 'ref' }>;

/** The indicators of a `[甲] + [乙] + …` chain of two or more, or null when the side is anything else. */
function sumOf(e: Expr, id: (r: RefNode) => string): string[] | null {
  if (e.type !== 'arith' || e.op !== '+') return null;
  const side = (x: Expr): string[] | null => (x.type === 'ref' ? [id(x)] : sumOf(x, id));
  const l = side(e.left);
  const r = side(e.right);
  return l && r ? [...l, ...r] : null;
}

const sameMembers = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\u0001') === [...b].sort().join('\u0001');

/**
 * The catalog relation a rule states, decided on its parsed expression and the indicators its names resolve to —
 * never on its text: `[化解信访案件] <= [受理信访案件]` and `[信访案件受理数] >= [信访案件化解数]` both state the
 * part/whole relation; `[持证率] = [持证人数] / [行政执法人员]` (either side first) the rate; `[法律顾问人数] =
 * [村（社区）法律顾问] + [镇（乡）政府法律顾问]` the sum, its parts in any order. Anything else (`<`, a factor, a
 * constant, 且/或, another divisor) is a rule of its own: null.
 */
export function restatedRelation(expr: Expr, id: (r: RefNode) => string, catalog: Catalog): Relation | null {
  if (expr.type !== 'compare') return null;
  const { left, right } = expr;
  const find = (ok: (r: Relation) => boolean) => catalog.relations.find(ok) ?? null;
  if (expr.op === '<=' || expr.op === '>=') {
    const [part, whole] = expr.op === '<=' ? [left, right] : [right, left];
    if (part.type !== 'ref' || whole.type !== 'ref') return null;
    return find((r) => r.kind === 'part-of' && r.part === id(part) && r.whole === id(whole));
  }
  if (expr.op !== '=') return null;
  for (const [one, other] of [
    [left, right],
    [right, left],
  ]) {
    if (one.type !== 'ref') continue;
    if (other.type === 'arith' && other.op === '/' && other.left.type === 'ref' && other.right.type === 'ref') {
      const [n, d] = [id(other.left), id(other.right)];
      const hit = find((r) => r.kind === 'rate' && r.rate === id(one) && r.numerator === n && r.denominator === d);
      if (hit) return hit;
    }
    const parts = sumOf(other, id);
    if (parts) {
      const hit = find((r) => r.kind === 'sum' && r.total === id(one) && sameMembers(r.parts, parts));
      if (hit) return hit;
    }
  }
  return null;
}

const RELATION_RULES = new Set<Finding['rule']>(['part-exceeds-whole', 'rate-mismatch', 'rate-truncated', 'coverage-claim', 'sum-mismatch']);

/** Whether a built-in finding reports `relation` broken (part-exceeds-whole, rate-mismatch …, sum-mismatch). */
function reportsRelation(f: Finding, relation: Relation): boolean {
  switch (relation.kind) {
    case 'part-of':
      return f.rule === 'part-exceeds-whole' && f.indicators.join('\u0001') === [relation.part, relation.whole].join('\u0001');
    case 'rate':
      // coverage-claim of a part (`全部` under its whole) has two indicators: no rate, and the rule does not fail on it
      return (f.rule === 'rate-mismatch' || f.rule === 'rate-truncated' || (f.rule === 'coverage-claim' && f.indicators.length === 1)) && f.indicators[0] === relation.rate;
    case 'sum':
      return f.rule === 'sum-mismatch' && f.indicators.join('\u0001') === [relation.total, ...relation.parts].join('\u0001');
  }
}

/**
 * One broken relation is one finding: the built-in findings that a county rule stating the same relation found
 * broken at the same figures (the same cells). The county's rule wins — its 级别, 说明 and place in 审核规则 — so
 * these are left out. A built-in finding no county rule matched (other figures, a rule that differs) stays.
 * Each is mapped to the `custom` findings standing for it: those of the restating rule only, never another rule's
 * that happens to be on the same cells (`[化解信访案件] >= [受理信访案件] * 0.9` is a check of its own).
 */
export function restatedByCounty(ctx: RuleContext, findings: readonly Finding[]): Map<Finding, Finding[]> {
  const out = new Map<Finding, Finding[]>();
  const restated = evaluateCustomRules(ctx).restated;
  if (restated.length === 0) return out;
  // by cells: a summary of thousands of townships has thousands of both
  const byCells = new Map<string, Restated[]>();
  for (const r of restated) byCells.set(r.cells, [...(byCells.get(r.cells) ?? []), r]);
  for (const f of findings) {
    if (!RELATION_RULES.has(f.rule)) continue;
    const by = byCells.get([...f.refs].sort().join('\u0001'))?.filter((r) => reportsRelation(f, r.relation));
    if (by?.length) out.set(f, by.map((r) => r.finding));
  }
  return out;
}

// ───────────────────────────── evaluating ─────────────────────────────

/** A value as a range (figures as written stand for ranges), with its nominal value for messages. */
interface Val {
  lo: number;
  hi: number;
  v: number;
  pct: boolean;
}

/** Three-valued: true, false, or null (the ranges allow both). */
type Truth = boolean | null;

class DivideByZero extends Error {}

const EPS = 1e-9;
const tol = (x: number) => EPS * Math.max(1, Math.abs(x));

function mul(a: number, b: number): number {
  const p = a * b;
  return Number.isNaN(p) ? 0 : p; // 0 × ∞: a zero figure times an open-ended one
}

function arith(op: '+' | '-' | '*' | '/', a: Val, b: Val): Val {
  switch (op) {
    case '+':
      return { lo: a.lo + b.lo, hi: a.hi + b.hi, v: a.v + b.v, pct: a.pct || b.pct };
    case '-':
      return { lo: a.lo - b.hi, hi: a.hi - b.lo, v: a.v - b.v, pct: a.pct || b.pct };
    case '*': {
      const ps = [mul(a.lo, b.lo), mul(a.lo, b.hi), mul(a.hi, b.lo), mul(a.hi, b.hi)];
      return { lo: Math.min(...ps), hi: Math.max(...ps), v: a.v * b.v, pct: false };
    }
    case '/': {
      if (b.v === 0) throw new DivideByZero();
      if (b.lo <= 0 && b.hi >= 0) return { lo: -Infinity, hi: Infinity, v: a.v / b.v, pct: false };
      const ps = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi].map((x) => (Number.isNaN(x) ? 0 : x));
      return { lo: Math.min(...ps), hi: Math.max(...ps), v: a.v / b.v, pct: false };
    }
  }
}

function compare(op: '<' | '<=' | '=' | '>=' | '>' | '<>', a: Val, b: Val): Truth {
  const t = tol(Math.max(Math.abs(a.v), Math.abs(b.v)));
  const lt = (x: Val, y: Val): Truth => (x.hi < y.lo - t ? true : x.lo >= y.hi - t ? false : null);
  const le = (x: Val, y: Val): Truth => (x.hi <= y.lo + t ? true : x.lo > y.hi + t ? false : null);
  switch (op) {
    case '<':
      return lt(a, b);
    case '<=':
      return le(a, b);
    case '>':
      return lt(b, a);
    case '>=':
      return le(b, a);
    case '=': {
      if (a.hi < b.lo - t || b.hi < a.lo - t) return false;
      return a.hi - a.lo <= t && b.hi - b.lo <= t ? true : null;
    }
    case '<>': {
      const eq = compare('=', a, b);
      return eq == null ? null : !eq;
    }
  }
}

/** A figure of an indicator at one place: the observation, or a rate computed from its parts. */
interface Bound {
  id: string;
  val: Val;
  /** Cells the figure stands on (its own, or a computed rate's numerator and denominator). */
  cells: Observation[];
  /** Where and what, for the figures appended to a message: `‘行政执法’表 D5的“持证人数”14人`. */
  shown: string;
  /** The figure alone, for a `{指标}` placeholder of the 说明: `14人`, `93.8%`. */
  figure: string;
  approx: boolean;
}

function valOf(o: Observation): Val | null {
  const v = num(o);
  const i = interval(o);
  if (v == null || !i) return null;
  const k = o.kind === 'percent' ? 0.01 : 1;
  return { lo: i.lo * k, hi: i.hi * k, v: v * k, pct: o.kind === 'percent' };
}

function evalExpr(e: Expr, figure: (name: string) => Bound): Val | Truth {
  switch (e.type) {
    case 'ref':
      return figure(e.name).val;
    case 'num': {
      const v = e.percent ? e.value / 100 : e.value;
      return { lo: v, hi: v, v, pct: e.percent };
    }
    case 'neg': {
      const a = evalExpr(e.arg, figure) as Val;
      return { lo: -a.hi, hi: -a.lo, v: -a.v, pct: a.pct };
    }
    case 'arith':
      return arith(e.op, evalExpr(e.left, figure) as Val, evalExpr(e.right, figure) as Val);
    case 'compare':
      return compare(e.op, evalExpr(e.left, figure) as Val, evalExpr(e.right, figure) as Val);
    case 'not': {
      const a = evalExpr(e.arg, figure) as Truth;
      return a == null ? null : !a;
    }
    case 'and': {
      const a = evalExpr(e.left, figure) as Truth;
      const b = evalExpr(e.right, figure) as Truth;
      return a === false || b === false ? false : a === true && b === true ? true : null;
    }
    case 'or': {
      const a = evalExpr(e.left, figure) as Truth;
      const b = evalExpr(e.right, figure) as Truth;
      return a === true || b === true ? true : a === false && b === false ? false : null;
    }
  }
}

/** The computed sides of the rule's comparisons that are not a single figure (`[甲] / [乙]` = 93.8%), for messages. */
function computedSides(e: Expr, figure: (name: string) => Bound, out: string[] = []): string[] {
  if (e.type === 'compare') {
    const l = evalExpr(e.left, figure) as Val;
    const r = evalExpr(e.right, figure) as Val;
    const pct = l.pct || r.pct || e.left.type === 'num' || e.right.type === 'num' ? l.pct || r.pct : false;
    for (const [side, v] of [
      [e.left, l],
      [e.right, r],
    ] as const) {
      if (side.type === 'ref' || side.type === 'num' || side.type === 'neg') continue;
      out.push(`${printRule(side)}为${pct ? formatPercent(v.v * 100) : formatNumber(v.v)}`);
    }
  } else if (e.type === 'and' || e.type === 'or') {
    computedSides(e.left, figure, out);
    computedSides(e.right, figure, out);
  } else if (e.type === 'not') computedSides(e.arg, figure, out);
  return out;
}

/**
 * Where a rule was written, as messages name it: `‘审核规则’表 A3` in the checked workbook, `县定义.xlsx ‘审核规则’表 A3`
 * in a definitions workbook, `县定义.json 第2条` in a JSON/YAML file.
 */
export function ruleSourceText(at: DefinitionSource, workbookFile: string): string {
  // JSON/YAML: the entry, counted from 1 as the user counts (`sheet` is its path, `审核规则[1]`)
  if (at.cell == null) return `${at.file} 第${at.row + 1}条`;
  const where = whereText(at.sheet, at.cell);
  return at.file && at.file !== workbookFile ? `${at.file} ${where}` : where;
}

const FILL = /\{\s*\[?\s*([^{}[\]]+?)\s*\]?\s*\}/g;

/**
 * The county's 说明 with `{指标}` / `{[指标]}` placeholders filled with the figures; other braces stay. A placeholder
 * is a name as the rule writes it, or any other name of one of its indicators (`{化解信访案件}` in the 说明 of
 * `[信访案件化解数] <= …`, the template's wording).
 */
function fillExplanation(text: string, rule: CompiledRule, figure: (name: string) => Bound | undefined, ctx: RuleContext): string {
  return text.replace(FILL, (whole, name: string) => {
    let hit = rule.refs.find((r) => r.name === name || normalizeLabel(r.name) === normalizeLabel(name));
    if (!hit) {
      const res = resolveName(name, ctx.catalog, ctx.observations);
      if (res.ok) hit = rule.refs.find((r) => r.id === res.id);
    }
    const b = hit ? figure(hit.name) : undefined;
    return b ? b.figure : whole;
  });
}

interface Evaluation {
  findings: Finding[];
  invalid: Finding[];
  summary: CustomRulesSummary;
  /** The `custom` findings of rules that restate a catalog relation, each with that relation and its cells. */
  restated: Restated[];
}

/** A `custom` finding of a rule restating a catalog relation: the relation, the finding, its cells (sorted refs). */
interface Restated {
  relation: Relation;
  finding: Finding;
  cells: string;
}

const memo = new WeakMap<RuleContext, Evaluation>();

const SEVERITY_CAP: Record<Severity, number> = { error: 0, verify: 1, hint: 2 };

/** The county's rules on a check's context (memoised per context: `custom` and `rule-invalid` share one run). */
export function evaluateCustomRules(ctx: RuleContext): Evaluation {
  const hit = memo.get(ctx);
  if (hit) return hit;
  const out = evaluate(ctx);
  memo.set(ctx, out);
  return out;
}

function evaluate(ctx: RuleContext): Evaluation {
  const definitions = ctx.definitions;
  const counts: Record<CustomRuleStatus, number> = { passed: 0, failed: 0, undetermined: 0, 'not-evaluable': 0, invalid: 0 };
  const result: Evaluation = { findings: [], invalid: [], summary: { source: definitions?.name ?? '', rules: [], counts }, restated: [] };
  if (!definitions) return result;
  const file = ctx.workbookFile ?? '';
  const all = definitions.rules.map((row) => compileRule(row, ctx.catalog, ctx.observations));
  // two rows stating one catalog relation (the county file's and the workbook's own template row, in other words)
  // are one rule: the later row wins, as the workbook's rows (merged after the file's) win over the file's
  const last = new Map<Relation, number>();
  all.forEach((c, i) => c.ok && c.rule.restates && last.set(c.rule.restates, i));
  for (const [i, compiled] of all.entries()) {
    const row = compiled.ok ? compiled.rule.row : compiled.row;
    if (compiled.ok && compiled.rule.restates && last.get(compiled.rule.restates) !== i) continue;
    if (!compiled.ok) {
      result.invalid.push(invalidFinding(row, compiled.problem, file));
      result.summary.rules.push({ at: row.at, text: row.text, severity: row.severity, status: 'invalid', indicators: [], evaluated: 0, failed: 0, skipped: 0, missing: [], problem: compiled.problem });
      counts.invalid++;
      continue;
    }
    const before = result.findings.length;
    const outcome = runRule(ctx, compiled.rule, file, result.findings);
    const relation = compiled.rule.restates;
    if (relation) outcome.replaces = relation.kind === 'part-of' ? 'part-exceeds-whole' : relation.kind === 'rate' ? 'rate-mismatch' : 'sum-mismatch';
    if (relation) for (const finding of result.findings.slice(before)) result.restated.push({ relation, finding, cells: [...finding.refs].sort().join('\u0001') });
    result.summary.rules.push(outcome);
    counts[outcome.status]++;
  }
  return result;
}

/**
 * A rule that cannot be used, at its own cell when it is written in the checked workbook. A rule from a separate
 * definitions file (or JSON) is no cell of this workbook: the finding concerns the whole check (no sheet, no
 * refs, no mark), its message and `ruleAt` say where the rule is.
 */
function invalidFinding(row: RuleDefinitionRow, problem: string, file: string): Finding {
  const here = row.at.cell != null && (!row.at.file || row.at.file === file);
  const f = makeFinding('rule-invalid', {
    sheet: here ? row.at.sheet : '',
    cell: here ? row.at.cell! : '',
    indicators: [],
    entity: null,
    period: null,
    key: `${row.at.file}|${row.at.sheet}|${row.at.row}|${row.text}`,
    byCell: false,
    vars: { source: ruleSourceText(row.at, file), rule: row.text.trim(), problem },
  });
  f.refs = here ? [ref(row.at.sheet, row.at.cell!)] : [];
  f.ruleAt = row.at;
  return f;
}

const rateIndexes = new WeakMap<RuleContext, Map<string, ComputedRate>>();

/** The context's computed rates by indicator and group, built once (a summary of thousands of rows has thousands). */
function ratesIndex(ctx: RuleContext): Map<string, ComputedRate> {
  let m = rateIndexes.get(ctx);
  if (!m) {
    m = new Map();
    for (const r of ctx.rates) {
      const k = `${r.indicator}\u0001${groupKey(r.numerator)}`;
      if (r.value != null && !m.has(k)) m.set(k, r);
    }
    rateIndexes.set(ctx, m);
  }
  return m;
}

/** The figure of `id` in a group: its first figure, else the rate computed from its parts there. */
function bind(ctx: RuleContext, group: ObsGroup, id: string, sheet: string | undefined): Bound | null {
  const def = ctx.defs.get(id);
  // the figures beside the rule's first one (same sheet) before a copy elsewhere, as computeRates does
  const figures = group.of(id).filter((x) => num(x) != null);
  const o = figures.find((x) => x.sheet === sheet) ?? figures[0];
  if (o) {
    const val = valOf(o);
    if (val) return { id, val, cells: [o], shown: `${whereObs(o)}的“${def?.name ?? o.label}”${showObs(o, def)}`, figure: showObs(o, def), approx: isApprox(o) };
  }
  if (def?.kind !== 'rate') return null;
  const r = ratesIndex(ctx).get(`${id}\u0001${groupKey(group.list[0])}`);
  if (!r || r.value == null) return null;
  const n = valOf(r.numerator);
  const d = valOf(r.denominator);
  if (!n || !d) return null;
  const q = arith('/', n, d);
  return {
    id,
    val: { ...q, pct: true },
    cells: [r.numerator, r.denominator],
    shown: `“${def.name}”（未填写，按${whereObs(r.numerator)}和${whereObs(r.denominator)}计算）${r.display}`,
    figure: r.display,
    approx: r.approx,
  };
}

function runRule(ctx: RuleContext, rule: CompiledRule, file: string, findings: Finding[]): CustomRuleOutcome {
  const outcome: CustomRuleOutcome = {
    at: rule.row.at,
    text: rule.row.text,
    severity: rule.row.severity,
    status: 'not-evaluable',
    indicators: rule.indicators,
    evaluated: 0,
    failed: 0,
    skipped: 0,
    missing: [],
  };
  let undetermined = 0;
  const missing = new Set<string>();
  for (const group of ctx.groups) {
    const bound = new Map<string, Bound>();
    let sheet: string | undefined;
    for (const id of rule.indicators) {
      const b = bind(ctx, group, id, sheet);
      if (!b) continue;
      bound.set(id, b);
      sheet ??= b.cells[0].sheet;
    }
    if (bound.size === 0) continue;
    if (bound.size < rule.indicators.length) {
      for (const r of rule.refs) if (!bound.has(r.id)) missing.add(r.name);
      outcome.skipped++;
      continue;
    }
    const figure = (name: string): Bound => bound.get(rule.refs.find((r) => r.name === name)!.id)!;
    let truth: Truth;
    try {
      truth = evalExpr(rule.expr, figure) as Truth;
    } catch (e) {
      if (!(e instanceof DivideByZero)) throw e;
      outcome.zeroDivisor = (outcome.zeroDivisor ?? 0) + 1;
      outcome.skipped++;
      continue;
    }
    const approx = [...bound.values()].some((b) => b.approx);
    if (truth === null && approx) {
      undetermined++;
      continue;
    }
    // within the rounding of the figures as written, the benefit of the doubt (as rate-mismatch gives it)
    outcome.evaluated++;
    if (truth !== false) continue;
    // the built-in rate relation restated: a rate cut instead of rounded is no wrong rate there (rate-truncated's hint)
    if (rule.restates?.kind === 'rate' && cutNotRounded(rule.restates, bound)) continue;
    outcome.failed++;
    findings.push(customFinding(ctx, rule, [...bound.values()], figure, approx, file));
  }
  outcome.missing = missing.size || outcome.skipped || outcome.evaluated || undetermined ? [...missing] : [...new Set(rule.refs.map((r) => r.name))];
  outcome.status = outcome.failed ? 'failed' : outcome.evaluated ? 'passed' : undetermined ? 'undetermined' : 'not-evaluable';
  return outcome;
}

/**
 * Whether the figures of a rule stating the rate relation `rel` are a reported rate that is the exact rate of exact
 * counts cut at its precision (`77.7%` for 7 of 9): the built-in check calls that `rate-truncated` (a hint), not a
 * wrong rate, and a rule stating the same relation gives the same verdict.
 */
function cutNotRounded(rel: Extract<Relation, { kind: 'rate' }>, bound: Map<string, Bound>): boolean {
  const own = (id: string) => {
    const b = bound.get(id);
    return b && b.cells.length === 1 && b.cells[0].indicator === id && !b.approx ? b.cells[0] : null;
  };
  const [rep, n, d] = [own(rel.rate), own(rel.numerator), own(rel.denominator)];
  const [r, x, y] = [num(rep), num(n), num(d)];
  if (!rep || r == null || x == null || y == null || y <= 0 || rep.coverage || rep.markers.length > 0) return false;
  return rateTruncated(r, rep.decimals, (x / y) * 100);
}

function customFinding(ctx: RuleContext, rule: CompiledRule, bound: Bound[], figure: (name: string) => Bound, approx: boolean, file: string): Finding {
  const first = bound[0].cells[0];
  const cells = bound.flatMap((b) => b.cells);
  const severity: Severity = approx && SEVERITY_CAP[rule.row.severity] < SEVERITY_CAP.verify ? 'verify' : rule.row.severity;
  const said = rule.row.message.trim().replace(/[。．.；;，,\s]+$/, '');
  // no 说明: the rule itself is said once, in the brackets after the figures
  const explanation = said ? fillExplanation(said, rule, figure, ctx) : '不符合县级审核规则';
  const figures = [...bound.map((b) => b.shown), ...computedSides(rule.expr, figure)].join('，');
  const f = makeFinding('custom', {
    sheet: first.sheet,
    cell: first.cell,
    cells,
    indicators: rule.indicators,
    entity: first.isTotal ? null : first.entity,
    period: first.period,
    key: `${normalizeLabel(rule.row.text)}|${first.period === 'other' ? (first.year ?? '') : ''}`,
    vars: {
      explanation,
      figures,
      source: ruleSourceText(rule.row.at, file),
      rule: rule.row.text.trim(),
      approx: approx ? '，其中有约数，只能待核实' : '',
      todo: /请/.test(said) ? '' : '请核对这些数字。',
    },
  });
  f.severity = severity;
  f.ruleAt = rule.row.at;
  return f;
}

// ───────────────────────────── the catalog's relations as rules ─────────────────────────────

/** A relation of the catalog written as a county rule (`[持证人数] <= [行政执法人员]`), by catalog names. */
export function relationAsRule(relation: Relation, catalog: Catalog): string {
  const n = (id: string) => {
    const d = catalog.indicators.find((x) => x.id === id);
    if (!d) throw new Error(`指标目录中没有指标 ${id}`);
    return `[${d.name}]`;
  };
  switch (relation.kind) {
    case 'part-of':
      return `${n(relation.part)} <= ${n(relation.whole)}`;
    case 'rate':
      return `${n(relation.rate)} = ${n(relation.numerator)} / ${n(relation.denominator)}`;
    case 'sum':
      return `${n(relation.total)} = ${relation.parts.map(n).join(' + ')}`;
  }
}

/** The 说明 the template writes beside a relation's rule. */
function relationExplanation(relation: Relation, catalog: Catalog): string {
  const n = (id: string) => catalog.indicators.find((x) => x.id === id)?.name ?? id;
  switch (relation.kind) {
    case 'part-of':
      return `“${n(relation.part)}”不能多于“${n(relation.whole)}”`;
    case 'rate':
      return `“${n(relation.rate)}”应等于“${n(relation.numerator)}”除以“${n(relation.denominator)}”`;
    case 'sum':
      return `“${n(relation.total)}”应等于${relation.parts.map((p) => `“${n(p)}”`).join('、')}之和`;
  }
}

/**
 * Every relation of the catalog as a rule row (错误, with a 说明), for the blank template's 审核规则 sheet and the
 * docs. `at` says where each row is written (default: the sheet `审核规则`, from row 2 under a header row).
 */
export function catalogRuleRows(catalog: Catalog, at: { file?: string; sheet?: string; firstRow?: number; column?: string } = {}): RuleDefinitionRow[] {
  const sheet = at.sheet ?? '审核规则';
  const first = at.firstRow ?? 1;
  return catalog.relations.map((relation, i) => ({
    at: { file: at.file ?? '', sheet, cell: `${at.column ?? 'A'}${first + i + 1}`, row: first + i },
    text: relationAsRule(relation, catalog),
    severity: 'error' as const,
    message: relationExplanation(relation, catalog),
  }));
}
