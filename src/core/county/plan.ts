/**
 * The county workbook as a WritePlan: 审核情况 (the checklist: one row per input, those to call back first, with
 * the round compared with the previous one under `--since`), 汇总表 (one row per township beside its source file,
 * live SUM and rate formulas in the 合计 row, a note on every figure naming its file and cell), 汇总报告文稿 (the
 * county narrative: its own name, so a township's 报告文稿 written into the same workbook never replaces it, nor is
 * it checked as a township's report) and 审核明细 (every township's findings: what the next round is compared with,
 * rounds.ts). All are the tool's sheets (RESULT_SHEETS, recognised by name and content in core/toolsheets.ts):
 * replaced whole on a re-run, removed by removalPlan.
 */
import { columnLetters } from '../address';
import { formatNumber } from '../format';
import { roundHalfUp } from '../rate';
import { RESULT_SHEETS } from '../catalog';
import { reportSheet, sheetStyles, REPORT_STYLES } from '../plan';
import { STATUS_HEADER, SUMMARY_HEADER_START } from '../toolsheets';
import type { BookSource, CellSpec, CellStyle, Finding, IndicatorDef, Report, SheetPlan, SheetSource, WritePlan } from '../types';
import type { County, InputIssue, SummaryCell, SummaryRow } from './consolidate';
import { SUMMARY_SHEET } from './narrative';
import { detailSheet, DETAIL_SHEET, inputName, roundText, stillOpenCount, SUBMISSION_WORDS, type TownshipRound } from './rounds';
import { townshipKey, type InputStatus } from './rows';

export const STATUS_SHEET = RESULT_SHEETS.countyStatus;
export const COUNTY_REPORT_SHEET = RESULT_SHEETS.countyReport;
export const COUNTY_SHEETS = [STATUS_SHEET, SUMMARY_SHEET, COUNTY_REPORT_SHEET, DETAIL_SHEET] as const;
export { STATUS_HEADER };

const FIRST_ROW = 3; // township rows of 汇总表 start on row 3 (title, header)

export function indicatorHeader(d: IndicatorDef): string {
  return d.unit ? `${d.name}（${d.unit}）` : d.name;
}

const COUNT_HEADERS = ['错误（项）', '待核实（项）', '提示（项）'];

function severityOf(list: InputIssue[]): Finding['severity'] | null {
  if (list.some((x) => x.severity === 'error')) return 'error';
  if (list.some((x) => x.severity === 'verify')) return 'verify';
  return list.length ? 'hint' : null;
}

/** 0 = call back first: unreadable, then kept out of the totals or with errors, then to verify, then the rest. */
function urgency(s: InputStatus, issues: InputIssue[]): number {
  if (!s.readable) return 0;
  const sev = severityOf(issues);
  if (sev === 'error' || s.counts.error > 0) return 1;
  if (sev === 'verify' || s.counts.verify > 0 || s.missing.length) return 2;
  return 3;
}

function todo(s: InputStatus, issues: InputIssue[]): string {
  // the tool failed, not the township: sending the file back would not help
  if (s.failure) return '请把此文件发给县里的技术支持';
  if (!s.readable) return '退回：请重新报送能打开的工作簿';
  if (issues.some((x) => x.severity === 'error' && x.text.startsWith('未计入'))) return '退回：请报送本年度的最终版本';
  if (s.counts.error > 0 || severityOf(issues) === 'error') return '退回：请改正错误后重新报送';
  if (s.counts.verify > 0 || s.missing.length || severityOf(issues) === 'verify') return '请核实或填写审核说明';
  return '无需处理';
}

/** Columns 审核情况 adds when the round is compared with a previous one (`merge --since`), after STATUS_HEADER. */
export const ROUND_HEADER = ['轮次', '报送情况', '已改正', '新出现', '仍未改正'] as const;

interface StatusEntry {
  urgency: number;
  /** Errors and findings to verify pointed out before and still open. */
  stillOpen: number;
  error: number;
  verify: number;
  index: number;
  /** The row's cells after its number, made when the row is written. */
  cells: () => CellSpec[];
}

function todoWithRound(t: TownshipRound | undefined, base: string): string {
  const open = stillOpenCount(t, true);
  return open && base !== '无需处理' ? `${base}（其中${open}项上次已指出，仍未处理）` : base;
}

function missingTodo(t: TownshipRound): string {
  const o = t.stillOpen!;
  if (o.error) return `催报：上次指出的错误${o.error}项${o.verify ? `、待核实${o.verify}项` : ''}仍未处理，请改正后重新报送`;
  if (o.verify) return `催报：上次指出的待核实${o.verify}项仍未处理，请核实或填写审核说明后重新报送`;
  return '上次已无须改正或核实的问题，可不重新报送';
}

/** Rows made each time they are iterated (a writer iterates once): a county of 1,000 townships is never held as cells. */
function lazyRows(make: () => Generator<CellSpec[]>): Iterable<CellSpec[]> {
  return { [Symbol.iterator]: make };
}

/** 审核情况's round columns (ROUND_HEADER) of one input. */
function roundCells(t: TownshipRound | undefined): CellSpec[] {
  const c = t?.counts;
  return [
    { v: t ? roundText(t.round) : null },
    { v: t ? SUBMISSION_WORDS[t.state] : null },
    { v: c ? c.fixed : null },
    { v: c ? c.new : null, style: c?.new ? 'verify' : undefined },
    { v: c ? c.open : null, style: c?.open ? 'error' : undefined },
  ];
}

function statusSheet(county: County, rowOf: Map<string, number>): SheetSource {
  const round = county.round;
  const compared = round.previousRound != null;
  const entries: StatusEntry[] = county.inputs.map((s, index) => {
    const issues = county.issues.get(s.file) ?? [];
    const first = s.townships.map((t) => rowOf.get(`${s.file}\u0000${t}`)).find((r) => r != null);
    const name = inputName(s);
    const inTotals = s.townships.filter((t) => rowOf.has(`${s.file}\u0000${t}`)).length;
    const totalsText = !s.readable
      ? `未汇总：${s.message ?? '无法读取'}`
      : [inTotals ? (s.kind === 'summary' ? `${inTotals}个乡镇计入合计` : '计入合计') : '', ...issues.map((x) => x.text)].filter(Boolean).join('；');
    const sev = urgency(s, issues);
    const t = round.byFile.get(s.file);
    const cells = (): CellSpec[] => [
      first != null ? { v: name || s.file, link: { sheet: SUMMARY_SHEET, cell: `B${first}` }, style: 'link' } : { v: name || null },
      { v: s.file, style: 'wrap' },
      { v: s.year },
      { v: s.readable ? s.counts.error : null, style: s.counts.error ? 'error' : undefined },
      { v: s.readable ? s.counts.verify : null, style: s.counts.verify ? 'verify' : undefined },
      { v: s.readable ? s.counts.hint : null },
      { v: s.readable ? s.counts.explained : null },
      { v: s.missing.join('、') || null, style: 'wrap' },
      { v: s.failure ? '检查出错' : s.readable ? '能' : '否', style: s.readable ? undefined : 'error' },
      { v: totalsText || null, style: 'wrap' },
      { v: todoWithRound(t, todo(s, issues)), style: sev <= 1 ? 'error' : sev === 2 ? 'verify' : undefined },
      ...(compared ? roundCells(t) : []),
    ];
    return { urgency: sev, stillOpen: stillOpenCount(t, true), error: s.counts.error, verify: s.counts.verify, index, cells };
  });
  // townships of the previous round without a file now: what they left open is still open
  round.missing.forEach((t, j) => {
    const o = t.stillOpen!;
    const sev = o.error ? 1 : o.verify ? 2 : 3;
    entries.push({
      urgency: sev,
      stillOpen: stillOpenCount(t, true),
      error: o.error,
      verify: o.verify,
      index: county.inputs.length + j,
      cells: () => [
        { v: t.township },
        { v: t.file, style: 'wrap' },
        { v: null },
        { v: null },
        { v: null },
        { v: null },
        { v: null },
        { v: null },
        { v: null },
        { v: `未重新报送，本轮未汇总（上次报送的是${roundText(t.round)}的“${t.file}”）`, style: 'wrap' },
        { v: missingTodo(t), style: sev <= 1 ? 'error' : sev === 2 ? 'verify' : undefined },
        { v: roundText(t.round) },
        { v: SUBMISSION_WORDS.missing, style: sev <= 2 ? 'verify' : undefined },
        { v: null },
        { v: null },
        { v: stillOpenCount(t), style: o.error ? 'error' : undefined },
      ],
    });
  });
  // townships on the expected list without a file (one not resubmitted is listed above already): to call for
  const notResubmitted = new Set(round.missing.map((t) => t.key));
  const notSent = (county.expected?.missing ?? []).filter((e) => !notResubmitted.has(townshipKey(e.township)));
  notSent.forEach((e, j) => {
    const cells = (): CellSpec[] => [
      { v: e.township },
      ...Array.from({ length: 8 }, (): CellSpec => ({ v: null })),
      { v: `未报送：名单“${county.expected!.list}”第${e.line}行有此乡镇，没有收到它的工作簿`, style: 'wrap' },
      { v: `催报：请${e.township}报送工作簿`, style: 'error' },
      ...(compared ? [{ v: null }, { v: '未报送', style: 'verify' }, { v: null }, { v: null }, { v: null }] : []),
    ];
    entries.push({ urgency: 1, stillOpen: 0, error: 0, verify: 0, index: county.inputs.length + round.missing.length + j, cells });
  });
  // who to call back first: the gravest, then what was pointed out before and is still open, then the most open now
  entries.sort((a, b) => a.urgency - b.urgency || b.stillOpen - a.stillOpen || b.error - a.error || b.verify - a.verify || a.index - b.index);
  const n = county.inputs.length;
  const back = entries.filter((e) => e.urgency <= 1).length;
  const Y = county.year != null ? `${county.year}年度` : '';
  const c = round.counts;
  const versus = compared
    ? `与上一轮“${round.since}”比较，已改正${c.fixed}项，新出现${c.new}项，仍未改正${c.open}项，已说明${c.explained}项` +
      (round.missing.length ? `；未重新报送的${round.missing.length}个乡镇也列在表中` : '') +
      '。'
    : '';
  const header = compared ? [...STATUS_HEADER, ...ROUND_HEADER] : [...STATUS_HEADER];
  const head: CellSpec[][] = [
    [{ v: `${roundText(round.round)}：${Y}共收到${n}个文件，${county.rows.length}个乡镇计入汇总${notSent.length ? `；名单“${county.expected!.list}”中有${notSent.length}个乡镇没有收到工作簿` : ''}；需要${round.missing.length || notSent.length ? '退回或催报' : '退回'}的${back}个，排在最前面。${versus}点击乡镇名称可转到它在“${SUMMARY_SHEET}”中的一行。`, style: 'summary' }],
    header.map((v): CellSpec => ({ v, style: 'header' })),
  ];
  const columns = [6, 16, 30, 10, 7, 8, 7, 8, 24, 9, 40, 28, ...(compared ? [8, 11, 8, 8, 9] : [])];
  return { name: STATUS_SHEET, columns, rows: lazyRows(function* () {
    yield* head;
    for (let k = 0; k < entries.length; k++) yield [{ v: k + 1 }, ...entries[k].cells()];
  }), freezeRows: 2 };
}

/** The row of 汇总表 each township in the totals stands on (its file and name as the key), for 审核情况's links. */
function summaryRowsOf(county: County): Map<string, number> {
  return new Map(county.rows.map((r, i) => [`${r.row.file}\u0000${r.row.township}`, FIRST_ROW + i]));
}

function summarySheet(county: County): SheetSource {
  const defs = county.indicators;
  const Y = county.year != null ? `${county.year}年度` : '';
  const header = [...SUMMARY_HEADER_START, ...defs.map(indicatorHeader), ...COUNT_HEADERS, '备注'];
  const statusOf = new Map(county.inputs.map((s) => [s.file, s]));
  const colOf = new Map(defs.map((d, i) => [d.id, i + SUMMARY_HEADER_START.length]));
  const last = FIRST_ROW + county.rows.length - 1;
  const townshipRow = (r: SummaryRow, i: number): CellSpec[] => {
    const s = statusOf.get(r.row.file);
    const own = s?.kind === 'township';
    const notes: string[] = [];
    if (r.row.nameFromFile) notes.push(`单位名称取自文件名“${r.row.file}”`);
    if (!own) notes.push('数字取自县汇总表，审核问题见该文件');
    const cells: CellSpec[] = [{ v: i + 1 }, { v: r.row.township }, { v: r.row.file, style: 'wrap' }];
    for (const d of defs) {
      const c = r.cells.get(d.id);
      if (!c) {
        cells.push({ v: null });
        continue;
      }
      const style = !c.counted && c.figure.kind === 'number' ? 'odd' : c.figure.approx ? 'approx' : d.kind === 'rate' ? 'rate' : undefined;
      cells.push({ v: c.value, note: c.note, ...(style ? { style } : {}) });
    }
    for (const k of ['error', 'verify', 'hint'] as const) cells.push({ v: own && s ? s.counts[k] : null });
    cells.push({ v: notes.join('；') || null, style: 'wrap' });
    return cells;
  };
  // 合计: live formulas over the township rows, with the values they give cached for readers that do not calculate
  const range = (col: number) => `${columnLetters(col)}${FIRST_ROW}:${columnLetters(col)}${Math.max(last, FIRST_ROW)}`;
  const total: CellSpec[] = [{ v: null }, { v: '合计', style: 'total' }, { v: null }];
  const explain: string[] = [];
  for (const d of defs) {
    const col = colOf.get(d.id)!;
    if (d.kind === 'count' || d.kind === 'amount') {
      const t = county.totals.get(d.id);
      total.push({ v: t ? t.value : 0, f: `SUM(${range(col)})`, style: t?.approx ? 'total-approx' : 'total', ...(t?.approx ? { note: '含约数，合计也是约数' } : {}) });
      continue;
    }
    if (d.kind === 'rate') {
      const r = county.rates.get(d.id);
      const nc = r ? colOf.get(r.numerator) : undefined;
      const dc = r ? colOf.get(r.denominator) : undefined;
      if (!r || nc == null || dc == null) {
        total.push({ v: null, style: 'total' });
        continue;
      }
      // the townships giving both parts, the part no larger than its whole (the same as consolidate's rate)
      const both = `ISNUMBER(${range(nc)})*ISNUMBER(${range(dc)})*(${range(nc)}<=${range(dc)})`;
      const den = `SUMPRODUCT(${both},${range(dc)})`;
      const f = `IF(${den}=0,"",ROUND(SUMPRODUCT(${both},${range(nc)})/${den}*100,1))`;
      const names = new Map(defs.map((x) => [x.id, x.name]));
      const note =
        `按同时填报“${names.get(r.numerator)}”和“${names.get(r.denominator)}”的${r.included.length}个乡镇的合计计算（${formatNumber(r.num)}÷${formatNumber(r.den)}）` +
        (r.leftOut.length ? `；未计入（只填了其中一项、只填了比率，或部分大于总数）：${r.leftOut.join('、')}` : '');
      explain.push(`${d.name}：${note}。`);
      total.push({ v: r.value == null ? '' : roundHalfUp(r.value, 1), f, note, style: 'total-rate' });
      continue;
    }
    total.push({ v: null, style: 'total' });
  }
  for (const k of ['error', 'verify', 'hint'] as const) {
    const col = SUMMARY_HEADER_START.length + defs.length + ['error', 'verify', 'hint'].indexOf(k);
    const sum = county.rows.reduce((s, r) => s + (statusOf.get(r.row.file)?.kind === 'township' ? statusOf.get(r.row.file)!.counts[k] : 0), 0);
    total.push({ v: sum, f: `SUM(${range(col)})`, style: 'total' });
  }
  const notes: string[] = [...explain];
  const anyCell = (test: (c: SummaryCell) => boolean) => county.rows.some((r) => defs.some((d) => { const c = r.cells.get(d.id); return !!c && test(c); }));
  if (anyCell((c) => c.figure.approx)) notes.push('灰底的数字是约数（原报“3000余份”等），按数字部分计入合计，合计随之为约数。');
  if (anyCell((c) => !c.counted && c.figure.kind === 'number')) notes.push('红字的数字计量单位与其他乡镇不同，未计入合计（见审核情况）。');
  for (const x of county.refused) notes.push(`${x.row.township}（“${x.row.file}”）未计入：${x.reason}。`);
  notes.push('每个数字的批注写明了它来自哪个文件的哪个单元格。');
  const columns = header.map((h, i) => (i === 0 ? 6 : i === 1 ? 12 : h === '来源文件' ? 28 : h === '备注' ? 30 : Math.min(20, Math.max(10, Math.ceil(h.length * 1.6)))));
  const rows = lazyRows(function* () {
    yield [{ v: `${county.unit ?? ''}${Y}乡镇法治政府建设主要指标汇总表`, style: 'title' }];
    yield header.map((v): CellSpec => ({ v, style: 'header' }));
    for (let i = 0; i < county.rows.length; i++) yield townshipRow(county.rows[i], i);
    yield total;
    yield [];
    yield [{ v: '说明：', style: 'bold' }];
    for (const t of notes) yield [{ v: t }];
  });
  return { name: SUMMARY_SHEET, columns, rows, freezeRows: 2 };
}

export function countyStyles(): Record<string, CellStyle> {
  return {
    ...sheetStyles(),
    title: { font: { bold: true, size: 14, name: '黑体' } },
    total: { font: { bold: true } },
    'total-approx': { font: { bold: true }, fill: '#EDEDED' },
    'total-rate': { font: { bold: true }, numFmt: '0.0' },
    approx: { fill: '#EDEDED' },
    odd: { font: { color: '#C00000' } },
    rate: { numFmt: '0.0' },
    bold: { font: { bold: true } },
    ...REPORT_STYLES,
  };
}

/**
 * The county workbook as it is written: 审核情况, 汇总表, 汇总报告文稿 (when a report is given) and 审核明细 (what the
 * next round compares with), each sheet's rows made as a writer takes them — `merge` streams 1,000 townships.
 */
export function countyBook(county: County, report: Report | null): BookSource {
  const sheets: SheetSource[] = [statusSheet(county, summaryRowsOf(county)), summarySheet(county)];
  if (report) sheets.push(reportSheet(report, COUNTY_REPORT_SHEET));
  sheets.push(detailSheet(county.inputs, county.round, county.year));
  return { sheets, styles: countyStyles(), activate: STATUS_SHEET };
}

/** The county workbook as a WritePlan (its rows made at once), for the pane and the page: a county of tens of townships. */
export function countyPlan(county: County, report: Report | null): WritePlan {
  const book = countyBook(county, report);
  return { ...book, sheets: book.sheets.map((sp): SheetPlan => ({ ...sp, rows: [...sp.rows] })) };
}
