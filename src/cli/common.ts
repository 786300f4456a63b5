/** Shared by the commands: reading a workbook file from disk and checking it. */
import * as fs from 'fs';
import * as path from 'path';
import { check, type CheckOptions } from '../core/check';
import { CATALOG } from '../core/catalog';
import { parseMappingJson } from '../core/meaning/mapping';
import { UsageError, type ParsedArgs } from './args';
import { EXIT, type CliIO } from './io';
import type { CheckResult, Workbook } from '../core/types';
import { readWorkbook } from '../file/workbook';
import { isFileReadError } from '../file/errors';
import { readDefinitionsFile } from '../file/definitions';
import { DefinitionFileError } from '../core/definitions/read';
import { catalogWithDefinitions } from '../core/definitions/catalog';

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
  } catch (e) {
    // said: the file named (exit 2), the other files of a batch still checked; a path that exists but may not be
    // looked at is no missing file
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliFileError(`找不到文件“${file}”，请检查路径是否正确。`, 'not-found');
    throw new CliFileError(`无法读取文件“${file}”（${code ?? '读取失败'}），请检查文件权限。`, 'unreadable');
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

/**
 * The check options every command shares: `--skip-hidden`, `--catalog 县定义.xlsx|.json|.yaml` (the county's
 * definitions: a file that cannot be read is a usage error naming it, exit 2), and `--mapping 对照.json` (labels placed by the county
 * or the user: `{ "原标签": "指标" }` or `[{ "原标签", "指标", "工作表" }]`). A mapping file that cannot be read is a
 * usage error naming it; its entries that name no indicator become `mapping-invalid` hints in every file.
 */
export async function sharedCheckOptions(args: ParsedArgs, cwd: string): Promise<CheckOptions> {
  const opts: CheckOptions = {};
  if (args.flags.has('skip-hidden')) opts.skipHidden = true;
  // `--catalog 县定义.xlsx|.json|.yaml`: the county's definitions, read once and applied to every file
  const defsFile = args.options.catalog;
  let catalog = CATALOG;
  if (defsFile) {
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(path.resolve(cwd, defsFile));
    } catch (e) {
      throw new UsageError(`无法读取县级指标定义文件“${defsFile}”（${errnoCode(e) ?? '读取失败'}），请检查路径。`);
    }
    try {
      opts.definitions = await readDefinitionsFile(bytes, path.basename(defsFile));
    } catch (e) {
      if (e instanceof DefinitionFileError) throw new UsageError(e.message);
      throw e;
    }
    // a --mapping entry may name one of the county's indicators
    catalog = catalogWithDefinitions(opts.definitions).catalog;
  }
  const file = args.options.mapping;
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
    } catch (e) {
      throw new UsageError(`无法读取指标对照文件“${file}”（${errnoCode(e) ?? '读取失败'}），请检查路径。`);
    }
    const parsed = parseMappingJson(text, path.basename(file), catalog);
    opts.mappings = parsed.mappings;
    if (parsed.problems.length) opts.mappingProblems = parsed.problems;
  }
  return opts;
}

/** Read and check one workbook. Throws CliFileError with a Chinese message when it cannot be read. */
export async function loadAndCheck(file: string, cwd: string, opts: CheckOptions = {}): Promise<Loaded> {
  return checkBytes(file, readBytes(file, cwd), opts);
}

/** Read the workbook `file`'s bytes hold. Throws CliFileError with a Chinese message when it is not readable. */
export async function readBook(file: string, bytes: Uint8Array): Promise<Workbook> {
  try {
    return await readWorkbook(bytes, path.basename(file));
  } catch (e) {
    if (isFileReadError(e)) throw new CliFileError(e.message, e.code);
    throw new CliFileError(`文件“${path.basename(file)}”无法读取：${e instanceof Error ? e.message : String(e)}`, 'unknown');
  }
}

/** Check a workbook already read from `file`. Throws CliFileError with a Chinese message when it is not readable. */
export async function checkBytes(file: string, bytes: Uint8Array, opts: CheckOptions = {}): Promise<Loaded> {
  const book = await readBook(file, bytes);
  let result: CheckResult;
  try {
    result = check(book, opts);
  } catch (e) {
    // A bug in a rule must not stop the other files of a batch.
    throw new CliFileError(`检查“${path.basename(file)}”时出错：${e instanceof Error ? e.message : String(e)}`, 'check-failed');
  }
  return { file, bytes, book, result };
}

/** `周营镇-2023-指标.xlsx` (or .xls, .et, .ods, .csv …) → `周营镇-2023-指标`. */
export function stem(file: string): string {
  return path.basename(file).replace(/\.(xlsx|xlsm|xls|et|ods|csv|txt|tsv)$/i, '');
}

/** An output file: where it goes, how the user named it, and what fills it (given a temporary path). */
export interface Output {
  /** Absolute path. */
  target: string;
  /** The path as the user gave it (or the default, relative to the working folder), for messages. */
  shown: string;
  /** The option that names it (`--out`, `--docx`), for the advice in a message. */
  option: string;
  /** A file name to suggest when the user named a folder (`汇总.xlsx`). */
  example: string;
  write: (tmp: string) => void | Promise<void>;
}

/** Longest file name (one path component) Linux, macOS and Windows file systems accept, in bytes of UTF-8. */
const NAME_MAX = 255;

const WRITE_WHY: Record<string, string> = {
  EACCES: '没有写入权限',
  EPERM: '没有写入权限',
  EROFS: '所在的磁盘或文件夹是只读的',
  ENOSPC: '磁盘空间不足',
  EDQUOT: '磁盘配额已满',
  ENAMETOOLONG: '文件名或路径过长',
  EISDIR: '同名的文件夹已存在',
  ENOTDIR: '路径中有一段是文件而不是文件夹',
  ENOENT: '该位置不能创建文件或文件夹',
  EEXIST: '同名的文件已存在',
  EBUSY: '文件正被其他程序占用',
  ETXTBSY: '文件正被其他程序占用',
  EMFILE: '同时打开的文件过多',
  EIO: '磁盘读写出错',
};

/** The code of an error the operating system gave (it names its system call); undefined for anything else. */
function errnoCode(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException | null;
  return typeof err?.code === 'string' && typeof err.syscall === 'string' ? err.code : undefined;
}

/** `a/b.xlsx` as the user would recognise it: relative to the working folder when it lies inside it. */
function shownPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

/**
 * Why `out` cannot be written, as one Chinese sentence naming it and saying what to do, or null when nothing
 * stands in the way. Looks only (stat and access): nothing is created, so a refusal leaves no trace.
 */
export function outputProblem(out: Pick<Output, 'target' | 'shown' | 'option' | 'example'>, cwd: string): string | null {
  const { target, shown, option } = out;
  // `结果/` names a folder even when it does not exist yet: never write a file called 结果
  if (shown.endsWith('/') || shown.endsWith(path.sep)) {
    return `无法写出“${shown}”：这是一个文件夹，请用 ${option} 写出文件名，例如“${path.join(shown, out.example)}”。`;
  }
  // every component that would have to be created, the file name included, must fit the file system
  let existing = path.dirname(target);
  const toCreate = [path.basename(target)];
  let st: fs.Stats | null = null;
  for (;;) {
    try {
      st = fs.statSync(existing);
      break;
    } catch (e) {
      const code = errnoCode(e);
      if (code === 'ENOTDIR') {
        // some ancestor is a file: keep climbing to name it
      } else if (code !== 'ENOENT') {
        return `无法写出“${shown}”：无法访问文件夹“${shownPath(existing, cwd)}”（${WRITE_WHY[code ?? ''] ?? code ?? '未知原因'}），请换一个输出位置。`;
      }
      const up = path.dirname(existing);
      if (up === existing) return `无法写出“${shown}”：找不到它所在的磁盘，请换一个输出位置。`;
      toCreate.push(path.basename(existing));
      existing = up;
    }
  }
  for (const name of toCreate) {
    const bytes = Buffer.byteLength(name, 'utf8');
    if (bytes > NAME_MAX) {
      return `无法写出“${shown}”：其中的名称“${name}”有 ${bytes} 字节，超过文件系统允许的 ${NAME_MAX} 字节，请用 ${option} 换一个短一些的名称。`;
    }
  }
  if (!st.isDirectory()) {
    return `无法写出“${shown}”：“${shownPath(existing, cwd)}”是一个文件而不是文件夹，请用 ${option} 换一个输出位置。`;
  }
  try {
    fs.accessSync(existing, fs.constants.W_OK | fs.constants.X_OK);
  } catch (e) {
    const why = WRITE_WHY[errnoCode(e) ?? ''] ?? '没有写入权限';
    return `无法写出“${shown}”：文件夹“${shownPath(existing, cwd)}”${why === '没有写入权限' ? '不允许写入' : `不能写入（${why}）`}，请用 ${option} 换一个可写的位置，或检查该文件夹的权限。`;
  }
  if (toCreate.length > 1) return null; // the file's own folder does not exist yet: nothing there to collide with
  let self: fs.Stats;
  try {
    self = fs.lstatSync(target);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return null;
    return `无法写出“${shown}”（${WRITE_WHY[errnoCode(e) ?? ''] ?? errnoCode(e) ?? '未知原因'}），请用 ${option} 换一个文件名。`;
  }
  if (self.isSymbolicLink()) {
    try {
      self = fs.statSync(target);
    } catch {
      // said: the output refused before anything is written
      return `无法写出“${shown}”：它是一个指向不存在位置的链接，请用 ${option} 换一个文件名。`;
    }
  }
  if (self.isDirectory()) {
    return `无法写出“${shown}”：这是一个文件夹，请用 ${option} 写出文件名，例如“${path.join(shown, out.example)}”。`;
  }
  if (!self.isFile()) {
    return `无法写出“${shown}”：这不是普通文件（可能是设备或管道），请用 ${option} 换一个文件名。`;
  }
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch {
    // said: the output refused before anything is written
    return `无法写出“${shown}”：这个文件是只读的，请用 ${option} 换一个文件名，或先取消它的只读属性。`;
  }
  return null;
}

/**
 * Create `dir` and any missing folders above it, one at a time; returns the topmost folder created, if any.
 * (Not `mkdirSync(…, { recursive: true })`: on a file system that refuses to create, as /proc does with ENOENT,
 * Node's recursive mkdir retries forever.)
 */
function makeDirs(dir: string): string | undefined {
  const missing: string[] = [];
  for (let d = dir; ; ) {
    if (fs.existsSync(d)) break;
    missing.unshift(d);
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const d of missing) fs.mkdirSync(d);
  return missing[0];
}

/**
 * Write every output or none. Each is filled under a short hidden temporary name in its own folder (a long
 * legal file name plus a suffix would exceed the file system's limit), and only when all are complete are they
 * renamed into place. Folders are created only here, and removed again when anything fails, so a failed run
 * leaves nothing behind. A failure of the file system becomes a CliFileError naming the output; anything
 * else (a bug) is thrown as it is, after the clean-up.
 */
export async function writeOutputs(outputs: Output[]): Promise<void> {
  const createdDirs: string[] = [];
  const tmps: string[] = [];
  const cleanUp = () => {
    for (const t of tmps) fs.rmSync(t, { force: true });
    for (const d of createdDirs.reverse()) fs.rmSync(d, { recursive: true, force: true });
  };
  const tag = `${process.pid.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
  let current: Output | undefined;
  try {
    for (const [i, out] of outputs.entries()) {
      current = out;
      const made = makeDirs(path.dirname(out.target));
      if (made) createdDirs.push(made);
      const tmp = path.join(path.dirname(out.target), `.id-${tag}-${i}.tmp`);
      tmps.push(tmp);
      await out.write(tmp);
    }
  } catch (e) {
    cleanUp();
    const code = errnoCode(e);
    if (!code || !current) throw e;
    throw new CliFileError(
      `无法写出“${current.shown}”（${WRITE_WHY[code] ?? code}），${outputs.length > 1 ? '所有输出文件都未写出' : '未写出任何文件'}，请用 ${current.option} 换一个可写的位置或文件名后重试。`,
      'unwritable',
    );
  }
  const done: Output[] = [];
  for (const [i, out] of outputs.entries()) {
    try {
      fs.renameSync(tmps[i], out.target);
      done.push(out);
    } catch (e) {
      for (const t of tmps.slice(i)) fs.rmSync(t, { force: true });
      if (!done.length) for (const d of createdDirs.reverse()) fs.rmSync(d, { recursive: true, force: true });
      const code = errnoCode(e);
      if (!code) throw e;
      const written = done.length ? `（已写出 ${done.map((d) => `“${d.shown}”`).join('、')}）` : '';
      throw new CliFileError(
        `无法写出“${out.shown}”（${WRITE_WHY[code] ?? code}）${written}，请用 ${out.option} 换一个可写的位置或文件名后重试。`,
        'unwritable',
      );
    }
  }
}

/** The file a path names, symbolic links and `.`/`..` resolved; the absolute path itself when it cannot be resolved. */
export function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch (e) {
    // missing, a loop, no permission: compare the paths as written; reading the file then names the problem
    if (typeof (e as NodeJS.ErrnoException | null)?.code === 'string') return path.resolve(p);
    throw e;
  }
}

/** True when two paths name the same file (resolving symlinks where the file exists). */
export function samePath(a: string, b: string): boolean {
  return realPath(a) === realPath(b);
}

/** A file the user named could not be read or written: its sentence on stderr, and exit 2. Anything else is a bug and propagates. */
export function fileFailed(io: CliIO, e: unknown): number {
  if (!(e instanceof CliFileError)) throw e;
  io.err(e.message);
  return EXIT.failure;
}

/**
 * What `report` says when writing its outputs failed: a file it could not read (its own message), or anything
 * else named with the file — nothing was written either way. The exit code to return.
 */
export function writeFailed(io: CliIO, file: string, e: unknown): number {
  if (e instanceof CliFileError) io.err(e.message);
  else io.err(`处理“${path.basename(file)}”时出错，未写出任何文件：${e instanceof Error ? e.message : String(e)}`);
  return EXIT.failure;
}

/**
 * A file `check` could not read (a workbook, or the report of `--text`): the sentence on stderr, and the file's entry
 * among the others — its `■` block, or in `--json` its file, error and code.
 */
export function unreadableEntry(file: string, e: CliFileError, io: CliIO, json: boolean): unknown {
  io.err(`无法读取：${e.message}`);
  return json ? { file, error: e.message, code: e.code } : `■ ${file}\n  无法读取：${e.message}`;
}
