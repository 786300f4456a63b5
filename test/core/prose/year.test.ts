/**
 * The report's year, read from its title and opening the way a person reads it (issue 13): a table near the top of
 * a .docx (项目/说明/报告单位) does not hide it, and a sentence about another year's figures does not give it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkProse, reportYear, type TextDocument } from '../../../src/core/prose';
import { readTextDocument } from '../../../src/file/textdoc';

const REPORTS = path.resolve(__dirname, '../../fixtures/reports');
const read = (f: string) => readTextDocument(new Uint8Array(fs.readFileSync(path.join(REPORTS, f))), f);
const doc = (...texts: string[]): TextDocument => ({ name: '报告.docx', paragraphs: texts.map((text, i) => ({ index: i + 1, text })) });

describe('reportYear', () => {
  it.each([
    ['大钟庄镇-2021.docx', 2021],
    ['大钟庄镇-2021.txt', 2021],
    ['前营乡-2023.docx', 2023],
    ['周营镇-2023.docx', 2023],
  ])('%s is a %i report', (file, year) => {
    expect(reportYear(read(file))).toBe(year);
  });

  it('大钟庄镇-2021.docx (a table under its opening): a figure of 2020 in it is year-mismatch, as in its .txt', () => {
    const withTable = read('大钟庄镇-2021.docx');
    const other = { index: withTable.paragraphs.length + 1, text: '2020年，全镇受理信访案件16起。' };
    const res = checkProse({ ...withTable, paragraphs: [...withTable.paragraphs, other] });
    expect(res.findings.filter((f) => f.rule === 'year-mismatch').map((f) => f.actual)).toContain(2020);
  });

  it('a first paragraph giving last year’s figure does not date the report', () => {
    expect(reportYear(doc('全镇受理信访案件45件，较2022年的38件有所增加。', '关于2023年度法治政府建设情况的报告'))).toBe(2023);
    expect(reportYear(doc('2022年以来，全镇法治政府建设工作稳步推进。', '现将我镇2023年度法治政府建设工作开展情况汇报如下：'))).toBe(2023);
    expect(reportYear(doc('去年2022年法治政府建设成效明显。'))).toBeNull();
    expect(reportYear(doc('依照《法治政府建设实施纲要(2021-2025)》总体要求。'))).toBeNull();
  });
});
