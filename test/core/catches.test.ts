/**
 * Failures are findings: a bug or an unreadable part while reading a workbook is said, never passed off as
 * "nothing there" (no unit, no section, a label read as empty, a template's braces printed as words).
 */
import { check } from '../../src/core/check';
import * as identity from '../../src/core/extract/identity';
import { headingLevel, unitInLabel } from '../../src/core/match';
import { normalizeLabel } from '../../src/core/meaning/normalize';
import { sectionOfHeading } from '../../src/core/meaning/sections';
import { DEFAULT_TEMPLATES, placeholdersIn, renderClause, TemplateError, type RenderContext } from '../../src/core/narrative/templates';
import * as numerals from '../../src/core/numerals';
import { parseChineseNumber } from '../../src/core/numerals';
import type { Cell, Grid, Workbook } from '../../src/core/types';

const basics: Grid = {
  name: '基本情况',
  rows: [
    ['单位名称', '周营镇'],
    ['报告年度', '2024年'],
  ],
};

function rowsSheet(name: string, title: string, rows: [string, string, Cell][]): Grid {
  const body: Cell[][] = rows.map(([label, unit, v], i) => [i + 1, label, unit, v, null]);
  return { name, rows: [[title], ['序号', '指标', '单位', '2024年', '备注'], ...body], merges: [{ r1: 0, c1: 0, r2: 0, c2: 4 }] };
}

const disputes = rowsSheet('矛盾纠纷', '周营镇2024年矛盾纠纷化解情况', [
  ['受理信访案件', '件', 9],
  ['化解信访案件', '件', 7],
  ['信访案件化解率', '%', 1],
]);

const book = (...sheets: Grid[]): Workbook => ({ name: '周营镇-2024-指标.xlsx', sheets: [basics, ...sheets] });

/** String.prototype.normalize failing on one text only: a stand-in for a bug met while reading that text. */
function bugOn(marker: string): jest.SpyInstance {
  const real = String.prototype.normalize;
  return jest.spyOn(String.prototype, 'normalize').mockImplementation(function (this: string, form?: string) {
    if (String(this).includes(marker)) throw new Error('内部错误（测试注入）');
    return real.call(this, form);
  });
}

afterEach(() => jest.restoreAllMocks());

describe('reading the unit and year fails', () => {
  it('is an error finding saying so, and the figures are still checked', () => {
    jest.spyOn(identity, 'findIdentity').mockImplementation(() => {
      throw new Error('内部错误（测试注入）');
    });
    const r = check(book(disputes));
    expect(r.unit).toBeNull();
    const said = r.findings.filter((f) => f.rule === 'sheet-unreadable');
    expect(said).toHaveLength(1);
    expect(said[0].severity).toBe('error');
    // which workbook: read away from the file (a county checks forty), the message names it
    expect(said[0].message).toContain('读取工作簿“周营镇-2024-指标.xlsx”的填报单位和年度时出错（内部错误（测试注入））');
    expect(said[0].message).toContain('各表的数字照常审核');
    // the township's wrong rate is still found
    expect(r.findings.some((f) => f.rule === 'rate-mismatch' && f.sheet === '矛盾纠纷' && f.cell === 'D5')).toBe(true);
  });

  it('a year given by the user still stands', () => {
    jest.spyOn(identity, 'findIdentity').mockImplementation(() => {
      throw new Error('boom');
    });
    expect(check(book(disputes), { year: 2024 }).year).toBe(2024);
  });

  it('nothing is said when it works', () => {
    const r = check(book(disputes));
    expect(r.unit).toBe('周营镇');
    expect(r.findings.filter((f) => f.rule === 'sheet-unreadable')).toEqual([]);
  });
});

describe('a bug while reading a label is the sheet’s finding, not a label read as nothing', () => {
  it('names the sheet; the other sheets are still checked', () => {
    const law = rowsSheet('行政执法', '周营镇2024年行政执法情况', [
      ['行政执法人员', '人', 12],
      ['持证人数（炸）', '人', 14],
    ]);
    bugOn('炸');
    const r = check(book(disputes, law));
    const said = r.findings.filter((f) => f.rule === 'sheet-unreadable');
    expect(said.map((f) => f.sheet)).toEqual(['行政执法']);
    expect(said[0].message).toContain('‘行政执法’表在读取时出错（内部错误（测试注入））');
    expect(r.findings.some((f) => f.rule === 'rate-mismatch' && f.sheet === '矛盾纠纷')).toBe(true);
  });

  it.each([
    ['unitInLabel', () => unitInLabel('持证人数（炸）')],
    ['sectionOfHeading', () => sectionOfHeading('炸 行政执法')],
    ['normalizeLabel', () => normalizeLabel('炸 持证人数 独一无二')],
    ['parseChineseNumber', () => parseChineseNumber('二十炸')],
  ])('%s lets the bug through', (_name, call) => {
    bugOn('炸');
    expect(call).toThrow('内部错误（测试注入）');
  });

  it('headingLevel lets a bug in reading its number through', () => {
    jest.spyOn(numerals, 'parseChineseNumber').mockImplementation(() => {
      throw new Error('内部错误（测试注入）');
    });
    expect(() => headingLevel('三、行政执法')).toThrow('内部错误（测试注入）');
  });

  it('what is simply not of that kind is still null, not an error', () => {
    expect(unitInLabel('持证人数')).toBeNull();
    expect(headingLevel('持证人数')).toEqual({ style: null, number: null });
    expect(sectionOfHeading('')).toBeNull();
    expect(parseChineseNumber('全覆盖')).toBeNull();
    expect(normalizeLabel(42 as unknown as string)).toBe('');
  });
});

describe('a template clause whose placeholders cannot be read', () => {
  const ctx: RenderContext = { value: () => '9件', has: () => true, yesno: () => null, isFigure: () => true };

  it('is a TemplateError quoting the clause, never its braces printed into the draft', () => {
    expect(() => renderClause({ text: '受理信访案件{petitions_received' }, ctx)).toThrow(TemplateError);
    expect(() => renderClause({ text: '受理信访案件{petitions_received', origin: '‘报告模板’表 C3' }, ctx)).toThrow(
      /‘报告模板’表 C3“受理信访案件\{petitions_received”：.*没有对应的“}”/,
    );
  });

  it('every built-in clause reads', () => {
    for (const clauses of Object.values(DEFAULT_TEMPLATES.groups)) for (const c of clauses) expect(() => placeholdersIn(c.text)).not.toThrow();
  });
});
