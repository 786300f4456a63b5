/**
 * Reading a county's definitions (issue 12) into CountyDefinitions: the sheets `指标定义` and `审核规则` of a
 * definitions workbook (or of the checked workbook itself), or a JSON / YAML file of the same content.
 *
 * Columns are recognised by what their header means, not by position (`指标名称` or `名称`, `别名` or `同义词`,
 * `下限` or `最小值` …); a JSON/YAML entry uses the same words as keys (or the English ones of the schema below).
 * Every source goes through ONE interpretation of a row (`indicatorRow`, `ruleRow`), so a sheet and a file say the
 * same thing in the same words. A row that cannot be used is a DefinitionProblem naming its cell (`指标定义!E5`) or
 * its path (`指标定义[3].类型`); the other rows are still read. Pure: no DOM, Node or office-js.
 *
 * JSON / YAML schema:
 *   { "指标定义": [ { "指标名称": "…", "别名": ["…"] | "a、b", "章节": "…", "单位": "…", "类型": "数量|金额|比率|是否|文字",
 *                    "是否必填": "是"|true, "下限": 0, "上限": 100, "对象": "…", "环节": "…", "级别": "…", "范围": "…" } ],
 *     "审核规则": [ { "规则": "[A] <= [B]", "级别": "错误|核实|提示", "说明": "…" } ] }
 *   (or `indicators` / `rules` with name, aliases, section, unit, kind, required, min, max, facets{…}; rule, severity, message).
 */
import { a1 } from '../address';
import type { Cell, Grid, Severity, Workbook } from '../types';
import { cellText, parseValue } from '../value';
import type { CountyDefinitions, DefinitionProblem, DefinitionSource, IndicatorDefinitionRow, RuleDefinitionRow } from './types';

export type { DefinitionProblem } from './types';

export const INDICATOR_SHEET = '指标定义';
export const RULE_SHEET = '审核规则';

export interface ReadDefinitions {
  definitions: CountyDefinitions;
  problems: DefinitionProblem[];
}

// ───────────────────────────── columns by meaning ─────────────────────────────

type IndicatorField = 'name' | 'aliases' | 'section' | 'unit' | 'kind' | 'required' | 'min' | 'max';
type RuleField = 'text' | 'severity' | 'message';

const INDICATOR_COLUMNS: Record<IndicatorField, string[]> = {
  name: ['指标名称', '名称', '指标', '指标项', '指标项目', 'name'],
  aliases: ['别名', '同义词', '其他名称', '别称', '又称', '其他写法', 'aliases', 'synonyms'],
  section: ['章节', '所属部分', '部分', '所属章节', '板块', '所属板块', 'section'],
  unit: ['单位', '计量单位', '计算单位', 'unit'],
  kind: ['类型', '指标类型', '数据类型', '值类型', 'kind', 'type'],
  required: ['是否必填', '必填', '必须填写', '是否必须', 'required'],
  min: ['下限', '最小值', '最低值', '最低', 'min', 'minimum'],
  max: ['上限', '最大值', '最高值', '最高', 'max', 'maximum'],
};

/** Facet columns of the meaning model, by the name a county writes (the keys of IndicatorDefinitionRow.facets). */
export const FACET_COLUMNS: Record<string, string[]> = {
  对象: ['对象', '统计对象', '计数对象', 'object'],
  环节: ['环节', '阶段', '步骤', 'stage'],
  度量: ['度量', '计量', 'measure'],
  级别: ['级别', '层级', 'level'],
  范围: ['范围', '村社区', '适用范围', 'scope'],
  限定: ['限定', '修饰', '限定词', 'qualifier', 'mods'],
  时限: ['时限', '期限', 'timely'],
  新增: ['新增', 'fresh'],
  否定: ['否定', 'neg'],
};

const RULE_COLUMNS: Record<RuleField, string[]> = {
  text: ['规则', '审核规则', '规则表达式', '表达式', '校验规则', '公式', 'rule', 'expr', 'expression'],
  severity: ['级别', '严重程度', '等级', '问题级别', 'severity', 'level'],
  message: ['说明', '提示', '提示信息', '错误提示', '描述', '规则说明', 'message', 'description'],
};

/** A header as compared: no spaces, `*` marks, colons or a bracketed note (`是否必填（是/否）`). */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\([^()]*\)|\[[^[\]]*\]|【[^【】]*】/g, '')
    .replace(/[\s*:：]/g, '')
    .toLowerCase();
}

function lookup<F extends string>(table: Record<F, string[]>): Map<string, F> {
  const m = new Map<string, F>();
  for (const [f, words] of Object.entries(table) as [F, string[]][]) for (const w of words) m.set(headerKey(w), f);
  return m;
}
const INDICATOR_BY_HEADER = lookup(INDICATOR_COLUMNS);
const FACET_BY_HEADER = lookup(FACET_COLUMNS);
const RULE_BY_HEADER = lookup(RULE_COLUMNS);

/** The indicator field or facet a header names; null for a column the definitions do not use (`序号`, `备注`). */
function indicatorColumn(header: string): { field: IndicatorField } | { facet: string } | null {
  const k = headerKey(header);
  const f = INDICATOR_BY_HEADER.get(k);
  if (f) return { field: f };
  const facet = FACET_BY_HEADER.get(k);
  return facet ? { facet } : null;
}

// ───────────────────────────── one row, whatever its source ─────────────────────────────

/** A value of one field and where it was written (`指标定义!E5`, `指标定义[3].类型`). */
interface FieldValue {
  value: unknown;
  at: DefinitionSource;
}

function asText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return cellText(v).trim();
  if (Array.isArray(v)) return v.map(asText).filter(Boolean).join('、');
  return cellText(v as Cell).trim();
}

const KIND_WORDS: [string, RegExp][] = [
  ['count', /^(数量|计数|个数|数目|次数|人数|数值|整数|count)$/i],
  ['amount', /^(金额|资金|amount)$/i],
  ['rate', /^(比率|比例|百分比|百分率|率|rate|percent)$/i],
  ['yesno', /^(是否|是\/否|是或否|yesno|bool|boolean)$/i],
  ['text', /^(文字|文本|text)$/i],
];

/** `数量/金额/比率/是否/文字` as written → the catalog's kind; null when blank; undefined when not one of them. */
export function kindOf(text: string): 'count' | 'amount' | 'rate' | 'yesno' | 'text' | null | undefined {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  if (!t) return null;
  for (const [k, re] of KIND_WORDS) if (re.test(t)) return k as 'count';
  return undefined;
}

function yesNo(v: unknown): boolean | null | undefined {
  if (v == null) return null;
  if (typeof v === 'boolean') return v;
  const t = asText(v).normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  if (!t) return null;
  if (/^(是|必填|必须|需要|要|√|✓|✔|y|yes|true|1|是的)$/.test(t)) return true;
  if (/^(否|不|非必填|不必填|选填|可选|可不填|×|✗|n|no|false|0)$/.test(t)) return false;
  return undefined;
}

const SEVERITY_WORDS: [Severity, RegExp][] = [
  ['error', /^(错误|error|错)$/i],
  ['verify', /^(核实|待核实|需核实|警告|verify|warning)$/i],
  ['hint', /^(提示|提醒|hint|info)$/i],
];

/** 错误/核实/提示 → the severity; null when blank; undefined when none of them. */
export function severityOf(text: string): Severity | null | undefined {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  if (!t) return null;
  for (const [s, re] of SEVERITY_WORDS) if (re.test(t)) return s;
  return undefined;
}

/** A bound as a figure (the one value parser): `0`, `100`, `80%` (a rate's bound is in percent). */
function bound(v: unknown, rate: boolean): number | null | undefined {
  if (v == null || (typeof v === 'string' && !v.trim())) return null;
  const cell: Cell = typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : asText(v);
  const p = parseValue(cell, { percentHeader: rate, expect: rate ? 'rate' : 'count' });
  if ((p.kind === 'number' || p.kind === 'percent') && typeof p.value === 'number' && p.markers.length === 0) return p.value;
  return undefined;
}

function splitAliases(v: unknown): string[] {
  const list = Array.isArray(v) ? v.map(asText) : asText(v).split(/[、,，;；/|\n]+/);
  const out: string[] = [];
  for (const s of list.map((x) => x.trim())) if (s && !out.includes(s)) out.push(s);
  return out;
}

function whereOf(at: DefinitionSource): string {
  return at.cell ? `${at.sheet}!${at.cell}` : at.sheet;
}

/** One 指标定义 row from its fields; a problem (and null) when it cannot be used. */
function indicatorRow(
  row: DefinitionSource,
  fields: Map<IndicatorField, FieldValue>,
  facets: Map<string, FieldValue>,
  problems: DefinitionProblem[],
): IndicatorDefinitionRow | null {
  const text = (f: IndicatorField) => asText(fields.get(f)?.value);
  const name = text('name');
  const said = [...fields.values(), ...facets.values()].map((f) => asText(f.value)).filter(Boolean).join(' | ');
  const bad = (f: FieldValue | undefined, reason: string) => problems.push({ at: f?.at ?? row, text: said, reason });
  if (!name) {
    bad(fields.get('name'), '没有填写指标名称');
    return null;
  }
  const kind = kindOf(text('kind'));
  if (kind === undefined) {
    bad(fields.get('kind'), `类型“${text('kind')}”不是 数量/金额/比率/是否/文字 之一`);
    return null;
  }
  const required = yesNo(fields.get('required')?.value);
  if (required === undefined) {
    bad(fields.get('required'), `是否必填“${text('required')}”应填“是”或“否”`);
    return null;
  }
  const unit = text('unit') || null;
  const rate = kind === 'rate' || (kind === null && /^(%|％|百分比|百分率)$/.test(unit ?? ''));
  const min = bound(fields.get('min')?.value, rate);
  const max = bound(fields.get('max')?.value, rate);
  for (const [f, v] of [['min', min], ['max', max]] as const) {
    if (v === undefined) {
      bad(fields.get(f), `${f === 'min' ? '下限' : '上限'}“${text(f)}”不是一个确定的数字`);
      return null;
    }
  }
  if (min != null && max != null && min > max) {
    bad(fields.get('min'), `下限${text('min')}大于上限${text('max')}`);
    return null;
  }
  const facetValues: Record<string, string> = {};
  for (const [k, f] of facets) {
    const t = asText(f.value);
    if (t) facetValues[k] = t;
  }
  return {
    at: row,
    name,
    aliases: splitAliases(fields.get('aliases')?.value).filter((a) => a !== name),
    section: text('section') || null,
    unit,
    kind: text('kind') || null,
    required,
    min: min ?? null,
    max: max ?? null,
    facets: facetValues,
  };
}

/** One 审核规则 row: the expression as written (the rule compiler parses it), its severity and 说明. */
function ruleRow(row: DefinitionSource, fields: Map<RuleField, FieldValue>, problems: DefinitionProblem[]): RuleDefinitionRow | null {
  const raw = fields.get('text')?.value;
  if (Array.isArray(raw) || (raw !== null && typeof raw === 'object')) {
    problems.push({ at: fields.get('text')!.at, text: asText(raw), reason: '规则应为一段文字，如 [化解信访案件] <= [受理信访案件]' });
    return null;
  }
  const text = asText(raw);
  const sev = asText(fields.get('severity')?.value);
  const message = asText(fields.get('message')?.value);
  const said = [text, sev, message].filter(Boolean).join(' | ');
  if (!text) {
    problems.push({ at: fields.get('text')?.at ?? row, text: said, reason: '没有填写规则' });
    return null;
  }
  const severity = severityOf(sev);
  if (severity === undefined) {
    problems.push({ at: fields.get('severity')?.at ?? row, text: said, reason: `级别“${sev}”不是 错误/核实/提示 之一` });
    return null;
  }
  // a blank 级别 is 核实: the county did not say it is certainly wrong
  return { at: row, text, severity: severity ?? 'verify', message };
}

// ───────────────────────────── sheets ─────────────────────────────

function sheetNamed(book: Workbook, name: string): Grid | undefined {
  return (book?.sheets ?? []).find((s) => s && typeof s.name === 'string' && s.name.trim() === name);
}

/** The header row (index into rows) and each recognised column; null when no row of the first 20 names `need`. */
function headerRow<T>(rows: Cell[][], recognise: (h: string) => T | null, need: (found: T[]) => boolean): { row: number; cols: Map<number, T> } | null {
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    const cols = new Map<number, T>();
    (rows[r] ?? []).forEach((c, i) => {
      const t = asText(c);
      const hit = t ? recognise(t) : null;
      if (hit != null) cols.set(i, hit);
    });
    if (need([...cols.values()])) return { row: r, cols };
  }
  return null;
}

/** Is `grid` a 指标定义 / 审核规则 sheet (by name and a recognisable header)? Such a sheet is no township's figures. */
export function definitionSheetKind(grid: Grid): 'indicators' | 'rules' | null {
  if (!grid || typeof grid.name !== 'string' || !Array.isArray(grid.rows)) return null;
  const name = grid.name.trim();
  if (name === INDICATOR_SHEET) return indicatorHeader(grid.rows) ? 'indicators' : null;
  if (name === RULE_SHEET) return ruleHeader(grid.rows) ? 'rules' : null;
  return null;
}

function indicatorHeader(rows: Cell[][]) {
  return headerRow(rows, indicatorColumn, (found) => found.some((f) => 'field' in f && f.field === 'name'));
}
function ruleHeader(rows: Cell[][]) {
  return headerRow(rows, (h) => RULE_BY_HEADER.get(headerKey(h)) ?? null, (found) => found.includes('text'));
}

/**
 * The 指标定义 and 审核规则 sheets of `book` (either may be missing). `file` names the source in messages (the
 * definitions workbook, or the checked workbook for its own sheets). A sheet of that name without a recognisable
 * header is a problem at its first cell.
 */
export function readDefinitionSheets(book: Workbook, file: string): ReadDefinitions & { found: boolean } {
  const problems: DefinitionProblem[] = [];
  const indicators: IndicatorDefinitionRow[] = [];
  const rules: RuleDefinitionRow[] = [];
  let found = false;
  const ind = sheetNamed(book, INDICATOR_SHEET);
  if (ind && Array.isArray(ind.rows)) {
    found = true;
    const r0 = ind.origin?.row ?? 0;
    const c0 = ind.origin?.col ?? 0;
    const h = indicatorHeader(ind.rows);
    if (!h) problems.push({ at: { file, sheet: ind.name, cell: a1(r0, c0), row: r0 }, text: '', reason: '没有找到含“指标名称”的表头行' });
    else {
      for (let r = h.row + 1; r < ind.rows.length; r++) {
        const cells = ind.rows[r] ?? [];
        const fields = new Map<IndicatorField, FieldValue>();
        const facets = new Map<string, FieldValue>();
        let any = false;
        for (const [c, col] of h.cols) {
          const v = cells[c];
          if (asText(v)) any = true;
          const at: DefinitionSource = { file, sheet: ind.name, cell: a1(r0 + r, c0 + c), row: r0 + r };
          if ('field' in col) fields.set(col.field, { value: v, at });
          else facets.set(col.facet, { value: v, at });
        }
        if (!any) continue;
        const nameCol = [...h.cols].find(([, col]) => 'field' in col && col.field === 'name')![0];
        const row: DefinitionSource = { file, sheet: ind.name, cell: a1(r0 + r, c0 + nameCol), row: r0 + r };
        const d = indicatorRow(row, fields, facets, problems);
        if (d) indicators.push(d);
      }
    }
  }
  const rs = sheetNamed(book, RULE_SHEET);
  if (rs && Array.isArray(rs.rows)) {
    found = true;
    const r0 = rs.origin?.row ?? 0;
    const c0 = rs.origin?.col ?? 0;
    const h = ruleHeader(rs.rows);
    if (!h) problems.push({ at: { file, sheet: rs.name, cell: a1(r0, c0), row: r0 }, text: '', reason: '没有找到含“规则”的表头行' });
    else {
      const textCol = [...h.cols].find(([, f]) => f === 'text')![0];
      for (let r = h.row + 1; r < rs.rows.length; r++) {
        const cells = rs.rows[r] ?? [];
        const fields = new Map<RuleField, FieldValue>();
        let any = false;
        for (const [c, f] of h.cols) {
          if (asText(cells[c])) any = true;
          fields.set(f, { value: cells[c], at: { file, sheet: rs.name, cell: a1(r0 + r, c0 + c), row: r0 + r } });
        }
        if (!any) continue;
        const d = ruleRow({ file, sheet: rs.name, cell: a1(r0 + r, c0 + textCol), row: r0 + r }, fields, problems);
        if (d) rules.push(d);
      }
    }
  }
  return { definitions: { name: file, indicators, rules }, problems, found };
}

// ───────────────────────────── JSON / YAML ─────────────────────────────

const INDICATOR_LIST_KEYS = ['指标定义', 'indicators'];
const RULE_LIST_KEYS = ['审核规则', 'rules'];

/** Definitions from parsed JSON/YAML data (the schema at the top of this file); every problem names its path. */
export function definitionsFromData(data: unknown, file: string): ReadDefinitions {
  const problems: DefinitionProblem[] = [];
  const indicators: IndicatorDefinitionRow[] = [];
  const rules: RuleDefinitionRow[] = [];
  const whole = (reason: string) => problems.push({ at: { file, sheet: '', cell: null, row: 0 }, text: '', reason });
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    whole('最外层应为含“指标定义”和/或“审核规则”两个列表的对象');
    return { definitions: { name: file, indicators, rules }, problems };
  }
  const obj = data as Record<string, unknown>;
  const known = new Set([...INDICATOR_LIST_KEYS, ...RULE_LIST_KEYS]);
  for (const k of Object.keys(obj)) if (!known.has(k)) whole(`不认识的项“${k}”（应为“指标定义”或“审核规则”）`);
  const listOf = (keys: string[]): [string, unknown[]] | null => {
    const k = keys.find((x) => x in obj);
    if (!k) return null;
    const v = obj[k];
    if (!Array.isArray(v)) {
      problems.push({ at: { file, sheet: k, cell: null, row: 0 }, text: '', reason: `“${k}”应为列表` });
      return null;
    }
    return [k, v];
  };
  const il = listOf(INDICATOR_LIST_KEYS);
  if (il) {
    const [key, list] = il;
    list.forEach((entry, i) => {
      const row: DefinitionSource = { file, sheet: `${key}[${i}]`, cell: null, row: i };
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
        problems.push({ at: row, text: asText(entry), reason: '每一项应为一个对象（指标名称、单位、类型……）' });
        return;
      }
      const fields = new Map<IndicatorField, FieldValue>();
      const facets = new Map<string, FieldValue>();
      const put = (k: string, v: unknown, path: string) => {
        const at: DefinitionSource = { file, sheet: path, cell: null, row: i };
        const col = indicatorColumn(k);
        if (!col) problems.push({ at, text: asText(v), reason: `不认识的字段“${k}”，已忽略` });
        else if ('field' in col) fields.set(col.field, { value: v, at });
        else facets.set(col.facet, { value: v, at });
      };
      for (const [k, v] of Object.entries(entry as Record<string, unknown>)) {
        if ((k === 'facets' || k === '含义') && v && typeof v === 'object' && !Array.isArray(v)) {
          for (const [fk, fv] of Object.entries(v as Record<string, unknown>)) put(fk, fv, `${key}[${i}].${k}.${fk}`);
        } else put(k, v, `${key}[${i}].${k}`);
      }
      const d = indicatorRow(row, fields, facets, problems);
      if (d) indicators.push(d);
    });
  }
  const rl = listOf(RULE_LIST_KEYS);
  if (rl) {
    const [key, list] = rl;
    list.forEach((entry, i) => {
      const row: DefinitionSource = { file, sheet: `${key}[${i}]`, cell: null, row: i };
      if (typeof entry === 'string') {
        const d = ruleRow(row, new Map([['text', { value: entry, at: row }]]), problems);
        if (d) rules.push(d);
        return;
      }
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
        problems.push({ at: row, text: asText(entry), reason: '每一项应为一个对象（规则、级别、说明）' });
        return;
      }
      const fields = new Map<RuleField, FieldValue>();
      for (const [k, v] of Object.entries(entry as Record<string, unknown>)) {
        const at: DefinitionSource = { file, sheet: `${key}[${i}].${k}`, cell: null, row: i };
        const f = RULE_BY_HEADER.get(headerKey(k));
        if (!f) problems.push({ at, text: asText(v), reason: `不认识的字段“${k}”，已忽略` });
        else fields.set(f, { value: v, at });
      }
      const d = ruleRow(row, fields, problems);
      if (d) rules.push(d);
    });
  }
  return { definitions: { name: file, indicators, rules }, problems };
}

/** A definitions file as JSON. Throws a Chinese message naming the file when it is not JSON at all. */
export function parseDefinitionsJson(text: string, file: string): ReadDefinitions {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DefinitionFileError(`县级指标定义文件“${file}”不是有效的 JSON（${e instanceof Error ? e.message : String(e)}），请检查格式。`);
  }
  return definitionsFromData(data, file);
}

/** A definitions file that cannot be read at all (not JSON, not the YAML subset, no definition sheets). */
export class DefinitionFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DefinitionFileError';
  }
}

/** Where a problem was written, for messages: `县定义.xlsx 指标定义!E5`, `县定义.json 指标定义[3].类型`. */
export function problemPlace(p: DefinitionProblem): string {
  const w = whereOf(p.at);
  return w ? `${p.at.file} ${w}` : p.at.file;
}
