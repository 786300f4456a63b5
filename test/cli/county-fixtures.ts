/**
 * Township workbooks for the county tests, generated as offices keep them: a 基本情况 sheet (单位名称, 报告年度) and an
 * indicator sheet (序号 | 指标名称 | 单位 | 2023年 | 备注) in the wordings of the real reports (受理信访案件, 印发普法宣传材料,
 * 张贴普法条幅 …), not the catalog's names.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

export type Figures = [label: string, unit: string, value: number | string][];

export async function writeTownship(file: string, unit: string | null, year: number, figures: Figures): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date('2024-01-08T00:00:00Z');
  wb.modified = wb.created;
  const info = wb.addWorksheet('基本情况');
  if (unit) info.addRow(['单位名称', unit]);
  info.addRow(['报告年度', year]);
  info.addRow(['报送对象', '县委、县政府']);
  const ws = wb.addWorksheet('指标');
  ws.addRow([`${unit ?? ''}${year}年度法治政府建设指标统计表`]);
  ws.addRow(['序号', '指标名称', '单位', `${year}年`, '备注']);
  figures.forEach(([label, u, v], i) => ws.addRow([i + 1, label, u, v, '']));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
}

export const TOWNSHIPS = [
  '周营镇', '前营乡', '大钟庄镇', '柳河镇', '杨集乡', '李庄镇', '白楼镇', '张营乡', '石桥镇', '高庙乡',
  '新集镇', '王店乡', '陈寨镇', '槐店镇', '刘庄店镇', '付井镇', '纸店镇', '新安集镇', '北杨集乡', '洪山乡',
  '冯营乡', '范营乡', '老城镇', '赵德营镇', '东城街道', '北城街道', '莲池镇', '卞路口乡', '留福镇', '洪河乡',
  '邢庄镇', '马村乡', '吴台镇', '刘湾镇', '黄庄乡', '孙店镇', '曹营乡', '许湾乡', '韩庄镇', '郑集乡',
];

/** The ordinary figures of township i (deterministic, every rate between 90 % and 100 %). */
export function figuresOf(i: number): Figures {
  const received = 10 + ((i * 7) % 30);
  const disputes = 20 + ((i * 11) % 40);
  const officers = 8 + (i % 9);
  return [
    ['受理信访案件', '件', received],
    ['化解信访案件', '件', received - (i % 3)],
    ['矛盾纠纷受理数', '件', disputes],
    ['调解成功', '件', disputes - (i % 4)],
    ['普法宣传活动', '场次', 30 + ((i * 13) % 50)],
    ['印发普法宣传材料', '份', 2000 + ((i * 370) % 3000)],
    ['张贴普法条幅', '条', 40 + ((i * 17) % 60)],
    ['行政执法人员', '人', officers],
    ['持证人数', '人', officers - (i % 2)],
  ];
}

export function setFigure(f: Figures, label: string, unit: string, value: number | string): Figures {
  return f.map((x) => (x[0] === label ? [label, unit, value] : x));
}

/**
 * 40 townships of 2023 with the plants the county must find: 刘湾镇 sent twice (a second, later file under its
 * government's name), 郑集乡 missing (on the list, no file), 洪山乡 writing 张贴普法条幅 in 米 (no conversion to 条),
 * 槐店镇 writing 印发普法宣传材料 as 3 万份 (converted: 30000 份, and far above the others), 冯营乡 with 2,600 普法宣传活动 (others 30–79), and 北城街道's
 * workbook of 2022. Returns the folder and the expected list's path.
 */
export async function fortyTownships(dir: string): Promise<{ folder: string; list: string }> {
  const folder = path.join(dir, '乡镇');
  const names = TOWNSHIPS.filter((t) => t !== '郑集乡');
  for (const [i, t] of names.entries()) {
    let f = figuresOf(i);
    let year = 2023;
    if (t === '洪山乡') f = setFigure(f, '张贴普法条幅', '米', 300);
    if (t === '槐店镇') f = setFigure(f, '印发普法宣传材料', '万份', 3);
    if (t === '冯营乡') f = setFigure(f, '普法宣传活动', '场次', 2600);
    if (t === '北城街道') year = 2022;
    await writeTownship(path.join(folder, `${t}-${year}-指标.xlsx`), t, year, f);
  }
  await writeTownship(path.join(folder, '刘湾镇-2023-指标（修改）.xlsx'), '刘湾镇人民政府', 2023, setFigure(figuresOf(40), '受理信访案件', '件', 31));
  const list = path.join(dir, '乡镇名单.txt');
  fs.writeFileSync(list, TOWNSHIPS.map((t, i) => `${i + 1}、${t}`).join('\n') + '\n');
  return { folder, list };
}
