/** Test helpers: build small .xlsx files with ExcelJS, and patch zip bytes. */
import * as ExcelJS from 'exceljs';
import type { Catalog } from '../../src/core/types';

export async function xlsx(build: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await build(wb);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/** A cell note's text as ExcelJS reads it: a string, or the runs of a note written as rich text. */
export function noteOf(c: ExcelJS.Cell): string {
  const n = c.note as string | { texts: { text: string }[] } | undefined;
  return n === undefined ? '' : typeof n === 'string' ? n : n.texts.map((t) => t.text).join('');
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

// ───────────────────────────── the blank template, filled as a township would ─────────────────────────────

/** A figure for every indicator that satisfies every relation of the catalog (parts ≤ wholes, sums, rates). */
export function consistentFigures(catalog: Catalog): Map<string, number | string> {
  const v = new Map<string, number | string>();
  for (const d of catalog.indicators) {
    if (d.kind === 'count' || d.kind === 'amount') v.set(d.id, 12);
    else if (d.kind === 'yesno') v.set(d.id, '是');
  }
  for (let round = 0; round < 20; round++) {
    let changed = false;
    for (const r of catalog.relations) {
      if (r.kind === 'sum') {
        const total = r.parts.reduce((t, p) => t + Number(v.get(p) ?? 0), 0);
        if (v.get(r.total) !== total) (v.set(r.total, total), (changed = true));
      } else if (r.kind === 'part-of') {
        const part = Number(v.get(r.part));
        if (Number(v.get(r.whole)) < part) (v.set(r.whole, part), (changed = true));
      }
    }
    if (!changed) break;
  }
  return withRates(catalog, v);
}

/** Every rate of `v` set from its parts (a percent cell holds the fraction, rounded as one decimal of percent). */
export function withRates(catalog: Catalog, v: Map<string, number | string>): Map<string, number | string> {
  for (const r of catalog.relations) {
    if (r.kind !== 'rate') continue;
    const den = Number(v.get(r.denominator));
    // a percent cell holds the fraction; the reader gives percent
    if (den > 0) v.set(r.rate, Math.round((Number(v.get(r.numerator)) / den) * 1000) / 1000);
  }
  return v;
}

/** Where each indicator's figure goes in the template: sheet and row of its name in column B. */
export function placesOf(wb: ExcelJS.Workbook, catalog: Catalog): Map<string, { sheet: string; row: number }> {
  const out = new Map<string, { sheet: string; row: number }>();
  for (const ws of wb.worksheets) {
    ws.eachRow((row, r) => {
      const d = catalog.indicators.find((x) => x.name === row.getCell(2).value);
      if (d && r > 2) out.set(d.id, { sheet: ws.name, row: r });
    });
  }
  return out;
}

