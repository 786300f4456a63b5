/**
 * Issue 11: the report says everything the township reported. A row whose label is not in the catalog (a county's own
 * indicator, `聘请专家 | 人次 | 21`) reaches 报告文稿 through a general clause, in the section it stood under, after the
 * catalog figures above it; the audit proves both directions with the cells.
 */
import { check } from '../../src/core/check';
import { auditFigures, buildReport, generalClause, parseTemplates, templatesFromGrid } from '../../src/core/narrative';
import type { Cell, CheckResult, Report, UnknownFigure, Workbook } from '../../src/core/types';
import { grid } from './extract-helpers';

const IDENTITY = grid('基本情况', [
  ['单位名称', '周营镇'],
  ['报告年度', 2023],
]);

function run(sheets: Workbook['sheets'], opts: Parameters<typeof buildReport>[1] = {}): { result: CheckResult; report: Report; text: string } {
  const result = check({ name: '周营镇.xlsx', sheets: [IDENTITY, ...sheets] });
  const report = buildReport(result, opts);
  return { result, report, text: report.paragraphs.map((p) => p.text).join('\n') };
}

/** The body paragraph right after the heading that contains `heading`. */
function under(report: Report, heading: string): string {
  const i = report.paragraphs.findIndex((p) => p.role.startsWith('heading') && p.text.includes(heading));
  return i >= 0 ? (report.paragraphs[i + 1]?.text ?? '') : '';
}

const ENFORCEMENT: Cell[][] = [
  ['序号', '指标名称', '单位', '数值', '备注'],
  [1, '行政执法人员', '人', 12, null],
  [2, '聘请专家', '人次', 21, null],
  [3, '出动执法人员', '人次', 420, null],
  [4, '处罚金', null, '1.3 万元', null],
  [5, '开展以案释法、民法典宣传等活动', '场次', '27余', null],
  [6, '发放“法律明白人”手册', '份', '3万余', null],
];

describe('rows outside the catalog reach the report (issue 11)', () => {
  it('states each with its label, figure, unit and approximation, in its section, in sheet order', () => {
    const { report, result } = run([grid('行政执法', ENFORCEMENT)]);
    expect(under(report, '行政执法')).toBe(
      '全镇现有行政执法人员12人。聘请专家21人次。全年出动执法人员420人次。' +
        '处罚金1.3万元，开展以案释法、民法典宣传等活动27余场次，发放“法律明白人”手册3万余份。',
    );
    const audit = auditFigures(report, result);
    expect(audit.missing).toEqual([]);
    expect(audit.extra).toEqual([]);
    expect(audit.stated).toEqual(
      expect.arrayContaining([
        { where: '行政执法!D3', expected: '21人次' },
        { where: '行政执法!D5', expected: '1.3万元' },
        { where: '行政执法!D6', expected: '27余场次' },
        { where: '行政执法!D7', expected: '3万余份' },
      ]),
    );
    expect(report.paragraphs.find((p) => p.text.includes('聘请专家'))!.sources).toEqual(expect.arrayContaining(['行政执法!D3', '行政执法!D7']));
  });

  it('puts a row into the part its section row names, on a sheet of several parts', () => {
    const { report } = run([
      grid(
        '主要指标',
        [
          ['序号', '指标名称', '单位', '2023年'],
          ['一、法治宣传教育', null, null, null],
          [1, '普法宣传活动', '场次', 26],
          [2, '开展民主生活会', '次', 1],
          ['二、行政执法', null, null, null],
          [1, '悬挂党风廉政建设宣传标语', '幅', 45],
          [2, '行政执法人员', '人', 16],
          ['三、党政主要负责人履行推进法治建设第一责任人职责情况', null, null, null],
          [1, '民主评议会', '次', 1],
          [2, '党委理论学习中心组学法', '次', 4],
        ],
        { merges: ['A2:D2', 'A5:D5', 'A8:D8'] },
      ),
    ]);
    expect(under(report, '法治宣传教育')).toBe('2023年，全镇共开展普法宣传活动26场次。开展民主生活会1次。');
    // before the catalog figure that stood below it in its part
    expect(under(report, '（二）行政执法')).toBe('悬挂党风廉政建设宣传标语45幅。全镇现有行政执法人员16人。');
    expect(under(report, '第一责任人职责')).toBe('开展民主评议会1次。党委理论学习中心组学法4次。');
  });

  it('keeps the part\'s opening sentence (`2023年，全镇共…`) first when rows outside the catalog stand above it', () => {
    const { report } = run([
      grid('法治宣传教育', [
        ['序号', '指标名称', '单位', '数值'],
        [1, '悬挂党风廉政建设宣传标语', '幅', 45],
        [2, '普法宣传活动', '场次', 30],
        [3, '开展以案释法、民法典宣传等活动', '场次', '27余'],
      ]),
    ]);
    expect(under(report, '法治宣传教育')).toBe('2023年，全镇共开展普法宣传活动30场次。悬挂党风廉政建设宣传标语45幅。开展以案释法、民法典宣传等活动27余场次。');
  });

  it('writes a noun label with 共有 or a fitting verb, and an amount as it stands', () => {
    const fig = (value: number, unit: string | null, extra: Partial<UnknownFigure> = {}): UnknownFigure => ({
      label: '',
      value,
      kind: 'number',
      approx: false,
      markers: [],
      unit,
      wan: false,
      decimals: 0,
      coverage: false,
      raw: String(value),
      sheet: 'S',
      cell: 'D2',
      row: 1,
      col: 3,
      year: 2023,
      period: 'current',
      entity: null,
      ...extra,
    });
    expect(generalClause('下达执法文书', [fig(35, '份')])).toBe('下达执法文书35份');
    expect(generalClause('人民调解员', [fig(12, '人')])).toBe('共有人民调解员12人');
    expect(generalClause('法律顾问人数', [fig(5, '名')])).toBe('共有法律顾问5名');
    expect(generalClause('法治讲座', [fig(5, '场')])).toBe('开展法治讲座5场');
    expect(generalClause('法治阵地建设投入（万元）', [fig(10, '万元', { markers: ['多'], approx: true, raw: '10多' })])).toBe('法治阵地建设投入10多万元');
    expect(generalClause('各类矛盾纠纷', [fig(68, '件次')])).toBe('各类矛盾纠纷68件次');
    expect(generalClause('行政复议纠错率', [fig(12.5, '%', { kind: 'percent', decimals: 1 })])).toBe('行政复议纠错率12.5%');
    expect(generalClause('是否建立法律顾问制度', [{ ...fig(0, null), kind: 'yesno', value: false }])).toBe('未建立法律顾问制度');
    expect(generalClause('是否建立法律顾问制度', [{ ...fig(0, null), kind: 'yesno', value: true }])).toBe('建立法律顾问制度');
    expect(generalClause('', [fig(5, '件')])).toBeNull();
  });

  it('states rates recomputed and yes/no rows in words, as catalog ones', () => {
    const { report, result } = run([
      grid('比率指标', [
        ['指标名称', '分子', '分母', '比率'],
        ['扫黑除恶宣传覆盖率', 45, 48, '98%'],
      ]),
      grid('第一责任人履职', [
        ['指标名称', '单位', '数值'],
        ['专题研究法治建设会议', '次', 4],
        ['是否组织旁听庭审活动', null, '是'],
        ['村级法治宣传栏更新率', '%', 0.875],
      ]),
    ]);
    const text = report.paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain('扫黑除恶宣传覆盖率93.8%（45/48）');
    expect(text).not.toContain('98%');
    expect(under(report, '第一责任人职责')).toBe('召开党委（政府）专题会议研究法治建设4次。组织旁听庭审活动，村级法治宣传栏更新率87.5%。');
    expect(auditFigures(report, result).ok).toBe(true);
  });

  it('states only the current year, and of a summary only the 合计 row', () => {
    const years = run([
      grid('主要指标', [
        ['序号', '指标名称', '单位', '2022年', '2023年'],
        ['1、法治宣传教育', null, null, null, null],
        [1, '开展扫黑除恶专项宣传', '次', 3, 2],
      ]),
    ]);
    expect(under(years.report, '法治宣传教育')).toBe('开展扫黑除恶专项宣传2次。');
    const summary = run([
      grid('汇总表', [
        ['序号', '乡镇', '信访案件受理数（件）', '聘请专家（人次）'],
        [1, '周营镇', 9, 21],
        [2, '前营乡', 12, 14],
        ['合计', null, 21, 35],
      ]),
    ]);
    expect(summary.text).toContain('聘请专家35人次');
    expect(summary.text).not.toMatch(/聘请专家(21|14)人次/);
    expect(auditFigures(summary.report, summary.result).ok).toBe(true);
  });

  it('puts a row with no part of its own beside its neighbours, and into 其他 when nothing places it', () => {
    const beside = run([grid('Sheet1', [['指标名称', '单位', '数值'], ['信访案件受理数', '件', 9], ['聘请专家', '人次', 21]])]);
    expect(under(beside.report, '矛盾纠纷化解')).toBe('2023年，全镇共受理信访案件9件。聘请专家21人次。');
    const alone = run([grid('Sheet1', [['指标名称', '单位', '数值'], ['聘请专家', '人次', 21]])]);
    expect(under(alone.report, '其他需要报告的情况')).toBe('聘请专家21人次。');
  });

  it('lets a county leave such rows out by a template setting; the audit lists them with their cells', () => {
    const setting = templatesFromGrid(grid('报告模板', [['分组', '条件', '模板'], ['设置', '目录外指标', '不写入']]));
    const json = parseTemplates({ settings: { 目录外指标: '不写入' } });
    for (const templates of [setting, json]) {
      const { report, result, text } = run([grid('行政执法', ENFORCEMENT)], { templates });
      expect(text).not.toContain('聘请专家');
      expect(text).toContain('全镇现有行政执法人员12人');
      const audit = auditFigures(report, result, undefined, templates);
      expect(audit.ok).toBe(true);
      expect(audit.omitted.map((o) => [o.where, o.label, o.figure, o.reason])).toEqual([
        ['行政执法!D3', '聘请专家', '21人次', 'template'],
        ['行政执法!D5', '处罚金', '1.3万元', 'template'],
        ['行政执法!D6', '开展以案释法、民法典宣传等活动', '27余场次', 'template'],
        ['行政执法!D7', '发放“法律明白人”手册', '3万余份', 'template'],
      ]);
    }
    expect(() => parseTemplates({ settings: { 目录外指标: '删掉' } })).toThrow('只能是“写入”或“不写入”');
  });

  it('the audit names the cell of a row the text drops', () => {
    const { report, result } = run([grid('行政执法', ENFORCEMENT)]);
    const dropped = { ...report, paragraphs: report.paragraphs.map((p) => ({ ...p, text: p.text.replace('27余场次', '27场次') })) };
    expect(auditFigures(dropped, result).missing).toEqual([
      { indicator: '', label: '开展以案释法、民法典宣传等活动', where: '行政执法!D6', expected: '27余场次' },
    ]);
  });
});
