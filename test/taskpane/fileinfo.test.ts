import { nameMismatch, numberedName } from '../../src/web/fileInfo';

describe('the page names what it was given', () => {
  it('a file opened again is numbered (2), (3)', () => {
    expect(numberedName('周营镇-2023-指标.xlsx', [])).toBe('周营镇-2023-指标.xlsx');
    expect(numberedName('周营镇-2023-指标.xlsx', ['周营镇-2023-指标.xlsx'])).toBe('周营镇-2023-指标.xlsx (2)');
    expect(numberedName('周营镇-2023-指标.xlsx', ['周营镇-2023-指标.xlsx', '周营镇-2023-指标.xlsx (2)', '前营乡.xlsx'])).toBe('周营镇-2023-指标.xlsx (3)');
  });

  it('warns when the name’s township or year is not the content’s', () => {
    expect(nameMismatch('周营镇-2023-指标.xlsx', '周营镇', 2023)).toBeNull();
    // a file named for the year it is sent in holds the year before
    expect(nameMismatch('周营镇2024年报送.xlsx', '周营镇', 2023)).toBeNull();
    expect(nameMismatch('关于周营镇的指标表.xlsx', '周营镇人民政府', 2023)).toBeNull();
    expect(nameMismatch('前营乡-2023-逐年.xlsx', '周营镇', 2023)).toEqual({ unit: { inName: '前营乡', unit: '周营镇' } });
    expect(nameMismatch('周营镇-2021-指标.xlsx', '周营镇', 2023)).toEqual({ year: { inName: 2021, year: 2023 } });
    // the content does not say, or the name does not: nothing to compare
    expect(nameMismatch('指标.xlsx', '周营镇', 2023)).toBeNull();
    expect(nameMismatch('前营乡-2023.xlsx', null, null)).toBeNull();
  });
});
