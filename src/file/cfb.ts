/**
 * The OLE compound file ([MS-CFB]) that holds an .xls, a WPS .et or an encrypted .xlsx: its directory and the
 * bytes of a named stream. Pure byte work over a Uint8Array, Node and browser alike.
 *
 * Hardened against hostile files: every sector number is checked against the file, every chain (FAT, DIFAT,
 * mini FAT, directory, stream) is followed at most once per sector — a chain that loops or points outside the
 * file stops with a FileReadError — and a stream is never given more room than its chain actually covers, so a
 * declared size cannot make the reader allocate more than the file holds.
 */
import { readError, type FileReadErrorCode } from './errors';

export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;

export function isOle(b: Uint8Array): boolean {
  if (b.length < 8) return false;
  for (let i = 0; i < 8; i++) if (b[i] !== OLE_MAGIC[i]) return false;
  return true;
}

export interface CfbEntry {
  name: string;
  /** 1 storage, 2 stream, 5 root. */
  type: number;
  start: number;
  size: number;
}

export interface Cfb {
  entries: CfbEntry[];
  /** A stream's bytes by name (case-insensitive, any storage); null when the file has no such stream. */
  stream(name: string): Uint8Array | null;
}

/**
 * Open a compound file. `code` is the error code for a damaged container (`xls` for a workbook), so the message
 * says which kind of file it was meant to be.
 */
export function openCfb(b: Uint8Array, file: string, code: FileReadErrorCode = 'xls'): Cfb {
  const bad = (why: string) => readError(code, file, why);
  if (b.length < 512 || !isOle(b)) throw bad('复合文件头不完整');
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const shift = dv.getUint16(30, true);
  const miniShift = dv.getUint16(32, true);
  if ((shift !== 9 && shift !== 12) || miniShift !== 6) throw bad('复合文件头的扇区大小无效');
  const size = 1 << shift;
  const miniSize = 1 << miniShift;
  const nFat = dv.getUint32(44, true);
  const dirStart = dv.getUint32(48, true);
  const cutoff = dv.getUint32(56, true) || 4096;
  const miniFatStart = dv.getUint32(60, true);
  const nMiniFat = dv.getUint32(64, true);
  const difatStart = dv.getUint32(68, true);
  const nDifat = dv.getUint32(72, true);
  /** Whole sectors after the header (a last sector cut short still counts: its bytes are read as far as they go). */
  const sectors = Math.ceil((b.length - size) / size);
  const perSector = size / 4;
  if (nFat > sectors || nDifat > sectors || nMiniFat > sectors) throw bad('复合文件头声明的扇区数超过了文件大小');

  const sectorAt = (n: number, what: string): number => {
    if (n >= sectors) throw bad(`${what}指向文件之外的扇区 ${n}`);
    return (n + 1) * size;
  };
  const u32 = (off: number) => (off + 4 <= b.length ? dv.getUint32(off, true) : FREESECT);

  // DIFAT: 109 entries in the header, then a chain of sectors each holding perSector − 1 entries and the next link.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < nFat; i++) fatSectors.push(dv.getUint32(76 + 4 * i, true));
  let d = difatStart;
  const seenDifat = new Set<number>();
  while (fatSectors.length < nFat && d !== ENDOFCHAIN && d !== FREESECT) {
    if (seenDifat.has(d)) throw bad('DIFAT 扇区链出现循环');
    seenDifat.add(d);
    const off = sectorAt(d, 'DIFAT 扇区链');
    for (let i = 0; i < perSector - 1 && fatSectors.length < nFat; i++) fatSectors.push(u32(off + 4 * i));
    d = u32(off + size - 4);
  }
  if (fatSectors.length < nFat) throw bad('FAT 扇区表不完整');

  const fat = new Uint32Array(fatSectors.length * perSector);
  fatSectors.forEach((s, k) => {
    const off = sectorAt(s, 'FAT 扇区表');
    for (let i = 0; i < perSector; i++) fat[k * perSector + i] = u32(off + 4 * i);
  });

  /** The sectors of a chain, in order; each at most once, all inside the file. */
  const chain = (start: number, table: Uint32Array, limit: number, what: string): number[] => {
    const out: number[] = [];
    const seen = new Uint8Array(limit);
    let s = start;
    while (s !== ENDOFCHAIN) {
      if (s >= limit || s >= table.length) throw bad(`${what}指向不存在的扇区 ${s}`);
      if (seen[s]) throw bad(`${what}出现循环`);
      seen[s] = 1;
      out.push(s);
      s = table[s];
    }
    return out;
  };

  /** The bytes of a chain of regular sectors, at most `want` of them (never more than the chain covers). */
  const readChain = (start: number, want: number, what: string): Uint8Array => {
    const list = chain(start, fat, sectors, what);
    const n = Math.min(want, list.length * size);
    const out = new Uint8Array(n);
    let at = 0;
    for (const s of list) {
      if (at >= n) break;
      const off = sectorAt(s, what);
      const piece = b.subarray(off, Math.min(off + size, b.length, off + (n - at)));
      out.set(piece, at);
      at += size;
    }
    return out;
  };

  // Directory: 128-byte entries in a chain of sectors.
  const dir = readChain(dirStart, Number.MAX_SAFE_INTEGER, '目录扇区链');
  const ddv = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const entries: CfbEntry[] = [];
  for (let off = 0; off + 128 <= dir.length; off += 128) {
    const type = dir[off + 66];
    if (type !== 1 && type !== 2 && type !== 5) {
      entries.push({ name: '', type: 0, start: 0, size: 0 });
      continue;
    }
    const nameLen = Math.min(64, ddv.getUint16(off + 64, true));
    let name = '';
    for (let i = 0; i + 1 < nameLen; i += 2) {
      const c = ddv.getUint16(off + i, true);
      if (c === 0) break;
      name += String.fromCharCode(c);
    }
    const lo = ddv.getUint32(off + 120, true);
    const hi = shift === 9 ? 0 : ddv.getUint32(off + 124, true); // version 3 files may leave junk in the high half
    entries.push({ name, type, start: ddv.getUint32(off + 116, true), size: hi * 0x100000000 + lo });
  }
  const root = entries[0];
  if (!root || root.type !== 5) throw bad('复合文件没有根目录');

  let miniFat: Uint32Array | null = null;
  let miniStream: Uint8Array | null = null;
  const mini = (): { table: Uint32Array; data: Uint8Array } => {
    if (!miniFat) {
      const raw = nMiniFat && miniFatStart !== ENDOFCHAIN ? readChain(miniFatStart, nMiniFat * size, '迷你 FAT 扇区链') : new Uint8Array(0);
      miniFat = new Uint32Array(raw.length >> 2);
      const mdv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      for (let i = 0; i < miniFat.length; i++) miniFat[i] = mdv.getUint32(4 * i, true);
      miniStream = root.start === ENDOFCHAIN || root.start === NOSTREAM ? new Uint8Array(0) : readChain(root.start, root.size, '迷你流扇区链');
    }
    return { table: miniFat, data: miniStream as Uint8Array };
  };

  const read = (e: CfbEntry): Uint8Array => {
    if (e.size === 0) return new Uint8Array(0);
    if (e.size >= cutoff) {
      const out = readChain(e.start, e.size, `流“${e.name}”的扇区链`);
      if (out.length < e.size) throw bad(`流“${e.name}”声明 ${e.size} 字节，但文件中只有 ${out.length} 字节`);
      return out;
    }
    const { table, data } = mini();
    const list = chain(e.start, table, Math.floor(data.length / miniSize), `流“${e.name}”的迷你扇区链`);
    if (list.length * miniSize < e.size) throw bad(`流“${e.name}”声明 ${e.size} 字节，但文件中只有 ${list.length * miniSize} 字节`);
    const out = new Uint8Array(e.size);
    let at = 0;
    for (const s of list) {
      if (at >= e.size) break;
      const piece = data.subarray(s * miniSize, s * miniSize + Math.min(miniSize, e.size - at));
      out.set(piece, at);
      at += miniSize;
    }
    return out;
  };

  return {
    entries,
    stream(name: string): Uint8Array | null {
      const want = name.toLowerCase();
      const e = entries.find((x) => x.type === 2 && x.name.toLowerCase() === want);
      return e ? read(e) : null;
    },
  };
}
