import { expectCleanMessage, obs, run } from './rules-fixtures';

describe('unparseable-value', () => {
  it('flags text that is not a figure, at its cell, as an error naming what was written', () => {
    const f = run(
      [obs({ indicator: 'petitions_received', cell: 'C5', sheet: '矛盾纠纷', kind: 'invalid', value: null, raw: '若干', reason: '没有数字' })],
      { rules: ['unparseable-value'] },
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'unparseable-value', severity: 'error', sheet: '矛盾纠纷', cell: 'C5', indicators: ['petitions_received'] });
    expect(f[0].refs).toEqual(['矛盾纠纷!C5']);
    expect(f[0].message).toContain('‘矛盾纠纷’表 C5');
    expect(f[0].message).toContain('若干');
    expect(f[0].message).toContain('信访案件受理数');
    expectCleanMessage(f[0]);
  });

  it('explains a date where a count belongs as a cell-format slip', () => {
    const f = run([obs({ indicator: 'materials', cell: 'B7', kind: 'date', value: '2024-03-01', raw: '2024/3/1' })], {
      rules: ['unparseable-value'],
    });
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('日期');
    expect(f[0].message).toContain('常规');
    expectCleanMessage(f[0]);
  });

  it('leaves readable figures and blanks alone', () => {
    const f = run(
      [obs({ indicator: 'materials', cell: 'B7', value: 3000, markers: ['余'] }), obs({ indicator: 'banners', cell: 'B8' })],
      { rules: ['unparseable-value'] },
    );
    expect(f).toEqual([]);
  });
});

describe('formula-error', () => {
  it('reports the error code at the cell', () => {
    const f = run([obs({ indicator: 'hotline_closure_rate', cell: 'D9', kind: 'error', value: '#DIV/0!', raw: '#DIV/0!' })], {
      rules: ['formula-error'],
    });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', cell: 'D9', actual: '#DIV/0!' });
    expect(f[0].message).toContain('#DIV/0!');
    expectCleanMessage(f[0]);
  });
});

describe('not-integer', () => {
  it('flags a fractional count but not a fractional amount', () => {
    const f = run(
      [obs({ indicator: 'team_members', cell: 'B3', value: 12.5 }), obs({ indicator: 'fines', cell: 'B4', value: 12.5 })],
      { rules: ['not-integer'] },
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: 'B3', actual: 12.5, severity: 'error' });
    expect(f[0].message).toContain('整数');
    expectCleanMessage(f[0]);
  });

  it('accepts 1.3万份 (a whole count written with 万)', () => {
    const f = run([obs({ indicator: 'materials', cell: 'B3', value: 13000, wan: true, raw: '1.3万份', decimals: 1 })], {
      rules: ['not-integer'],
    });
    expect(f).toEqual([]);
  });
});

describe('negative', () => {
  it('flags a negative figure once (not also out-of-range)', () => {
    const f = run([obs({ indicator: 'cases_filed', cell: 'B3', value: -2 })], { rules: ['negative', 'out-of-range'] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'negative', actual: -2, expected: 0 });
    expectCleanMessage(f[0]);
  });
});

describe('out-of-range', () => {
  it('flags a rate above 100 %, with the range in the message', () => {
    const f = run([obs({ indicator: 'certification_rate', cell: 'D4', value: 120 })], { rules: ['out-of-range'] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', cell: 'D4', actual: 120, expected: 100 });
    expect(f[0].message).toContain('0%～100%');
    expect(f[0].message).toContain('120%');
    expectCleanMessage(f[0]);
  });

  it('accepts 100 % and 0 %', () => {
    const f = run(
      [obs({ indicator: 'certification_rate', cell: 'D4', value: 100 }), obs({ indicator: 'hotline_closure_rate', cell: 'D5', value: 0 })],
      { rules: ['out-of-range'] },
    );
    expect(f).toEqual([]);
  });
});
