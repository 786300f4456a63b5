import fc from 'fast-check';
import { figuresIn } from '../../src/core/narrative';
import { formatAmount, formatFigure, formatNumber, formatPercent } from '../../src/core/format';
import * as rate from '../../src/core/rate';
import { obs } from './narrative-fixtures';

describe('formatFigure: figures as officials write them', () => {
  it('keeps 余 after the number: 3000余份', () => {
    expect(formatFigure(obs('materials', 3000, { markers: ['余'], raw: '3000余份' }))).toBe('3000余份');
  });
  it('writes 百余次 in Arabic numerals: 100余次', () => {
    expect(formatFigure(obs('publicity_events', 100, { markers: ['余'], raw: '百余次', unit: '次' }))).toBe('100余次');
  });
  it('writes a figure given with 万 with 万 again: 3万余份', () => {
    expect(formatFigure(obs('materials', 30000, { markers: ['余'], wan: true, raw: '3万余份' }))).toBe('3万余份');
  });
  it('1.3万元 for 13000 元 written with 万', () => {
    expect(formatFigure(obs('fines', 13000, { wan: true, unit: '元', raw: '1.3万元' }))).toBe('1.3万元');
  });
  it('10多万元 for a value of 10 in the catalog unit 万元', () => {
    expect(formatFigure(obs('position_investment', 10, { markers: ['多'], wan: true, raw: '10多万元' }))).toBe('10多万元');
  });
  it('keeps 多 before 万 when the source wrote it there (unit 元)', () => {
    expect(formatFigure(obs('fines', 100000, { markers: ['多'], wan: true, unit: '元', raw: '10多万元' }))).toBe('10多万元');
  });
  it('近300幅 keeps 近 before the number and the written unit', () => {
    expect(formatFigure(obs('banners', 300, { markers: ['近'], unit: '幅', raw: '近300幅' }))).toBe('近300幅');
  });
  it('keeps the contradictory 近3万余份 as written', () => {
    expect(formatFigure(obs('materials', 30000, { markers: ['近', '余'], wan: true, raw: '近3万余份' }))).toBe('近3万余份');
  });
  it('plain counts: 37件', () => {
    expect(formatFigure(obs('petitions_received', 37))).toBe('37件');
  });
  it('large exact numbers without 万 stay whole, no separators: 12345份', () => {
    expect(formatFigure(obs('materials', 12345, { raw: '12,345' }))).toBe('12345份');
  });
  it('large numbers written with 万 read with 万: 1.2万份', () => {
    expect(formatFigure(obs('materials', 12000, { wan: true, raw: '1.2万' }))).toBe('1.2万份');
  });
  it('yes/no as 是/否', () => {
    expect(formatFigure(obs('leading_group', true))).toBe('是');
    expect(formatFigure(obs('leading_group', false))).toBe('否');
  });
  it('rates one decimal except exact 100%', () => {
    expect(formatFigure(obs('petition_resolution_rate', 94.59459))).toBe('94.6%');
    expect(formatFigure(obs('petition_resolution_rate', 100))).toBe('100%');
    expect(formatFigure(obs('petition_resolution_rate', 98))).toBe('98.0%');
  });
  it('a blank, a formula error or an unreadable cell has no figure (never 0件, never undefined)', () => {
    expect(formatFigure(obs('petitions_received', null))).toBe('');
    expect(formatFigure(obs('petitions_received', '#DIV/0!', { kind: 'error' }))).toBe('');
    expect(formatFigure(obs('petitions_received', null, { kind: 'invalid', raw: '若干' }))).toBe('');
  });
  it('a true zero is a figure: 0起', () => {
    expect(formatFigure(obs('cases_filed', 0))).toBe('0起');
  });
  it('以上 goes after the unit', () => {
    expect(formatAmount(100, '人', ['以上'])).toBe('100人以上');
  });
});

describe('formatNumber', () => {
  it('drops binary noise and trailing zeros', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(13000 / 10000)).toBe('1.3');
    expect(formatNumber(1e21 / 1e15)).toBe('1000000');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(NaN)).toBe('');
  });
});

it('re-exports the one formatPercent of rate.ts', () => {
  expect(formatPercent).toBe(rate.formatPercent);
});

describe('formatFigure round-trips through the figure audit (property)', () => {
  it('prints one figure whose number is the value (÷10000 when written with 万), markers kept', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.boolean(),
        fc.subarray(['近', '余'] as const),
        (n, wan, markers) => {
          const value = wan ? n * 100 : n; // 万-figures have at most two decimals in 万
          const s = formatFigure(obs('materials', value, { wan, markers: [...markers] }));
          expect(s).not.toMatch(/NaN|undefined|e\+|,/);
          const figs = figuresIn(s);
          expect(figs).toHaveLength(1);
          expect(wan ? figs[0].number * 10000 : figs[0].number).toBeCloseTo(value, 6);
          for (const m of markers) expect(s).toContain(m);
          expect(s.endsWith('份')).toBe(true);
        },
      ),
    );
  });
});
