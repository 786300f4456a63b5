import { RESULT_SHEETS } from '../../src/core/catalog';
import { mergeMarks } from '../../src/core/plan';
import type { Mark } from '../../src/core/types';

const mark = (sheet: string, cell: string, severity: Mark['severity'], comment: string, fill = `#${severity}`): Mark => ({
  sheet,
  cell,
  severity,
  fill,
  comment,
});

describe('mergeMarks (both adapters apply marks through it)', () => {
  test('several findings on one cell: one mark, the gravest severity and its fill, every message once', () => {
    const out = mergeMarks([
      mark('矛盾纠纷', 'D11', 'hint', '【提示性】调解率比上年下降较多。'),
      mark('矛盾纠纷', '$d$11', 'error', '【强制性】调解率应为93.8%，填报为98%。'),
      mark('矛盾纠纷', 'D11', 'verify', '【提示性】调解率比上年下降较多。'),
    ]);
    expect(out).toEqual([
      {
        sheet: '矛盾纠纷',
        cell: 'D11',
        severity: 'error',
        fill: '#error',
        comment: '【提示性】调解率比上年下降较多。\n【强制性】调解率应为93.8%，填报为98%。',
      },
    ]);
  });

  test('a mark whose lines are already on the cell adds nothing; a new line is added once', () => {
    const first = mark('信访', 'C5', 'verify', '甲\n乙');
    expect(mergeMarks([first, mark('信访', 'C5', 'hint', '甲\n乙')])[0].comment).toBe('甲\n乙');
    expect(mergeMarks([first, mark('信访', 'C5', 'hint', '乙\n丙')])[0].comment).toBe('甲\n乙\n丙');
  });

  test('different cells and sheets stay apart; marks on no cell or on the marks sheet are dropped', () => {
    const out = mergeMarks([
      mark('甲', 'A1', 'hint', 'x'),
      mark('乙', 'A1', 'hint', 'y'),
      mark('甲', 'A2', 'hint', 'z'),
      mark('甲', '整表', 'error', 'w'),
      mark(RESULT_SHEETS.marks, 'A1', 'error', 'v'),
    ]);
    expect(out.map((m) => `${m.sheet}!${m.cell}`)).toEqual(['甲!A1', '乙!A1', '甲!A2']);
  });
});
