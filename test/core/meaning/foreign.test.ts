/**
 * Workbooks written in other offices' words (issue 10): not the catalog's names, but phrases from the three real
 * reports and from county forms. Each is checked end to end with `check`; what a statistician would see must hold:
 * - no false 合计 (`sum-mismatch`), conflict (`conflicting-values`), part-over-whole or rate finding — only the
 *   inconsistencies planted on purpose, each found at its cell;
 * - every figure that lands on an indicator lands on the right one; a label that cannot be placed is a hint
 *   (`unknown-indicator` or `ambiguous-label`), never silently dropped;
 * - every rate whose parts are present is recomputed, with the right value.
 * Then one test per example of issue 10's "today's behaviour", asserting the behaviour the issue asks for.
 *
 * Seven workbooks (W1–W7), four with a twin carrying planted inconsistencies. Written without looking at the placement model; the figures follow the reports where they give them
 * (周营镇 37/35, 9/7, 20 村; 前营乡 25 村, 二十余件; 大钟庄镇 45 村, 10 名法律顾问 1+9, 10多万元, 68件次).
 */
import { check } from '../../../src/core/check';
import type { Cell, CheckResult, Grid, Workbook } from '../../../src/core/types';
import { grid } from '../extract-helpers';

const WATCHED = ['sum-mismatch', 'conflicting-values', 'part-exceeds-whole', 'rate-mismatch'];
const HINTS = ['unknown-indicator', 'ambiguous-label'];

/** `sheet!cell` → the indicator the figure there is. */
type Place = [sheet: string, cell: string, id: string];
/** A label that names no indicator of the catalog (or not clearly one): its row must be a hint, not a figure. */
interface Hint {
  sheet: string;
  label: string;
  labelCell: string;
  valueCell: string;
}
interface RateExp {
  id: string;
  entity?: string;
  /** percent, unrounded */
  value: number;
}
interface Case {
  title: string;
  book: Workbook;
  places: Place[];
  hints: Hint[];
  rates: RateExp[];
  /** `rule sheet!cell` of each inconsistency planted on purpose. */
  planted: string[];
}

/** The cells of one column from row `from` to row `to` (1-based, as Excel numbers them), all one indicator. */
function column(sheet: string, col: string, from: number, to: number, id: string): Place[] {
  const out: Place[] = [];
  for (let r = from; r <= to; r++) out.push([sheet, `${col}${r}`, id]);
  return out;
}

function identity(unit: string, year: number): Grid {
  return grid('基本情况', [
    ['单位名称', unit],
    ['报告年度', `${year}年`],
    ['报送对象', '中共沈丘县委、沈丘县人民政府'],
  ]);
}

/** One indicator per row under a merged title: 序号 | label | 单位 | value | 备注. Value cells are column D from row 3. */
function rowSheet(name: string, title: string, header: string[], body: Cell[][]): Grid {
  return grid(name, [[title], header, ...body], { merges: ['A1:E1'] });
}

// ───────────────────────────── the workbooks ─────────────────────────────

/** W1 — the issue's county summary, with a rate column; the 合计 row adds up. */
function disputesSummary(planted: boolean): Case {
  const S = '矛盾纠纷汇总';
  const sheet = grid(
    S,
    [
      ['沈丘县2023年度各乡镇矛盾纠纷调解情况汇总表', null, null, null, null],
      ['序号', '乡镇', '矛盾纠纷受理（件）', '矛盾纠纷调解成功（件）', '调解成功率（%）'],
      [1, '周营镇', 37, 35, 94.6],
      [2, '前营乡', 22, 20, planted ? 100 : 90.9],
      [3, '大钟庄镇', 68, 66, 97.1],
      [4, '白楼镇', 9, 7, 77.8],
      [null, '合计', 136, 128, 94.1],
    ],
    { merges: ['A1:E1'] },
  );
  return {
    title: `W1 county summary 矛盾纠纷受理（件）| 矛盾纠纷调解成功（件）| 调解成功率（%）${planted ? ', 前营乡 rate planted wrong' : ''}`,
    book: { name: '沈丘县-2023-矛盾纠纷汇总.xlsx', sheets: [sheet] },
    places: [...column(S, 'C', 3, 7, 'disputes_received'), ...column(S, 'D', 3, 7, 'disputes_mediated'), ...column(S, 'E', 3, 7, 'dispute_mediation_rate')],
    hints: [],
    rates: [
      { id: 'dispute_mediation_rate', entity: '周营镇', value: (35 / 37) * 100 },
      { id: 'dispute_mediation_rate', entity: '前营乡', value: (20 / 22) * 100 },
      { id: 'dispute_mediation_rate', entity: '大钟庄镇', value: (66 / 68) * 100 },
      { id: 'dispute_mediation_rate', entity: '白楼镇', value: (7 / 9) * 100 },
      { id: 'dispute_mediation_rate', entity: '合计', value: (128 / 136) * 100 },
    ],
    planted: planted ? [`rate-mismatch ${S}!E4`] : [],
  };
}

/** W2 — 公共法律服务: levels of 示范村 including 全国, a 示范社区 row, a bare 示范村 total, an amount in 元. */
function legalServices(): Case {
  const S = '公共法律服务';
  const sheet = rowSheet(S, '大钟庄镇2021年度公共法律服务和法治阵地建设情况', ['序号', '项目', '单位', '2021年', '备注'], [
    [1, '辖区行政村（社区）', '个', 45, null],
    [2, '法律顾问服务覆盖村（社区）', '个', 45, null],
    [3, '村居法律顾问覆盖率', '%', '100%', null],
    [4, '聘用法律顾问', '名', 10, '区为我镇聘用'],
    [null, '其中：镇政府', '名', 1, null],
    [null, '其中：村（社区）', '名', 9, '每名负责5个村'],
    [5, '全国民主法治示范村', '个', 1, null],
    [6, '省级民主法治示范村', '个', 2, null],
    [7, '市级民主法治示范村', '个', 4, null],
    [8, '县级民主法治示范村（社区）', '个', 6, null],
    [9, '县级民主法治示范社区', '个', 1, null],
    [10, '民主法治示范村', '个', 13, '各级合计'],
    [11, '农家书屋', '个', 45, null],
    [12, '镇村两级投资（法治阵地）', '元', 103000, '10多万元'],
    [13, '法治图书角', '个', 12, null],
  ]);
  return {
    title: 'W2 legal services: 全国/省级/市级/县级 示范村, 示范社区, a bare 民主法治示范村, 元',
    book: { name: '大钟庄镇-2021-公共法律服务.xlsx', sheets: [identity('大钟庄镇', 2021), sheet] },
    places: [
      [S, 'D3', 'villages'],
      [S, 'D4', 'villages_with_counsel'],
      [S, 'D5', 'counsel_coverage_rate'],
      [S, 'D6', 'legal_counsels'],
      [S, 'D7', 'town_counsels'],
      [S, 'D8', 'village_counsels'],
      [S, 'D9', 'demo_villages_national'],
      [S, 'D10', 'demo_villages_province'],
      [S, 'D11', 'demo_villages_city'],
      [S, 'D12', 'demo_villages_county'],
      [S, 'D13', 'demo_communities_county'],
      [S, 'D16', 'position_investment'],
      [S, 'D17', 'law_libraries'],
    ],
    hints: [
      { sheet: S, label: '民主法治示范村', labelCell: 'B14', valueCell: 'D14' },
      { sheet: S, label: '农家书屋', labelCell: 'B15', valueCell: 'D15' },
    ],
    rates: [{ id: 'counsel_coverage_rate', value: 100 }],
    planted: [],
  };
}

/** W3 — a 法律知识考试 block: 应考 / 参考 / 未参考 / 合格 / 优秀 and three rates. */
function exam(planted: boolean): Case {
  const S = '学法考试';
  const sheet = rowSheet(S, '周营镇2023年度党员干部法律知识考试情况', ['序号', '项目', '单位', '数量', '备注'], [
    [1, '法律知识考试应考人员', '人', 86, null],
    [2, '实际参考人员', '人', 82, null],
    [3, '未参考人员', '人', 4, '因病因公请假'],
    [4, '考试合格人员', '人', planted ? 84 : 80, null],
    [5, '成绩优秀人员', '人', 31, '90分以上'],
    [6, '参考率', '%', '95.3%', null],
    [7, '合格率', '%', planted ? '—' : '97.6%', null],
    [8, '优秀率', '%', '37.8%', null],
    [9, '补考人员', '人', 2, null],
  ]);
  const qualified = planted ? 84 : 80;
  return {
    title: `W3 exam: 应考/参考/未参考/合格/优秀${planted ? ', 合格 planted above 参考' : ''}`,
    book: { name: '周营镇-2023-学法考试.xlsx', sheets: [identity('周营镇', 2023), sheet] },
    places: [
      [S, 'D3', 'exam_expected'],
      [S, 'D4', 'exam_taken'],
      [S, 'D5', 'exam_not_taken'],
      [S, 'D6', 'exam_qualified'],
      [S, 'D7', 'exam_excellent'],
      [S, 'D8', 'exam_participation_rate'],
      // in the planted variant the 合格率 is left blank (—): still its label, an absent figure
      [S, 'D9', 'exam_qualified_rate'],
      [S, 'D10', 'exam_excellence_rate'],
    ],
    hints: [{ sheet: S, label: '补考人员', labelCell: 'B11', valueCell: 'D11' }],
    rates: [
      { id: 'exam_participation_rate', value: (82 / 86) * 100 },
      { id: 'exam_qualified_rate', value: (qualified / 82) * 100 },
      { id: 'exam_excellence_rate', value: (31 / 82) * 100 },
    ],
    planted: planted ? [`part-exceeds-whole ${S}!D6`] : [],
  };
}

/** W4 — petitions and the hotline side by side, each with bare 办结 / 结案率 / 化解率 / 满意率 rows. */
function petitionsAndHotline(planted: boolean): Case {
  const P = '信访工作';
  const H = '12345热线';
  const petitions = rowSheet(P, '前营乡2023年信访工作情况', ['序号', '指标', '单位', '2023年', '备注'], [
    [1, '受理群众信访事项', '件', 37, null],
    [2, '办结信访事项', '件', 35, null],
    [3, '结案率', '%', planted ? '100%' : '94.6%', null],
    [4, '化解信访事项', '件', 34, null],
    [5, '化解率', '%', '91.9%', null],
    [6, '群众满意率', '%', '98%', null],
    [7, '化解信访积案', '件', 3, null],
  ]);
  const hotline = rowSheet(H, '前营乡2023年12345热线工单办理情况', ['序号', '指标', '单位', '2023年', '备注'], [
    [1, '接收转办工单', '件', 120, null],
    [2, '办结', '件', 120, null],
    [null, '其中：按期办结', '件', 114, null],
    [3, '办结率', '%', '100%', null],
    [4, '按期办结率', '%', '95%', null],
    [5, '满意率', '%', '96.5%', null],
    [6, '不满意率', '%', '1.2%', null],
    [7, '无效工单', '件', 6, null],
  ]);
  return {
    title: `W4 petitions (受理/办结/结案率/化解率/满意率) beside the hotline (办结/按期办结/不满意率)${planted ? ', 结案率 planted wrong' : ''}`,
    book: { name: '前营乡-2023-信访与热线.xlsx', sheets: [identity('前营乡', 2023), petitions, hotline] },
    places: [
      [P, 'D3', 'petitions_received'],
      [P, 'D4', 'petitions_closed'],
      [P, 'D5', 'petition_closure_rate'],
      [P, 'D6', 'petitions_resolved'],
      [P, 'D7', 'petition_resolution_rate'],
      [P, 'D8', 'petition_satisfaction_rate'],
      [H, 'D3', 'hotline_tickets'],
      [H, 'D4', 'hotline_closed'],
      [H, 'D5', 'hotline_closed_on_time'],
      [H, 'D6', 'hotline_closure_rate'],
      [H, 'D7', 'hotline_on_time_rate'],
      [H, 'D8', 'hotline_satisfaction_rate'],
      [H, 'D9', 'hotline_dissatisfaction_rate'],
    ],
    hints: [
      { sheet: P, label: '化解信访积案', labelCell: 'B9', valueCell: 'D9' },
      { sheet: H, label: '无效工单', labelCell: 'B10', valueCell: 'D10' },
    ],
    rates: [
      { id: 'petition_closure_rate', value: (35 / 37) * 100 },
      { id: 'petition_resolution_rate', value: (34 / 37) * 100 },
      { id: 'hotline_closure_rate', value: 100 },
      // every ticket was closed, so 按期 over the tickets and 按期 over the closed ones are the same 95%
      { id: 'hotline_on_time_rate', value: (114 / 120) * 100 },
    ],
    planted: planted ? [`rate-mismatch ${P}!D5`] : [],
  };
}

/** W5 — a county summary with two-level headers: 信访（件）受理/化解/化解率 and a provincial 矛盾纠纷 form 排查/调处/调处率/调处成功/成功率. */
function twoLevelSummary(): Case {
  const S = '信访矛盾汇总';
  const sheet = grid(
    S,
    [
      ['沈丘县2023年度乡镇信访和矛盾纠纷排查调处情况汇总表', null, null, null, null, null, null, null, null, null],
      ['序号', '乡镇', '信访（件）', null, null, '矛盾纠纷（件）', null, null, null, null],
      [null, null, '受理', '化解', '化解率（%）', '排查', '调处', '调处率（%）', '调处成功', '成功率（%）'],
      [1, '周营镇', 9, 9, 100, 37, 37, 100, 35, 94.6],
      [2, '前营乡', 15, 14, 93.3, 22, 22, 100, 20, 90.9],
      [3, '白楼镇', 12, 11, 91.7, 18, 18, 100, 15, 83.3],
      [null, '合计', 36, 34, 94.4, 77, 77, 100, 70, 90.9],
    ],
    { merges: ['A1:J1', 'A2:A3', 'B2:B3', 'C2:E2', 'F2:J2'] },
  );
  const towns: [string, number, number, number, number, number][] = [
    ['周营镇', 9, 9, 37, 37, 35],
    ['前营乡', 15, 14, 22, 22, 20],
    ['白楼镇', 12, 11, 18, 18, 15],
    ['合计', 36, 34, 77, 77, 70],
  ];
  return {
    title: 'W5 two-level county summary: 信访（件）受理/化解/化解率, 矛盾纠纷（件）排查/调处/调处率/调处成功/成功率',
    book: { name: '沈丘县-2023-信访矛盾汇总.xlsx', sheets: [sheet] },
    places: [
      ...column(S, 'C', 4, 7, 'petitions_received'),
      ...column(S, 'D', 4, 7, 'petitions_resolved'),
      ...column(S, 'E', 4, 7, 'petition_resolution_rate'),
      ...column(S, 'F', 4, 7, 'disputes_received'),
      ...column(S, 'G', 4, 7, 'disputes_handled'),
      ...column(S, 'H', 4, 7, 'dispute_handling_rate'),
      ...column(S, 'I', 4, 7, 'disputes_mediated'),
      ...column(S, 'J', 4, 7, 'dispute_mediation_rate'),
    ],
    hints: [],
    rates: towns.flatMap(([entity, pr, pres, dr, dh, dm]) => [
      { id: 'petition_resolution_rate', entity, value: (pres / pr) * 100 },
      { id: 'dispute_handling_rate', entity, value: (dh / dr) * 100 },
      // every dispute was handled, so success over the handled and over the received is the same rate
      { id: 'dispute_mediation_rate', entity, value: (dm / dr) * 100 },
    ]),
    planted: [],
  };
}

/** W6 — 行政执法 in other words, 罚没款 in 元 on one sheet and in 万元 on another, a contract review beside a decision review. */
function enforcement(planted: boolean): Case {
  const S = '行政执法';
  const Y = '年度指标';
  const sheet = rowSheet(S, '周营镇2023年度行政执法工作情况', ['序号', '指标名称', '计量单位', '完成数', '备注'], [
    [1, '综合行政执法大队队员', '人', 16, null],
    [2, '持有行政执法证件', '人', planted ? 17 : 15, null],
    [3, '执法证持证率', '%', planted ? '—' : '93.8%', null],
    [4, '新考取执法证', '人', 3, null],
    [5, '换发执法证', '人', 8, '证件到期换发'],
    [6, '罚没款', '元', 12500, null],
    [7, '合同合法性审查', '件', 14, null],
    [8, '重大行政决策合法性审查', '件', 3, null],
    [9, '行政处罚案件结案', '件', 9, null],
  ]);
  const year = grid(Y, [
    ['序号', '指标', '单位', '2023年'],
    [1, '罚没金额', '万元', 1.25],
    [2, '执法人员', '人', 16],
  ]);
  return {
    title: `W6 enforcement: 执法大队队员/持有执法证件/持证率, 罚没款 in 元 and 万元, 合同合法性审查${planted ? ', 持证 planted above 队员' : ''}`,
    book: { name: '周营镇-2023-行政执法.xlsx', sheets: [identity('周营镇', 2023), sheet, year] },
    places: [
      [S, 'D3', 'enforcement_officers'],
      [S, 'D4', 'certified_officers'],
      [S, 'D5', 'certification_rate'],
      [S, 'D6', 'new_certificates'],
      [S, 'D8', 'fines'],
      [S, 'D9', 'contract_reviews'],
      [S, 'D10', 'legality_reviews'],
      [Y, 'D2', 'fines'],
      [Y, 'D3', 'enforcement_officers'],
    ],
    hints: [
      { sheet: S, label: '换发执法证', labelCell: 'B7', valueCell: 'D7' },
      { sheet: S, label: '行政处罚案件结案', labelCell: 'B11', valueCell: 'D11' },
    ],
    rates: [{ id: 'certification_rate', value: ((planted ? 17 : 15) / 16) * 100 }],
    planted: planted ? [`part-exceeds-whole ${S}!D4`] : [],
  };
}

/** W7 — 法治宣传教育 with two year columns, 讲座 and 参训人次 without the word 法治培训, a 宣讲团 and its 宣讲员. */
function publicityYears(): Case {
  const S = '法治宣传教育';
  const sheet = grid(
    S,
    [
      ['周营镇法治宣传教育工作情况（2022—2023年）', null, null, null, null],
      ['序号', '项目', '单位', '2022年', '2023年'],
      [1, '群众性普法宣传活动', '次', 96, '百余次'],
      [2, '印发普法宣传材料', '份', 25000, '近3万余份'],
      [3, '张贴普法条幅', '幅', 280, '近300余幅'],
      [4, '举办法律知识讲座', '场', 10, 12],
      [5, '参训人次', '人次', 600, 720],
      [6, '普法宣讲团', '支', 1, 1],
      [7, '宣讲员', '人', 18, 20],
      [8, '廉政教育培训会', '次', 4, 4],
      [9, '“12·4”宪法宣传日活动', '场', 2, 3],
    ],
    { merges: ['A1:E1'] },
  );
  const both = (row: number, id: string): Place[] => [
    [S, `D${row}`, id],
    [S, `E${row}`, id],
  ];
  return {
    title: 'W7 法治宣传教育 over 2022年 | 2023年: 讲座/参训人次, 宣讲团/宣讲员, 廉政 and 宪法日 rows that are no indicator',
    book: { name: '周营镇-2023-普法.xlsx', sheets: [identity('周营镇', 2023), sheet] },
    places: [
      ...both(3, 'publicity_events'),
      ...both(4, 'materials'),
      ...both(5, 'banners'),
      ...both(6, 'trainings'),
      ...both(7, 'training_attendance'),
      ...both(8, 'teams'),
      ...both(9, 'team_members'),
    ],
    hints: [
      { sheet: S, label: '廉政教育培训会', labelCell: 'B10', valueCell: 'E10' },
      { sheet: S, label: '“12·4”宪法宣传日活动', labelCell: 'B11', valueCell: 'E11' },
    ],
    rates: [],
    planted: [],
  };
}

const CASES: Case[] = [
  disputesSummary(false),
  disputesSummary(true),
  legalServices(),
  exam(false),
  exam(true),
  petitionsAndHotline(false),
  petitionsAndHotline(true),
  twoLevelSummary(),
  enforcement(false),
  enforcement(true),
  publicityYears(),
];

const where = (o: { sheet: string; cell: string }) => `${o.sheet}!${o.cell}`;
const sameRow = (a: string, b: string) => a.replace(/^[A-Z]+/, '') === b.replace(/^[A-Z]+/, '');
const sameCol = (a: string, b: string) => a.replace(/\d+$/, '') === b.replace(/\d+$/, '');

function hintFor(r: CheckResult, h: Hint) {
  return r.findings.find(
    (f) =>
      HINTS.includes(f.rule as string) &&
      f.severity === 'hint' &&
      f.sheet === h.sheet &&
      (f.cell === h.labelCell || f.cell === h.valueCell || f.message.includes(`“${h.label}”`)),
  );
}

describe.each(CASES.map((c) => [c.title, c] as const))('%s', (_title, c) => {
  const r = check(c.book);

  test(c.planted.length ? 'finds the planted inconsistency at its cell, and no false 合计, conflict, part or rate finding' : 'no false 合计, conflict, part-over-whole or rate finding', () => {
    const got = [...new Set(r.findings.filter((f) => WATCHED.includes(f.rule)).map((f) => `${f.rule} ${where(f)}`))].sort();
    expect({ got, messages: got.length !== c.planted.length ? r.findings.filter((f) => WATCHED.includes(f.rule)).map((f) => f.message) : [] }).toEqual({
      got: [...c.planted].sort(),
      messages: [],
    });
  });

  test('no figure lands on a wrong indicator', () => {
    const expected = new Map(c.places.map(([s, cell, id]) => [`${s}!${cell}`, id]));
    const wrong = r.observations
      .filter((o) => expected.get(where(o)) !== o.indicator)
      .map((o) => `${where(o)} “${o.label}” read as ${o.indicator}, should be ${expected.get(where(o)) ?? 'no indicator'}`);
    expect(wrong).toEqual([]);
  });

  test('every label is either placed on its indicator or reported as a hint, never dropped', () => {
    const dropped = c.places
      // a figure placed on another indicator is the test above; here: no figure at all
      .filter(([s, cell]) => !r.observations.some((o) => o.sheet === s && o.cell === cell))
      // a hint on the label's row (rows layout) or on the column's header (summaries)
      .filter(([s, cell]) => !r.findings.some((f) => HINTS.includes(f.rule as string) && f.sheet === s && (sameRow(f.cell, cell) || sameCol(f.cell, cell))))
      .map(([s, cell, id]) => `${s}!${cell} (${id}) neither placed nor hinted`);
    expect(dropped).toEqual([]);
  });

  if (c.hints.length) {
    test('labels no indicator names are hints at their row, with no figure taken from them', () => {
      const missing = c.hints.filter((h) => !hintFor(r, h)).map((h) => `${h.sheet}!${h.labelCell} “${h.label}”: no unknown-indicator/ambiguous-label hint`);
      const placed = c.hints
        .map((h) => r.observations.find((o) => o.sheet === h.sheet && o.cell === h.valueCell))
        .filter((o) => o)
        .map((o) => `${where(o!)} “${o!.label}” read as ${o!.indicator}`);
      expect({ missing, placed }).toEqual({ missing: [], placed: [] });
    });
  }

  if (c.rates.length) {
    test('every rate whose parts are present is recomputed, with the right value', () => {
      const bad: string[] = [];
      for (const x of c.rates) {
        const got = r.rates.find((y) => y.indicator === x.id && (y.entity ?? null) === (x.entity ?? null));
        if (!got) bad.push(`${x.id}${x.entity ? ` (${x.entity})` : ''}: not computed`);
        else if (got.value === null || Math.abs(got.value - x.value) > 1e-6) bad.push(`${x.id}${x.entity ? ` (${x.entity})` : ''}: ${got.value}, should be ${x.value}`);
      }
      expect(bad).toEqual([]);
    });
  }
});

describe('amounts in 元 are converted to the catalog’s 万元, so the two sheets agree', () => {
  test('罚没款 12500 元 is 1.25 万元, equal to the 1.25 万元 of the other sheet', () => {
    const r = check(enforcement(false).book);
    const fines = r.observations.filter((o) => o.indicator === 'fines');
    expect(fines.map((o) => [where(o), o.value, o.unit])).toEqual([
      ['行政执法!D8', 1.25, '万元'],
      ['年度指标!D2', 1.25, '万元'],
    ]);
  });

  test('镇村两级投资 103000 元 is 10.3 万元 of 法治阵地建设投入', () => {
    const r = check(legalServices().book);
    const o = r.observations.find((x) => where(x) === '公共法律服务!D16');
    expect(o && [o.indicator, o.value, o.unit]).toEqual(['position_investment', 10.3, '万元']);
  });
});

// ───────────────────────────── issue 10, "today's behaviour" ─────────────────────────────

describe('issue 10: what was wrong is now right', () => {
  test('a summary headed 乡镇 | 矛盾纠纷受理（件） | 矛盾纠纷调解成功（件）: the 调解成功 column is 调解成功, no false 合计 and no conflict', () => {
    const S = '汇总';
    const r = check({
      name: '县汇总.xlsx',
      sheets: [
        grid(S, [
          ['沈丘县2023年度矛盾纠纷调解情况汇总表', null, null],
          ['乡镇', '矛盾纠纷受理（件）', '矛盾纠纷调解成功（件）'],
          ['周营镇', 37, 35],
          ['前营乡', 22, 20],
          ['合计', 59, 55],
        ], { merges: ['A1:C1'] }),
      ],
    });
    expect(r.observations.filter((o) => o.col === 2).map((o) => [o.cell, o.indicator])).toEqual([
      ['C3', 'disputes_mediated'],
      ['C4', 'disputes_mediated'],
      ['C5', 'disputes_mediated'],
    ]);
    expect(r.findings.filter((f) => f.rule === 'sum-mismatch' || f.rule === 'conflicting-values')).toEqual([]);
    expect(r.rates.filter((x) => x.indicator === 'dispute_mediation_rate').map((x) => [x.entity, x.display])).toEqual([
      ['周营镇', '94.6%'],
      ['前营乡', '90.9%'],
      ['合计', '93.2%'],
    ]);
  });

  const demoSheet = (rows: [string, number][]) =>
    rowSheet('法治阵地', '周营镇2023年度法治阵地建设情况', ['序号', '指标', '单位', '2023年', '备注'], [
      [1, '行政村（社区）数', '个', 20, null],
      ...rows.map(([label, v], i): Cell[] => [i + 2, label, '个', v, null]),
    ]);

  test('全国民主法治示范村 is the national level, not 县级: no conflict with the real 县级 row', () => {
    const r = check({ name: '周营镇.xlsx', sheets: [identity('周营镇', 2023), demoSheet([['县级民主法治示范村', 3], ['全国民主法治示范村', 1]])] });
    expect(r.observations.filter((o) => o.cell === 'D4' || o.cell === 'D5').map((o) => [o.cell, o.indicator])).toEqual([
      ['D4', 'demo_villages_county'],
      ['D5', 'demo_villages_national'],
    ]);
    expect(r.findings.filter((f) => f.rule === 'conflicting-values')).toEqual([]);
  });

  test('a bare 民主法治示范村 is not taken as 县级: it is an ambiguous hint, and no conflict', () => {
    const r = check({ name: '周营镇.xlsx', sheets: [identity('周营镇', 2023), demoSheet([['县级民主法治示范村', 3], ['民主法治示范村', 5]])] });
    expect(r.observations.filter((o) => o.indicator === 'demo_villages_county').map((o) => o.cell)).toEqual(['D4']);
    expect(r.observations.filter((o) => o.cell === 'D5')).toEqual([]);
    expect(r.findings.filter((f) => HINTS.includes(f.rule as string) && f.sheet === '法治阵地' && (f.cell === 'B5' || f.cell === 'D5')).length).toBe(1);
    expect(r.findings.filter((f) => f.rule === 'conflicting-values')).toEqual([]);
  });

  test('学法考试未参考人数 is not 参考人数: no conflict, and 参考 + 未参考 = 应考 holds', () => {
    const r = check({
      name: '周营镇.xlsx',
      sheets: [
        identity('周营镇', 2023),
        rowSheet('学法', '周营镇2023年学法考试', ['序号', '指标', '单位', '2023年', '备注'], [
          [1, '学法考试应考人数', '人', 86, null],
          [2, '学法考试参考人数', '人', 82, null],
          [3, '学法考试未参考人数', '人', 4, null],
        ]),
      ],
    });
    expect(r.observations.map((o) => [o.cell, o.indicator])).toEqual([
      ['D3', 'exam_expected'],
      ['D4', 'exam_taken'],
      ['D5', 'exam_not_taken'],
    ]);
    expect(r.findings.filter((f) => WATCHED.includes(f.rule))).toEqual([]);
  });

  test('信访案件办结率 is the petitions closure rate, recomputed over the petitions, not the hotline’s', () => {
    const r = check({
      name: '前营乡.xlsx',
      sheets: [
        identity('前营乡', 2023),
        rowSheet('综治', '前营乡2023年综治维稳情况', ['序号', '指标', '单位', '2023年', '备注'], [
          [1, '信访案件受理数', '件', 37, null],
          [2, '信访案件办结数', '件', 35, null],
          [3, '信访案件办结率', '%', '94.6%', null],
          [4, '热线工单', '个', 50, null],
          [5, '工单办结数', '个', 50, null],
          [6, '工单办结率', '%', '100%', null],
        ]),
      ],
    });
    expect(r.observations.find((o) => o.cell === 'D5')?.indicator).toBe('petition_closure_rate');
    expect(r.findings.filter((f) => WATCHED.includes(f.rule))).toEqual([]);
    expect(r.rates.find((x) => x.indicator === 'petition_closure_rate')?.display).toBe('94.6%');
    expect(r.rates.find((x) => x.indicator === 'hotline_closure_rate')?.display).toBe('100%');
  });

  test('a rate word with no object (化解率, 办结率, 满意率) is read from the block it stands in', () => {
    const r = check({
      name: '前营乡.xlsx',
      sheets: [
        identity('前营乡', 2023),
        rowSheet('信访', '前营乡2023年信访工作', ['序号', '指标', '单位', '2023年', '备注'], [
          [1, '受理信访案件', '件', 9, null],
          [2, '化解信访案件', '件', 7, null],
          [3, '化解率', '%', '77.8%', null],
          [4, '办结信访案件', '件', 8, null],
          [5, '办结率', '%', '88.9%', null],
          [6, '满意率', '%', '98%', null],
        ]),
        rowSheet('人民调解', '前营乡2023年人民调解工作', ['序号', '指标', '单位', '2023年', '备注'], [
          [1, '受理矛盾纠纷', '件', 37, null],
          [2, '化解矛盾纠纷', '件', 35, null],
          [3, '化解率', '%', '94.6%', null],
        ]),
        rowSheet('热线', '前营乡2023年12345热线', ['序号', '指标', '单位', '2023年', '备注'], [
          [1, '热线工单', '个', 50, null],
          [2, '办结数', '个', 50, null],
          [3, '办结率', '%', '100%', null],
          [4, '满意率', '%', '95%', null],
        ]),
      ],
    });
    const at = (sheet: string, cell: string) => r.observations.find((o) => o.sheet === sheet && o.cell === cell)?.indicator;
    expect([at('信访', 'D5'), at('信访', 'D7'), at('信访', 'D8'), at('人民调解', 'D5'), at('热线', 'D5'), at('热线', 'D6')]).toEqual([
      'petition_resolution_rate',
      'petition_closure_rate',
      'petition_satisfaction_rate',
      'dispute_mediation_rate',
      'hotline_closure_rate',
      'hotline_satisfaction_rate',
    ]);
    expect(r.findings.filter((f) => WATCHED.includes(f.rule))).toEqual([]);
  });
});
