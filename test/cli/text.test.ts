/**
 * The report's text on the command line (issue 13): `check 报告.docx|.txt`, `check 工作簿.xlsx --text 报告.docx`
 * and `report 报告.docx --annotate 审核批注.docx` — findings at their paragraph (`第3段：“……化解率达98%……”`), JSON with
 * source/paragraph/span/quote, exit codes as for workbooks, the Word copy's comments on the right words.
 */
import * as fs from 'fs';
import * as path from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { docx, p } from '../file/docx-fixture';
import { ZHOU, openExcelJs, run, tempDirPerTest } from './support';

const REPORTS = path.resolve(__dirname, '../fixtures/reports');

// sentences as townships write them (the issue's own examples): 42/45 is 93.3%, 10/12 is 83.3%
const TITLE = '关于2023年度法治政府建设情况的报告';
const WRONG = '全年受理信访案件45件，化解42件，化解率达98%。';
const RIGHT = '全年排查矛盾纠纷36件，化解34件，化解率94.4%。';

const tmp = tempDirPerTest('id-text-');

const write = (name: string, bytes: Uint8Array | string) => {
  fs.writeFileSync(path.join(tmp(), name), bytes);
  return name;
};

describe('check 报告.txt / 报告.docx', () => {
  test('a rate its own counts do not give is an error at its paragraph, quoted; exit 1', async () => {
    write('纸坊镇报告.txt', `${TITLE}\n\n县委、县政府：\n${RIGHT}\n${WRONG}\n`);
    const r = await run(['check', '纸坊镇报告.txt'], tmp());
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/■ 纸坊镇报告\.txt（报告文字，共 4 段，2023年度）/);
    const line = r.out.split('\n').find((l) => l.includes('93.3%'))!;
    expect(line).toMatch(/^ {4}第4段：“[^”]*化解率达98%[^”]*”　/);
    expect(line).not.toMatch(/!/); // no Sheet!Cell for a .txt
    expect(r.out).not.toContain('第3段：'); // 34/36 = 94.4%: consistent, no finding
  });

  test('the same report as a GBK .txt, and as a .docx with the figure split over runs, gives the same findings', async () => {
    const gbk = path.join(REPORTS, '前营乡-2023-gbk.txt');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(gbk))).toThrow();
    const utf8 = JSON.parse((await run(['check', path.join(REPORTS, '前营乡-2023.txt'), '--json'], tmp())).out).files[0];
    const fromGbk = JSON.parse((await run(['check', gbk, '--json'], tmp())).out).files[0];
    expect(fromGbk.observations.length).toBeGreaterThan(0);
    expect(fromGbk.observations).toEqual(utf8.observations);
    expect(fromGbk.findings).toEqual(utf8.findings);

    write('a.txt', `${TITLE}\n县委、县政府：\n${RIGHT}\n${WRONG}\n`);
    write('b.docx', docx(p(TITLE) + p('县委、县政府：') + p(RIGHT) + p('全年受理信访案件4', '5件，化解42件，化解率达9', '8', '%。')));
    const fa = JSON.parse((await run(['check', 'a.txt', '--json'], tmp())).out).files[0].findings;
    const fb = JSON.parse((await run(['check', 'b.docx', '--json'], tmp())).out).files[0].findings;
    expect(fa.length).toBeGreaterThan(0);
    expect(fb.map((f: { message: string }) => f.message)).toEqual(fa.map((f: { message: string }) => f.message));
  });

  test('JSON: the file as for workbooks, each finding with source, paragraph, span and the sentence', async () => {
    write('r.docx', docx(p(TITLE) + p(WRONG)));
    const r = await run(['check', 'r.docx', '--json'], tmp());
    expect(r.code).toBe(1);
    const f = JSON.parse(r.out).files[0];
    expect(f).toMatchObject({ file: 'r.docx', kind: 'text', year: 2023, paragraphs: 2, against: null });
    const rate = f.findings.find((x: { rule: string }) => x.rule === 'rate-mismatch');
    expect(rate).toMatchObject({ source: 'text', paragraph: 2, severity: 'error', sheet: '' });
    expect(WRONG.slice(rate.span[0], rate.span[1])).toContain('98%');
    expect(rate.quote).toContain('化解率达98%');
    expect(f.observations.every((o: { source: string; paragraph: number }) => o.source === 'text' && o.paragraph === 2)).toBe(true);
  });

  test('a consistent real report has no error (exit 0)', async () => {
    const r = await run(['check', path.join(REPORTS, '前营乡-2023-lo.docx'), path.join(REPORTS, '前营乡-2023.txt')], tmp());
    expect(r.out).not.toMatch(/错误（\d+ 项）/);
    expect(r.code).toBe(0);
  });

  test('a damaged Word file is named in one sentence (exit 2) and the other files are still checked', async () => {
    const whole = docx(p(WRONG));
    write('坏.docx', whole.subarray(0, whole.length - 40));
    write('好.txt', `${TITLE}\n${WRONG}\n`);
    const r = await run(['check', '坏.docx', '好.txt'], tmp());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/“坏\.docx”是 Word 文档，但已损坏/);
    expect(r.out).toMatch(/■ 好\.txt[\s\S]*第2段：/);
  });
});

describe('check 工作簿.xlsx --text 报告.docx', () => {
  test('both are checked; a rate in the text the workbook’s counts do not give names the sentence and the cells', async () => {
    const r = await run(['check', ZHOU, '--text', path.join(REPORTS, '周营镇-2023.docx')], tmp());
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/■ .*周营镇-2023-指标\.xlsx/);
    expect(r.out).toMatch(/■ .*周营镇-2023\.docx（报告文字，共 41 段，2023年度，与 周营镇-2023-指标\.xlsx 对照）/);
    const line = r.out.split('\n').find((l) => /^ {4}第\d+段：.*化解率达到100%/.test(l) && l.includes('77.8%'));
    expect(line).toMatch(/‘矛盾纠纷化解’表 D5/);
  });

  test('JSON holds the workbook and its report, the report saying what it was compared with', async () => {
    const r = await run(['check', ZHOU, '--text', path.join(REPORTS, '周营镇-2023.docx'), '--json'], tmp());
    const files = JSON.parse(r.out).files;
    expect(files.map((f: { file: string }) => path.basename(f.file))).toEqual(['周营镇-2023-指标.xlsx', '周营镇-2023.docx']);
    expect(files[1]).toMatchObject({ kind: 'text', against: '周营镇-2023-指标.xlsx' });
  });

  test('--text naming a workbook reads its 报告正文 sheet: each finding at its paragraph and cell', async () => {
    const wb = await openExcelJs(ZHOU);
    const ws = wb.addWorksheet('报告正文');
    ws.getCell('A1').value = TITLE;
    ws.getCell('A3').value = '2023年，全镇信访案件化解率达到100%，连续多年荣获市级信访工作先进单位。';
    await wb.xlsx.writeFile(path.join(tmp(), '周营镇.xlsx'));
    const r = await run(['check', '周营镇.xlsx', '--text', '周营镇.xlsx'], tmp());
    expect(r.code).toBe(1);
    const line = r.out.split('\n').find((l) => l.includes('77.8%') && l.includes('第2段'))!;
    expect(line).toMatch(/^ {4}第2段（报告正文!A3）：“[^”]*化解率达到100%[^”]*”　/);
    const none = await run(['check', ZHOU, '--text', ZHOU], tmp());
    expect(none.code).toBe(2);
    expect(none.err).toContain('中没有“报告正文”“报告”或“报告文稿”表');
  });

  test('--text with several workbooks, or a report given where the workbook belongs, is a usage error', async () => {
    write('r.txt', `${TITLE}\n${WRONG}\n`);
    expect((await run(['check', ZHOU, ZHOU, '--text', 'r.txt'], tmp())).code).toBe(2);
    const r = await run(['check', 'r.txt', '--text', 'r.txt'], tmp());
    expect(r.code).toBe(2);
    expect(r.err).toContain('--text 的用法');
  });

  test('a report that cannot be read is named (exit 2); the workbook is still checked', async () => {
    const r = await run(['check', ZHOU, '--text', '没有这个.docx'], tmp());
    expect(r.code).toBe(2);
    expect(r.err).toContain('找不到文件“没有这个.docx”');
    expect(r.out).toMatch(/小结（周营镇-2023-指标\.xlsx）/);
  });
});

describe('report 报告.docx --annotate 审核批注.docx', () => {
  test('a comment on the words of each finding holding its message; the original untouched; exit 1', async () => {
    const src = docx(p(TITLE) + p('县委、县政府：') + p('全年受理信访案件45件，化解42件，化解率达9', '8%。'));
    write('报告.docx', src);
    const r = await run(['report', '报告.docx', '--annotate', '审核批注.docx'], tmp());
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/已写出审核批注：审核批注\.docx（\d+ 条批注）/);
    expect(Buffer.compare(fs.readFileSync(path.join(tmp(), '报告.docx')), Buffer.from(src))).toBe(0);
    const parts = unzipSync(new Uint8Array(fs.readFileSync(path.join(tmp(), '审核批注.docx'))));
    const comments = strFromU8(parts['word/comments.xml']);
    expect(comments).toMatch(/【错误】[^<]*93\.3%/);
    const doc = strFromU8(parts['word/document.xml']);
    const id = /<w:comment w:id="(\d+)"[^>]*>(?:(?!<\/w:comment>).)*93\.3%/.exec(comments)![1];
    const inner = doc.slice(doc.indexOf(`<w:commentRangeStart w:id="${id}"/>`), doc.indexOf(`<w:commentRangeEnd w:id="${id}"/>`));
    expect([...inner.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).toContain('98%');
    // run again over the annotated copy: the tool's comments are replaced, not doubled
    const again = await run(['report', '审核批注.docx', '--annotate', '二次.docx'], tmp());
    expect(again.out).toMatch(/替换了上次写入的 \d+ 条/);
    const twice = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(path.join(tmp(), '二次.docx'))))['word/comments.xml']);
    expect(twice.match(/<w:comment /g)!.length).toBe(comments.match(/<w:comment /g)!.length);
  });

  test('the default name sits beside the report; the source is never overwritten; a .txt cannot carry comments', async () => {
    write('报告.docx', docx(p(TITLE) + p(RIGHT)));
    const r = await run(['report', '报告.docx'], tmp());
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(tmp(), '报告-审核批注.docx'))).toBe(true);
    const self = await run(['report', '报告.docx', '--annotate', '报告.docx'], tmp());
    expect(self.code).toBe(2);
    expect(self.err).toContain('不能覆盖原报告“报告.docx”');
    write('报告.txt', `${TITLE}\n${WRONG}\n`);
    const txt = await run(['report', '报告.txt', '--annotate', 'x.docx'], tmp());
    expect(txt.code).toBe(2);
    expect(txt.err).toContain('只能为 Word 文档（.docx）写批注');
    expect(fs.existsSync(path.join(tmp(), 'x.docx'))).toBe(false);
  });
});

describe('report 工作簿.xlsx --text 报告.docx --annotate 审核批注.docx', () => {
  test('the annotated copy also holds the findings against the workbook, each naming its cell; the report untouched', async () => {
    const src = fs.readFileSync(path.join(REPORTS, '周营镇-2023.docx'));
    write('周营镇报告.docx', src);
    const r = await run(['report', ZHOU, '--text', '周营镇报告.docx', '--annotate', '审核批注.docx'], tmp());
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/小结（周营镇-2023-指标\.xlsx）/);
    expect(r.out).toMatch(/与 周营镇-2023-指标\.xlsx 对照/);
    expect(Buffer.compare(fs.readFileSync(path.join(tmp(), '周营镇报告.docx')), src)).toBe(0);
    const parts = unzipSync(new Uint8Array(fs.readFileSync(path.join(tmp(), '审核批注.docx'))));
    const comments = strFromU8(parts['word/comments.xml']);
    // the text's 化解率达到100% against the workbook's counts (77.8%), at ‘矛盾纠纷化解’表 D5
    const id = /<w:comment w:id="(\d+)"[^>]*>(?:(?!<\/w:comment>).)*‘矛盾纠纷化解’表 D5/.exec(comments)![1];
    const doc = strFromU8(parts['word/document.xml']);
    const inner = doc.slice(doc.indexOf(`<w:commentRangeStart w:id="${id}"/>`), doc.indexOf(`<w:commentRangeEnd w:id="${id}"/>`));
    expect([...inner.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).toContain('100%');
  });

  test('--text with a report where the workbook belongs, or with --out, is a usage error and writes nothing', async () => {
    write('r.docx', docx(p(TITLE) + p(WRONG)));
    const swapped = await run(['report', 'r.docx', '--text', 'r.docx', '--annotate', 'a.docx'], tmp());
    expect(swapped.code).toBe(2);
    expect(swapped.err).toContain('--text 的用法');
    const out = await run(['report', ZHOU, '--text', 'r.docx', '--out', 'x.xlsx'], tmp());
    expect(out.code).toBe(2);
    expect(fs.existsSync(path.join(tmp(), 'x.xlsx'))).toBe(false);
    expect(fs.existsSync(path.join(tmp(), 'a.docx'))).toBe(false);
  });
});
