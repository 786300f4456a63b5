/**
 * Issue 11 on workbooks the developers did not lay out by hand: generated indicator sheets (a sheet per part, or one
 * sheet with section rows; the unit in its column or in the cell; approximate figures, 万) mixing catalog rows and
 * rows outside the catalog worded as the three real reports word them, and text sheets in both shapes (a list per
 * sheet, or 类别 | 内容 with the category per row, merged down its rows, or as a prefix). On every one: each figure
 * in the text comes from a cell, each figure cell is in the text with its unit and marker, problems and plans land
 * in their own parts, in order, without the category word.
 */
import fc from 'fast-check';
import JSZip from 'jszip';
import { CATALOG } from '../../src/core/catalog';
import { check } from '../../src/core/check';
import { formatFigure } from '../../src/core/format';
import { auditFigures, buildReport, unknownFigureText } from '../../src/core/narrative';
import type { Cell, Grid, Report, SectionId } from '../../src/core/types';
import { reportDocx } from '../../src/file/docx';
import { grid } from './extract-helpers';

type Part = 'leadership' | 'publicity' | 'disputes' | 'enforcement' | 'legal-services';

const PART_SHEET: Record<Part, string> = {
  leadership: '第一责任人履职',
  publicity: '法治宣传教育',
  disputes: '矛盾纠纷化解',
  enforcement: '行政执法',
  'legal-services': '公共法律服务',
};
const PART_ROW: Record<Part, string> = {
  leadership: '党政主要负责人履行推进法治建设第一责任人职责情况',
  publicity: '法治宣传教育',
  disputes: '矛盾纠纷化解与社会治理',
  enforcement: '行政执法',
  'legal-services': '公共法律服务与法治阵地建设',
};

/** Catalog rows as township sheets name them (names and synonyms of the catalog). */
const CATALOG_ROWS: [Part, string, string][] = [
  ['leadership', '党委理论学习中心组学法', '次'],
  ['leadership', '会前学法', '次'],
  ['publicity', '普法宣传活动', '场次'],
  ['publicity', '发放法治宣传资料', '份'],
  ['publicity', '法律咨询', '人次'],
  ['disputes', '信访案件受理数', '件'],
  ['disputes', '信访案件化解数', '件'],
  ['disputes', '安置帮教对象', '人'],
  ['enforcement', '行政执法人员', '人'],
  ['enforcement', '出动执法人员', '人次'],
  ['enforcement', '罚没款', '万元'],
  ['legal-services', '行政村（社区）数', '个'],
  ['legal-services', '法治图书室', '个'],
];

/** Rows outside the catalog, in the words of the three reports (and the issue). */
const OTHER_ROWS: [string, string][] = [
  ['聘请专家', '人次'],
  ['开展以案释法、民法典宣传等活动', '场次'],
  ['处罚金', '万元'],
  ['开展民主生活会', '次'],
  ['悬挂党风廉政建设宣传标语', '幅'],
  ['参与拆除违建、大棚房、非法广告等各项活动', '起'],
  ['人民调解员', '名'],
  ['法治文化广场', '个'],
  ['“法律明白人”培训', '场'],
];

const SHORTCOMINGS = [
  '理论学习有待进一步加强，带头学法制度还不够完善。',
  '行政执法工作人员力量不足，业务能力有待提高。',
  '运用法治思维和法治方式解决问题的能力不足。',
  '法治宣传工作力度不够，法治教育方式方法有待改进。',
  '农村的法治宣传教育存在薄弱环节。',
];
const PLANS = [
  '继续加强队伍建设，积极参加、组织各类教育培训。',
  '加强依法依规行政，按照权力清单、责任清单要求依法规范行政执法流程。',
  '强化责任，加大行政行为监督力度。',
  '抓好执法机构的建立与调整、充实，规范行政执法行为。',
];
const SHORT_WORDS = ['存在问题', '存在的不足', '主要问题', '问题'];
const PLAN_WORDS = ['下步安排', '下一步工作打算', '下步计划', '下一年度安排'];

/** A figure as a township writes it: plain, approximate, with 万, or a decimal amount. */
const figure = (unit: string): fc.Arbitrary<Cell> =>
  unit === '万元'
    ? fc.oneof(fc.integer({ min: 1, max: 99 }).map((n) => n / 10), fc.integer({ min: 2, max: 30 }).map((n) => `${n}多`))
    : fc.oneof(
        fc.integer({ min: 0, max: 480 }),
        fc.integer({ min: 2, max: 90 }).map((n) => `${n}余`),
        fc.integer({ min: 2, max: 9 }).map((n) => `${n}万余`),
        fc.integer({ min: 20, max: 300 }).map((n) => `近${n}`),
      );

interface Row {
  part: Part;
  label: string;
  unit: string;
  value: Cell;
}

const catalogRows = fc
  .subarray(CATALOG_ROWS, { minLength: 1 })
  .chain((rows) => fc.tuple(...rows.map(([part, label, unit]) => figure(unit).map((value): Row => ({ part, label, unit, value })))));
const otherRows = fc
  .subarray(OTHER_ROWS, { minLength: 1, maxLength: 5 })
  .chain((rows) =>
    fc.tuple(
      ...rows.map(([label, unit]) =>
        fc.tuple(fc.constantFrom<Part>('leadership', 'publicity', 'disputes', 'enforcement', 'legal-services'), figure(unit)).map(([part, value]): Row => ({ part, label, unit, value })),
      ),
    ),
  );

type TextShape = 'lists' | 'column' | 'merged' | 'prefix';

interface Book {
  sheets: Grid[];
  shortcomings: string[];
  plans: string[];
}

function indicatorSheets(rows: Row[], onePerPart: boolean, unitInCell: boolean): Grid[] {
  const head = ['序号', '指标名称', '单位', '数值', '备注'];
  const line = (r: Row, i: number): Cell[] => [
    i + 1,
    r.label,
    unitInCell ? null : r.unit,
    unitInCell && typeof r.value !== 'number' ? `${r.value}${r.unit}` : unitInCell ? `${r.value}${r.unit}` : r.value,
    null,
  ];
  const parts = (Object.keys(PART_SHEET) as Part[]).filter((p) => rows.some((r) => r.part === p));
  if (onePerPart) return parts.map((p) => grid(PART_SHEET[p], [head, ...rows.filter((r) => r.part === p).map(line)]));
  const body: Cell[][] = [head];
  const merges: string[] = [];
  parts.forEach((p, k) => {
    body.push([`${'一二三四五'[k]}、${PART_ROW[p]}`, null, null, null, null]);
    merges.push(`A${body.length}:E${body.length}`);
    rows.filter((r) => r.part === p).forEach((r, i) => body.push(line(r, i)));
  });
  return [grid('主要指标', body, { merges })];
}

function textSheets(shape: TextShape, shortcomings: string[], plans: string[], words: [string, string]): Grid[] {
  const [sw, pw] = words;
  switch (shape) {
    case 'lists':
      return [
        grid('存在问题', [['序号', '存在的问题'], ...shortcomings.map((t, i) => [i + 1, t])]),
        grid('下步安排', [['序号', '下步工作安排'], ...plans.map((t, i) => [i + 1, t])]),
      ];
    case 'column': {
      // categories interleaved, one per row
      const rows: Cell[][] = [['序号', '类别', '内容']];
      const n = Math.max(shortcomings.length, plans.length);
      for (let i = 0; i < n; i++) {
        if (i < shortcomings.length) rows.push([rows.length, sw, shortcomings[i]]);
        if (i < plans.length) rows.push([rows.length, pw, plans[i]]);
      }
      return [grid('问题和安排', rows)];
    }
    case 'merged': {
      const rows: Cell[][] = [['类别', '内容']];
      const merges: string[] = [];
      for (const [word, items] of [
        [sw, shortcomings],
        [pw, plans],
      ] as [string, string[]][]) {
        const first = rows.length + 1;
        items.forEach((t, i) => rows.push([i === 0 ? word : null, t]));
        if (items.length > 1) merges.push(`A${first}:A${first + items.length - 1}`);
      }
      return [grid('文字材料', rows, { merges })];
    }
    case 'prefix':
      return [grid('文字', [...shortcomings.map((t) => [`${sw}：${t}`]), ...plans.map((t) => [`${pw}：${t}`])])];
  }
}

const books: fc.Arbitrary<Book> = fc
  .record({
    catalog: catalogRows,
    others: otherRows,
    onePerPart: fc.boolean(),
    unitInCell: fc.boolean(),
    shape: fc.constantFrom<TextShape>('lists', 'column', 'merged', 'prefix'),
    shortcomings: fc.subarray(SHORTCOMINGS, { minLength: 1 }),
    plans: fc.subarray(PLANS, { minLength: 1 }),
    words: fc.tuple(fc.constantFrom(...SHORT_WORDS), fc.constantFrom(...PLAN_WORDS)),
    seed: fc.integer(),
  })
  .map((g) => {
    // rows outside the catalog stand among the catalog rows of their part, in a shuffled but fixed order
    const rows = [...g.catalog];
    g.others.forEach((o, i) => rows.splice(Math.abs(g.seed + i * 7) % (rows.length + 1), 0, o));
    const sheets = [
      grid('基本情况', [
        ['单位名称', '周营镇'],
        ['报告年度', 2023],
      ]),
      ...indicatorSheets(rows, g.onePerPart, g.unitInCell),
      ...textSheets(g.shape, g.shortcomings, g.plans, g.words),
    ];
    return { sheets, shortcomings: g.shortcomings, plans: g.plans };
  });

/** The body paragraphs of the part whose heading1 contains `words`. */
function part(report: Report, words: string): string {
  const i = report.paragraphs.findIndex((p) => p.role === 'heading1' && p.text.includes(words));
  if (i < 0) return '';
  const out: string[] = [];
  for (let j = i + 1; j < report.paragraphs.length && report.paragraphs[j].role !== 'heading1' && report.paragraphs[j].role !== 'closing'; j++)
    out.push(report.paragraphs[j].text);
  return out.join('\n');
}

const defs = new Map(CATALOG.indicators.map((d) => [d.id, d]));
const bare = (t: string) => t.replace(/[。；;]$/, '');

describe('generated workbooks: every figure and every item reaches its part (issue 11)', () => {
  it('each figure in the text comes from a cell, each figure cell is in the text, items sorted without category words', () => {
    fc.assert(
      fc.property(books, (b) => {
        const result = check({ name: '周营镇.xlsx', sheets: b.sheets });
        const report = buildReport(result);
        const body = report.paragraphs.map((p) => p.text).join('\n');
        const audit = auditFigures(report, result);
        expect(audit.missing).toEqual([]);
        expect(audit.extra).toEqual([]);
        expect(audit.omitted).toEqual([]);

        // every figure cell the check read, catalog or not, is stated (a conflicting duplicate or a reported rate
        // stands for the value the rules report on)
        const stated = new Set(audit.stated.map((s) => s.where));
        for (const u of result.extraction.unknown) {
          for (const f of u.figures ?? []) {
            if (f.kind !== 'number' && f.kind !== 'percent') continue;
            expect({ label: u.label, cell: f.cell, stated: stated.has(`${f.sheet}!${f.cell}`) }).toEqual({ label: u.label, cell: f.cell, stated: true });
            expect(body).toContain(unknownFigureText(f));
          }
        }
        for (const o of result.observations) {
          if (o.kind !== 'number' || defs.get(o.indicator)?.kind === 'rate') continue;
          const twins = result.observations.filter((x) => x.indicator === o.indicator && x.kind === 'number');
          expect(twins.some((x) => body.includes(formatFigure(x)))).toBe(true);
        }

        // problems and plans in their own parts, in order, without the category word
        const short = part(report, '存在的不足');
        const plans = part(report, '主要安排');
        let at = -1;
        for (const t of b.shortcomings) {
          const i = short.indexOf(bare(t));
          expect(i).toBeGreaterThan(at);
          at = i;
        }
        at = -1;
        for (const t of b.plans) {
          const i = plans.indexOf(bare(t));
          expect(i).toBeGreaterThan(at);
          at = i;
        }
        expect(short + plans).not.toMatch(/存在问题|存在的不足|主要问题|下步安排|下一步工作打算|下步计划|下一年度安排|问题[；：]/);
        for (const t of b.plans) expect(short).not.toContain(bare(t));
        for (const t of b.shortcomings) expect(plans).not.toContain(bare(t));
        const sections = new Set<SectionId>(result.extraction.texts.map((t) => t.section));
        expect([...sections].sort()).toEqual(['plans', 'shortcomings']);
      }),
      { numRuns: 80 },
    );
  });

  it('the .docx says the same: every stated figure and item of a generated workbook is in word/document.xml', async () => {
    const [b] = fc.sample(books, { numRuns: 1, seed: 11 });
    const result = check({ name: '周营镇.xlsx', sheets: b.sheets });
    const report = buildReport(result);
    const zip = await JSZip.loadAsync(await reportDocx(report));
    const xml = await zip.file('word/document.xml')!.async('string');
    // the paragraphs' text, runs joined
    const text = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join('\n');
    const stated = auditFigures(report, result).stated;
    expect(stated.length).toBeGreaterThan(0);
    for (const s of stated) expect(text).toContain(s.expected);
    for (const t of [...b.shortcomings, ...b.plans]) expect(text).toContain(bare(t));
  });
});
