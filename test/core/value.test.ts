import fc from 'fast-check';
import { cellText, parseChineseNumber, parseValue } from '../../src/core/value';
import type { Cell, ParseContext, ParsedValue } from '../../src/core/types';

const KINDS = ['number', 'percent', 'yesno', 'text', 'absent', 'error', 'date', 'invalid'];

function pick(v: ParsedValue) {
  return { kind: v.kind, value: v.value, approx: v.approx, markers: v.markers, unit: v.unit, wan: v.wan };
}

describe('absent and errors', () => {
  test.each([null, '', '   ', '—', '——', '-', '/', '／', '无', '空', '暂无', 'N/A', 'n/a', ' － '])('%p is absent, not zero', (cell) => {
    const v = parseValue(cell as Cell);
    expect(v.kind).toBe('absent');
    expect(v.value).toBeNull();
  });

  test('0 and 0件 are numbers', () => {
    expect(pick(parseValue(0))).toMatchObject({ kind: 'number', value: 0 });
    expect(pick(parseValue('0件'))).toMatchObject({ kind: 'number', value: 0, unit: '件' });
    expect(pick(parseValue('0'))).toMatchObject({ kind: 'number', value: 0 });
  });

  test('无 is false only when a yes/no is expected', () => {
    expect(parseValue('无', { expect: 'yesno' })).toMatchObject({ kind: 'yesno', value: false });
    expect(parseValue('无', { expect: 'count' }).kind).toBe('absent');
  });

  test.each(['#DIV/0!', '#REF!', '#N/A', '#VALUE!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!'])('%s as text or as a host error', (code) => {
    expect(parseValue(code)).toMatchObject({ kind: 'error', value: code });
    expect(parseValue({ error: code })).toMatchObject({ kind: 'error', value: code, raw: code });
  });
});

describe('numbers with formats', () => {
  test('percent formats multiply by 100 and take decimals from the format', () => {
    expect(parseValue(0.98, { numberFormat: '0%' })).toMatchObject({ kind: 'percent', value: 98, decimals: 0, raw: '98%' });
    expect(parseValue(0.946, { numberFormat: '0.0%' })).toMatchObject({ kind: 'percent', value: 94.6, decimals: 1, raw: '94.6%' });
    expect(parseValue(0.9456, { numberFormat: '0.00%' })).toMatchObject({ kind: 'percent', value: 94.56, decimals: 2 });
    expect(parseValue(1, { numberFormat: '0%' })).toMatchObject({ kind: 'percent', value: 100 });
  });

  test('a percent header: fractions in (0,1) are fractions, other numbers are already percent', () => {
    expect(parseValue(0.98, { percentHeader: true })).toMatchObject({ kind: 'percent', value: 98 });
    expect(parseValue(98, { percentHeader: true })).toMatchObject({ kind: 'percent', value: 98, decimals: 0 });
    expect(parseValue(94.6, { percentHeader: true })).toMatchObject({ kind: 'percent', value: 94.6, decimals: 1 });
    expect(parseValue(100, { percentHeader: true })).toMatchObject({ kind: 'percent', value: 100 });
    expect(parseValue('0.98', { percentHeader: true })).toMatchObject({ kind: 'percent', value: 98 });
    expect(parseValue('98', { percentHeader: true })).toMatchObject({ kind: 'percent', value: 98 });
    // decimals as the format shows them
    expect(parseValue(100, { percentHeader: true, numberFormat: '0.0' })).toMatchObject({ kind: 'percent', value: 100, decimals: 1 });
    expect(parseValue(0.978, { percentHeader: true, numberFormat: '0.000' })).toMatchObject({ kind: 'percent', value: 97.8, decimals: 1 });
  });

  test('a percent format shows the rounded figure half-up', () => {
    expect(parseValue(0.945, { numberFormat: '0%' })).toMatchObject({ value: 94.5, decimals: 0, raw: '95%' });
    expect(parseValue(0.9455, { numberFormat: '0.0%' }).raw).toBe('94.6%');
  });

  test('date formats give ISO dates (1900 system)', () => {
    expect(parseValue(45299, { numberFormat: 'yyyy-mm-dd' })).toMatchObject({ kind: 'date', value: '2024-01-08' });
    expect(parseValue(45299, { numberFormat: 'yyyy"年"m"月"d"日"' })).toMatchObject({ kind: 'date', value: '2024-01-08' });
    expect(parseValue(45299, { numberFormat: '[$-804]yyyy年m月d日' })).toMatchObject({ kind: 'date', value: '2024-01-08' });
    expect(parseValue(1, { numberFormat: 'm/d/yy' }).value).toBe('1900-01-01');
    expect(parseValue(61, { numberFormat: 'm/d/yy' }).value).toBe('1900-03-01');
  });

  test('formats that are not dates', () => {
    for (const f of ['General', '0', '#,##0', '0.00', '#,##0"件"', '[Red]0', '0.00E+00', '@']) {
      expect(parseValue(37, { numberFormat: f }).kind).toBe('number');
    }
  });

  test('decimals come from the format when it fixes them, else from the number', () => {
    expect(parseValue(94.6).decimals).toBe(1);
    expect(parseValue(37).decimals).toBe(0);
    expect(parseValue(37, { numberFormat: '0.00' })).toMatchObject({ decimals: 2, raw: '37.00' });
    expect(parseValue(0.1 + 0.2).decimals).toBe(1);
  });

  test('negative numbers stay negative', () => {
    expect(parseValue(-5).value).toBe(-5);
    expect(parseValue('-5').value).toBe(-5);
    expect(parseValue('－5').value).toBe(-5);
  });

  test('booleans are yes/no', () => {
    expect(parseValue(true)).toMatchObject({ kind: 'yesno', value: true });
    expect(parseValue(false)).toMatchObject({ kind: 'yesno', value: false });
  });
});

describe('figures written as text', () => {
  test.each<[string, Partial<ParsedValue>]>([
    ['37件', { kind: 'number', value: 37, unit: '件', approx: null, markers: [] }],
    ['１，２００', { kind: 'number', value: 1200 }],
    ['1,200', { kind: 'number', value: 1200 }],
    ['1，200份', { kind: 'number', value: 1200, unit: '份' }],
    ['６１', { kind: 'number', value: 61 }],
    ['20多人次', { value: 20, unit: '人次', approx: '多', markers: ['多'] }],
    ['3000余份', { value: 3000, unit: '份', approx: '余' }],
    ['1.3万元', { value: 13000, unit: '元', wan: true, approx: null }],
    ['3万余份', { value: 30000, unit: '份', wan: true, approx: '余', markers: ['余'] }],
    ['10多万元', { value: 100000, unit: '元', wan: true, approx: '多' }],
    ['近3万余份', { value: 30000, unit: '份', approx: '近', markers: ['近', '余'] }],
    ['近300幅', { value: 300, unit: '幅', approx: '近' }],
    ['约50人', { value: 50, unit: '人', approx: '约' }],
    ['100人以上', { value: 100, unit: '人', approx: '以上' }],
    ['超过100人', { value: 100, unit: '人', approx: '以上' }],
    ['逾百人', { value: 100, unit: '人', approx: '以上' }],
    ['50人左右', { value: 50, unit: '人', approx: '约' }],
    ['不少于30条', { value: 30, unit: '条', approx: '不少于' }],
    ['45幅', { value: 45, unit: '幅' }],
    ['12次', { value: 12, unit: '次' }],
    ['二十余件', { value: 20, unit: '件', approx: '余' }],
    ['百余次', { value: 100, unit: '次', approx: '余' }],
    ['3千', { value: 3000 }],
    ['两千份', { value: 2000, unit: '份' }],
    ['三万', { value: 30000, wan: true }],
    ['共37件', { value: 37, unit: '件' }],
    ['12个行政村', { value: 12, unit: '个' }],
    // field test: `100+` was an unparseable-value error; a plus after the figure is 多
    ['100+', { kind: 'number', value: 100, approx: '多', markers: ['多'] }],
    ['100+场次', { kind: 'number', value: 100, unit: '场次', approx: '多' }],
    ['１００＋人次', { kind: 'number', value: 100, unit: '人次', approx: '多' }],
  ])('%s', (s, want) => {
    expect(parseValue(s)).toMatchObject(want);
  });

  test('percents and coverage words', () => {
    expect(parseValue('98%')).toMatchObject({ kind: 'percent', value: 98, decimals: 0, coverage: false });
    expect(parseValue('94.6％')).toMatchObject({ kind: 'percent', value: 94.6, decimals: 1 });
    expect(parseValue('百分之九十八')).toMatchObject({ kind: 'percent', value: 98 });
    expect(parseValue('100%')).toMatchObject({ kind: 'percent', value: 100, coverage: false });
    for (const w of ['全覆盖', '实现全覆盖', '全部', '100%全覆盖']) {
      expect(parseValue(w)).toMatchObject({ kind: 'percent', value: 100, coverage: true });
    }
  });

  test('yes/no words', () => {
    for (const w of ['是', '有', '已', '已开展', '已成立', '已建立', '已落实', '已完成', '完成', '√', '✓', 'Y', 'yes', 'TRUE', ' Yes ']) {
      expect(parseValue(w)).toMatchObject({ kind: 'yesno', value: true });
    }
    for (const w of ['否', '未', '未开展', '未成立', '没有', '×', '✗', 'N', 'no', 'FALSE']) {
      expect(parseValue(w)).toMatchObject({ kind: 'yesno', value: false });
    }
  });

  test('text that is not a figure: text, or invalid with a Chinese reason when a figure is expected', () => {
    expect(parseValue('开展了形式多样的普法活动')).toMatchObject({ kind: 'text', value: '开展了形式多样的普法活动' });
    const v = parseValue('若干', { expect: 'count' });
    expect(v.kind).toBe('invalid');
    expect(v.value).toBeNull();
    expect(v.reason).toMatch(/数值/);
    expect(parseValue('一是加强学习', { expect: 'text' }).kind).toBe('text');
  });

  test('a range is not a value', () => {
    for (const s of ['20-30', '20~30件', '二十至三十']) {
      const v = parseValue(s, { expect: 'count' });
      expect(v.kind).toBe('invalid');
      expect(v.reason).toMatch(/范围/);
    }
    expect(parseValue('20-30').kind).toBe('invalid');
  });

  test('dates written as text', () => {
    expect(parseValue('2024年1月8日')).toMatchObject({ kind: 'date', value: '2024-01-08' });
  });

  test('raw is the trimmed text', () => {
    expect(parseValue('  37件 ').raw).toBe('37件');
  });
});

describe('parseChineseNumber', () => {
  test.each<[string, number | null]>([
    ['二十', 20], ['一百二十', 120], ['百', 100], ['两千', 2000], ['三万', 30000], ['十二', 12], ['零', 0], ['〇', 0],
    ['二〇二三', 2023], ['一千零五', 1005], ['壹佰贰拾', 120], ['叁仟', 3000], ['3千', 3000], ['３０', 30],
    ['一万二千', 12000], ['十万', 100000], ['一亿', 1e8], ['1.5万', 15000], ['十', 10],
    ['abc', null], ['', null], ['三五十', null], ['十百', null],
  ])('%s → %p', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n);
  });
});

describe('cellText', () => {
  test('shows what the user sees', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(37)).toBe('37');
    expect(cellText({ error: '#REF!' })).toBe('#REF!');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText('文字')).toBe('文字');
  });

  test('the largest number a cell can hold is shown as a number, never as Infinity', () => {
    expect(cellText(Number.MAX_VALUE)).not.toContain('Infinity');
    expect(Number(cellText(Number.MAX_VALUE))).toBe(Number.MAX_VALUE);
  });
});

describe('never throws', () => {
  const ctxArb: fc.Arbitrary<ParseContext> = fc.record(
    {
      numberFormat: fc.option(fc.oneof(fc.string(), fc.constantFrom('0%', '0.0%', 'yyyy-mm-dd', 'General', '[h]:mm', '"年"0')), { nil: null }),
      percentHeader: fc.boolean(),
      expect: fc.constantFrom('count', 'amount', 'rate', 'yesno', 'text', undefined),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<ParseContext>;
  const numeralish = fc
    .array(fc.constantFrom(...'0123456789.,%-余多近约万亿千百十零一二两三件份人次以上左右全覆盖是否无／—'.split('')), { maxLength: 12 })
    .map((a) => a.join(''));
  const cellArb: fc.Arbitrary<Cell> = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    numeralish,
    fc.record({ error: fc.string() }),
  );

  test('on arbitrary cells and contexts, always a well-formed value', () => {
    fc.assert(
      fc.property(cellArb, ctxArb, (cell, ctx) => {
        const v = parseValue(cell, ctx);
        expect(KINDS).toContain(v.kind);
        expect(typeof v.raw).toBe('string');
        if (v.kind === 'number' || v.kind === 'percent') {
          expect(typeof v.value).toBe('number');
          expect(Number.isFinite(v.value as number)).toBe(true);
        }
        if (v.kind === 'invalid') expect(v.reason && !/undefined|NaN|null/.test(v.reason)).toBeTruthy();
        expect(v.approx).toBe(v.markers[0] ?? null);
      }),
      { numRuns: 2000 },
    );
  });

  test('lone surrogates and huge strings', () => {
    expect(() => parseValue('\ud800')).not.toThrow();
    expect(parseValue('\udfff37件\ud800').kind).toBe('text');
    const huge = '1'.repeat(32767);
    expect(parseValue(huge).kind).toBe('text');
    expect(parseValue('余'.repeat(32767), { expect: 'count' }).kind).toBe('invalid');
    expect(parseValue('1,'.repeat(16000)).kind).toBe('text');
    expect(parseChineseNumber('十'.repeat(32767))).toBeNull();
  });
});

describe('notes and edge wordings', () => {
  test('a bracketed note after a figure does not hide the figure', () => {
    expect(parseValue('37件（含电话咨询5件）')).toMatchObject({ kind: 'number', value: 37, unit: '件' });
    expect(parseValue('（含电话咨询5件）', { expect: 'count' }).kind).toBe('invalid');
  });

  test('vague quantities are not figures', () => {
    for (const s of ['若干', '十几件', '数十次', '多次', '大量']) {
      const v = parseValue(s, { expect: 'count' });
      expect(v.kind).toBe('invalid');
      expect(v.value).toBeNull();
    }
  });

  test('a rate indicator reads a bare number as percent, like a % header', () => {
    expect(parseValue(0.946, { expect: 'rate' })).toMatchObject({ kind: 'percent', value: 94.6, decimals: 1 });
    expect(parseValue('98', { expect: 'rate' })).toMatchObject({ kind: 'percent', value: 98 });
  });

  test('a unit written in the cell survives a percent header', () => {
    expect(parseValue('37件', { percentHeader: true })).toMatchObject({ kind: 'number', value: 37, unit: '件' });
  });

  test('cellText hides float noise', () => {
    expect(cellText(0.1 + 0.2)).toBe('0.3');
  });
});

describe('round trips', () => {
  /** An independent writer of Chinese numerals, as people write them (一万零五百, 十二, 一百一十). */
  function toChinese(n: number): string {
    const D = '零一二三四五六七八九';
    const U = ['', '十', '百', '千'];
    const section = (x: number, leadingOne: boolean): string => {
      let out = '';
      let zero = false;
      for (let i = 3; i >= 0; i--) {
        const d = Math.floor(x / 10 ** i) % 10;
        if (d === 0) {
          if (out) zero = true;
          continue;
        }
        if (zero) out += '零';
        zero = false;
        out += d === 1 && i === 1 && !out && !leadingOne ? U[i] : D[d] + U[i];
      }
      return out;
    };
    if (n === 0) return '零';
    const wan = Math.floor(n / 10000);
    const rest = n % 10000;
    let s = wan ? section(wan, false) + '万' : '';
    if (rest) s += (wan && rest < 1000 ? '零' : '') + section(rest, !!wan);
    return s;
  }

  test('Chinese numerals up to 9999,9999', () => {
    expect(toChinese(10005)).toBe('一万零五');
    expect(toChinese(12)).toBe('十二');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99999999 }), (n) => {
        expect(parseChineseNumber(toChinese(n))).toBe(n);
      }),
      { numRuns: 3000 },
    );
  });

  test('a figure with markers and a unit reads back its parts', () => {
    const units = ['件', '份', '人次', '场次', '幅', '条', '名', '个', '元'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999999 }),
        fc.constantFrom('', '近', '约', '不少于'),
        fc.constantFrom('', '余', '多'),
        fc.constantFrom(...units),
        fc.boolean(),
        fc.boolean(),
        (n, pre, suf, unit, wan, comma) => {
          const figure = comma && !wan ? n.toLocaleString('en-US') : String(n);
          const v = parseValue(`${pre}${figure}${wan ? '万' : ''}${suf}${unit}`);
          expect(v.kind).toBe('number');
          expect(v.value).toBe(wan ? n * 10000 : n);
          expect(v.unit).toBe(unit);
          expect(v.wan).toBe(wan);
          expect(v.markers).toEqual([pre, suf].filter(Boolean));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
