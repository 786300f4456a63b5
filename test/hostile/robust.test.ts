/**
 * Hostile input found by probing from outside (issue 17): workbooks as careless habits and other programs leave
 * them. A zip entry altered after it was written (bad CRC) is damage, not data.
 * Fixtures are generated here from the samples; nothing binary is committed.
 */
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { check } from '../../src/core/check';
import { FileReadError, readXlsx } from '../../src/file';
import { deflatedEntry, minimalXlsx, SAMPLES, sheetXml, ZHOU } from './fixtures';

/** The sample re-packed with every part stored (not deflated), so one byte of a part can be changed in place. */
async function storedCopy(file: string): Promise<Uint8Array> {
  const z = await JSZip.loadAsync(fs.readFileSync(file));
  return new Uint8Array(await z.generateAsync({ type: 'uint8array', compression: 'STORE' }));
}

/** Replace the first occurrence of `from` by `to` (same length) in the packed bytes, as a hex editor would. */
function patch(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const enc = new TextEncoder();
  const a = enc.encode(from);
  const b = enc.encode(to);
  expect(b.length).toBe(a.length);
  const out = bytes.slice();
  outer: for (let i = 0; i + a.length <= out.length; i++) {
    for (let j = 0; j < a.length; j++) if (out[i + j] !== a[j]) continue outer;
    out.set(b, i);
    return out;
  }
  throw new Error(`${from} not found`);
}

describe('a zip entry whose CRC-32 does not match its content (one stored digit changed)', () => {
  test('is damage naming the sheet and its part, not a workbook whose altered figure is checked', async () => {
    const stored = await storedCopy(ZHOU);
    // the stored copy itself is a good workbook with the sample's planted error (14 certified of 12 officers)
    const good = check(await readXlsx(stored, '周营镇.xlsx'));
    expect(good.findings.some((f) => f.rule === 'part-exceeds-whole' && f.sheet === '行政执法' && f.cell === 'D5')).toBe(true);

    // 行政执法!D5 14 → 11 in the packed bytes: the error would vanish if the altered part were read as data
    const altered = patch(stored, '<c r="D5" s="3"><v>14</v>', '<c r="D5" s="3"><v>11</v>');
    let err: unknown = null;
    try {
      await readXlsx(altered, '周营镇-改动.xlsx');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FileReadError);
    const e = err as FileReadError;
    expect(e.code).toBe('corrupt');
    expect(e.message).toContain('“周营镇-改动.xlsx”');
    expect(e.message).toContain('已损坏');
    expect(e.message).toContain('工作表“行政执法”');
    expect(e.message).toContain('xl/worksheets/sheet5.xml');
    expect(e.message).toContain('CRC-32');
    // re-saving an altered copy would only make the altered figure look genuine
    expect(e.message).toContain('重新索取原文件');
  });

  test('a changed byte in the shared strings (a label) is damage naming that part', async () => {
    const stored = await storedCopy(ZHOU);
    const altered = patch(stored, '行政执法人员', '行政执法人数');
    await expect(readXlsx(altered, '改字.xlsx')).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('xl/sharedStrings.xml') });
  });

  test('a deflated sheet part whose recorded CRC is wrong is damage too', async () => {
    const entry = deflatedEntry('xl/worksheets/sheet1.xml', sheetXml([{ r: 1, cells: [['A1', '行政村数'], ['B1', 20]] }]));
    const bytes = minimalXlsx([{ name: '指标', entry: { ...entry, crc: (entry.crc! ^ 0x10) >>> 0 } }]);
    await expect(readXlsx(bytes, '坏校验.xlsx')).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('工作表“指标”') });
    // the same part with its true CRC reads
    await expect(readXlsx(minimalXlsx([{ name: '指标', entry }]), '好.xlsx')).resolves.toBeTruthy();
  });

  test('no false damage: every sample workbook, as Excel-compatible writers packed it, still reads', async () => {
    for (const f of fs.readdirSync(SAMPLES).filter((n) => n.endsWith('.xlsx'))) {
      await expect(readXlsx(new Uint8Array(fs.readFileSync(path.join(SAMPLES, f))), f)).resolves.toBeTruthy();
    }
  });
});
