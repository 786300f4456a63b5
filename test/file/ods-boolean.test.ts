/**
 * LibreOffice saves an Excel TRUE/FALSE into .ods as the formula TRUE()/FALSE() with the number 1/0: it reads as a
 * yes/no, as the .xlsx it came from does, not as the figure 1; a plain 1 beside it stays a figure.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import { readWorkbook } from '../../src/file';

test('TRUE and FALSE of an .xlsx saved as .ods by LibreOffice read as booleans; a plain 1 stays a figure', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'id-odsbool-'));
  try {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('基本情况').addRow(['是否成立法治建设领导小组', true, false, 1]);
    fs.writeFileSync(path.join(dir, 'b.xlsx'), new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'ods', '--outdir', dir, path.join(dir, 'b.xlsx')], { stdio: 'ignore', timeout: 180_000 });
    const ods = await readWorkbook(new Uint8Array(fs.readFileSync(path.join(dir, 'b.ods'))), 'b.ods');
    const xlsx = await readWorkbook(new Uint8Array(fs.readFileSync(path.join(dir, 'b.xlsx'))), 'b.xlsx');
    expect(ods.sheets[0].rows[0]).toEqual(['是否成立法治建设领导小组', true, false, 1]);
    expect(ods.sheets[0].rows[0]).toEqual(xlsx.sheets[0].rows[0]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
