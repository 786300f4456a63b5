/** Test helpers: build small .xlsx files with ExcelJS, and patch zip bytes. */
import * as ExcelJS from 'exceljs';

export async function xlsx(build: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await build(wb);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

export async function loadBook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Offsets of central-directory file headers in a zip. */
export function centralEntries(b: Uint8Array): { offset: number; name: string }[] {
  const out: { offset: number; name: string }[] = [];
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i + 46 <= b.length; i++) {
    if (dv.getUint32(i, true) === 0x02014b50) {
      const n = dv.getUint16(i + 28, true);
      out.push({ offset: i, name: new TextDecoder().decode(b.subarray(i + 46, i + 46 + n)) });
    }
  }
  return out;
}
