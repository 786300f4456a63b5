/**
 * The county's rounds (issues 14 and 16): `merge … --since 上次全县汇总.xlsx`. The county workbook carries what the
 * next round needs in its tool sheet 审核明细 — one row per finding per township (its stable id, severity, place,
 * sentence and state), one row for a township without findings, under a title naming the round — and the next
 * merge reads it back and compares each township's findings now with its findings then by rounds.ts's matching
 * (matchRounds): 已改正 / 新出现 / 仍未改正 / 已说明. A township absent from the previous round is 首次报送; one
 * present then and without a file now is 未重新报送, its rows carried into the new 审核明细 unchanged so a later
 * round still compares it with what it last sent.
 */
import { columnLetters } from '../address';
import { RESULT_SHEETS } from '../catalog';
import { RULE_NAMES } from '../plan';
import { matchRounds, ROUND_WORDS } from '../rounds';
import { SEVERITY_NAMES, SEVERITY_ORDER, SEVERITY_SHORT_NAMES, severityLabel } from '../severity';
import { COUNTY_DETAIL_HEADER, isToolSheet } from '../toolsheets';
import type { Cell, CellSpec, Grid, RoundStatus, Severity, SheetSource, Workbook } from '../types';
import { townshipKey, type InputStatus } from './rows';

export const DETAIL_SHEET = RESULT_SHEETS.countyDetail;

/** A finding's state that counts as closed (an explanation standing, or accepted by the county): countyFinding's words. */
const CLOSED_STATES = new Set(['已说明', '县级已采纳']);
/** The state of a row that lists a finding of the round before that was corrected (not a finding of its round). */
const FIXED_STATE = ROUND_WORDS.fixed;
/** The state of the one row of a township whose workbook had no finding. */
const CLEAN_STATE = '未发现问题';

/** One row of 审核明细 as read back. */
export interface DetailRow {
  township: string;
  file: string;
  /** The round the township's file was checked in (第N轮). */
  round: number;
  /** The finding's stable id; '' on a township's row saying it had no finding. */
  id: string;
  severity: Severity | null;
  rule: string;
  where: string;
  message: string;
  state: string;
}

/** A township as the previous round left it. */
export interface PreviousTownship {
  township: string;
  key: string;
  file: string;
  round: number;
  /** Its findings of that round (rows listing what was corrected before are not). */
  findings: DetailRow[];
  /** Every row it had, carried unchanged into the next 审核明细 when it does not resubmit. */
  rows: DetailRow[];
}

/** The previous county workbook's round, read from its 审核明细. */
export interface PreviousRound {
  /** The workbook's name as the user gave it. */
  file: string;
  round: number;
  year: number | null;
  townships: PreviousTownship[];
  /** Rows that could not be used, each one sentence naming its cell. */
  problems: string[];
}

/** Where one input stands against the previous round. */
export interface TownshipRound {
  township: string;
  key: string;
  file: string;
  /** first: not in the previous round (首次报送); resubmitted (重新报送); missing: in it, without a file now (未重新报送). */
  state: 'first' | 'resubmitted' | 'missing';
  /** The round of the file shown: this round, or for a missing township the round it last sent. */
  round: number;
  /** Counts against the previous round (resubmitted only). */
  counts: Record<RoundStatus, number> | null;
  /** Each current finding's status, by id (resubmitted only). */
  status: Record<string, RoundStatus>;
  /** The previous findings now gone (已改正). */
  fixed: DetailRow[];
  /**
   * The findings pointed out in the previous round and still open, per severity: a resubmitted township's 仍未改正,
   * a missing township's open findings of its last round (nothing was corrected since). Null for 首次报送.
   */
  stillOpen: Record<Severity, number> | null;
  /** A missing township: its rows, carried into the new 审核明细. */
  carried: DetailRow[];
}

export interface CountyRound {
  round: number;
  /** The previous county workbook (`--since`), or null in a first round. */
  since: string | null;
  /** The round of the previous workbook, or null. */
  previousRound: number | null;
  /** Per input file (readable inputs). */
  byFile: Map<string, TownshipRound>;
  /** Townships of the previous round without a file now. */
  missing: TownshipRound[];
  /** Summed over the resubmitted townships. */
  counts: Record<RoundStatus, number>;
}

/** A previous county workbook that cannot serve as the previous round: the message names the file and what to give. */
export class CountyRoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CountyRoundError';
  }
}

/** The name 审核情况 and 审核明细 give an input: its township, or the first townships of a county summary. */
export function inputName(s: InputStatus): string {
  return s.townships.length > 3 ? `${s.townships.slice(0, 3).join('、')}等${s.townships.length}个` : s.townships.join('、');
}

/** The key an input is matched across rounds by: its township's key (`周营镇人民政府` is `周营镇`). */
function inputKey(s: InputStatus): string {
  return townshipKey(inputName(s) || s.file);
}

const text = (c: Cell | undefined): string => (c == null ? '' : typeof c === 'string' ? c.trim() : typeof c === 'number' || typeof c === 'boolean' ? String(c) : '');

function roundOf(t: string): number | null {
  const m = /第\s*(\d+)\s*轮/.exec(t) ?? /^\s*(\d+)\s*$/.exec(t);
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
}

function severityOf(t: string): Severity | null {
  for (const s of SEVERITY_ORDER) if (t.startsWith(SEVERITY_SHORT_NAMES[s]) || t.startsWith(SEVERITY_NAMES[s])) return s;
  return null;
}

/**
 * The previous round from the county workbook `merge` wrote: its 审核明细 (by name and content), the round in
 * its title (`2023年度第1轮审核明细…`). A workbook without it cannot be compared: CountyRoundError.
 */
export function readPreviousRound(book: Workbook, file: string): PreviousRound {
  const grid: Grid | undefined = book.sheets.find((g) => g && g.name === DETAIL_SHEET && isToolSheet(g));
  if (!grid) {
    throw new CountyRoundError(
      `“${file}”中没有本工具写出的“${DETAIL_SHEET}”表，无法作为上一轮比较：请用 --since 指定上一轮用 merge 写出的全县汇总表（其中有“${DETAIL_SHEET}”表）。`,
    );
  }
  const r0 = grid.origin?.row ?? 0;
  const c0 = grid.origin?.col ?? 0;
  const rows = grid.rows.map((row) => (Array.isArray(row) ? row : []).map(text));
  // the header as isToolSheet found it: the words side by side, from some column
  let h = -1;
  let start = 0;
  for (let i = 0; i < rows.length && h < 0; i++) {
    for (let c = 0; c < rows[i].length; c++) {
      if (COUNTY_DETAIL_HEADER.every((w, k) => rows[i][c + k] === w)) {
        h = i;
        start = c;
        break;
      }
    }
  }
  type Column = (typeof COUNTY_DETAIL_HEADER)[number];
  const at = (w: Column) => start + COUNTY_DETAIL_HEADER.indexOf(w);
  const get = (row: string[], w: Column) => row[at(w)] ?? '';
  const title = rows.slice(0, Math.max(h, 0)).flat().join(' ');
  const yearMatch = /(\d{4})\s*年度/.exec(title);
  const problems: string[] = [];
  const where = (i: number, w: Column) => `“${file}”‘${DETAIL_SHEET}’表 ${columnLetters(at(w) + c0)}${i + r0 + 1}`;
  const list: DetailRow[] = [];
  let latest = 0;
  for (let i = h + 1; i < rows.length; i++) {
    const row = rows[i];
    if (!row.some(Boolean)) continue;
    const township = get(row, '乡镇');
    if (!township) {
      problems.push(`${where(i, '乡镇')}没有乡镇名称，这一行没有用于比较。`);
      continue;
    }
    const round = roundOf(get(row, '轮次'));
    if (round == null) {
      problems.push(`${where(i, '轮次')}的轮次“${get(row, '轮次')}”无法识别（应为“第1轮”这样的写法），这一行没有用于比较。`);
      continue;
    }
    latest = Math.max(latest, round);
    list.push({
      township,
      file: get(row, '文件'),
      round,
      id: get(row, '编号'),
      severity: severityOf(get(row, '严重程度')),
      rule: get(row, '规则'),
      where: get(row, '位置'),
      message: get(row, '问题说明'),
      state: get(row, '状态'),
    });
  }
  const round = roundOf(title) ?? (latest || null);
  if (round == null) throw new CountyRoundError(`“${file}”的“${DETAIL_SHEET}”表没有写明轮次（标题应为“第1轮审核明细……”），无法作为上一轮比较。`);
  // one township, one file: the first file listed for a township is the one its round was counted from
  const byKey = new Map<string, PreviousTownship>();
  for (const r of list) {
    const key = townshipKey(r.township);
    let t = byKey.get(key);
    if (!t) byKey.set(key, (t = { township: r.township, key, file: r.file, round: r.round, findings: [], rows: [] }));
    if (r.file !== t.file) continue;
    t.rows.push(r);
    if (r.id && r.state !== FIXED_STATE) t.findings.push(r);
  }
  return { file, round, year: yearMatch ? Number(yearMatch[1]) : null, townships: [...byKey.values()], problems };
}

/** The previous round is of another report year than this one: the sentence saying so, or null. */
export function roundYearProblem(previous: PreviousRound, year: number | null): string | null {
  if (previous.year == null || year == null || previous.year === year) return null;
  return `上一轮的全县汇总表“${previous.file}”是${previous.year}年度的，本次汇总的是${year}年度，不能作为上一轮比较；上年的工作簿请用 --previous 指定。`;
}

const zero = (): Record<RoundStatus, number> => ({ fixed: 0, new: 0, open: 0, explained: 0 });

/** Each input against the previous round (or a first round when there is none): matched by rounds.ts. */
export function countyRound(inputs: InputStatus[], previous: PreviousRound | null): CountyRound {
  const round = previous ? previous.round + 1 : 1;
  const before = new Map((previous?.townships ?? []).map((t) => [t.key, t]));
  const byFile = new Map<string, TownshipRound>();
  const counts = zero();
  const seen = new Set<string>();
  for (const s of inputs) {
    if (!s.readable) continue;
    const key = inputKey(s);
    seen.add(key);
    const then = before.get(key);
    const base = { township: inputName(s) || s.file, key, file: s.file, round, carried: [] };
    if (!then) {
      byFile.set(s.file, { ...base, state: 'first', counts: null, status: {}, fixed: [], stillOpen: null });
      continue;
    }
    const m = matchRounds(s.findings ?? [], then.findings);
    for (const k of Object.keys(counts) as RoundStatus[]) counts[k] += m.counts[k];
    const stillOpen: Record<Severity, number> = { error: 0, verify: 0, hint: 0 };
    for (const f of s.findings ?? []) if (m.status[f.id] === 'open') stillOpen[f.severity]++;
    byFile.set(s.file, { ...base, state: 'resubmitted', counts: m.counts, status: m.status, fixed: m.fixed, stillOpen });
  }
  const missing: TownshipRound[] = [];
  for (const t of previous?.townships ?? []) {
    if (seen.has(t.key)) continue;
    const stillOpen: Record<Severity, number> = { error: 0, verify: 0, hint: 0 };
    for (const f of t.findings) if (f.severity && !CLOSED_STATES.has(f.state)) stillOpen[f.severity]++;
    missing.push({ township: t.township, key: t.key, file: t.file, state: 'missing', round: t.round, counts: null, status: {}, fixed: [], stillOpen, carried: t.rows.filter((r) => r.state !== FIXED_STATE) });
  }
  return { round, since: previous?.file ?? null, previousRound: previous?.round ?? null, byFile, missing, counts };
}

/** Findings pointed out before and still open (all severities; `serious`: errors and those to verify only). */
export function stillOpenCount(t: TownshipRound | undefined, serious = false): number {
  const o = t?.stillOpen;
  return o ? o.error + o.verify + (serious ? 0 : o.hint) : 0;
}

/** `第2轮`. */
export function roundText(n: number): string {
  return `第${n}轮`;
}

/** 报送情况 of a township this round. */
export const SUBMISSION_WORDS: Record<TownshipRound['state'], string> = { first: '首次报送', resubmitted: '重新报送', missing: '未重新报送' };

/**
 * 审核明细: the title naming the year and round, the header (COUNTY_DETAIL_HEADER, the tool sheet's signature), then
 * per readable input its findings (or one row saying it had none) and the previous findings now corrected, and the
 * rows of the townships that did not resubmit, carried as they were. The same inputs give the same sheet.
 */
export function detailSheet(inputs: InputStatus[], round: CountyRound, year: number | null): SheetSource {
  const Y = year != null ? `${year}年度` : '';
  const since = round.since ? `（与上一轮“${round.since}”比较）` : '';
  const line = (township: string, file: string, n: number, f: Omit<DetailRow, 'township' | 'file' | 'round'> & { severity: Severity | null }, change: string): CellSpec[] => [
    { v: township },
    { v: file, style: 'wrap' },
    { v: roundText(n) },
    { v: f.id || null },
    f.severity ? { v: severityLabel(f.severity), style: f.severity } : { v: null },
    { v: f.rule || null, style: 'wrap' },
    { v: f.where || null, style: 'wrap' },
    { v: f.message || null, style: 'wrap' },
    { v: f.state || null, style: 'wrap' },
    { v: change || null },
  ];
  const clean = { id: '', severity: null, rule: '', where: '', message: '', state: CLEAN_STATE };
  // one row per finding (a row saying so for an input without any), made as the sheet is written
  function* body(): Generator<CellSpec[]> {
    for (const s of inputs) {
      const t = round.byFile.get(s.file);
      if (!t) continue;
      const found = s.findings ?? [];
      const change = (id: string) => (t.state === 'first' ? (round.since ? SUBMISSION_WORDS.first : '') : ROUND_WORDS[t.status[id]]);
      if (!found.length) yield line(t.township, s.file, round.round, clean, change(''));
      for (const f of found) yield line(t.township, s.file, round.round, { ...f, rule: RULE_NAMES[f.rule] ?? f.rule }, change(f.id));
      for (const f of t.fixed) yield line(t.township, s.file, round.round, { ...f, state: FIXED_STATE }, ROUND_WORDS.fixed);
    }
    for (const t of round.missing) {
      const carried = t.carried.length ? t.carried : [{ township: t.township, file: t.file, round: t.round, ...clean }];
      for (const r of carried) yield line(r.township, r.file, r.round, r, SUBMISSION_WORDS.missing);
    }
  }
  let count = 0;
  for (const s of inputs) {
    const t = round.byFile.get(s.file);
    if (t) count += Math.max(1, s.findings?.length ?? 0) + t.fixed.length;
  }
  for (const t of round.missing) count += Math.max(1, t.carried.length);
  const rows: Iterable<CellSpec[]> = {
    *[Symbol.iterator]() {
      yield [{ v: `${Y}${roundText(round.round)}审核明细${since}：每个乡镇的每一项审核问题一行。下一轮汇总时用 --since 指定本工作簿，即可列出已改正、新出现和仍未改正的问题。`, style: 'summary' }];
      yield COUNTY_DETAIL_HEADER.map((v): CellSpec => ({ v, style: 'header' }));
      yield* body();
    },
  };
  return { name: DETAIL_SHEET, columns: [14, 28, 8, 12, 9, 18, 22, 60, 16, 12], rows, freezeRows: 2, autoFilter: `A2:J${count + 2}` };
}
