/**
 * A file's zip container: what kind of file it is, whether its central directory is whole and declares sane sizes,
 * and its entries' bytes. Pure byte work (DataView, fflate), so it runs in Node and browsers.
 *
 * Zip bombs are stopped in two places, one per path: the reader inflates each part it needs through `readEntry`,
 * which never goes past the declared size; ExcelJS (the writing path) unpacks every part itself, so
 * `verifyInflatedSizes` measures first the entries that could outgrow the limits.
 */
import { Inflate, inflateSync } from 'fflate';
import { isFileReadError, readError } from './errors';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  size: number;
  encrypted: boolean;
  /** 0 stored, 8 deflate. */
  method: number;
  /** Offset of the entry's local file header. */
  localOffset: number;
  /** CRC-32 of the uncompressed bytes, as the central directory records it. */
  crc32: number;
}

/**
 * Limits on what a workbook's zip may declare. A real township workbook is well under 10 MB unpacked; ExcelJS
 * holds a whole workbook in memory (roughly 10× its XML), so these keep a browser tab and Node's default heap
 * safe while still admitting sheets of a few million cells.
 */
export const ZIP_LIMITS = {
  /** Largest declared uncompressed size of one entry. */
  entryBytes: 160 * 1024 * 1024,
  /** Largest declared uncompressed size of all entries together. */
  totalBytes: 256 * 1024 * 1024,
  /** Most entries in the archive. */
  entries: 20000,
  /** Largest declared compression ratio for an entry bigger than `ratioFloorBytes`. */
  ratio: 1000,
  ratioFloorBytes: 8 * 1024 * 1024,
};

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function toBytes(data: Uint8Array | ArrayBuffer): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

function startsWith(b: Uint8Array, sig: number[]): boolean {
  if (b.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[i] !== sig[i]) return false;
  return true;
}

/** True when `needle` (ASCII) appears as UTF-16LE in the first `limit` bytes (OLE directory entry names). */
export function hasUtf16(b: Uint8Array, needle: string, limit = 4 * 1024 * 1024): boolean {
  const n = needle.length * 2;
  const end = Math.min(b.length, limit) - n;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (b[i + 2 * j] !== needle.charCodeAt(j) || b[i + 2 * j + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

/** UTF-8 bytes → string; TextDecoder where the platform has one (test DOMs may not), else by hand. */
export function utf8(b: Uint8Array): string {
  const TD = (globalThis as { TextDecoder?: typeof TextDecoder }).TextDecoder;
  if (TD) return new TD('utf-8').decode(b);
  let out = '';
  for (let i = 0; i < b.length; ) {
    const c = b[i++];
    let cp = c;
    if (c >= 0xf0) cp = ((c & 0x07) << 18) | ((b[i++] & 0x3f) << 12) | ((b[i++] & 0x3f) << 6) | (b[i++] & 0x3f);
    else if (c >= 0xe0) cp = ((c & 0x0f) << 12) | ((b[i++] & 0x3f) << 6) | (b[i++] & 0x3f);
    else if (c >= 0xc0) cp = ((c & 0x1f) << 6) | (b[i++] & 0x3f);
    out += String.fromCodePoint(cp <= 0x10ffff ? cp : 0xfffd); // F5–F7 lead bytes are not UTF-8
  }
  return out;
}

function mb(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MB`;
}

/**
 * Classify `data` and validate its zip structure. Returns the central directory entries of a plausible .xlsx;
 * throws a FileReadError (Chinese message naming `name`) for anything else. Never reads past the buffer.
 */
export function inspectWorkbookZip(data: Uint8Array | ArrayBuffer, name: string): ZipEntryInfo[] {
  const b = toBytes(data);
  if (b.length === 0) throw readError('empty', name);
  if (startsWith(b, OLE)) {
    if (hasUtf16(b, 'EncryptedPackage') || hasUtf16(b, 'EncryptionInfo')) throw readError('encrypted', name);
    throw readError('xls', name);
  }
  if (!isZipBytes(b)) throw readError('not-xlsx', name);
  const entries = zipDirectory(b, name);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    if (names.has('xl/workbook.bin')) throw readError('xlsb', name);
    if (names.has('word/document.xml')) throw readError('docx', name);
    if (names.has('content.xml') && names.has('mimetype')) throw readError('ods', name);
    throw readError('not-xlsx', name);
  }
  return entries;
}

/** A zip file's first bytes (a local header, or the end record of an empty archive). */
export function isZipBytes(b: Uint8Array): boolean {
  return startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]);
}

/**
 * The central directory of any zip (an .xlsx, an .ods), checked to be whole, unencrypted and within ZIP_LIMITS;
 * throws a FileReadError naming `name` otherwise. Never reads past the buffer.
 */
export function zipDirectory(data: Uint8Array | ArrayBuffer, name: string): ZipEntryInfo[] {
  const b = toBytes(data);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // End of central directory: 22 bytes + comment (≤ 65535), searched backwards.
  let eocd = -1;
  const minPos = Math.max(0, b.length - 22 - 65535);
  for (let i = b.length - 22; i >= minPos; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw readError('truncated', name);

  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: locator sits 20 bytes before the EOCD.
    const loc = eocd - 20;
    if (loc < 0 || dv.getUint32(loc, true) !== 0x07064b50) throw readError('truncated', name);
    const recOff = Number(dv.getBigUint64(loc + 8, true));
    if (recOff + 56 > b.length || dv.getUint32(recOff, true) !== 0x06064b50) throw readError('truncated', name);
    count = Number(dv.getBigUint64(recOff + 32, true));
    cdSize = Number(dv.getBigUint64(recOff + 40, true));
    cdOffset = Number(dv.getBigUint64(recOff + 48, true));
  }
  if (count > ZIP_LIMITS.entries) throw readError('too-large', name, `压缩包声明了 ${count} 个条目`);
  if (cdOffset + cdSize > b.length || cdOffset > eocd) throw readError('truncated', name);

  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || dv.getUint32(p, true) !== 0x02014b50) throw readError('truncated', name);
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    let csize = dv.getUint32(p + 20, true);
    let usize = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let localOffset = dv.getUint32(p + 42, true);
    const crc = dv.getUint32(p + 16, true);
    if (p + 46 + nameLen + extraLen + commentLen > b.length) throw readError('truncated', name);
    const entryName = utf8(b.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extended sizes live in extra field 0x0001, in this order, only for the fields that overflowed.
    if (usize === 0xffffffff || csize === 0xffffffff || localOffset === 0xffffffff) {
      let e = p + 46 + nameLen;
      const eEnd = e + extraLen;
      while (e + 4 <= eEnd) {
        const id = dv.getUint16(e, true);
        const len = dv.getUint16(e + 2, true);
        if (id === 0x0001) {
          let q = e + 4;
          if (usize === 0xffffffff && q + 8 <= e + 4 + len) (usize = Number(dv.getBigUint64(q, true))), (q += 8);
          if (csize === 0xffffffff && q + 8 <= e + 4 + len) (csize = Number(dv.getBigUint64(q, true))), (q += 8);
          if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) localOffset = Number(dv.getBigUint64(q, true));
          break;
        }
        e += 4 + len;
      }
    }
    if (localOffset + 30 > b.length || localOffset + csize > b.length) throw readError('truncated', name);
    if (usize > ZIP_LIMITS.entryBytes) {
      throw readError('too-large', name, `条目 ${entryName} 声明解压后 ${mb(usize)}，上限 ${mb(ZIP_LIMITS.entryBytes)}`);
    }
    if (usize > ZIP_LIMITS.ratioFloorBytes && usize / Math.max(1, csize) > ZIP_LIMITS.ratio) {
      throw readError('too-large', name, `条目 ${entryName} 的压缩比异常（${mb(csize)} 解压为 ${mb(usize)}）`);
    }
    total += usize;
    if (total > ZIP_LIMITS.totalBytes) {
      throw readError('too-large', name, `声明解压后合计超过 ${mb(ZIP_LIMITS.totalBytes)}`);
    }
    entries.push({ name: entryName, compressedSize: csize, size: usize, encrypted: (flags & 1) === 1, method, localOffset, crc32: crc });
    p += 46 + nameLen + extraLen + commentLen;
  }

  if (entries.some((e) => e.encrypted)) throw readError('encrypted', name);
  return entries;
}

type Inflater = { readable: ReadableStream<Uint8Array>; writable: WritableStream<Uint8Array> };

/** DEFLATE cannot expand data by more than this factor (a 258-byte match costs at least 2 bits). */
export const MAX_DEFLATE_RATIO = 1032;

/**
 * The deflated entries whose true size must be measured. Whatever an entry declares, it cannot inflate past
 * compressedSize × MAX_DEFLATE_RATIO; so when those bounds already keep every entry and the whole archive within
 * ZIP_LIMITS, there is nothing to measure (every ordinary workbook). Otherwise the largest entries are measured,
 * in order, until the bound on the rest fits.
 */
export function entriesToInflate(entries: ZipEntryInfo[]): Set<ZipEntryInfo> {
  const deflated = entries.filter((e) => e.method === 8 && e.compressedSize > 0).sort((a, b) => b.compressedSize - a.compressedSize);
  let bound = entries.reduce((t, e) => t + (e.method === 8 ? e.compressedSize * MAX_DEFLATE_RATIO : e.size), 0);
  const out = new Set<ZipEntryInfo>();
  for (const e of deflated) {
    if (bound <= ZIP_LIMITS.totalBytes && e.compressedSize * MAX_DEFLATE_RATIO <= ZIP_LIMITS.entryBytes) break;
    out.add(e);
    bound -= e.compressedSize * MAX_DEFLATE_RATIO - e.size; // once measured, an entry is held to what it declares
  }
  return out;
}

/**
 * Inflate the deflated entries that could hide a bomb (entriesToInflate) once, counting bytes, and stop as soon as one produces more than its central
 * directory declared: a zip bomb that lies about its sizes is refused before ExcelJS unpacks it into memory.
 * Uses the platform's DecompressionStream (Node ≥ 20, current browsers); skipped where there is none.
 */
export async function verifyInflatedSizes(data: Uint8Array | ArrayBuffer, entries: ZipEntryInfo[], name: string): Promise<void> {
  const g = globalThis as unknown as {
    DecompressionStream?: new (format: string) => Inflater;
    ReadableStream?: typeof ReadableStream;
  };
  if (typeof g.DecompressionStream !== 'function' || typeof g.ReadableStream !== 'function') return;
  const Inflate = g.DecompressionStream;
  const Readable = g.ReadableStream;
  const b = toBytes(data);
  const suspects = entriesToInflate(entries);
  for (const e of entries) {
    if (e.method === 0) {
      if (e.compressedSize > e.size) throw readError('too-large', name, `条目 ${e.name} 的实际大小与声明不符`);
      continue;
    }
    if (e.method !== 8 || e.compressedSize === 0 || !suspects.has(e)) continue;
    const start = dataStart(b, e, name);
    const chunk = b.slice(start, start + e.compressedSize);
    let reader: ReadableStreamDefaultReader<Uint8Array>;
    try {
      const source = new Readable<Uint8Array>({
        start(c) {
          c.enqueue(chunk);
          c.close();
        },
      });
      reader = source.pipeThrough(new Inflate('deflate-raw')).getReader();
    } catch {
      return; // a platform without deflate-raw streams: ExcelJS's own checks remain
    }
    let n = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        n += value.length;
        if (n > e.size) {
          // best effort: the stream is abandoned either way, and the error thrown next is what the user is told
          await reader.cancel().catch(() => undefined);
          throw readError('too-large', name, `条目 ${e.name} 解压后超过了声明的大小 ${e.size} 字节`);
        }
      }
    } catch (err) {
      if ((err as { name?: string }).name === 'FileReadError') throw err;
      throw readError('corrupt', name, `条目 ${e.name} 的压缩数据无效`);
    }
  }
}

/** Where an entry's data starts: after its local header, whose name and extra lengths may differ from the central one. */
export function dataStart(b: Uint8Array, e: ZipEntryInfo, name: string): number {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (e.localOffset + 30 > b.length || dv.getUint32(e.localOffset, true) !== 0x04034b50) throw readError('truncated', name);
  const start = e.localOffset + 30 + dv.getUint16(e.localOffset + 26, true) + dv.getUint16(e.localOffset + 28, true);
  if (start + e.compressedSize > b.length) throw readError('truncated', name);
  return start;
}

const INFLATE_CHUNK = 16 * 1024;

/** CRC-32 (IEEE, as zip uses it), sliced by 8 bytes: eight lookup tables of 256 entries. */
const CRC_TABLE = /*#__PURE__*/ (() => {
  const t = new Int32Array(256 * 8);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    t[i] = c;
  }
  for (let i = 0; i < 256; i++) {
    let c = t[i];
    for (let s = 1; s < 8; s++) {
      c = t[c & 255] ^ (c >>> 8);
      t[s * 256 + i] = c;
    }
  }
  return t;
})();

/** The CRC-32 of `b`, as an unsigned 32-bit number (what a zip's headers record); of `b` after the bytes whose CRC-32 is `seed`. */
export function crc32(b: Uint8Array, seed = 0): number {
  const T = CRC_TABLE;
  let c = ~seed;
  let i = 0;
  const n = b.length;
  const end = n - (n & 7);
  for (; i < end; i += 8) {
    const a = c ^ (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));
    const d = b[i + 4] | (b[i + 5] << 8) | (b[i + 6] << 16) | (b[i + 7] << 24);
    c =
      T[1792 + (a & 255)] ^
      T[1536 + ((a >>> 8) & 255)] ^
      T[1280 + ((a >>> 16) & 255)] ^
      T[1024 + (a >>> 24)] ^
      T[768 + (d & 255)] ^
      T[512 + ((d >>> 8) & 255)] ^
      T[256 + ((d >>> 16) & 255)] ^
      T[d >>> 24];
  }
  for (; i < n; i++) c = T[(c ^ b[i]) & 255] ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * An entry whose bytes do not give the CRC-32 its header records was altered after it was written (a digit
 * changed by hand in the packed file, a bad copy): its content cannot be trusted, so it is damage, never data.
 * `what` names what the part holds (`工作表“草稿”`) for the message.
 */
function checkCrc(out: Uint8Array, e: ZipEntryInfo, name: string, what?: string): Uint8Array {
  if (crc32(out) === e.crc32 >>> 0) return out;
  const part = what ? `${what}（部件 ${e.name}）` : `部件 ${e.name}`;
  throw readError('corrupt', name, `${part}的内容与压缩包记录的校验值（CRC-32）不符，文件在保存、复制或传输中被改动过`, '请向报送单位重新索取原文件后再检查，不要使用改动过的副本。');
}

/**
 * One entry's bytes, inflated at most once and never past what the central directory declares: an entry that
 * could hide a bomb (entriesToInflate) is inflated in small steps and stopped at its declared size; any other
 * cannot outgrow the limits, so it is inflated in one go into a buffer one byte larger than declared, and that
 * byte tells whether it lied. Every entry read is then held to its recorded CRC-32 (`checkCrc`).
 */
export function readEntry(data: Uint8Array, e: ZipEntryInfo, suspect: boolean, name: string, what?: string): Uint8Array {
  const b = toBytes(data);
  const start = dataStart(b, e, name);
  const raw = b.subarray(start, start + e.compressedSize);
  const lied = () => readError('too-large', name, `条目 ${e.name} 解压后超过了声明的大小 ${e.size} 字节`);
  if (e.method === 0) {
    if (e.compressedSize > e.size) throw lied();
    return checkCrc(raw, e, name, what);
  }
  if (e.method !== 8) throw readError('corrupt', name, `条目 ${e.name} 使用了不支持的压缩方式`);
  try {
    if (!suspect) {
      const out = inflateSync(raw, { out: new Uint8Array(e.size + 1) });
      if (out.length > e.size) throw lied();
      return checkCrc(out, e, name, what);
    }
    const parts: Uint8Array[] = [];
    let n = 0;
    const inflater = new Inflate((chunk) => {
      n += chunk.length;
      if (n > e.size) throw lied();
      parts.push(chunk.slice());
    });
    for (let p = 0; p < raw.length; p += INFLATE_CHUNK) inflater.push(raw.subarray(p, p + INFLATE_CHUNK), p + INFLATE_CHUNK >= raw.length);
    if (raw.length === 0) inflater.push(raw, true);
    const out = new Uint8Array(n);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return checkCrc(out, e, name, what);
  } catch (err) {
    if (isFileReadError(err)) throw err;
    throw readError('corrupt', name, `条目 ${e.name} 的压缩数据无效`);
  }
}
