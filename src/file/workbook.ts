/**
 * Any workbook a township sends → Workbook, the format told by the bytes, never by the name: an .xlsx (read.ts),
 * an .xls or a WPS .et (OLE compound file, biff.ts), an .ods (ods.ts), a text table (csv.ts). A file named .xls
 * that is really an .xlsx is read as the .xlsx it is; a .csv in GBK is read as GBK. The name only chooses the
 * wording of a message (a damaged .et is answered as a WPS file) and whether text is taken for a table (any name
 * but a zip-based workbook's: a tab-separated export named .xls is read as the table it is).
 */
import type { Workbook } from '../core/types';
import { readXls } from './biff';
import { isOle, openCfb } from './cfb';
import { looksLikeText, readCsv, decodeText } from './csv';
import { isFileReadError, readError } from './errors';
import { readOds, isOdsPackage } from './ods';
import { readXlsx, READ_LIMITS, type ReadLimits } from './read';
import { hasUtf16, isZipBytes, toBytes, zipDirectory } from './zip';

export type SourceFormat = 'xlsx' | 'xls' | 'ods' | 'csv';

/** The extensions the CLI, the page's picker and derived names know. */
export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.et', '.ods', '.csv', '.txt', '.tsv'];

function extension(name: string): string {
  const m = /\.([^.\\/]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/**
 * Names under which text is not taken for a table: a zip-based workbook that is text is damaged or something else.
 * An “.xls” or “.et” that is text is read as the table it is: systems export tab-separated text under those names.
 */
const ZIP_WORKBOOK_EXT = new Set(['xlsx', 'xlsm', 'xltx', 'xltm', 'ods', 'ots', 'xlsb']);

/** Which reader the bytes call for; throws FileReadError for bytes no reader takes. */
export function sourceFormat(data: Uint8Array | ArrayBuffer, name: string): SourceFormat {
  const b = toBytes(data);
  if (b.length === 0) throw readError('empty', name);
  if (isOle(b)) return 'xls';
  if (isZipBytes(b)) return isOdsPackage(b, zipDirectory(b, name)) ? 'ods' : 'xlsx';
  if (looksLikeText(b)) {
    const head = decodeText(b.subarray(0, 4096)).trimStart().slice(0, 512).toLowerCase();
    if (/^(<!doctype html|<html|<table|<meta)/.test(head) || (head.startsWith('<?xml') && head.includes('<html'))) throw readError('html', name);
    if (!ZIP_WORKBOOK_EXT.has(extension(name))) return 'csv';
  }
  throw readError(extension(name) === 'et' ? 'et' : 'not-xlsx', name);
}

/** True when the bytes are an .xlsx package (the result copy can be written over them as they are). */
export function isXlsxBytes(data: Uint8Array | ArrayBuffer): boolean {
  const b = toBytes(data);
  if (!isZipBytes(b)) return false;
  try {
    return !isOdsPackage(b, zipDirectory(b, ''));
  } catch (e) {
    if (isFileReadError(e)) return false;
    throw e;
  }
}

/**
 * Read any supported workbook. Throws FileReadError (a Chinese sentence naming the file) for anything that is not
 * a readable workbook: damaged, encrypted, too large, or of a kind no reader takes.
 */
export async function readWorkbook(data: Uint8Array | ArrayBuffer, name: string, limits: ReadLimits = READ_LIMITS): Promise<Workbook> {
  const b = toBytes(data);
  const et = extension(name) === 'et';
  switch (sourceFormat(b, name)) {
    case 'xls': {
      // an encrypted .xlsx is a compound file holding EncryptedPackage: say so even when its container is damaged
      if (hasUtf16(b, 'EncryptedPackage') || hasUtf16(b, 'EncryptionInfo')) throw readError('encrypted', name);
      if (!et) return readXls(b, name, limits, 'xls');
      // an .et is a compound-file workbook when WPS saved it in its default form; otherwise say how to save it
      const cfb = openCfb(b, name, 'et');
      if (!cfb.entries.some((e) => e.type === 2 && /^(workbook|book)$/i.test(e.name))) throw readError('et', name, '文件中没有可读取的工作簿数据');
      return readXls(b, name, limits, 'et');
    }
    case 'ods':
      return readOds(b, name, limits);
    case 'csv':
      return readCsv(b, name, limits);
    case 'xlsx':
    default:
      if (!et) return readXlsx(b, name, limits);
      try {
        return await readXlsx(b, name, limits);
      } catch (e) {
        if (isFileReadError(e) && e.code === 'not-xlsx') throw readError('et', name, '压缩包中没有工作簿');
        throw e;
      }
  }
}
