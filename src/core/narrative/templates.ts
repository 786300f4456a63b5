/**
 * Report sentences as data: per indicator group (catalog `group`), a list of clauses with placeholders and
 * conditions. A county rewords them with a `报告模板` sheet (分组 | 条件 | 模板) or a JSON file; the overrides
 * replace the default clauses group by group.
 *
 * Placeholders: an indicator id (`{petitions_received}`) or its catalog name (`{信访案件受理数}`) → the figure as
 * officials write it (format.ts; a rate is the recomputed one); `{yoy:<id>}` → `同比增长12.5%` /
 * `同比提高2.1个百分点`; context: `{year}`, `{nextYear}`, `{unit}`, `{unitShort}` (镇/乡), `{addressee}`.
 *
 * Conditions (条件): terms separated by `，`/`,`/`；`/space: `id` (has a figure), `!id` (has none),
 * `id=是` / `id=否` (a yes/no indicator).
 *
 * Rendering drops what has no figure, cleanly: the text is cut at `，`/`；`/`、` into segments; a segment
 * whose placeholder has no value is left out with its separator; a clause keeps its plain-text segments only
 * when at least one of its figures is kept. No `undefined`, no `0件` for a blank, no dangling `，`.
 */
import { CATALOG } from '../catalog';
import type { Catalog, Grid, Workbook } from '../types';
import { a1 } from '../address';

export interface TemplateClause {
  text: string;
  /** Indicators that must hold a figure for the clause to appear. */
  requires?: string[];
  /** Indicators that must hold no figure (an alternative wording). */
  absent?: string[];
  /** Yes/no indicators that must hold the given value. */
  equals?: Record<string, boolean>;
  /** Where the clause was written (`‘报告模板’表 C4`), for messages. */
  origin?: string;
}

/** Clauses by indicator group, and the county's settings. */
export interface TemplateSet {
  groups: Record<string, TemplateClause[]>;
  settings?: TemplateSettings;
}

/** What a county decides about the report beyond wording. */
export interface TemplateSettings {
  /**
   * Rows whose label is not in the catalog (`聘请专家 | 人次 | 21`, a county's own indicator): stated by a general
   * clause in the section they stood under (`include`, the default), or left out (`omit`) — the audit lists them.
   */
  uncatalogued?: 'include' | 'omit';
}

/** The settings a 报告模板 sheet or JSON file may give: names (Chinese or id) and their values. */
const SETTING_NAMES: Record<string, keyof TemplateSettings> = { 目录外指标: 'uncatalogued', uncatalogued: 'uncatalogued' };
const SETTING_VALUES: Record<string, 'include' | 'omit'> = { 写入: 'include', 写: 'include', include: 'include', 不写入: 'omit', 不写: 'omit', omit: 'omit' };
const SETTING_GROUP = /^(设置|settings)$/i;

/** A setting's name and value as written; throws a plain Chinese message. */
function parseSetting(name: string, value: string): [keyof TemplateSettings, 'include' | 'omit'] {
  const key = SETTING_NAMES[name.trim()];
  if (!key) throw new Error(`设置“${name.trim()}”不是可用的设置（可用：目录外指标）`);
  const v = SETTING_VALUES[value.trim()];
  if (!v) throw new Error(`设置“${name.trim()}”的值只能是“写入”或“不写入”，而不是“${value.trim()}”`);
  return [key, v];
}

/** A template that cannot be used; the message is a Chinese sentence naming the cell (or JSON path). */
export class TemplateError extends Error {
  readonly sheet?: string;
  readonly cell?: string;
  constructor(message: string, where?: { sheet?: string; cell?: string }) {
    super(message);
    this.name = 'TemplateError';
    this.sheet = where?.sheet;
    this.cell = where?.cell;
    Object.setPrototypeOf(this, TemplateError.prototype);
  }
}

/** Chinese names of the groups (accepted in the 分组 column besides the ids). */
export const GROUP_NAMES: Record<string, string> = {
  leadership: '第一责任人履职',
  publicity: '普法宣传',
  training: '法治培训',
  teams: '法治宣传队伍',
  exam: '学法考试',
  petitions: '信访',
  disputes: '矛盾纠纷',
  hotline: '热线工单',
  governance: '社会治理',
  officers: '执法人员',
  'enforcement-training': '执法培训',
  enforcement: '行政执法',
  reviews: '合法性审查',
  counsel: '法律顾问',
  positions: '法治阵地',
  decisions: '依法决策',
};

export const CONTEXT_PLACEHOLDERS = ['year', 'nextYear', 'unit', 'unitShort', 'addressee'] as const;

const c = (text: string, extra: Omit<TemplateClause, 'text'> = {}): TemplateClause => ({ text, ...extra });

/** The default sentences, written after the three reference reports. */
export const DEFAULT_TEMPLATES: TemplateSet = {
  groups: {
    leadership: [
      c('{unitShort}党委、政府成立了法治建设领导小组', { equals: { leading_group: true } }),
      c('{unitShort}党委、政府尚未成立法治建设领导小组', { equals: { leading_group: false } }),
      c('召开党委（政府）专题会议研究法治建设{special_meetings}，{yoy:special_meetings}'),
      c('党委理论学习中心组学法{center_group_study}'),
      c('党委会和政府常务会议会前学法{pre_meeting_study}'),
      c('党政主要负责人在年终述职中专题述法', { equals: { year_end_report: true } }),
      c('党政主要负责人尚未开展年终述法', { equals: { year_end_report: false } }),
    ],
    publicity: [
      c('{year}年，全{unitShort}共开展普法宣传活动{publicity_events}，{yoy:publicity_events}，发放法治宣传资料{materials}，悬挂横幅标语{banners}，出版黑板报、宣传栏{boards}，接受群众法律咨询{consultations}'),
    ],
    training: [c('举办法治培训{trainings}，参训{training_attendance}')],
    teams: [c('组建法治宣传队伍{teams}，成员{team_members}')],
    exam: [
      c('组织干部学法考试，应考{exam_expected}，实际参考{exam_taken}，参考率{exam_participation_rate}，优秀{exam_excellent}，优秀率{exam_excellence_rate}'),
    ],
    petitions: [
      c('{year}年，全{unitShort}共受理信访案件{petitions_received}，{yoy:petitions_received}，化解{petitions_resolved}，化解率{petition_resolution_rate}，{yoy:petition_resolution_rate}'),
    ],
    disputes: [
      c('排查调处矛盾纠纷{disputes_received}，{yoy:disputes_received}，调解成功{disputes_mediated}，调解成功率{dispute_mediation_rate}，{yoy:dispute_mediation_rate}'),
    ],
    hotline: [
      c('办理热线及电子工单{hotline_tickets}，办结{hotline_closed}，办结率{hotline_closure_rate}，群众满意率{hotline_satisfaction_rate}'),
    ],
    governance: [c('落实安置帮教对象{rehabilitation_subjects}，管控重点人员{key_persons}')],
    officers: [
      c('全{unitShort}现有行政执法人员{enforcement_officers}，持证上岗{certified_officers}，持证率{certification_rate}，{yoy:certification_rate}，新申领行政执法证{new_certificates}'),
    ],
    'enforcement-training': [c('开展执法业务培训{enforcement_trainings}，参训{enforcement_training_attendance}')],
    enforcement: [
      c('全年出动执法人员{enforcement_deployments}，检查{inspections}，排查隐患{hazards}，制作执法文书{enforcement_documents}，立案查处{cases_filed}，{yoy:cases_filed}，罚没款{fines}'),
    ],
    reviews: [c('开展重大行政决策合法性审查{legality_reviews}，规范性文件备案审查{normative_doc_reviews}')],
    counsel: [
      c('全{unitShort}辖行政村（社区）{villages}，配备法律顾问的村（社区）{villages_with_counsel}，法律顾问覆盖率{counsel_coverage_rate}，{yoy:counsel_coverage_rate}'),
      c('共聘请法律顾问{legal_counsels}，其中政府法律顾问{town_counsels}，村（社区）法律顾问{village_counsels}', { requires: ['legal_counsels'] }),
      c('聘请政府法律顾问{town_counsels}，村（社区）法律顾问{village_counsels}', { absent: ['legal_counsels'] }),
    ],
    positions: [
      c('建成法治图书室{law_libraries}，创建县级民主法治示范村{demo_villages_county}、市级民主法治示范村{demo_villages_city}、省级民主法治示范村{demo_villages_province}，投入法治阵地建设资金{position_investment}'),
    ],
    decisions: [c('作出重大行政决策{major_decisions}，经集体讨论决定{collective_decisions}，公开政务信息{gov_info_published}')],
  },
};

// ───────────────────────────── Placeholders and conditions ─────────────────────────────

interface Vocabulary {
  ids: Set<string>;
  byName: Map<string, string>;
  groups: Set<string>;
  groupByName: Map<string, string>;
  yesno: Set<string>;
}

function vocabulary(catalog: Catalog): Vocabulary {
  const ids = new Set(catalog.indicators.map((d) => d.id));
  const byName = new Map<string, string>();
  for (const d of catalog.indicators) byName.set(d.name, d.id);
  const groups = new Set(catalog.indicators.map((d) => d.group));
  const groupByName = new Map<string, string>();
  for (const [id, name] of Object.entries(GROUP_NAMES)) groupByName.set(name, id);
  const yesno = new Set(catalog.indicators.filter((d) => d.kind === 'yesno').map((d) => d.id));
  return { ids, byName, groups, groupByName, yesno };
}

/** The placeholders of a text, in order (`{a}，{yoy:b}` → [`a`, `yoy:b`]). Throws a plain message on bad braces. */
export function placeholdersIn(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '}' || ch === '｝') throw new Error(`第 ${i + 1} 个字符处多了一个“}”`);
    if (ch === '{' || ch === '｛') {
      const end = text.slice(i + 1).search(/[}｝{｛]/);
      if (end < 0 || text[i + 1 + end] === '{' || text[i + 1 + end] === '｛') throw new Error(`第 ${i + 1} 个字符处的“{”没有对应的“}”`);
      const name = text.slice(i + 1, i + 1 + end).trim();
      if (!name) throw new Error(`第 ${i + 1} 个字符处是一个空的占位符“{}”`);
      out.push(name);
      i += end + 2;
      continue;
    }
    i++;
  }
  return out;
}

/** Resolve one placeholder name to its canonical form (id, `yoy:id`, or a context name); null if unknown. */
function canonicalPlaceholder(name: string, voc: Vocabulary): string | null {
  if ((CONTEXT_PLACEHOLDERS as readonly string[]).includes(name)) return name;
  const yoy = /^(?:yoy|同比)[:：](.+)$/.exec(name);
  if (yoy) {
    const id = canonicalIndicator(yoy[1].trim(), voc);
    return id ? `yoy:${id}` : null;
  }
  return canonicalIndicator(name, voc);
}

function canonicalIndicator(name: string, voc: Vocabulary): string | null {
  if (voc.ids.has(name)) return name;
  return voc.byName.get(name) ?? null;
}

/** Parse a 条件 cell. Throws a plain Chinese message naming the offending term. */
export function parseCondition(cond: string, catalog: Catalog = CATALOG): Pick<TemplateClause, 'requires' | 'absent' | 'equals'> {
  return parseConditionWith(cond, vocabulary(catalog));
}

function parseConditionWith(cond: string, voc: Vocabulary): Pick<TemplateClause, 'requires' | 'absent' | 'equals'> {
  const requires: string[] = [];
  const absent: string[] = [];
  const equals: Record<string, boolean> = {};
  for (const term of cond.split(/[,，;；、\s]+/).map((t) => t.trim()).filter(Boolean)) {
    const eq = /^(.+?)\s*[=＝]\s*(.+)$/.exec(term);
    if (eq) {
      const id = canonicalIndicator(eq[1].trim(), voc);
      if (!id) throw new Error(`条件“${term}”中的 ${eq[1].trim()} 不是指标目录中的编号`);
      const v = eq[2].trim();
      const yes = ['是', 'true', 'TRUE', '有'].includes(v);
      const no = ['否', 'false', 'FALSE', '无'].includes(v);
      if (!yes && !no) throw new Error(`条件“${term}”只能写“=是”或“=否”`);
      if (!voc.yesno.has(id)) throw new Error(`条件“${term}”：${id} 不是“是/否”类指标，不能写“=是/否”`);
      equals[id] = yes;
      continue;
    }
    const neg = /^[!！]\s*(.+)$/.exec(term);
    const name = neg ? neg[1].trim() : term;
    const id = canonicalIndicator(name, voc);
    if (!id) throw new Error(`条件“${term}”中的 ${name} 不是指标目录中的编号`);
    (neg ? absent : requires).push(id);
  }
  const out: Pick<TemplateClause, 'requires' | 'absent' | 'equals'> = {};
  if (requires.length) out.requires = requires;
  if (absent.length) out.absent = absent;
  if (Object.keys(equals).length) out.equals = equals;
  return out;
}

/** Check a clause text and rewrite Chinese-name placeholders to ids. Throws a plain message. */
function normaliseText(text: string, voc: Vocabulary): string {
  const names = placeholdersIn(text);
  let out = text.replace(/｛/g, '{').replace(/｝/g, '}');
  for (const name of names) {
    const canon = canonicalPlaceholder(name, voc);
    if (!canon) {
      const yoy = /^(?:yoy|同比)[:：](.+)$/.exec(name);
      throw new Error(`占位符 {${name}} 不是指标目录中的编号${yoy ? '' : '（也不是 year、nextYear、unit、unitShort、addressee 或 yoy:编号）'}`);
    }
    if (canon !== name) out = out.split(`{${name}}`).join(`{${canon}}`);
  }
  return out;
}

function resolveGroup(g: string, voc: Vocabulary): string | null {
  const t = g.trim();
  if (voc.groups.has(t) || t in GROUP_NAMES) return t;
  return voc.groupByName.get(t) ?? null;
}

// ───────────────────────────── Parsing overrides ─────────────────────────────

/**
 * A template set from JSON: `{ "petitions": [ "…{petitions_received}…", { "text": "…", "requires": ["…"],
 * "condition": "leading_group=是" } ] }`, the same under a `groups` key, or an array of rows
 * `{ "分组"|"group", "条件"|"condition", "模板"|"text" }`. Throws TemplateError naming the JSON path.
 */
export function parseTemplates(json: unknown, catalog: Catalog = CATALOG): TemplateSet {
  const voc = vocabulary(catalog);
  const groups: Record<string, TemplateClause[]> = {};
  const fail = (where: string, msg: string): never => {
    throw new TemplateError(`报告模板 ${where}：${msg}`);
  };
  const clauseFrom = (item: unknown, where: string): TemplateClause => {
    if (typeof item === 'string') item = { text: item };
    if (!item || typeof item !== 'object' || Array.isArray(item)) return fail(where, '应为模板文字或 { "text": … } 对象');
    const o = item as Record<string, unknown>;
    const text = o.text ?? o['模板'];
    if (typeof text !== 'string' || !text.trim()) return fail(where, '模板文字为空');
    let clause: TemplateClause;
    try {
      clause = { text: normaliseText(text.trim(), voc), origin: `报告模板 ${where}` };
    } catch (e) {
      return fail(where, (e as Error).message);
    }
    const condParts: string[] = [];
    const cond = o.condition ?? o['条件'];
    if (typeof cond === 'string') condParts.push(cond);
    else if (cond != null) return fail(where, '“condition”应为文字');
    for (const key of ['requires', 'absent'] as const) {
      const list = o[key];
      if (list == null) continue;
      const arr = typeof list === 'string' ? [list] : list;
      if (!Array.isArray(arr) || arr.some((x) => typeof x !== 'string')) return fail(where, `“${key}”应为指标编号的列表`);
      condParts.push(...(arr as string[]).map((x) => (key === 'absent' ? `!${x}` : x)));
    }
    try {
      Object.assign(clause, parseConditionWith(condParts.join(','), voc));
    } catch (e) {
      return fail(where, (e as Error).message);
    }
    return clause;
  };
  const add = (group: string, clause: TemplateClause) => (groups[group] ??= []).push(clause);

  const settings: TemplateSettings = {};
  const setting = (where: string, name: string, value: unknown) => {
    if (typeof value !== 'string') return fail(where, `设置“${name}”的值应为文字（“写入”或“不写入”）`);
    try {
      const [k, v] = parseSetting(name, value);
      settings[k] = v;
    } catch (e) {
      fail(where, (e as Error).message);
    }
  };
  const done = (): TemplateSet => (Object.keys(settings).length ? { groups, settings } : { groups });
  let src = json;
  if (src && typeof src === 'object' && !Array.isArray(src)) {
    const top = src as Record<string, unknown>;
    for (const key of Object.keys(top).filter((k) => SETTING_GROUP.test(k))) {
      const block = top[key];
      if (!block || typeof block !== 'object' || Array.isArray(block)) fail(key, '应为 { "目录外指标": "不写入" } 这样的对象');
      for (const [name, value] of Object.entries(block as Record<string, unknown>)) setting(`${key}.${name}`, name, value);
    }
    if ('groups' in top) src = top.groups;
    else src = Object.fromEntries(Object.entries(top).filter(([k]) => !SETTING_GROUP.test(k)));
  }
  if (Array.isArray(src)) {
    src.forEach((row, i) => {
      const where = `第 ${i + 1} 项`;
      if (!row || typeof row !== 'object') return fail(where, '应为 { "分组", "条件", "模板" } 对象');
      const r = row as Record<string, unknown>;
      const g = r.group ?? r['分组'];
      if (typeof g !== 'string' || !g.trim()) return fail(where, '缺少分组');
      if (SETTING_GROUP.test(g.trim())) {
        const name = r.condition ?? r['条件'];
        if (typeof name !== 'string' || !name.trim()) return fail(where, '设置行的“条件”应写设置名（目录外指标）');
        return setting(where, name, r.text ?? r['模板']);
      }
      const group = resolveGroup(g, voc);
      if (!group) return fail(where, `分组“${g}”不是指标目录中的分组`);
      add(group, clauseFrom(r, where));
    });
    return done();
  }
  if (!src || typeof src !== 'object') throw new TemplateError('报告模板应为 JSON 对象：按分组列出模板，例如 { "petitions": ["…{petitions_received}…"] }');
  for (const [g, list] of Object.entries(src as Record<string, unknown>)) {
    const group = resolveGroup(g, voc);
    if (!group) fail(g, `分组“${g}”不是指标目录中的分组`);
    const items = Array.isArray(list) ? list : [list];
    items.forEach((item, i) => add(group as string, clauseFrom(item, `${g}[${i}]`)));
  }
  return done();
}

/**
 * A template set from a `报告模板` sheet: a header row with 分组 | 条件 | 模板 (in any columns), then one clause
 * per row. Throws TemplateError naming the cell: `‘报告模板’表 C4：占位符 {petition_rate} 不是指标目录中的编号`.
 */
export function templatesFromGrid(grid: Grid, catalog: Catalog = CATALOG): TemplateSet {
  const voc = vocabulary(catalog);
  const or = grid.origin?.row ?? 0;
  const oc = grid.origin?.col ?? 0;
  const text = (v: unknown): string => (v == null || typeof v === 'object' ? '' : String(v)).trim();
  const at = (r: number, col: number) => a1(r + or, col + oc);
  const fail = (r: number, col: number, msg: string): never => {
    const cell = at(r, col);
    throw new TemplateError(`‘${grid.name}’表 ${cell}：${msg}`, { sheet: grid.name, cell });
  };

  let header = -1;
  let gCol = -1;
  let cCol = -1;
  let tCol = -1;
  for (let r = 0; r < Math.min(grid.rows.length, 10) && header < 0; r++) {
    const row = grid.rows[r] ?? [];
    const find = (re: RegExp) => row.findIndex((v) => re.test(text(v)));
    const g = find(/^(分组|group)$/i);
    const t = find(/^(模板|模板文字|template|text)$/i);
    if (g >= 0 && t >= 0) {
      header = r;
      gCol = g;
      tCol = t;
      cCol = find(/^(条件|condition)$/i);
    }
  }
  if (header < 0) throw new TemplateError(`‘${grid.name}’表：没有找到“分组 | 条件 | 模板”表头`, { sheet: grid.name });

  const groups: Record<string, TemplateClause[]> = {};
  const settings: TemplateSettings = {};
  for (let r = header + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    const g = text(row[gCol]);
    const t = text(row[tCol]);
    const cond = cCol >= 0 ? text(row[cCol]) : '';
    if (!g && !t && !cond) continue;
    if (!g) fail(r, gCol, '缺少分组');
    // `设置 | 目录外指标 | 不写入`: a setting, not a clause
    if (SETTING_GROUP.test(g)) {
      if (!cond) fail(r, cCol >= 0 ? cCol : gCol, '设置行的“条件”列应写设置名（目录外指标）');
      try {
        const [k, v] = parseSetting(cond, t);
        settings[k] = v;
      } catch (e) {
        fail(r, SETTING_NAMES[cond] ? tCol : cCol, (e as Error).message);
      }
      continue;
    }
    const group = resolveGroup(g, voc);
    if (!group) fail(r, gCol, `分组“${g}”不是指标目录中的分组`);
    if (!t) fail(r, tCol, '模板文字为空');
    let clause: TemplateClause = { text: t };
    try {
      clause = { text: normaliseText(t, voc), origin: `‘${grid.name}’表 ${at(r, tCol)}` };
    } catch (e) {
      fail(r, tCol, (e as Error).message);
    }
    try {
      Object.assign(clause, parseConditionWith(cond, voc));
    } catch (e) {
      fail(r, cCol, (e as Error).message);
    }
    (groups[group as string] ??= []).push(clause);
  }
  return Object.keys(settings).length ? { groups, settings } : { groups };
}

/** Name of the template sheet a county may add to a workbook. */
export const TEMPLATE_SHEET = '报告模板';

/** The `报告模板` sheet of a workbook (named so exactly, else containing the name); null when it has none. */
export function templateSheetOf(book: Workbook): Grid | null {
  const sheets = Array.isArray(book?.sheets) ? book.sheets : [];
  const named = (g: Grid) => typeof g?.name === 'string';
  return sheets.find((g) => named(g) && g.name.trim() === TEMPLATE_SHEET) ?? sheets.find((g) => named(g) && g.name.includes(TEMPLATE_SHEET)) ?? null;
}

/** The `报告模板` sheet of a workbook as a template set; null when the workbook has none. Throws TemplateError. */
export function templatesFromWorkbook(book: Workbook, catalog: Catalog = CATALOG): TemplateSet | null {
  const grid = templateSheetOf(book);
  return grid ? templatesFromGrid(grid, catalog) : null;
}

/** Overrides replace the base clauses of each group they name; other groups keep the base. */
export function mergeTemplates(base: TemplateSet, over?: TemplateSet | null): TemplateSet {
  if (!over) return base;
  const settings = { ...base.settings, ...over.settings };
  return Object.keys(settings).length ? { groups: { ...base.groups, ...over.groups }, settings } : { groups: { ...base.groups, ...over.groups } };
}

// ───────────────────────────── Rendering ─────────────────────────────

export interface RenderContext {
  /** Text for a placeholder (canonical name); null or '' when it has no value. */
  value(placeholder: string): string | null;
  /** The indicator holds a figure. */
  has(id: string): boolean;
  /** A yes/no indicator's value, null when none. */
  yesno(id: string): boolean | null;
  /** Is this placeholder a figure (an indicator id)? */
  isFigure(placeholder: string): boolean;
}

export interface Rendered {
  text: string;
  /** Indicators whose figures (or yes/no values) the text states. */
  indicators: string[];
}

const SEP = /([，；,;])/;

const hasPlaceholder = (s: string) => /[{｛]/.test(s);

/**
 * Cut a clause at `，`/`；` and, inside those pieces, at `、` between two figures: `创建县级示范村{a}、市级示范村{b}`
 * gives two segments, while `出版黑板报、宣传栏{boards}` stays one (a `、` list of words belongs to its figure).
 */
function segments(text: string): { sep: string; seg: string }[] {
  const out: { sep: string; seg: string }[] = [];
  const parts = text.split(SEP);
  for (let i = 0; i < parts.length; i += 2) {
    const sep = i > 0 ? parts[i - 1] : '';
    const subs = parts[i].split('、');
    const merged: string[] = [];
    let pending = '';
    for (const sub of subs) {
      const piece = pending ? `${pending}、${sub}` : sub;
      if (hasPlaceholder(sub)) {
        merged.push(piece);
        pending = '';
      } else pending = piece;
    }
    if (pending) {
      if (merged.length) merged[merged.length - 1] += `、${pending}`;
      else merged.push(pending);
    }
    merged.forEach((seg, j) => out.push({ sep: j === 0 ? sep : '、', seg }));
  }
  return out;
}

/** Tidy separators: no doubles, none leading or trailing. */
export function tidy(s: string): string {
  return s
    .replace(/([，；、,;])(?:\s*[，；、,;])+/g, '$1')
    .replace(/^[\s，；、,;：:]+/, '')
    .replace(/[\s，；、,;：:]+$/, '');
}

/** Render one clause; null when its conditions fail or none of its figures has a value. */
export function renderClause(clause: TemplateClause, ctx: RenderContext): Rendered | null {
  for (const id of clause.requires ?? []) if (!ctx.has(id)) return null;
  for (const id of clause.absent ?? []) if (ctx.has(id)) return null;
  const indicators: string[] = [];
  for (const [id, want] of Object.entries(clause.equals ?? {})) {
    if (ctx.yesno(id) !== want) return null;
    indicators.push(id);
  }
  let figuresInClause = 0;
  let figuresKept = 0;
  const kept: { sep: string; text: string; literal: boolean }[] = [];
  for (const { sep, seg } of segments(clause.text)) {
    let names: string[];
    try {
      names = placeholdersIn(seg);
    } catch (e) {
      // a parsed template never gets here (its whole text was read the same way); a clause that does — a built-in
      // one with a typo — would otherwise print its braces into the draft as if they were words
      throw new TemplateError(`${clause.origin ?? '内置报告模板'}“${clause.text}”：${(e as Error).message}`);
    }
    const figures = names.filter((n) => ctx.isFigure(n));
    figuresInClause += figures.length;
    let out = seg;
    let ok = true;
    for (const n of names) {
      const v = ctx.value(n);
      if (v == null || v === '') {
        ok = false;
        break;
      }
      out = out.split(`{${n}}`).join(v);
    }
    if (!ok) continue;
    if (figures.length) {
      figuresKept++;
      for (const f of figures) if (!indicators.includes(f)) indicators.push(f);
    }
    if (out.trim()) kept.push({ sep, text: out, literal: figures.length === 0 });
  }
  if (figuresInClause > 0 && figuresKept === 0) return null;
  const text = tidy(kept.map((k, i) => (i === 0 ? k.text : k.sep + k.text)).join(''));
  if (!text) return null;
  return { text, indicators };
}
