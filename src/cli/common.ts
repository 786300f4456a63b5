/** Shared by the commands: reading a workbook file from disk and checking it. */
import * as fs from 'fs';
import * as path from 'path';
import { check, type CheckOptions } from '../core/check';
import type { CheckResult, Workbook } from '../core/types';
import { readXlsx } from '../file/read';
import { isFileReadError } from '../file/errors';

export class CliFileError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'CliFileError';
  }
}

/** Read a file's bytes; a missing/unreadable path becomes a Chinese message naming the file. */
export function readBytes(file: string, cwd: string): Uint8Array {
  const p = path.resolve(cwd, file);
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    throw new CliFileError(`找不到文件“${file}”，请检查路径是否正确。`, 'not-found');
  }
  if (st.isDirectory()) throw new CliFileError(`“${file}”是一个文件夹，不是 Excel 工作簿。`, 'is-directory');
  try {
    return new Uint8Array(fs.readFileSync(p));
  } catch (e) {
    throw new CliFileError(`无法读取文件“${file}”（${(e as NodeJS.ErrnoException).code ?? '读取失败'}），请检查文件权限。`, 'unreadable');
  }
}

export interface Loaded {
  file: string;
  bytes: Uint8Array;
  book: Workbook;
  result: CheckResult;
}

/** Read and check one workbook. Throws CliFileError with a Chinese message when it cannot be read. */
export async function loadAndCheck(file: string, cwd: string, opts: CheckOptions = {}): Promise<Loaded> {
  const bytes = readBytes(file, cwd);
  let book: Workbook;
  try {
    book = await readXlsx(bytes, path.basename(file));
  } catch (e) {
    if (isFileReadError(e)) throw new CliFileError(e.message, e.code);
    throw new CliFileError(`文件“${path.basename(file)}”无法读取：${e instanceof Error ? e.message : String(e)}`, 'unknown');
  }
  let result: CheckResult;
  try {
    result = check(book, opts);
  } catch (e) {
    // A bug in a rule must not stop the other files of a batch.
    throw new CliFileError(`检查“${path.basename(file)}”时出错：${e instanceof Error ? e.message : String(e)}`, 'check-failed');
  }
  return { file, bytes, book, result };
}

/** `周营镇-2023-指标.xlsx` → `周营镇-2023-指标`. */
export function stem(file: string): string {
  return path.basename(file).replace(/\.(xlsx|xlsm|xls)$/i, '');
}

/**
 * Write `target` through a temporary sibling (`write` fills it) and a rename, so a failure never leaves half a
 * file; the temporary file is removed when anything fails.
 */
export async function writeAtomically(target: string, write: (tmp: string) => void | Promise<void>): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await write(tmp);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

export async function writeFileAtomic(target: string, data: Uint8Array): Promise<void> {
  await writeAtomically(target, (tmp) => fs.writeFileSync(tmp, data));
}

/** True when two paths name the same file (resolving symlinks where the file exists). */
export function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}
