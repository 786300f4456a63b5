/** @jest-environment jsdom */
/** The report as rich text for Word: paragraphs (not a table) in the GB/T 9704 fonts, escaped, nothing empty. */
import type { Report } from '../../src/core/types';
import { copyRich, reportHtml, reportText } from '../../src/taskpane/richCopy';

const REPORT: Report = {
  unit: '周营镇',
  year: 2023,
  paragraphs: [
    { role: 'title', text: '周营镇人民政府关于2023年度法治政府建设情况的报告' },
    { role: 'addressee', text: '中共沈丘县委、沈丘县人民政府：' },
    { role: 'heading1', text: '一、主要举措和成效' },
    { role: 'heading2', text: '（一）法治宣传教育' },
    { role: 'body', text: '2023年，全镇共发放法治宣传资料3万余份，<悬挂>横幅&标语近300幅。' },
    { role: 'body', text: '   ' },
    { role: 'date', text: '2024年1月8日' },
  ],
};

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

const BLOCKS = 'p, h1, h2, h3, h4, h5';

test('one block per non-empty paragraph, no table, text escaped', () => {
  const doc = parse(reportHtml(REPORT));
  const ps = [...doc.querySelectorAll(BLOCKS)];
  expect(doc.querySelector('table')).toBeNull();
  expect(ps.map((p) => p.textContent)).toEqual([
    '周营镇人民政府关于2023年度法治政府建设情况的报告',
    '中共沈丘县委、沈丘县人民政府：',
    '一、主要举措和成效',
    '（一）法治宣传教育',
    '2023年，全镇共发放法治宣传资料3万余份，<悬挂>横幅&标语近300幅。',
    '2024年1月8日',
  ]);
});

test('body in 仿宋_GB2312 16pt with a two-character first-line indent; headings 黑体 and 楷体_GB2312; title centred; date right', () => {
  const ps = [...parse(reportHtml(REPORT)).querySelectorAll(BLOCKS)].map((p) => p.getAttribute('style') ?? '');
  const [title, addressee, h1, h2, body, date] = ps;
  expect(body).toMatch(/font-family:'仿宋_GB2312'/);
  expect(body).toMatch(/font-size:16pt/);
  // the indent in points: Word reads 2em of a heading at the heading's size
  expect(body).toMatch(/text-indent:32pt/);
  expect(h1).toMatch(/text-indent:32pt/);
  expect(h1).toMatch(/font-family:'黑体'/);
  expect(h2).toMatch(/font-family:'楷体_GB2312'/);
  expect(title).toMatch(/text-align:center/);
  expect(title).toMatch(/font-size:22pt/);
  expect(addressee).not.toMatch(/text-indent:32pt/);
  expect(date).toMatch(/text-align:right/);
});

test('plain text keeps one paragraph per line and never says undefined', () => {
  const text = reportText(REPORT);
  expect(text.split('\r\n')).toHaveLength(6);
  expect(text).toContain('\u3000\u30002023年，全镇共发放');
  expect(text).not.toMatch(/undefined|null|NaN/);
});

test('without the async clipboard, copy falls back to selecting a hidden copy and execCommand', async () => {
  const seen: string[] = [];
  Object.assign(document, {
    execCommand: (cmd: string) => {
      seen.push(`${cmd}:${document.getSelection()?.toString().includes('法治宣传教育')}`);
      return true;
    },
  });
  expect(await copyRich(reportHtml(REPORT), reportText(REPORT))).toBe(true);
  expect(seen).toEqual(['copy:true']);
  expect(document.body.querySelector('[contenteditable]')).toBeNull(); // cleaned up
});

test('the title and headings are real heading markup (Word pastes them as its 标题 styles), body paragraphs are <p>', () => {
  const doc = parse(reportHtml(REPORT));
  expect([...doc.body.querySelectorAll(BLOCKS)].map((e) => e.tagName)).toEqual(['H1', 'P', 'H2', 'H3', 'P', 'P']);
  // a heading keeps the GB/T 9704 look, not the browser's bold heading
  expect(doc.querySelector('h2')!.getAttribute('style')).toMatch(/font-weight:normal/);
});

test('a figure touching an open problem is highlighted in the copy, and followed by 【待核实】 when the county chose it', () => {
  const flags = [{ paragraph: 4, start: 17, end: 21, text: '3万余份', findings: ['f1'], severity: 'error' as const }];
  expect(REPORT.paragraphs[4].text.slice(17, 21)).toBe('3万余份');
  const doc = parse(reportHtml(REPORT, { flags }));
  const mark = doc.querySelector('span[style*="mso-highlight:yellow"]')!;
  expect(mark.textContent).toBe('3万余份');
  expect(doc.body.textContent).not.toContain('【待核实】');
  expect(parse(reportHtml(REPORT, { flags, flagText: true })).querySelector('span[style*="mso-highlight"]')!.textContent).toBe('3万余份【待核实】');
  expect(reportText(REPORT, { flags, flagText: true })).toContain('共发放法治宣传资料3万余份【待核实】，');
  expect(reportText(REPORT, { flags })).not.toContain('【待核实】');
});

test('the draft’s notes (a rate recomputed in place of the township’s) are the copy’s last paragraph, indented like the body', () => {
  const note =
    '文稿中的“信访案件化解率”77.8%是按‘矛盾纠纷化解’表 D5和‘矛盾纠纷化解’表 D4的数字重新计算的，乡镇在‘矛盾纠纷化解’表 D6填报为“100%”，文稿没有采用。';
  const withNote: Report = { ...REPORT, notes: [note] };
  const blocks = [...parse(reportHtml(withNote)).body.querySelectorAll(BLOCKS)];
  expect(blocks).toHaveLength(7);
  const last = blocks[blocks.length - 1];
  expect(last.tagName).toBe('P');
  expect(last.textContent).toBe(`（说明：${note}）`);
  expect(last.getAttribute('style')).toMatch(/text-indent:32pt/);
  const lines = reportText(withNote).split('\r\n');
  expect(lines[lines.length - 2]).toBe('2024年1月8日');
  expect(lines[lines.length - 1]).toBe(`\u3000\u3000（说明：${note}）`);
  // two notes read as the report's lists do
  expect(reportText({ ...REPORT, notes: [note, '文稿中的“法律顾问覆盖率”90.0%是按……重新计算的。'] })).toMatch(/（说明：一是文稿中的“信访案件化解率”.*文稿没有采用；二是文稿中的“法律顾问覆盖率”90\.0%是按……重新计算的。）$/);
  // none: nothing added
  expect(reportText(REPORT)).not.toContain('说明');
});
