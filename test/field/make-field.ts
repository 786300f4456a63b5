/**
 * Field-test workbooks: township sheets in the layouts real offices send (WPS defaults, one sheet for everything,
 * unit after the value, Chinese numerals, two-level headers, 上年度/本年度, nested 序号 with 其中 rows, rates
 * as 0.946 in General cells, a transposed county summary). Written independently of the extractor, to see how
 * it meets workbooks it was not designed around.
 *
 * Each workbook comes in two versions: `planted` (with the inconsistencies listed in field.test.ts) and `twin`
 * (the same sheet with every figure consistent). Nothing here is committed as a binary: the test writes the
 * bytes into a temp dir and reads them back with the real file adapter.
 *
 * Figures follow /work/shared/domain/reports/ (前营乡 二十余件 / 25个行政村 / 中心组5次 / 党委会学法10次;
 * 大钟庄镇 4次 / 12次 / 2万余份 / 1500多条 / 68件次 / 45个行政村 / 10名法律顾问 (1+9) / 10多万元;
 * 周营镇 20个行政村 / 百余次 / 近3万余份 / 近300余幅); the rest is invented but plausible.
 */
import * as ExcelJS from 'exceljs';

type V = string | number | boolean | null;
interface CellObj {
  v?: V;
  /** Formula (no `=`) with its cached result. */
  f?: string;
  r?: number;
  fmt?: string;
}
type C = V | CellObj;

export interface SheetSpec {
  name: string;
  widths: number[];
  /** Rows from row 1, cells from column A. */
  rows: C[][];
  /** Merged areas, `A1:E2`. */
  merges?: string[];
  /** Rows (1-based) printed bold with a fill: headers. */
  headerRows?: number[];
}

export interface BookSpec {
  file: string;
  sheets: SheetSpec[];
}

const isObj = (c: C): c is CellObj => c !== null && typeof c === 'object';

async function bytes(spec: BookSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'field test';
  for (const s of spec.sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.widths.map((w) => ({ width: w }));
    s.rows.forEach((row, i) => {
      row.forEach((c, j) => {
        if (c === null) return;
        const cell = ws.getCell(i + 1, j + 1);
        const o: CellObj = isObj(c) ? c : { v: c };
        if (o.f !== undefined) cell.value = { formula: o.f, result: o.r } as ExcelJS.CellFormulaValue;
        else if (o.v !== undefined && o.v !== null) cell.value = o.v;
        if (o.fmt) cell.numFmt = o.fmt;
        cell.font = { name: '宋体', size: 11, bold: s.headerRows?.includes(i + 1) };
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `twin ? consistent : planted` */
type Pick = <T>(consistent: T, planted: T) => T;

// ───────────────────────────── F1: everything on one sheet ─────────────────────────────

/** 周营镇: one sheet, two-row merged title, section rows 一、…七、, text items at the end, the 落款 under them. */
function oneSheet(p: Pick): BookSpec {
  return {
    file: '周营镇-2023-一表通.xlsx',
    sheets: [
      {
        name: '2023年指标',
        widths: [6, 36, 8, 12, 30],
        merges: ['A1:E2', 'A4:E4', 'A8:E8', 'A12:E12', 'A18:E18', 'A21:E21', 'A25:E25', 'B26:E26', 'B27:E27', 'A28:E28', 'B29:E29', 'B30:E30'],
        headerRows: [3],
        rows: [
          ['周营镇2023年度法治政府建设工作情况统计表'],
          [],
          ['序号', '指标名称', '单位', '数值', '备注'],
          ['一、党政主要负责人履行推进法治建设第一责任人职责情况'],
          [1, '法治建设领导小组', null, '是', '党委书记任组长'],
          [2, '党委专题研究法治建设会议', '次', 4, null],
          [3, '党委理论学习中心组学法', '次', 6, null],
          ['二、法治宣传教育'],
          [1, '群众性普法宣传活动', '次', '百余', null],
          [2, '印发普法宣传材料', '份', '近3万余', null],
          [3, '张贴普法条幅', '幅', '近300余', null],
          ['三、矛盾纠纷化解'],
          [1, '受理信访案件', '件', 9, null],
          [2, '化解信访案件', '件', p(9, 7), null],
          [3, '信访案件化解率', '%', '100%', null],
          [4, '受理矛盾纠纷', '件', 37, null],
          [5, '调解成功', '件', 35, null],
          ['四、行政执法'],
          [1, '行政执法人员', '人', 12, null],
          [2, '持证人数', '人', p(11, 14), null],
          ['五、公共法律服务'],
          [1, '行政村数', '个', 20, null],
          [2, '配备法律顾问的村数', '个', 20, null],
          [3, '法律顾问覆盖率', '%', '全覆盖', null],
          ['六、存在的不足和原因'],
          [1, '部分党员干部理论学习不够深入、不够系统，重点精读和拓展阅读的深度广度不够。'],
          [2, '个别党员干部的法治意识不强，一些基础性的法律知识存在欠缺。'],
          ['七、下一年度主要安排'],
          [1, '带头学法守法用法，提高法治素质。'],
          [2, '完善法治教育机制，加大普法力度。'],
          [],
          [null, null, null, '周营镇人民政府'],
          [null, null, null, '2023年12月13日'],
        ],
      },
    ],
  };
}

// ───────────────────────────── F2: WPS default sheet, 填报单位/填报日期 line ─────────────────────────────

/** 前营乡: WPS `Sheet1`, title row, 填报单位/填报日期 line, header on row 3, a label merged over its 场/人次 rows, a 填报人 line at the bottom. */
function wps(p: Pick): BookSpec {
  return {
    // no year in the file name nor in the title: the 报告年度 comes from the first-quarter 填报日期
    file: '前营乡-WPS填报表.xlsx',
    sheets: [
      {
        name: 'Sheet1',
        widths: [6, 30, 10, 12, 24],
        merges: ['A1:E1', 'A2:C2', 'D2:E2', 'A19:A20', 'B19:B20'],
        headerRows: [3],
        rows: [
          ['前营乡法治政府建设主要指标完成情况表'],
          ['填报单位：前营乡人民政府（盖章）', null, null, '填报日期：2024年1月5日'],
          ['序号', '指标名称', '计量单位', '完成数', '备注'],
          [1, '法治建设领导小组', null, '是', null],
          [2, '中心组学习法治思想', '次', 5, null],
          [3, '党委会学法', '次', 10, null],
          [4, '专题研究法治建设会议', '次', 3, '党委书记主持'],
          [5, '普法宣传活动', '场次', 18, null],
          [6, '调处各类矛盾纠纷', '件', '二十余', null],
          [7, '行政村数', '个', 25, null],
          [8, '配备法律顾问的村数', '个', p(25, 23), '碧野律师事务所'],
          [9, '法律顾问覆盖率', null, '全覆盖', null],
          [10, '受理信访案件', '件', 15, null],
          [11, '化解信访案件', '件', 14, null],
          [12, '行政执法人员', '人', 6, null],
          [13, '持证人数', '人', 5, null],
          [14, '辖行政村', '个', p(25, 26), null],
          [15, '法治图书室', '个', '１２个', null],
          [16, '法治培训', '场', 6, null],
          [null, null, '人次', 300, null],
          [],
          ['填报人：王明', null, '审核人：李华', null, '联系电话：0394-5123456'],
        ],
      },
    ],
  };
}

// ───────────────────────────── F3: 项目 | 内容 | 数量 | 单位, Chinese numerals ─────────────────────────────

/** 大钟庄镇: category column with merged cells, the unit after the value, figures in Chinese numerals. */
function unitAfter(p: Pick): BookSpec {
  return {
    file: '大钟庄镇-2021-工作量.xlsx',
    sheets: [
      {
        name: '工作量统计',
        widths: [14, 28, 14, 8, 24],
        merges: ['A1:E1', 'A3:A6', 'A7:A10', 'A11:A14', 'A15:A17', 'A18:A19'],
        headerRows: [2],
        rows: [
          ['大钟庄镇2021年度法治政府建设工作量统计'],
          ['项目', '内容', '数量', '单位', '备注'],
          ['依法执政', '党委中心组学习', 4, '次', null],
          [null, '会前学法', '十二', '次', null],
          [null, '党政联席会议研究法治建设', '十二', '次', '每月召开'],
          [null, '法治建设领导小组', '是', null, null],
          ['普法宣传', '发放宣传资料', '两万余份', '份', null],
          [null, '制作宣传横幅', '1500多', '条', null],
          [null, '普法宣传活动', '二十六场', '场次', null],
          [null, '法律咨询', '一百二十人次', '人次', null],
          ['矛盾纠纷', '受理矛盾纠纷', '六十八件次', '件次', null],
          [null, '调解成功', p('六十六件', '七十件'), '件', null],
          [null, '受理信访案件', '四十八件', '件', null],
          [null, '化解信访案件', '四十五件', '件', null],
          ['公共法律服务', '行政村', '45个', '个', null],
          [null, '法律顾问', '１０名', '名', '镇1名、村9名'],
          [null, '镇村两级投资', '10多万元', '万元', '法治阵地建设'],
          ['行政执法', '行政执法人员', '十六人', '人', null],
          [null, '持证人数', '１５人', '人', null],
        ],
      },
    ],
  };
}

// ───────────────────────────── F4: two-level header summary ─────────────────────────────

/** 沈丘县: one row per township under `信访工作` merged over `受理 | 化解 | 化解率（%）`, a 合计 row with formulas. */
function twoLevel(p: Pick): BookSpec {
  const rows: [string, number, number, number, number, number, number, number, number, number][] = [
    ['周营镇', 9, 7, 77.8, 37, 35, 94.6, 12, 11, 91.7],
    ['前营乡', 15, 14, 93.3, 22, 20, 90.9, 6, 5, 83.3],
    ['大钟庄镇', 48, 45, p(93.8, 98), 68, 66, 97.1, 16, 15, 93.8],
    ['白楼镇', 13, 12, 92.3, 30, 28, 93.3, 8, p(7, 9), p(87.5, 112.5)],
    ['槐店镇', 20, 20, 100, 40, 38, 95, 10, 10, 100],
  ];
  const sum = (k: number) => rows.reduce((s, r) => s + (r[k] as number), 0);
  const pct = (a: number, b: number) => Math.round((a / b) * 1000) / 10;
  const n = rows.length;
  const last = 4 + n - 1;
  const col = (k: number) => String.fromCharCode(65 + k + 1); // row field k → column (B = township)
  const tot = (k: number): CellObj => ({ f: `SUM(${col(k)}4:${col(k)}${last})`, r: sum(k) });
  const ratio = (a: number, b: number): CellObj => ({ f: `ROUND(${col(a)}${last + 1}/${col(b)}${last + 1}*100,1)`, r: pct(sum(a), sum(b)) });
  return {
    file: '沈丘县-2023-双层表头.xlsx',
    sheets: [
      {
        name: '信访矛盾执法汇总',
        widths: [6, 12, 8, 8, 10, 8, 10, 12, 8, 8, 10],
        merges: ['A1:K1', 'A2:A3', 'B2:B3', 'C2:E2', 'F2:H2', 'I2:K2', `A${last + 1}:B${last + 1}`],
        headerRows: [2, 3],
        rows: [
          ['沈丘县2023年度各乡镇信访、矛盾纠纷和行政执法情况汇总表'],
          ['序号', '乡镇', '信访工作', null, null, '矛盾纠纷', null, null, '行政执法人员', null, null],
          [null, null, '受理', '化解', '化解率（%）', '受理', '调解成功', '调解成功率（%）', '总数', '持证', '持证率（%）'],
          ...rows.map((r, i) => [i + 1, ...r] as C[]),
          // planted: the 受理 total typed over its formula (100 where the column sums to 105)
          ['合计', null, p<C>(tot(1), { v: 100 }), tot(2), ratio(2, 1), tot(4), tot(5), ratio(5, 4), tot(7), tot(8), ratio(8, 7)],
        ],
      },
    ],
  };
}

// ───────────────────────────── F5: 上年度 | 本年度 ─────────────────────────────

/** 前营乡: year columns named 上年度 / 本年度 (the year only in the title). */
function lastThisYear(p: Pick): BookSpec {
  return {
    file: '前营乡-2023-同比.xlsx',
    sheets: [
      {
        name: '主要指标对比',
        widths: [6, 28, 8, 10, 10, 24],
        merges: ['A1:F1'],
        headerRows: [2],
        rows: [
          ['前营乡2023年法治政府建设主要指标对比表'],
          ['序号', '指标名称', '单位', '上年度', '本年度', '备注'],
          [1, '法治建设领导小组', null, '是', '是', null],
          [2, '中心组学习法治思想', '次', 4, 5, null],
          [3, '党委会学法', '次', 8, 10, null],
          [4, '专题研究法治建设会议', '次', 2, 3, null],
          [5, '普法宣传活动', '场次', 15, 18, null],
          [6, '法律咨询', '人次', 45, p(52, 260), null],
          [7, '受理信访案件', '件', 15, 12, null],
          [8, '化解信访案件', '件', 14, 11, null],
          [9, '信访案件化解率', '%', 93.3, p(91.7, 100), null],
          [10, '调处矛盾纠纷', '件', 18, '二十余', null],
          [11, '发放法治宣传资料', '份', 1800, '两千余份', null],
          [12, '行政村数', '个', 25, 25, null],
          [13, '行政执法人员', '人', 6, 6, null],
          [14, '持证人数', '人', 5, 5, null],
          // planted: a jump the township explains in its 备注 (the twin's figure is ordinary)
          [15, '法治培训参训人次', '人次', 40, p(52, 180), p(null, '组织全乡“法律明白人”集中轮训')],
        ],
      },
    ],
  };
}

// ───────────────────────────── F6: nested 序号 and 其中 rows ─────────────────────────────

/** 大钟庄镇: 一、 sections, （一） items, `1.` sub-items written `其中：化解`, units inside the cells, no unit column. */
function nested(p: Pick): BookSpec {
  return {
    file: '大钟庄镇-2021-其中.xlsx',
    sheets: [
      {
        name: '指标完成情况',
        widths: [8, 32, 14, 24],
        merges: ['A1:D1', 'A3:D3', 'A8:D8', 'A11:D11', 'A16:D16', 'A21:D21'],
        headerRows: [2],
        rows: [
          ['大钟庄镇2021年度法治政府建设指标完成情况'],
          ['序号', '指标', '完成情况', '备注'],
          ['一、依法执政'],
          ['（一）', '法治建设领导小组', '是', null],
          ['（二）', '党委理论学习中心组学法', '4次', null],
          ['（三）', '会前学法', '12次', null],
          ['（四）', '党政联席会议研究法治建设', '12次', '每月一次'],
          ['二、法治宣传'],
          ['（一）', '普法宣传活动', '26场', null],
          ['（二）', '发放宣传资料', '2万余份', null],
          ['三、矛盾纠纷化解'],
          ['（一）', '信访案件', '48件', null],
          ['1.', '其中：化解', p('45件', '50件'), null],
          ['（二）', '矛盾纠纷', '68件次', null],
          ['1.', '其中：调解成功', '66件次', null],
          ['四、公共法律服务'],
          ['（一）', '行政村', '45个', null],
          ['（二）', '法律顾问', '10名', null],
          ['1.', '其中：镇政府法律顾问', '1名', null],
          ['2.', '村法律顾问', p('9名', '8名'), '每名负责5个村'],
          ['五、行政执法'],
          ['（一）', '行政执法人员', '16人', null],
          ['1.', '其中：持证', '15人', null],
        ],
      },
    ],
  };
}

// ───────────────────────────── F7: rates as fractions in General cells ─────────────────────────────

/** 周营镇: `0.946` in a General cell under 调解成功率, `0.98` under 化解率, 100 % as a bare `1`; a `比率（%）` column with bare 98 / 63.3. */
function fractions(p: Pick): BookSpec {
  return {
    file: '周营镇-2023-比率.xlsx',
    sheets: [
      {
        name: '主要指标',
        widths: [6, 28, 8, 12],
        merges: ['A1:D1'],
        headerRows: [2],
        rows: [
          ['周营镇2023年法治政府建设主要指标'],
          ['序号', '指标名称', '单位', '数值'],
          [1, '法治建设领导小组', null, '是'],
          [2, '专题研究法治建设会议', '次', 4],
          [3, '中心组学法', '次', 6],
          [4, '普法宣传活动', '次', 100],
          [5, '受理矛盾纠纷', '件', 37],
          [6, '调解成功', '件', 35],
          [7, '调解成功率', null, 0.946],
          [8, '受理信访案件', '件', 48],
          [9, '化解信访案件', '件', 45],
          [10, '化解率', null, p(0.938, 0.98)],
          [11, '行政执法人员', '人', 12],
          [12, '持证人数', '人', 11],
          [13, '行政村数', '个', 20],
          [14, '配备法律顾问的村数', '个', 20],
          [15, '法律顾问覆盖率', null, 1],
        ],
      },
      {
        name: '学法考试',
        widths: [28, 12, 12],
        merges: ['A1:C1'],
        headerRows: [2],
        rows: [
          ['周营镇2023年学法考试情况'],
          ['指标名称', '人数（人）', '比率（%）'],
          ['学法考试应考人数', 50, null],
          ['学法考试参考人数', 49, null],
          ['学法考试参考率', null, 98],
          ['学法考试优秀人数', 31, null],
          ['学法考试优秀率', null, p(63.3, 36.3)],
        ],
      },
    ],
  };
}

// ───────────────────────────── F8: transposed county summary ─────────────────────────────

/** 沈丘县: indicators as rows, townships as COLUMNS, a 合计 column. */
function transposed(p: Pick): BookSpec {
  return {
    file: '沈丘县-2023-转置汇总.xlsx',
    sheets: [
      {
        name: '乡镇汇总',
        widths: [6, 20, 8, 10, 10, 10, 10, 10],
        merges: ['A1:H1'],
        headerRows: [2],
        rows: [
          ['沈丘县2023年度各乡镇法治政府建设主要指标汇总表'],
          ['序号', '指标名称', '单位', '周营镇', '前营乡', '白楼镇', '槐店镇', '合计'],
          [1, '行政村数', '个', 20, 25, 18, 22, 85],
          [2, '受理信访案件', '件', 9, 15, 13, 20, 57],
          [3, '化解信访案件', '件', 7, 14, p(12, 15), 20, p(53, 56)],
          [4, '信访案件化解率', '%', 77.8, 93.3, p(92.3, 115.4), 100, p(93, 98.2)],
          [5, '普法宣传活动', '场次', 100, 18, 40, 35, p(193, 183)],
          [6, '行政执法人员', '人', 12, 6, 8, 10, 36],
          [7, '持证人数', '人', 11, 5, 7, 10, 33],
        ],
      },
    ],
  };
}

export const FIELD_BOOKS = {
  oneSheet,
  wps,
  unitAfter,
  twoLevel,
  lastThisYear,
  nested,
  fractions,
  transposed,
} as const;
export type FieldBook = keyof typeof FIELD_BOOKS;

/** The spec of one workbook, planted or its consistent twin. */
export function fieldSpec(book: FieldBook, twin: boolean): BookSpec {
  const p: Pick = (consistent, planted) => (twin ? consistent : planted);
  const spec = FIELD_BOOKS[book](p);
  return twin ? { ...spec, file: spec.file.replace('.xlsx', '-无误.xlsx') } : spec;
}

/** The .xlsx bytes of one workbook. */
export function fieldBytes(book: FieldBook, twin: boolean): Promise<Buffer> {
  return bytes(fieldSpec(book, twin));
}
