/**
 * The effective catalog of a check with a county's definitions: the built-in catalog with the county's indicators
 * added, and built-in ones overridden by name (or synonym) — unit, kind, bounds, required, section, aliases and
 * meaning. A county indicator's meaning (how unseen wordings of it are placed, src/core/meaning) comes from its facet
 * columns (对象/环节/度量/级别/范围/限定/时限/新增/否定), or is read from its name when the lexicon explains every word of
 * it; otherwise it is recognised by its name and aliases only.
 *
 * Every row is applied on its own and the catalog checked after it (`validateCatalog`): a row that would make the
 * catalog unsound is a DefinitionProblem and is left out, the others still apply. Never a confident wrong placement:
 * a county indicator whose meaning is the very meaning of a built-in one is kept to its names (a problem says so).
 */
import { CATALOG, SECTION_NAMES, validateCatalog } from '../catalog';
import { fnv1a } from '../findings';
import { headOf, readFacets } from '../meaning/facets';
import { MEASURE_NAMES, measureOfUnit, type Measure } from '../meaning/lexicon';
import { indicatorNamed } from '../meaning/mapping';
import { normalizeLabel, stripNumbering } from '../meaning/normalize';
import { sectionOfHeading } from '../meaning/sections';
import type { Catalog, IndicatorDef, IndicatorKind, IndicatorMeaning, SectionId } from '../types';
import { kindOf } from './read';
import type { CountyDefinitions, DefinitionProblem, DefinitionSource, IndicatorDefinitionRow } from './types';

export interface EffectiveCatalog {
  catalog: Catalog;
  /** The rows that could not be applied (plus the definitions' own reading problems). */
  problems: DefinitionProblem[];
  /** Indicators the county marks 必填: id → the row that says so. */
  required: Map<string, DefinitionSource>;
  /** Indicators the county defined or overrode: id → its row. */
  defined: Map<string, DefinitionSource>;
}

const SECTION_BY_NAME = new Map<string, SectionId>(
  (Object.entries(SECTION_NAMES) as [SectionId, string][]).flatMap(([id, name]) => [
    [normalizeLabel(name), id],
    [id, id],
  ]),
);

/** A 章节 as written → the section; null when it names none. */
function sectionOf(text: string): SectionId | null {
  const t = text.trim();
  return SECTION_BY_NAME.get(t) ?? SECTION_BY_NAME.get(normalizeLabel(t)) ?? sectionOfHeading(t);
}

/** The measure a kind and unit imply (`人次` counts person-times). Text has none. */
function measureOf(kind: IndicatorKind, unit: string | null): Measure | null {
  if (kind === 'text') return null;
  if (kind === 'rate' || kind === 'amount' || kind === 'yesno') return kind;
  const m = measureOfUnit(unit);
  return m === 'people' || m === 'times' ? m : 'count';
}

const MEASURE_BY_WORD = new Map<string, Measure>((Object.entries(MEASURE_NAMES) as [Measure, string][]).map(([m, w]) => [w, m]));

function words(text: string): string[] {
  return text.split(/[、,，;；/|\s]+/).map((w) => w.trim()).filter(Boolean);
}

const TRUE = /^(是|有|√|✓|y|yes|true|1)$/i;

/**
 * The meaning the facet columns give; a reason string when a facet word is not one the lexicon knows; null when
 * the row has no facet columns filled.
 */
function meaningFromFacets(facets: Record<string, string>, measure: Measure): IndicatorMeaning | string | null {
  const keys = Object.keys(facets).filter((k) => facets[k].trim());
  if (!keys.length) return null;
  const obj = facets.对象?.trim();
  if (!obj) return '填写了含义列却没有填写“对象”';
  const of = readFacets(obj);
  const object = headOf(of) ?? of.mods[0] ?? of.hint;
  if (!object || of.unknown.length) return `对象“${obj}”不是词表中认识的对象（如 信访案件、矛盾纠纷、行政执法人员、行政村）`;
  const meaning: IndicatorMeaning = { object, measure };
  const mods = [...of.objects.slice(0, -1), ...of.mods].filter((o) => o !== object);
  if (facets.环节?.trim()) {
    const stages: string[] = [];
    for (const w of words(facets.环节)) {
      if (/^(无|不限|空)$/.test(w)) {
        stages.push('');
        continue;
      }
      const f = readFacets(w);
      if (!f.stages.length || f.unknown.length) return `环节“${w}”不是词表中认识的环节（如 受理、化解、办结、调处、持证、参考、合格）`;
      stages.push(...f.stages.filter((s) => !stages.includes(s)));
    }
    meaning.stage = stages;
  }
  if (facets.度量?.trim()) {
    const w = facets.度量.trim();
    const m = MEASURE_BY_WORD.get(w) ?? readFacets(w).measure ?? measureOfUnit(w);
    if (!m) return `度量“${w}”不是 数量/人数/人次/金额/比率/是否 之一`;
    if ((m === 'rate') !== (measure === 'rate')) return `度量“${w}”与类型不一致`;
    meaning.measure = m;
  }
  if (facets.级别?.trim()) {
    const f = readFacets(facets.级别.trim());
    if (!f.level) return `级别“${facets.级别}”不是 县级/市级/省级/国家级 之一`;
    meaning.level = f.level;
  }
  if (facets.范围?.trim()) {
    const scopes: ('village' | 'community' | 'both')[] = [];
    for (const w of words(facets.范围)) {
      const f = readFacets(w.replace(/^村（社区）$|^村\(社区\)$/, '村（社区）'));
      if (!f.scope) return `范围“${w}”不是 村/社区/村（社区） 之一`;
      if (!scopes.includes(f.scope)) scopes.push(f.scope);
    }
    meaning.scope = scopes;
  }
  if (facets.限定?.trim()) {
    for (const w of words(facets.限定)) {
      const f = readFacets(w);
      const o = headOf(f) ?? f.mods[0];
      if (!o || f.unknown.length) return `限定“${w}”不是词表中认识的词`;
      if (!mods.includes(o)) mods.push(o);
    }
    // a county names a qualifier to tell its indicator apart: the label must say it
    meaning.needMod = [...mods];
  }
  if (mods.length) meaning.mods = mods;
  for (const [k, flag] of [['时限', 'timely'], ['新增', 'fresh'], ['否定', 'neg']] as const) {
    const v = facets[k]?.trim();
    if (v && (TRUE.test(v) || readFacets(v)[flag])) meaning[flag] = true;
  }
  return meaning;
}

/** The meaning read from the indicator's name, when the lexicon explains every word of it; null otherwise. */
function meaningFromName(name: string, measure: Measure): IndicatorMeaning | null {
  const f = readFacets(stripNumbering(name.normalize('NFKC').trim()));
  const object = headOf(f);
  if (!object || f.unknown.length || f.overdue || f.once || f.levelPlus) return null;
  if (f.measure && f.measure !== measure && !(f.generic && measure !== 'rate' && measure !== 'amount')) {
    if ((f.measure === 'rate') !== (measure === 'rate')) return null;
  }
  const meaning: IndicatorMeaning = { object, measure };
  const mods = [...f.objects.slice(0, -1), ...f.mods].filter((o) => o !== object);
  if (mods.length) {
    meaning.mods = mods;
    meaning.needMod = [...mods];
  }
  if (f.stages.length) meaning.stage = [...f.stages];
  if (f.level) meaning.level = f.level;
  if (f.scope) meaning.scope = [f.scope];
  if (f.neg) meaning.neg = true;
  if (f.timely) meaning.timely = true;
  if (f.fresh) meaning.fresh = true;
  return meaning;
}

/** Two meanings a label cannot tell apart. */
function sameMeaning(a: IndicatorMeaning, b: IndicatorMeaning): boolean {
  const set = (x?: readonly string[]) => [...(x ?? [''])].sort().join('|');
  return (
    a.object === b.object &&
    a.measure === b.measure &&
    set(a.stage) === set(b.stage) &&
    (a.level ?? null) === (b.level ?? null) &&
    set(a.scope) === set(b.scope) &&
    !!a.neg === !!b.neg &&
    !!a.timely === !!b.timely &&
    !!a.fresh === !!b.fresh &&
    set(a.needMod) === set(b.needMod)
  );
}

/** A stable id for a county indicator, from its name (the public contract wants `[a-z][a-z0-9_]*`). */
export function countyIndicatorId(name: string): string {
  return `county_${fnv1a(normalizeLabel(name) || name)}`;
}

const cache = new WeakMap<CountyDefinitions, WeakMap<Catalog, EffectiveCatalog>>();

/** The catalog a check with `defs` uses (remembered per definitions and base catalog: one build for 30 files). */
export function catalogWithDefinitions(defs: CountyDefinitions, base: Catalog = CATALOG): EffectiveCatalog {
  let byBase = cache.get(defs);
  if (!byBase) cache.set(defs, (byBase = new WeakMap()));
  let out = byBase.get(base);
  if (!out) byBase.set(base, (out = build(defs, base)));
  return out;
}

function build(defs: CountyDefinitions, base: Catalog): EffectiveCatalog {
  const problems: DefinitionProblem[] = [...(defs.problems ?? [])];
  const required = new Map<string, DefinitionSource>();
  const defined = new Map<string, DefinitionSource>();
  let catalog: Catalog = { version: `${base.version}+county`, indicators: [...base.indicators], relations: base.relations };
  for (const row of defs.indicators) {
    const problem = (reason: string) => problems.push({ at: row.at, text: rowText(row), reason });
    const existing = indicatorNamed(row.name, catalog);
    const old = existing ? catalog.indicators.find((d) => d.id === existing)! : null;
    const kind = (row.kind ? kindOf(row.kind) : null) ?? old?.kind ?? kindFromUnit(row.unit);
    if (!kind) {
      problem(`类型“${row.kind}”不是 数量/金额/比率/是否/文字 之一`);
      continue;
    }
    let section: SectionId | null = null;
    if (row.section) {
      section = sectionOf(row.section);
      if (!section) {
        problem(`章节“${row.section}”不是报告的部分之一（如 法治宣传教育、矛盾纠纷化解与社会治理、行政执法）`);
        continue;
      }
    }
    const unit = row.unit ?? old?.unit ?? (kind === 'rate' ? '%' : null);
    const measure = measureOf(kind, unit);
    let meaning: IndicatorMeaning | undefined = old?.meaning;
    if (measure) {
      const given = meaningFromFacets(row.facets, measure);
      if (typeof given === 'string') {
        problem(given);
        continue;
      }
      if (given) meaning = given;
      else if (!old) meaning = meaningFromName(row.name, measure) ?? undefined;
      else if (meaning && meaning.measure !== measure) meaning = { ...meaning, measure };
    } else meaning = undefined;
    const id = old?.id ?? countyIndicatorId(row.name);
    // said only when the row applies (a row left out for another reason gets one problem, not two)
    let note: string | null = null;
    if (meaning && meaning !== old?.meaning) {
      const twin = catalog.indicators.find((d) => d.id !== id && d.meaning && sameMeaning(d.meaning, meaning!));
      if (twin) {
        note = `按含义与指标“${twin.name}”无法区分，只按名称和别名识别；若是同一指标，请把这个名称写作“${twin.name}”的别名`;
        meaning = old?.meaning;
      }
    }
    const synonyms = [...(old?.synonyms ?? [])];
    for (const a of row.aliases) if (!synonyms.includes(a) && a !== (old?.name ?? row.name)) synonyms.push(a);
    const unitAliases = [...(old?.unitAliases ?? [])];
    if (old?.unit && unit !== old.unit && !unitAliases.includes(old.unit)) unitAliases.push(old.unit);
    const def: IndicatorDef = {
      ...(old ?? { group: 'county' }),
      id,
      name: old?.name ?? row.name,
      synonyms,
      section: section ?? old?.section ?? sectionOfHeading(row.name) ?? 'other',
      unit,
      kind,
      integer: old && kind === old.kind ? old.integer : kind === 'count',
    };
    const aliases = unitAliases.filter((u) => u !== unit);
    if (aliases.length) def.unitAliases = aliases;
    else delete def.unitAliases;
    if (meaning) def.meaning = meaning;
    else delete def.meaning;
    // bounds: the county's, else the built-in's when the kind stays, else the defaults of the catalog
    const numeric = kind === 'count' || kind === 'amount' || kind === 'rate';
    const keep = old && kind === old.kind;
    const min = row.min ?? (keep ? old!.min : numeric ? 0 : undefined);
    const max = row.max ?? (keep ? old!.max : kind === 'rate' ? 100 : undefined);
    if (min !== undefined && numeric) def.min = min;
    else delete def.min;
    if (max !== undefined && numeric) def.max = max;
    else delete def.max;
    if (row.required !== null) def.required = row.required;
    const indicators = catalog.indicators.filter((d) => d.id !== id);
    const at = old ? catalog.indicators.indexOf(old) : indicators.length;
    indicators.splice(at, 0, def);
    const next: Catalog = { ...catalog, indicators };
    const unsound = validateCatalog(next);
    if (unsound.length) {
      problem(unsound.join('；'));
      continue;
    }
    catalog = next;
    if (note) problem(note);
    defined.set(id, row.at);
    if (def.required && row.required) required.set(id, row.at);
    else required.delete(id);
  }
  return { catalog, problems, required, defined };
}

function kindFromUnit(unit: string | null): IndicatorKind {
  const m = measureOfUnit(unit);
  return m === 'rate' || m === 'amount' || m === 'yesno' ? m : 'count';
}

function rowText(row: IndicatorDefinitionRow): string {
  return [row.name, row.unit, row.kind, row.section].filter(Boolean).join(' | ');
}
