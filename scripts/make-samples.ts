/**
 * Generates the sample workbooks in assets/samples/ — the demo data and the test fixtures of the project.
 *
 *   npx ts-node --transpile-only scripts/make-samples.ts            (writes assets/samples/*.xlsx)
 *   npx ts-node --transpile-only scripts/make-samples.ts --cells    (also prints every tagged cell)
 *   npx ts-node --transpile-only scripts/make-samples.ts --out DIR  (writes elsewhere)
 *
 * Figures come from the three real reports in /work/shared/domain/reports/ where they exist; the rest are
 * invented but plausible. assets/samples/README.md lists which is which, and EXACTLY which inconsistencies are
 * planted (sheet, cell, expected rule id). Keep that table and test/samples/ in step with this file.
 *
 * Deterministic: fixed workbook metadata and fixed zip entry dates, so re-running gives the same bytes.
 */
import * as ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
// JSZip is what ExcelJS itself zips with; used here only to pin the zip entry dates.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZip = require('jszip');

const OUT_DIR = path.resolve(__dirname, '..', 'assets', 'samples');
const FIXED_DATE = new Date(Date.UTC(2024, 0, 8, 9, 0, 0));
const PRINT_CELLS = process.argv.includes('--cells');

// ───────────────────────────── a tiny sheet description language ─────────────────────────────

/** A cell: a literal, or an object for formats, formulas (with cached result), errors and tags. */
type V = string | number | null | Date;
interface CellObj {
  v?: V;
  /** Formula without `=`; `r` is its cached result (a number, or an error code such as `#DIV/0!`). */
  f?: string;
  r?: number | string;
  fmt?: string;
  /** A name for the cell, printed with --cells, used when writing README/test expectations. */
  tag?: string;
  bold?: boolean;
}
type C = V | CellObj;

type RowSpec =
  | { kind: 'title'; text: string }
  | { kind: 'header'; cells: C[] }
  | { kind: 'section'; text: string; tag?: string }
  | { kind: 'data'; cells: C[]; total?: boolean }
  | { kind: 'blank' };

interface SheetSpec {
  name: string;
  widths: number[];
  rows: RowSpec[];
  /** Freeze panes below this row (1-based), e.g. the header row. */
  freeze?: number;
}

interface BookSpec {
  file: string;
  title: string;
  sheets: SheetSpec[];
}

const FONT = '宋体';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function isObj(c: C): c is CellObj {
  return c !== null && typeof c === 'object' && !(c instanceof Date);
}

const tagged: string[] = [];

function quote(sheet: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(sheet) ? sheet : `'${sheet}'`;
}

function put(ws: ExcelJS.Worksheet, book: string, r: number, col: number, c: C, style: 'body' | 'header' | 'total'): void {
  const cell = ws.getCell(r, col);
  const o: CellObj = isObj(c) ? c : { v: c };
  if (o.f !== undefined) {
    const result =
      typeof o.r === 'string' && o.r.startsWith('#') ? ({ error: o.r } as ExcelJS.CellErrorValue) : o.r;
    cell.value = { formula: o.f, result } as ExcelJS.CellFormulaValue;
  } else if (o.v !== undefined && o.v !== null) {
    cell.value = o.v;
  }
  if (o.fmt) cell.numFmt = o.fmt;
  const bold = style !== 'body' || o.bold === true;
  cell.font = { name: FONT, size: 11, bold };
  cell.border = BORDER;
  cell.alignment = {
    vertical: 'middle',
    horizontal: style === 'header' ? 'center' : typeof o.v === 'string' && o.v.length > 14 ? 'left' : undefined,
    wrapText: true,
  };
  if (style === 'header') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  if (style === 'total') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  if (o.tag) tagged.push(`${book}  ${quote(ws.name)}!${cell.address}  ${o.tag}  = ${JSON.stringify(o.v ?? o.r ?? null)}`);
}

function renderSheet(wb: ExcelJS.Workbook, book: string, spec: SheetSpec): void {
  const ws = wb.addWorksheet(spec.name, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const ncols = spec.widths.length;
  ws.columns = spec.widths.map((w) => ({ width: w }));
  spec.rows.forEach((row, i) => {
    const r = i + 1;
    switch (row.kind) {
      case 'title': {
        ws.mergeCells(r, 1, r, ncols);
        const cell = ws.getCell(r, 1);
        cell.value = row.text;
        cell.font = { name: '黑体', size: 16, bold: true };
        cell.alignment = { horizontal: 'center', vertical: 'middle' };
        ws.getRow(r).height = 32;
        break;
      }
      case 'header':
        row.cells.forEach((c, j) => put(ws, book, r, j + 1, c, 'header'));
        ws.getRow(r).height = 22;
        break;
      case 'section': {
        ws.mergeCells(r, 1, r, ncols);
        const cell = ws.getCell(r, 1);
        cell.value = row.text;
        cell.font = { name: FONT, size: 11, bold: true };
        cell.alignment = { horizontal: 'left', vertical: 'middle' };
        cell.border = BORDER;
        if (row.tag) tagged.push(`${book}  ${quote(ws.name)}!${cell.address}  ${row.tag}  = ${JSON.stringify(row.text)}`);
        break;
      }
      case 'data':
        row.cells.forEach((c, j) => put(ws, book, r, j + 1, c, row.total ? 'total' : 'body'));
        break;
      case 'blank':
        break;
    }
  });
  if (spec.freeze) ws.views = [{ state: 'frozen', ySplit: spec.freeze, xSplit: 0 }];
}

/** The .xlsx bytes of one sample, deterministic. */
async function bookBytes(spec: BookSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '指标审核助手 示例数据';
  wb.lastModifiedBy = '指标审核助手 示例数据';
  wb.title = spec.title;
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.lastPrinted = FIXED_DATE;
  wb.calcProperties = { fullCalcOnLoad: false };
  for (const s of spec.sheets) renderSheet(wb, spec.file, s);
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  // Re-zip with fixed entry dates so that the bytes do not change from one run to the next.
  const src = await JSZip.loadAsync(raw);
  const out = new JSZip();
  for (const name of Object.keys(src.files)) {
    const entry = src.files[name];
    if (entry.dir) continue;
    out.file(name, await entry.async('uint8array'), { date: FIXED_DATE, createFolders: false });
  }
  const bytes: Buffer = await out.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
  return bytes;
}

// ───────────────────────────── shared shapes ─────────────────────────────

const PCT0 = '0%';
const PCT1 = '0.0%';
const DATE_CN = 'yyyy"年"m"月"d"日"';

/** 基本情况 sheet: title, then 项目 | 内容 | 备注 key-value rows. */
function identitySheet(title: string, rows: C[][]): SheetSpec {
  return {
    name: '基本情况',
    widths: [18, 40, 30],
    rows: [{ kind: 'title', text: title }, { kind: 'header', cells: ['项目', '内容', '备注'] }, ...rows.map((cells) => ({ kind: 'data' as const, cells }))],
  };
}

/** Layout (a): 序号 | 指标名称 | 单位 | 数值 | 备注, with section rows. */
function indicatorSheet(name: string, title: string, rows: RowSpec[], valueHeader = '数值'): SheetSpec {
  return {
    name,
    widths: [6, 34, 8, 14, 40],
    freeze: 2,
    rows: [{ kind: 'title', text: title }, { kind: 'header', cells: ['序号', '指标名称', '单位', valueHeader, '备注'] }, ...rows],
  };
}

/** Free-text items (存在问题 / 下步安排): 序号 | 内容. */
function textSheet(name: string, title: string, header: string, items: string[]): SheetSpec {
  return {
    name,
    widths: [6, 100],
    rows: [
      { kind: 'title', text: title },
      { kind: 'header', cells: ['序号', header] },
      ...items.map((t, i) => ({ kind: 'data' as const, cells: [i + 1, t] })),
    ],
  };
}

/** Numbers data rows 1..n across the sheet (section rows do not count). */
function numbered(rows: (RowSpec | C[])[]): RowSpec[] {
  let n = 0;
  return rows.map((r) => (Array.isArray(r) ? { kind: 'data' as const, cells: [++n, ...r] } : r));
}
const sec = (text: string, tag?: string): RowSpec => ({ kind: 'section', text, tag });

// ───────────────────────────── 1. 周营镇-2023-指标.xlsx (layout a, THE demo) ─────────────────────────────

function zhouying(): BookSpec {
  const T = '周营镇2023年度法治政府建设指标统计表';
  return {
    file: '周营镇-2023-指标.xlsx',
    title: T,
    sheets: [
      identitySheet(T, [
        ['单位名称', '周营镇人民政府', null],
        ['报告年度', 2023, null],
        ['报送对象', '中共沈丘县委、沈丘县人民政府', null],
        ['落款日期', '2023年12月13日', null],
        ['行政村（社区）数', { v: '21个', tag: 'PLANT conflicting-values (21 here, 20 on 公共法律服务)' }, '含社区'],
      ]),
      indicatorSheet(
        '第一责任人履职',
        '党政主要负责人履行推进法治建设第一责任人职责情况',
        numbered([
          sec('一、党政主要负责人履行推进法治建设第一责任人职责情况'),
          sec('（一）组织领导和带头学法'),
          ['法治建设领导小组', '—', '是', '镇党委书记任组长'],
          ['党委（政府）专题研究法治建设会议', '次', 4, null],
          ['党委理论学习中心组学法', '次', 6, '学习习近平法治思想、《宪法》《民法典》等'],
          ['党委会学法', '次', 12, null],
          ['年终述法', '—', '是', null],
          sec('（二）依法决策'),
          ['重大行政决策', '项', 5, null],
          ['集体讨论决定', '项', 5, '均经党委会集体讨论决定'],
          ['重大行政决策合法性审查', '件', 3, null],
        ]),
      ),
      indicatorSheet(
        '法治宣传教育',
        '法治宣传教育情况',
        numbered([
          sec('二、法治宣传教育'),
          ['群众性普法宣传活动', '次', { v: '百余', tag: 'approx 百余 (report)' }, '普法宣讲团深入自然村、中小学、企业'],
          ['印发普法宣传材料', '份', { v: '近3万余', tag: 'approx 近3万余 (report), kept' }, null],
          ['张贴普法条幅', '幅', { v: '近300余', tag: 'approx 近300余 (report)' }, null],
          ['法治培训', '场', 8, '镇村干部、网格员法律轮训'],
          ['参训人次', '人次', 460, null],
          ['普法宣讲团', '支', 1, '司法所、平安建设办、派出所抽调人员组成'],
          ['宣讲团成员', '人', 15, null],
          ['法律咨询', '人次', { v: '６１', tag: 'full-width digits ６１' }, null],
          ['学法考试应考人数', '人', 50, null],
          ['学法考试参考人数', '人', 49, null],
          ['学法考试参考率', '%', { v: 0.98, fmt: PCT0, tag: '0.98 formatted 0% (=49/50, consistent)' }, null],
          ['学法考试优秀人数', '人', 31, null],
          ['学法考试优秀率', '%', { v: 63.3, tag: 'bare 63.3 in % unit row (=31/49, consistent)' }, null],
          ['黑板报', '期', { v: '—', tag: 'dash (absent, not required)' }, null],
        ]),
      ),
      indicatorSheet(
        '矛盾纠纷化解',
        '矛盾纠纷排查化解情况',
        numbered([
          sec('三、矛盾纠纷化解与社会治理'),
          ['受理信访案件', '件', { v: 9, tag: 'petitions_received 9' }, null],
          ['化解信访案件', '件', { v: 7, tag: 'petitions_resolved 7' }, null],
          ['信访案件化解率', '%', { v: 1, fmt: PCT0, tag: 'PLANT rate-mismatch (100% vs 7/9=77.8%)' }, '报告表述：信访案件化解率达到100%'],
          ['受理矛盾纠纷', '件', { v: '37件', tag: 'unit in cell 37件' }, null],
          ['调解成功数', '件', '35件', null],
          ['调解成功率', '%', { v: '94.6%', tag: 'text 94.6% (=35/37, consistent)' }, null],
          ['热线工单', '个', 126, '12345热线及网格平台工单'],
          ['工单办结数', '个', 126, null],
          ['工单办结率', '%', { v: 1, fmt: PCT0 }, null],
          ['工单满意率', '%', { v: 0.984, fmt: PCT1 }, null],
          ['安置帮教对象', '人', 6, null],
          ['重点管控人员', '人', { v: null, tag: 'blank (not required)' }, null],
        ]),
      ),
      indicatorSheet(
        '行政执法',
        '行政执法情况',
        numbered([
          sec('四、行政执法'),
          ['行政执法人员', '人', { v: 12, tag: 'enforcement_officers 12' }, null],
          ['持证人数', '人', { v: 14, tag: 'PLANT part-exceeds-whole (14 > 12)' }, '含2023年新考取执法证人员'],
          ['新申领执法证', '人', 6, '年轻干部及执法岗位人员考取行政执法证'],
          ['执法业务培训', '场', 3, null],
          ['执法业务培训人次', '人次', 36, null],
          ['出动执法人员', '人次', 420, null],
          ['检查商户', '家次', 260, null],
          ['排查隐患', '项', 85, '防汛、用电用气安全专项排查'],
          ['执法文书', '份', 40, null],
          ['立案查处', '起', 5, null],
          ['罚没款', '万元', 1.3, null],
          ['规范性文件备案审查', '件', { v: '无', tag: '无 (absent)' }, null],
        ]),
      ),
      indicatorSheet(
        '公共法律服务',
        '公共法律服务与法治阵地建设情况',
        numbered([
          sec('五、公共法律服务与法治阵地建设'),
          ['行政村数', '个', { v: 20, tag: 'PLANT conflicting-values (20 here, 21 on 基本情况)' }, null],
          ['配备法律顾问的村数', '个', { v: 18, tag: 'villages_with_counsel 18' }, null],
          ['法律顾问覆盖率', '%', { v: '全覆盖', tag: 'PLANT coverage-claim (全覆盖 vs 18 of 20)' }, '全镇20个行政村实现法律顾问全覆盖'],
          ['法律顾问人数', '名', 5, null],
          ['镇政府法律顾问', '名', 1, null],
          ['村法律顾问', '名', 4, '每名律师联系5个村'],
          ['法治图书室', '个', 12, null],
          ['县级民主法治示范村', '个', 3, null],
          ['市级民主法治示范村', '个', 1, null],
          ['省级民主法治示范村', '个', '—', null],
          ['法治阵地建设投入', '万元', 8.5, null],
        ]),
      ),
      textSheet('存在问题', '存在的不足和原因', '存在的问题', [
        '部分党员干部理论学习不够深入、不够系统，重点精读和拓展阅读的深度广度不够。',
        '部分党员干部理论学习与实际工作结合的程度不高，处理疑难复杂问题时习惯沿用旧有方式方法，运用法律法规解决问题的能力还需提升。',
        '个别党员干部法治意识不强，基础性法律知识存在欠缺，文明执法、规范执法、依法执法的水平有待进一步提高。',
      ]),
      textSheet('下步安排', '下一年度法治政府建设的初步安排', '工作安排', [
        '带头学法守法用法，深入学习贯彻习近平法治思想，提高法治素质。',
        '完善法治教育机制，开展“法典进校园”“法律下乡”等多种形式的普法宣传活动，加大普法力度。',
        '率先垂范，建立健全镇党委定期听取法治建设进展汇报制度，严格依法办事流程。',
        '创新教育培训方式方法，着力提高依法行政水平，建设高素质法制工作队伍。',
        '严格执行依法行政工作考核制度，加大行政行为监督力度。',
      ]),
    ],
  };
}

// ───────────────────────────── 2. 大钟庄镇-2021-比率.xlsx (layout b + a) ─────────────────────────────

function dazhongzhuang(): BookSpec {
  const T = '大钟庄镇2021年度法治政府建设情况统计表';
  const rate = (label: string, num: C, den: C, r: C, note: string | null): C[] => [label, num, den, r, note];
  return {
    file: '大钟庄镇-2021-比率.xlsx',
    title: T,
    sheets: [
      identitySheet(T, [
        ['单位名称', '大钟庄镇人民政府', null],
        ['报告年度', '2021年度', null],
        ['报送对象', '区人民政府', null],
        ['落款日期', { v: new Date(Date.UTC(2022, 0, 10)), fmt: DATE_CN, tag: 'date cell (serial, 2022-01-10)' }, null],
      ]),
      {
        name: '比率指标',
        widths: [6, 24, 10, 10, 10, 44],
        freeze: 2,
        rows: [
          { kind: 'title', text: '2021年度主要比率指标' },
          { kind: 'header', cells: ['序号', '指标名称', '分子', '分母', '比率', '备注'] },
          ...numbered([
            rate('信访案件化解率', { v: 45, tag: 'petitions_resolved 45' }, { v: 48, tag: 'petitions_received 48' },
              { v: '98%', tag: 'PLANT rate-mismatch (98% vs 45/48=93.8%)' }, '分子：化解数；分母：受理数'),
            rate('矛盾纠纷调解成功率', 66, { v: 68, tag: 'disputes_received 68 (report: 68件次)' },
              { v: 0.971, fmt: PCT1, tag: '97.1% (=66/68, consistent)' }, '全年共调处各类矛盾纠纷68件次'),
            rate('法律顾问覆盖率', 45, 45, { f: 'C5/D5', r: 1, fmt: PCT0, tag: 'formula 100% (=45/45)' }, '区为我镇聘用法律顾问，镇村法律顾问全覆盖'),
            rate('执法人员持证率', { v: 15, tag: 'certified 15' }, { v: 16, tag: 'officers 16' },
              { f: 'C6/D6', r: 0.9375, fmt: PCT1, tag: 'correct 93.8% (formula =15/16)' }, null),
            rate('学法考试参考率', 112, { v: '120余', tag: 'approximate denominator 120余' },
              { v: '93%', tag: 'PLANT approximate-rate (93% from 112 / 120余)' }, '应考人数为机关及村干部约数'),
            rate('学法考试优秀率', 38, 112, { f: 'C8/D8', r: 38 / 112, fmt: PCT1, tag: '33.9% (=38/112, consistent)' }, null),
            rate('工单办结率', 0, 0, { f: 'C9/D9', r: '#DIV/0!', fmt: PCT1, tag: 'PLANT formula-error #DIV/0!' }, '2021年未受理热线工单'),
          ]),
        ],
      },
      indicatorSheet(
        '数量指标',
        '2021年度主要数量指标',
        numbered([
          sec('一、依法执政'),
          ['法治建设领导小组', '—', '是', '法治政府建设示范单位创建工作领导小组，党委书记任组长'],
          ['党政联席会议研究法治建设', '次', 12, '每月召开党政联席会议'],
          ['党委中心组学习', '次', 4, null],
          ['会前学法', '次', 12, null],
          sec('二、法治宣传教育'),
          ['普法宣传活动', '场次', 26, null],
          ['发放宣传资料', '份', { v: '2万余', tag: 'approx 2万余 (report)' }, '入户发放《倡议书》《明白纸》等'],
          ['宣传横幅', '条', { v: '1500多', tag: 'approx 1500多 (report)' }, '另悬挂党风廉政建设宣传标语45幅'],
          sec('三、矛盾纠纷化解'),
          ['调处各类矛盾纠纷', '件次', { v: 68, tag: 'disputes_received 68 again (consistent)' }, null],
          sec('四、行政执法'),
          ['行政执法人员', '人', { v: 16, tag: 'officers 16 again (consistent)' }, null],
          ['执法检查', '次', { v: '300多', tag: 'approx 300多 (report)' }, '参与拆除违建、大棚房、安全检查、非法广告、非法捕鱼、清理河道、非法焚烧等'],
          sec('五、公共法律服务'),
          ['行政村数', '个', 45, null],
          ['法律顾问人数', '名', { v: 10, tag: 'legal_counsels 10 = 1 + 9' }, '其中镇政府1名，村9名，每名负责5个村'],
          ['镇政府法律顾问', '名', 1, null],
          ['村法律顾问', '名', 9, null],
          ['镇村两级投资', '万元', { v: '10多', tag: 'approx 10多万元 (report)' }, '完善45村法治阵地建设'],
        ]),
      ),
      textSheet('存在问题', '2021年度推进法治政府建设存在的不足和原因', '存在的问题', [
        '少数干部和群众对依法行政的重要性和必要性认识不足，法治观念淡薄。',
        '法治宣传工作力度不够，法治教育方式方法有待改进，存在宣传单一化、形式化。',
        '法治队伍配置不强，缺少专职工作人员，干部法治培训不足。',
        '农村法治宣传教育存在薄弱环节，外出务工人员和流动人口的法治宣传教育难以到位。',
      ]),
      textSheet('下步安排', '下一年度推进法治政府建设的主要安排', '工作安排', [
        '认真学习领会《法治政府建设实施纲要（2021-2025年）》，按步骤抓好各阶段工作。',
        '抓好执法机构的建立与调整、充实，规范行政执法行为。',
        '紧紧围绕经济社会发展目标任务，进一步加大普法力度。',
        '加大“法律明白人”“法律带头人”等普法骨干培训力度。',
        '大力开展形式多样的普法宣传教育活动，优化“法律七进”的内容和形式。',
      ]),
    ],
  };
}

// ───────────────────────────── 3. 前营乡-2023-逐年.xlsx (layout c) ─────────────────────────────

function qianying(): BookSpec {
  const T = '前营乡2023年度法治政府建设主要指标对比表';
  const row = (label: C, unit: string, y2022: C, y2023: C, note: string | null = null): C[] => [label, unit, y2022, y2023, note];
  return {
    file: '前营乡-2023-逐年.xlsx',
    title: T,
    sheets: [
      identitySheet('前营乡2023年度法治政府建设情况', [
        ['单位名称', '前营乡人民政府', null],
        ['报告年度', '2023年', null],
        ['报送对象', '县委、县政府', null],
        ['落款日期', '2024年1月5日', null],
      ]),
      {
        name: '主要指标',
        widths: [6, 30, 8, 12, 12, 40],
        freeze: 2,
        rows: [
          { kind: 'title', text: T },
          { kind: 'header', cells: ['序号', '指标名称', '单位', '2022年', '2023年', '备注'] },
          ...numbered([
            sec('1、党政第一责任人推进法治政府建设工作情况', 'heading 1、'),
            row('法治建设领导小组', '—', '是', '是'),
            row('专题研究法治建设', '次', 3, 4, '乡党委书记主持召开专题会议'),
            row('中心组学习法治思想', '次', 4, { v: 5, tag: '中心组学习法治思想内容5次 (report)' }),
            row('党委会学法', '次', 8, { v: 10, tag: '党委会学法10次 (report)' }),
            sec('2、法治宣传教育', 'heading 2、'),
            row('普法宣传活动', '场次', 12, 15, '民法典、6·26禁毒日、4·15国家安全日、12·4宪法日等'),
            row('发放法治宣传资料', '份', '3000余', '3500余'),
            row('法律咨询', '人次', { v: 45, tag: 'previous 45' }, { v: 260, tag: 'PLANT large-change (45 → 260, 5.8×, no note)' }),
            row('2022年以来开展法治培训', '场', '—', { v: 9, tag: 'PLANT year-mismatch (label 2022年以来 in a 2023 column)' }),
            row({ v: '开展扫黑除恶专项宣传', tag: 'PLANT unknown-indicator (label)' }, '次', 3, 2),
            sec('3、矛盾纠纷化解', 'heading 3、'),
            row('受理信访案件', '件', 15, 12),
            row('化解信访案件', '件', 14, 12),
            row('信访案件化解率', '%', { v: 93.3, tag: 'bare 93.3 in % row (=14/15)' }, 100),
            row('调处各类矛盾纠纷', '件', 18, { v: '二十余', tag: 'approx 二十余 (report: 二十余件)' }, '依法调处各类社会矛盾纠纷二十余件'),
            sec('四、公共法律服务与行政执法', 'PLANT numbering (四、 after 1、2、3、)'),
            row('行政村数', '个', 25, { v: 25, tag: '25个行政村 (report)' }),
            row('法律顾问人数', '名', 1, 1, '聘任碧野律师事务所为乡政府法律顾问'),
            row('行政执法人员', '人', 6, { v: null, tag: 'PLANT missing-required (enforcement_officers 2023 blank)' }),
            row('持证人数', '人', 5, 4),
          ]),
        ],
      },
      textSheet('存在问题', '工作中存在的不足', '存在的问题', [
        '理论学习有待进一步加强，带头学法制度还不够完善。',
        '行政执法工作人员力量不足，业务能力有待提高，需继续加强相关业务培训。',
        '运用法治思维和法治方式解决问题的能力不足，个别部门对重大行政决策程序不清楚。',
      ]),
      textSheet('下步安排', '下一步工作的主要思路', '工作安排', [
        '继续加强队伍建设，积极参加、组织各类教育培训，提高法治建设理论水平和业务能力。',
        '加强依法依规行政，按照权力清单、责任清单要求依法规范行政执法流程。',
        '大力推进法治建设，组织好执法资格学习和考试，确保人员持证上岗。',
      ]),
    ],
  };
}

// ───────────────────────────── 4. 沈丘县-2023-汇总.xlsx (layout d) ─────────────────────────────

interface Town {
  name: string;
  villages: number;
  petRecv: number;
  petRes: number;
  dispRecv: number;
  dispMed: number;
  events: number;
  counsels: number;
  officers: number;
  note?: string;
}

const TOWNS: Town[] = [
  { name: '周营镇', villages: 20, petRecv: 9, petRes: 7, dispRecv: 37, dispMed: 35, events: 100, counsels: 5, officers: 12, note: '普法宣传活动原报“百余次”' },
  { name: '前营乡', villages: 25, petRecv: 12, petRes: 12, dispRecv: 22, dispMed: 21, events: 15, counsels: 1, officers: 6, note: '矛盾纠纷原报“二十余件”' },
  { name: '柳河镇', villages: 24, petRecv: 15, petRes: 14, dispRecv: 31, dispMed: 29, events: 42, counsels: 4, officers: 14 },
  { name: '杨集乡', villages: 18, petRecv: 6, petRes: 6, dispRecv: 20, dispMed: 20, events: 28, counsels: 2, officers: 8 },
  { name: '李庄镇', villages: 30, petRecv: 21, petRes: 20, dispRecv: 45, dispMed: 43, events: 65, counsels: 6, officers: 18 },
  { name: '白楼镇', villages: 22, petRecv: 13, petRes: 15, dispRecv: 26, dispMed: 25, events: 36, counsels: 3, officers: 11 },
  { name: '张营乡', villages: 16, petRecv: 5, petRes: 5, dispRecv: 14, dispMed: 13, events: 20, counsels: 2, officers: 7 },
  { name: '石桥镇', villages: 27, petRecv: 18, petRes: 17, dispRecv: 40, dispMed: 38, events: 50, counsels: 5, officers: 15 },
  { name: '高庙乡', villages: 19, petRecv: 8, petRes: 7, dispRecv: 17, dispMed: 16, events: 24, counsels: 2, officers: 9 },
  { name: '新集镇', villages: 33, petRecv: 25, petRes: 24, dispRecv: 52, dispMed: 50, events: 70, counsels: 6, officers: 20 },
  { name: '王店乡', villages: 21, petRecv: 10, petRes: 9, dispRecv: 23, dispMed: 22, events: 30, counsels: 3, officers: 10 },
  { name: '陈寨镇', villages: 26, petRecv: 14, petRes: 14, dispRecv: 35, dispMed: 33, events: 45, counsels: 4, officers: 13 },
];
/** The planted sum-mismatch: the 合计 of 普法宣传活动 typed over its formula, 20 short of the true sum. */
const EVENTS_TOTAL_SHORTFALL = 20;
const round1 = (x: number): number => Math.round(x * 10) / 10;

function shenqiu(): BookSpec {
  const T = '沈丘县2023年度乡镇法治政府建设主要指标汇总表';
  const first = 3;
  const last = first + TOWNS.length - 1;
  const sum = (k: keyof Town): number => TOWNS.reduce((s, t) => s + (t[k] as number), 0);
  const rows: RowSpec[] = TOWNS.map((t, i) => {
    const r = first + i;
    const planted = t.name === '白楼镇';
    return {
      kind: 'data' as const,
      cells: [
        i + 1,
        t.name,
        t.villages,
        t.petRecv,
        planted ? { v: t.petRes, tag: `PLANT part-exceeds-whole (${t.name} 化解 ${t.petRes} > 受理 ${t.petRecv})` } : t.petRes,
        { f: `ROUND(E${r}/D${r}*100,1)`, r: round1((t.petRes / t.petRecv) * 100), fmt: '0.0' },
        t.dispRecv,
        t.dispMed,
        t.events,
        t.counsels,
        t.officers,
        t.note ?? null,
      ],
    };
  });
  const tr = last + 1;
  const col = (c: string): CellObj => ({ f: `SUM(${c}${first}:${c}${last})`, r: 0 });
  const total: C[] = [
    null,
    '合计',
    { ...col('C'), r: sum('villages') },
    { ...col('D'), r: sum('petRecv') },
    { ...col('E'), r: sum('petRes') },
    { f: `ROUND(E${tr}/D${tr}*100,1)`, r: round1((sum('petRes') / sum('petRecv')) * 100), fmt: '0.0' },
    { ...col('G'), r: sum('dispRecv') },
    { ...col('H'), r: sum('dispMed') },
    { v: sum('events') - EVENTS_TOTAL_SHORTFALL, tag: `PLANT sum-mismatch (typed ${sum('events') - EVENTS_TOTAL_SHORTFALL}, column sums to ${sum('events')})` },
    { ...col('J'), r: sum('counsels') },
    { ...col('K'), r: sum('officers') },
    null,
  ];
  return {
    file: '沈丘县-2023-汇总.xlsx',
    title: T,
    sheets: [
      identitySheet('沈丘县2023年度乡镇法治政府建设指标汇总', [
        ['单位名称', '沈丘县委全面依法治县委员会办公室', null],
        ['报告年度', 2023, null],
        ['报送对象', '县委、县政府', null],
        ['落款日期', '2024年1月20日', null],
      ]),
      {
        name: '汇总表',
        widths: [6, 12, 12, 14, 14, 11, 14, 12, 16, 11, 14, 26],
        freeze: 2,
        rows: [
          { kind: 'title', text: T },
          {
            kind: 'header',
            cells: ['序号', '乡镇', '行政村数（个）', '受理信访案件（件）', '化解信访案件（件）', '化解率（%）', '受理矛盾纠纷（件）', '调解成功（件）', '普法宣传活动（场次）', '法律顾问（名）', '行政执法人员（人）', '备注'],
          },
          ...rows,
          { kind: 'data', cells: total, total: true },
        ],
      },
    ],
  };
}

// ───────────────────────────── 5. 示范镇-2023-无误.xlsx (the CLEAN workbook) ─────────────────────────────

function shifan(): BookSpec {
  const T = '示范镇2023年度法治政府建设指标统计表';
  return {
    file: '示范镇-2023-无误.xlsx',
    title: T,
    sheets: [
      identitySheet(T, [
        ['单位名称', '示范镇人民政府', null],
        ['报告年度', 2023, null],
        ['报送对象', '中共沈丘县委、沈丘县人民政府', null],
        ['落款日期', '2024年1月8日', null],
        ['行政村（社区）数', '20个', '与公共法律服务表一致'],
      ]),
      indicatorSheet(
        '第一责任人履职',
        '党政主要负责人履行推进法治建设第一责任人职责情况',
        numbered([
          sec('一、党政主要负责人履行推进法治建设第一责任人职责情况'),
          sec('（一）组织领导和带头学法'),
          ['法治建设领导小组', '—', '是', '镇党委书记任组长'],
          ['党委（政府）专题研究法治建设会议', '次', 4, null],
          ['党委理论学习中心组学法', '次', 6, null],
          ['会前学法', '次', 12, null],
          ['年终述法', '—', '是', null],
          sec('（二）依法决策'),
          ['重大行政决策', '项', 6, null],
          ['集体讨论决定', '项', 6, '均经党委会集体讨论决定'],
          ['重大行政决策合法性审查', '件', 4, null],
        ]),
      ),
      indicatorSheet(
        '法治宣传教育',
        '法治宣传教育情况',
        numbered([
          sec('二、法治宣传教育'),
          ['普法宣传活动', '次', '百余', null],
          ['印发普法宣传材料', '份', '3000余', null],
          ['张贴普法条幅', '幅', '近300', null],
          ['法治培训', '场', '十二', '镇村干部法律轮训'],
          ['参训人次', '人次', '600余', null],
          ['普法宣讲团', '支', 1, null],
          ['宣讲团成员', '人', '１６', null],
          ['法律咨询', '人次', 85, null],
          ['学法考试应考人数', '人', 50, null],
          ['学法考试参考人数', '人', 49, null],
          ['学法考试参考率', '%', { v: 0.98, fmt: PCT0 }, null],
          ['学法考试优秀人数', '人', 30, null],
          ['学法考试优秀率', '%', 61.2, null],
          ['黑板报', '期', '—', null],
        ]),
      ),
      indicatorSheet(
        '矛盾纠纷化解',
        '矛盾纠纷排查化解情况',
        numbered([
          sec('三、矛盾纠纷化解与社会治理'),
          ['受理信访案件', '件', '37件', null],
          ['化解信访案件', '件', '35件', null],
          ['信访案件化解率', '%', '94.6%', null],
          ['受理矛盾纠纷', '件', 52, null],
          ['调解成功数', '件', 50, null],
          ['调解成功率', '%', { v: 0.962, fmt: PCT1 }, null],
          ['热线工单', '个', 210, null],
          ['工单办结数', '个', 208, null],
          ['工单办结率', '%', { v: 0.99, fmt: PCT1 }, null],
          ['工单满意率', '%', { v: 0.985, fmt: PCT1 }, null],
          ['安置帮教对象', '人', 8, null],
          ['重点管控人员', '人', null, null],
        ]),
      ),
      indicatorSheet(
        '行政执法',
        '行政执法情况',
        numbered([
          sec('四、行政执法'),
          ['行政执法人员', '人', 15, null],
          ['持证人数', '人', 15, null],
          ['持证率', '%', '100%', null],
          ['新申领执法证', '人', 4, null],
          ['执法业务培训', '场', 4, null],
          ['执法业务培训人次', '人次', 60, null],
          ['出动执法人员', '人次', 500, null],
          ['检查商户', '家次', 300, null],
          ['排查隐患', '项', 96, null],
          ['执法文书', '份', 52, null],
          ['立案查处', '起', 7, null],
          ['罚没款', '万元', 2.6, null],
          ['规范性文件备案审查', '件', '无', null],
        ]),
      ),
      indicatorSheet(
        '公共法律服务',
        '公共法律服务与法治阵地建设情况',
        numbered([
          sec('五、公共法律服务与法治阵地建设'),
          ['行政村数', '个', 20, null],
          ['配备法律顾问的村数', '个', 20, null],
          ['法律顾问覆盖率', '%', '全覆盖', '全镇20个行政村均配备法律顾问'],
          ['法律顾问人数', '名', 5, null],
          ['镇政府法律顾问', '名', 1, null],
          ['村法律顾问', '名', 4, null],
          ['法治图书室', '个', 20, null],
          ['县级民主法治示范村', '个', 4, null],
          ['市级民主法治示范村', '个', 2, null],
          ['省级民主法治示范村', '个', '—', null],
          ['法治阵地建设投入', '万元', 12.5, null],
        ]),
      ),
      textSheet('存在问题', '存在的不足和原因', '存在的问题', [
        '部分干部运用法治思维和法治方式解决问题的能力还需提升。',
        '普法宣传形式较为单一，针对外出务工人员和青少年的宣传还不够精准。',
        '行政执法队伍专业力量不足，具有法律专业背景的人员较少。',
      ]),
      textSheet('下步安排', '下一年度法治政府建设的主要安排', '工作安排', [
        '持续深入学习贯彻习近平法治思想，落实领导干部学法制度。',
        '深化“八五”普法，推动普法宣传进村入户、进校园、进企业。',
        '加强行政执法队伍建设，组织执法资格培训考试，确保持证上岗。',
        '巩固村（社区）法律顾问全覆盖成果，提升公共法律服务质效。',
      ]),
    ],
  };
}

// ───────────────────────────── main ─────────────────────────────

export const SAMPLE_BOOKS = [zhouying, dazhongzhuang, qianying, shenqiu, shifan];

/** Every sample as file name → bytes (nothing written). Tests use this to prove the committed files are current. */
export async function buildSamples(): Promise<Map<string, Buffer>> {
  tagged.length = 0;
  const out = new Map<string, Buffer>();
  for (const make of SAMPLE_BOOKS) {
    const spec = make();
    out.set(spec.file, await bookBytes(spec));
  }
  return out;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--out');
  const dir = i > 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : OUT_DIR;
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of await buildSamples()) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
  if (PRINT_CELLS) for (const t of tagged) console.log(t);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
