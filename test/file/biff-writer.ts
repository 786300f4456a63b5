/**
 * Tiny writers for tests: an OLE compound file (version 3, 512-byte sectors, every stream in regular sectors)
 * and BIFF8 / BIFF5 workbook streams record by record ([MS-CFB], [MS-XLS]). Enough to make the files LibreOffice
 * cannot (BIFF5, SST strings split across CONTINUE records) and to damage them in precise places.
 */

export const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const FATSECT = 0xfffffffd;

export interface CfbLayout {
  bytes: Uint8Array;
  /** File offset of the FAT entry of sector `s` (the first FAT sector holds entries 0–127). */
  fatEntry(s: number): number;
  /** First sector of each stream, by name. */
  start: Map<string, number>;
  /** File offset of each directory entry, by name (`Root Entry` too). */
  dirEntry: Map<string, number>;
}

/** A compound file holding these streams in its root storage. Streams shorter than 4096 bytes are padded with zeros. */
export function cfb(streams: { name: string; data: Uint8Array }[]): CfbLayout {
  const padded = streams.map((s) => {
    const d = new Uint8Array(Math.max(4096, s.data.length));
    d.set(s.data);
    return { name: s.name, data: d, size: d.length };
  });
  const entries = 1 + padded.length;
  const dirSectors = Math.ceil((entries * 128) / 512);
  const dataSectors = padded.map((s) => Math.ceil(s.size / 512));
  const rest = dirSectors + dataSectors.reduce((a, b) => a + b, 0);
  let nFat = 1;
  while (nFat * 128 < rest + nFat) nFat++;
  if (nFat > 109) throw new Error('test file too large for the header DIFAT');
  const total = nFat + rest;
  const out = new Uint8Array(512 * (total + 1));
  const dv = new DataView(out.buffer);
  // header
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  dv.setUint16(24, 0x3e, true);
  dv.setUint16(26, 3, true);
  dv.setUint16(28, 0xfffe, true);
  dv.setUint16(30, 9, true);
  dv.setUint16(32, 6, true);
  dv.setUint32(44, nFat, true);
  dv.setUint32(48, nFat, true); // directory right after the FAT
  dv.setUint32(56, 4096, true);
  dv.setUint32(60, ENDOFCHAIN, true);
  dv.setUint32(64, 0, true);
  dv.setUint32(68, ENDOFCHAIN, true);
  dv.setUint32(72, 0, true);
  for (let i = 0; i < 109; i++) dv.setUint32(76 + 4 * i, i < nFat ? i : FREESECT, true);
  // FAT
  const fat = new Uint32Array(nFat * 128).fill(FREESECT);
  for (let i = 0; i < nFat; i++) fat[i] = FATSECT;
  const chain = (from: number, n: number) => {
    for (let i = 0; i < n; i++) fat[from + i] = i === n - 1 ? ENDOFCHAIN : from + i + 1;
  };
  chain(nFat, dirSectors);
  const start = new Map<string, number>();
  let at = nFat + dirSectors;
  padded.forEach((s, k) => {
    start.set(s.name, at);
    chain(at, dataSectors[k]);
    out.set(s.data, 512 * (at + 1));
    at += dataSectors[k];
  });
  for (let i = 0; i < fat.length; i++) dv.setUint32(512 + 4 * i, fat[i], true);
  // directory: the root, then each stream as the right sibling of the one before
  const dirEntry = new Map<string, number>();
  const dirAt = 512 * (nFat + 1);
  const writeEntry = (k: number, name: string, type: number, child: number, right: number, first: number, size: number) => {
    const off = dirAt + 128 * k;
    dirEntry.set(name, off);
    for (let i = 0; i < name.length; i++) dv.setUint16(off + 2 * i, name.charCodeAt(i), true);
    dv.setUint16(off + 64, 2 * (name.length + 1), true);
    out[off + 66] = type;
    out[off + 67] = 1;
    dv.setUint32(off + 68, 0xffffffff, true);
    dv.setUint32(off + 72, right, true);
    dv.setUint32(off + 76, child, true);
    dv.setUint32(off + 116, first, true);
    dv.setUint32(off + 120, size, true);
  };
  writeEntry(0, 'Root Entry', 5, padded.length ? 1 : 0xffffffff, 0xffffffff, ENDOFCHAIN, 0);
  padded.forEach((s, k) => writeEntry(k + 1, s.name, 2, 0xffffffff, k + 2 <= padded.length ? k + 2 : 0xffffffff, start.get(s.name) as number, s.size));
  return { bytes: out, fatEntry: (s) => 512 + 4 * s, start, dirEntry };
}

// ───────────────────────────── BIFF records ─────────────────────────────

export class Bytes {
  private parts: number[] = [];
  u8(n: number): this {
    this.parts.push(n & 0xff);
    return this;
  }
  u16(n: number): this {
    return this.u8(n).u8(n >> 8);
  }
  u32(n: number): this {
    return this.u16(n & 0xffff).u16(n >>> 16);
  }
  f64(n: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, n, true);
    return this.raw(b);
  }
  raw(b: ArrayLike<number>): this {
    for (let i = 0; i < b.length; i++) this.parts.push(b[i]);
    return this;
  }
  get length(): number {
    return this.parts.length;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function record(type: number, body: Uint8Array | Bytes): Uint8Array {
  const b = body instanceof Bytes ? body.bytes() : body;
  return new Bytes().u16(type).u16(b.length).raw(b).bytes();
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A BIFF8 XLUnicodeString: 8-bit when every character fits, else UTF-16. */
export function xlString(s: string, cchBytes: 1 | 2 = 2): Bytes {
  const wide = [...s].some((c) => c.charCodeAt(0) > 0xff);
  const b = new Bytes();
  if (cchBytes === 1) b.u8(s.length);
  else b.u16(s.length);
  b.u8(wide ? 1 : 0);
  for (let i = 0; i < s.length; i++) {
    if (wide) b.u16(s.charCodeAt(i));
    else b.u8(s.charCodeAt(i));
  }
  return b;
}

export type BiffCell =
  | { r: number; c: number; num: number; xf?: number }
  | { r: number; c: number; rk: number; xf?: number }
  | { r: number; c: number; sst: number; xf?: number }
  | { r: number; c: number; label: Uint8Array; xf?: number } // BIFF5: bytes in the code page
  | { r: number; c: number; formulaText: string | Uint8Array; xf?: number }
  | { r: number; c: number; formulaNum: number; xf?: number }
  | { r: number; c: number; error: number; xf?: number }
  | { r: number; c: number; bool: boolean; xf?: number };

export interface BiffSheet {
  /** Sheet name: a string for BIFF8, bytes in the code page for BIFF5. */
  name: string | Uint8Array;
  state?: 0 | 1 | 2;
  cells: BiffCell[];
  merges?: [number, number, number, number][];
}

export interface BiffBook {
  version: 8 | 5;
  codepage?: number;
  /** Custom formats: id → code (BIFF5 codes in ASCII). */
  formats?: [number, string][];
  /** Each XF's format id (cells refer to XFs by index; 16 default ones are added before these). */
  xfs?: number[];
  /** The SST as records already made (tests build CONTINUE splits by hand), BIFF8 only. */
  sst?: Uint8Array[];
  date1904?: boolean;
  sheets: BiffSheet[];
  /** Extra records at the end of the globals (FILEPASS …). */
  extraGlobals?: Uint8Array[];
}

/** An RK value holding an integer. */
export function rkInt(n: number): number {
  return ((n << 2) | 2) >>> 0;
}

function cellRecord(cell: BiffCell, v8: boolean): Uint8Array[] {
  const head = () => new Bytes().u16(cell.r).u16(cell.c).u16(cell.xf ?? 15);
  if ('num' in cell) return [record(0x0203, head().f64(cell.num))];
  if ('rk' in cell) return [record(0x027e, head().u32(cell.rk))];
  if ('sst' in cell) return [record(0x00fd, head().u32(cell.sst))];
  if ('label' in cell) return [record(0x0204, head().u16(cell.label.length).raw(cell.label))];
  if ('error' in cell) return [record(0x0205, head().u8(cell.error).u8(1))];
  if ('bool' in cell) return [record(0x0205, head().u8(cell.bool ? 1 : 0).u8(0))];
  const formula = (value: Bytes) => record(0x0006, head().raw(value.bytes()).u16(0).u32(0).u16(3).u8(0x1e).u16(1)); // =1
  if ('formulaNum' in cell) return [formula(new Bytes().f64(cell.formulaNum))];
  const text = cell.formulaText;
  const str = typeof text === 'string' ? (v8 ? xlString(text) : new Bytes().u16(text.length).raw(new TextEncoder().encode(text))) : new Bytes().u16(text.length).raw(text);
  return [formula(new Bytes().u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u16(0xffff)), record(0x0207, str)];
}

/** The workbook stream of a BIFF8 or BIFF5 workbook (globals, then each sheet's substream). */
export function biffStream(book: BiffBook): Uint8Array {
  const v8 = book.version === 8;
  const bof = (dt: number) => record(0x0809, new Bytes().u16(v8 ? 0x0600 : 0x0500).u16(dt).u16(0).u16(0).raw(v8 ? new Bytes().u32(0).u32(0).bytes() : []));
  const eof = record(0x000a, new Uint8Array(0));
  const globals: Uint8Array[] = [bof(0x0005)];
  globals.push(record(0x0042, new Bytes().u16(book.codepage ?? (v8 ? 1200 : 1252))));
  globals.push(record(0x0022, new Bytes().u16(book.date1904 ? 1 : 0)));
  for (const [id, code] of book.formats ?? []) {
    globals.push(record(0x041e, v8 ? new Bytes().u16(id).raw(xlString(code).bytes()) : new Bytes().u16(id).u8(code.length).raw(new TextEncoder().encode(code))));
  }
  const xfs = [...new Array(16).fill(0), ...(book.xfs ?? [])];
  for (const fmt of xfs) globals.push(record(0x00e0, new Bytes().u16(0).u16(fmt).raw(new Uint8Array(v8 ? 16 : 12))));
  globals.push(...(book.extraGlobals ?? []));
  // BOUNDSHEETs with placeholder positions, patched below
  const sheetRecs = book.sheets.map((sh) => {
    const name = sh.name;
    const body = new Bytes().u32(0).u8(sh.state ?? 0).u8(0);
    if (typeof name === 'string') body.raw(xlString(name, 1).bytes());
    else body.u8(name.length).raw(name);
    return record(0x0085, body);
  });
  globals.push(...sheetRecs);
  if (v8 && book.sst) globals.push(...book.sst);
  globals.push(eof);
  const subs = book.sheets.map((sh) => {
    const recs = [bof(0x0010)];
    for (const c of sh.cells) recs.push(...cellRecord(c, v8));
    if (sh.merges?.length) {
      const m = new Bytes().u16(sh.merges.length);
      for (const [r1, r2, c1, c2] of sh.merges) m.u16(r1).u16(r2).u16(c1).u16(c2);
      recs.push(record(0x00e5, m));
    }
    recs.push(eof);
    return concatBytes(recs);
  });
  const head = concatBytes(globals);
  // patch each BOUNDSHEET's stream position
  let pos = head.length;
  let at = 0;
  for (let k = 0; k < globals.length; k++) {
    const idx = sheetRecs.indexOf(globals[k]);
    if (idx >= 0) {
      new DataView(head.buffer).setUint32(at + 4, pos, true);
      pos += subs[idx].length;
    }
    at += globals[k].length;
  }
  return concatBytes([head, ...subs]);
}

/** An SST (one record, no CONTINUE) of these strings. */
export function sstRecords(strings: string[]): Uint8Array[] {
  const b = new Bytes().u32(strings.length).u32(strings.length);
  for (const s of strings) b.raw(xlString(s).bytes());
  return [record(0x00fc, b)];
}

/** A whole .xls file: the stream in a compound file (`Workbook` for BIFF8, `Book` for BIFF5). */
export function xlsFile(book: BiffBook): CfbLayout {
  return cfb([{ name: book.version === 8 ? 'Workbook' : 'Book', data: biffStream(book) }]);
}

const ERROR_CODES: Record<string, number> = { '#NULL!': 0x00, '#DIV/0!': 0x07, '#VALUE!': 0x0f, '#REF!': 0x17, '#NAME?': 0x1d, '#NUM!': 0x24, '#N/A': 0x2a };

/**
 * A BIFF8 .xls holding what a Workbook read (the Grids of a sample): every string in the SST, numbers with an XF
 * per number format, booleans, errors, merges, sheet visibility. Lets the CLI tests use an .xls of a sample
 * without LibreOffice.
 */
export function workbookToXls(book: { sheets: { name: string; rows: unknown[][]; formats?: (string | null)[][]; merges?: { r1: number; c1: number; r2: number; c2: number }[]; origin?: { row: number; col: number }; visibility?: string }[] }): Uint8Array {
  const strings: string[] = [];
  const sstIndex = new Map<string, number>();
  const formats: [number, string][] = [];
  const xfs: number[] = [];
  const xfOf = new Map<string, number>();
  const xf = (fmt: string | null | undefined): number => {
    if (!fmt) return 15;
    let k = xfOf.get(fmt);
    if (k === undefined) {
      const id = 164 + formats.length;
      formats.push([id, fmt]);
      xfs.push(id);
      k = 16 + xfs.length - 1;
      xfOf.set(fmt, k);
    }
    return k;
  };
  const sheets: BiffSheet[] = book.sheets.map((g) => {
    const r0 = g.origin?.row ?? 0;
    const c0 = g.origin?.col ?? 0;
    const cells: BiffCell[] = [];
    g.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        const at = { r: r0 + r, c: c0 + c, xf: xf(g.formats?.[r]?.[c]) };
        if (typeof v === 'number') cells.push({ ...at, num: v });
        else if (typeof v === 'boolean') cells.push({ ...at, bool: v });
        else if (typeof v === 'string' && v !== '') {
          let i = sstIndex.get(v);
          if (i === undefined) sstIndex.set(v, (i = strings.push(v) - 1));
          cells.push({ ...at, sst: i });
        } else if (v && typeof v === 'object' && 'error' in v) cells.push({ ...at, error: ERROR_CODES[(v as { error: string }).error] ?? 0x2a });
      }),
    );
    return {
      name: g.name,
      state: g.visibility === 'hidden' ? 1 : g.visibility === 'veryHidden' ? 2 : 0,
      cells,
      merges: (g.merges ?? []).map((m) => [m.r1, m.r2, m.c1, m.c2] as [number, number, number, number]),
    };
  });
  return xlsFile({ version: 8, formats, xfs, sst: sstRecords(strings), sheets }).bytes;
}

/** A compound file whose one stream (under 4096 bytes) lives in the mini stream, as small .xls files keep it. */
export function cfbMini(name: string, data: Uint8Array): Uint8Array {
  if (data.length >= 4096) throw new Error('a mini stream holds streams under 4096 bytes');
  const miniSectors = Math.ceil(data.length / 64);
  const containerSectors = Math.ceil((miniSectors * 64) / 512);
  const total = 3 + containerSectors; // FAT, directory, mini FAT, then the mini stream's container
  const out = new Uint8Array(512 * (total + 1));
  const dv = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  dv.setUint16(24, 0x3e, true);
  dv.setUint16(26, 3, true);
  dv.setUint16(28, 0xfffe, true);
  dv.setUint16(30, 9, true);
  dv.setUint16(32, 6, true);
  dv.setUint32(44, 1, true);
  dv.setUint32(48, 1, true);
  dv.setUint32(56, 4096, true);
  dv.setUint32(60, 2, true);
  dv.setUint32(64, 1, true);
  dv.setUint32(68, ENDOFCHAIN, true);
  for (let i = 0; i < 109; i++) dv.setUint32(76 + 4 * i, i === 0 ? 0 : FREESECT, true);
  const fat = new Uint32Array(128).fill(FREESECT);
  fat[0] = FATSECT;
  fat[1] = ENDOFCHAIN;
  fat[2] = ENDOFCHAIN;
  for (let i = 0; i < containerSectors; i++) fat[3 + i] = i === containerSectors - 1 ? ENDOFCHAIN : 4 + i;
  fat.forEach((v, i) => dv.setUint32(512 + 4 * i, v, true));
  const miniFat = new Uint32Array(128).fill(FREESECT);
  for (let i = 0; i < miniSectors; i++) miniFat[i] = i === miniSectors - 1 ? ENDOFCHAIN : i + 1;
  miniFat.forEach((v, i) => dv.setUint32(512 * 3 + 4 * i, v, true));
  out.set(data, 512 * 4);
  const entry = (k: number, n: string, type: number, child: number, first: number, size: number) => {
    const off = 512 * 2 + 128 * k;
    for (let i = 0; i < n.length; i++) dv.setUint16(off + 2 * i, n.charCodeAt(i), true);
    dv.setUint16(off + 64, 2 * (n.length + 1), true);
    out[off + 66] = type;
    out[off + 67] = 1;
    dv.setUint32(off + 68, 0xffffffff, true);
    dv.setUint32(off + 72, 0xffffffff, true);
    dv.setUint32(off + 76, child, true);
    dv.setUint32(off + 116, first, true);
    dv.setUint32(off + 120, size, true);
  };
  entry(0, 'Root Entry', 5, 1, 3, miniSectors * 64);
  entry(1, name, 2, 0xffffffff, 0, data.length);
  return out;
}
