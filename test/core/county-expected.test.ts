/**
 * The county's list of townships that must report (乡镇名单), one parser for `merge --expect` and the page: the
 * townships of the real reports (前营乡人民政府, 周营镇, 大钟庄镇) as county offices type and paste them, the lines
 * that are not townships (a title, a header row, numbering alone, a total), and the problems named by line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { consolidate, countyInput, listTextOfBook, parseExpectedList } from '../../src/core/county';
import { check } from '../../src/core/check';
import type { Workbook } from '../../src/core/types';

const REPORTS = '/work/shared/domain/reports';
const townships = (text: string, name = '乡镇名单.txt') => parseExpectedList(text, name).list?.entries.map((e) => [e.township, e.line]) ?? [];

test('the townships of the real reports, numbered as offices number them: each with its line, the numbering left out', () => {
  // the names as the published reports give them (前营乡's report is signed by 前营乡人民政府)
  const heads = ['前营乡-2023.txt', '周营镇-2023.txt', '大钟庄镇-2021.txt'].map((f) => fs.readFileSync(path.join(REPORTS, f), 'utf8'));
  expect(heads[0].split('\n')[0].trim()).toBe('前营乡人民政府');
  expect(heads[2]).toContain('大钟庄镇党委政府');
  expect(townships('1、前营乡人民政府\n2.周营镇\n３．大钟庄镇\n')).toEqual([
    ['前营乡', 1],
    ['周营镇', 2],
    ['大钟庄镇', 3],
  ]);
  expect(townships('（1）周营镇\n(2) 前营乡\n一、大钟庄镇\n10 北城街道办事处\n')).toEqual([
    ['周营镇', 1],
    ['前营乡', 2],
    ['大钟庄镇', 3],
    ['北城街道', 4],
  ]);
  // a name that starts like a Chinese numeral is not numbering
  expect(townships('十里铺镇\n三里河街道')).toEqual([
    ['十里铺镇', 1],
    ['三里河街道', 2],
  ]);
});

test('a title, a header row and a total are not townships; comments and blank lines are skipped silently', () => {
  const text = '\uFEFF沈丘县2023年度应报送乡镇名单\n乡镇名单\n序号 乡镇\n\n# 2023年新设的乡镇在最后\n1\t周营镇\t张三\n2\t前营乡 # 已合并村\n共计2个乡镇\n';
  const { list, problems } = parseExpectedList(text, '乡镇名单.txt');
  expect(list?.entries).toEqual([
    { township: '周营镇', line: 6 },
    { township: '前营乡', line: 7 },
  ]);
  expect(problems).toEqual([]);
  // columns of a .csv: 序号,乡镇名称,联系人
  expect(townships('序号,乡镇名称,联系人\n1,"周营镇人民政府",李四\n2,大钟庄镇,王五', '乡镇名单.csv')).toEqual([
    ['周营镇', 2],
    ['大钟庄镇', 3],
  ]);
});

test('under a header naming the township column, a row whose township cell is empty is a problem, never its contact taken for a township', () => {
  // a sheet's rows as listTextOfBook gives them: tab-separated, empty cells kept in their place
  const { list, problems } = parseExpectedList('沈丘县应报送乡镇名单\n序号\t乡镇\t联系人\n1\t周营镇人民政府\t张三\n2\t\t赵六\n3\t前营乡\t\n合计\t2\t\n', '名单.xlsx');
  expect(list?.entries).toEqual([
    { township: '周营镇', line: 3 },
    { township: '前营乡', line: 5 },
  ]);
  expect(problems.map((p) => p.message)).toEqual(['名单“名单.xlsx”第4行的乡镇一栏是空的（“2 赵六”），已跳过。']);
  // the township column second after a 联系人 column: taken from its place, not the first name on the line
  expect(townships('联系人,乡镇名称\n张三,周营镇\n李四,大钟庄镇', '名单.csv')).toEqual([
    ['周营镇', 2],
    ['大钟庄镇', 3],
  ]);
  // near miss: without a header the first name on the line is still the township
  expect(townships('1\t周营镇\t张三\n2\t前营乡')).toEqual([
    ['周营镇', 1],
    ['前营乡', 2],
  ]);
  // lines not laid out as the header is: the number and the name in one cell, no number column, a second block
  expect(townships('序号\t乡镇\t联系人\n1、周营镇\t张三\n2、前营乡\t李四')).toEqual([
    ['周营镇', 2],
    ['前营乡', 3],
  ]);
  expect(townships('序号\t乡镇\t联系人\n1、周营镇\t张三\t13800000001')).toEqual([['周营镇', 2]]);
  expect(townships('序号\t乡镇名称\n1、周营镇\n2、前营乡')).toEqual([
    ['周营镇', 2],
    ['前营乡', 3],
  ]);
  expect(townships('序号\t乡镇\t联系人\n周营镇\n\n1、东城街道')).toEqual([
    ['周营镇', 2],
    ['东城街道', 4],
  ]);
  // a header written with single spaces: the lines under it are split into their words too
  expect(townships('序号 乡镇名称 联系人 电话\n1 周营镇 张三 13800000001\n2 前营乡 李四 13900000002')).toEqual([
    ['周营镇', 2],
    ['前营乡', 3],
  ]);
  // a 乡镇 column is the township's even after a 报送单位 one
  expect(townships('序号,报送单位,乡镇\n1,县司法局,周营镇', '名单.csv')).toEqual([['周营镇', 2]]);
});

test('lists as county offices and public documents write them: a roster line, a heading with a colon, group headings, a township with its contact', () => {
  // 沈丘县's townships as its public profile lists them: 回族镇, 乡, 办事处, one line separated by 、
  expect(townships('槐店回族镇、刘庄店镇、留福镇、老城镇、卞路口乡、北城办事处、东城办事处')).toEqual(
    ['槐店回族镇', '刘庄店镇', '留福镇', '老城镇', '卞路口乡', '北城', '东城'].map((t) => [t, 1]),
  );
  // a heading counting them, its colon, the townships after it; or the heading alone above them
  expect(townships('沈丘县辖20个乡镇、2个办事处：槐店回族镇、周营镇、北城办事处')).toEqual([
    ['槐店回族镇', 1],
    ['周营镇', 1],
    ['北城', 1],
  ]);
  const headed = parseExpectedList('沈丘县辖22个乡镇（办事处）：\n一、镇（12个）\n槐店回族镇\n周营镇\n二、乡（8个）\n卞路口乡\n应报送单位如下:\n1：东城街道', '名单.txt');
  expect(headed.list?.entries.map((e) => [e.township, e.line])).toEqual([
    ['槐店回族镇', 3],
    ['周营镇', 4],
    ['卞路口乡', 6],
    ['东城街道', 8],
  ]);
  expect(headed.problems).toEqual([]);
  // two townships on a line separated by a comma are both on the list; a township with its contact after a colon is the township
  expect(townships('周营镇，前营乡\n大钟庄镇：张三 13800000001')).toEqual([
    ['周营镇', 1],
    ['前营乡', 1],
    ['大钟庄镇', 2],
  ]);
  // near misses: a name that is no township is named and skipped, never a township to call for
  const odd = parseExpectedList('周营\n前营乡\n县司法局\n张三', '名单.txt');
  expect(odd.list?.entries.map((e) => e.township)).toEqual(['前营乡']);
  expect(odd.problems.map((p) => p.message)).toEqual([
    '名单“名单.txt”第1行的“周营”不像乡镇（街道）的名称，已跳过；如确是乡镇，请写全称（如“周营镇”）。',
    '名单“名单.txt”第3行的“县司法局”不像乡镇（街道）的名称，已跳过；如确是乡镇，请写全称（如“周营镇”）。',
    '名单“名单.txt”第4行的“张三”不像乡镇（街道）的名称，已跳过；如确是乡镇，请写全称（如“周营镇”）。',
  ]);
});

test('a township written twice (once with 人民政府) and a line numbered without a name are problems naming the list and the line', () => {
  const { list, problems } = parseExpectedList('1、周营镇\n2、\n3、前营乡\n4、周营镇人民政府\n', '名单.txt');
  expect(list?.entries.map((e) => e.township)).toEqual(['周营镇', '前营乡']);
  expect(problems.map((p) => p.message)).toEqual([
    '名单“名单.txt”第2行只有序号“2、”，没有乡镇名称，已跳过。',
    '名单“名单.txt”第4行的“周营镇”与第1行重复，只计一次。',
  ]);
  // nothing but a header: no list
  expect(parseExpectedList('乡镇名单\n序号 乡镇\n', 'x.txt').list).toBeNull();
});

test('a sheet as a list: its first sheet with anything in it, one line a row (the row number is the line)', () => {
  const book: Workbook = {
    name: '名单.xlsx',
    sheets: [
      { name: '说明', rows: [], visibility: 'hidden' },
      { name: 'Sheet1', rows: [['序号', '乡镇名称'], [1, '周营镇'], [2, '前营乡人民政府'], [null, null], [3, '周营镇']] },
    ],
  };
  const { list, problems } = parseExpectedList(listTextOfBook(book), book.name);
  expect(list?.entries).toEqual([
    { township: '周营镇', line: 2 },
    { township: '前营乡', line: 3 },
  ]);
  expect(problems.map((p) => p.message)).toEqual(['名单“名单.xlsx”第5行的“周营镇”与第2行重复，只计一次。']);
});

test('with the list, a township written with 人民政府 matches its workbook and the one without a workbook is missing, at its line', () => {
  const wb = (unit: string): Workbook => ({ name: `${unit}.xlsx`, sheets: [{ name: '指标', rows: [['单位名称', unit], ['报告年度', 2023], ['信访案件受理数', 9, '件']] }] });
  const inputs = ['周营镇', '前营乡'].map((u) => countyInput(`${u}.xlsx`, u, check(wb(u))));
  const { list } = parseExpectedList('乡镇名单\n1、周营镇人民政府\n2、前营乡\n3、大钟庄镇\n', '乡镇名单.txt');
  const county = consolidate(inputs, { expect: list! });
  const rules = county.findings.filter((f) => f.rule.startsWith('county-missing') || f.rule === 'county-unlisted');
  expect(rules.map((f) => [f.rule, f.entity])).toEqual([['county-missing', '大钟庄镇']]);
  expect(rules[0].message).toContain('名单“乡镇名单.txt”第4行的“大钟庄镇”没有找到工作簿');
});
