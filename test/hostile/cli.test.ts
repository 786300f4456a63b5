/**
 * Hostile input through the REAL command line: `node bin/indicator-desk.js …` in a child process, built from the
 * current sources with tsconfig.cli.json's settings into a temp dir (so a stale or half-written build/ of another
 * engineer is never what is tested). The source workbook is byte-for-byte unchanged after check, report and merge;
 * each unreadable file gives exit code 2 and a Chinese message naming it, and the other files are still checked.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { CLEAN, DAZ, hostileWorkbook, minimalXlsx, oleFile, repeatedDeflate, sample, SAMPLES, ZHOU } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');
let work: string;
let bin: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'id-hostile-cli-'));
  const cli = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.cli.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
  const tsconfig = {
    extends: path.join(ROOT, 'tsconfig.json'),
    compilerOptions: { ...cli.compilerOptions, types: ['node'], outDir: path.join(work, 'build'), rootDir: ROOT, sourceMap: false, declaration: false, incremental: false },
    include: ['src/core', 'src/file', 'src/cli'].map((d) => path.join(ROOT, d)),
    exclude: [path.join(ROOT, '**/*.test.ts')],
  };
  const cfg = path.join(work, 'tsconfig.json');
  fs.writeFileSync(cfg, JSON.stringify(tsconfig));
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', cfg], { encoding: 'utf8' });
  if (!fs.existsSync(path.join(work, 'build/src/cli/main.js'))) throw new Error(`CLI build failed:\n${tsc.stdout}\n${tsc.stderr}`);
  fs.mkdirSync(path.join(work, 'bin'));
  bin = path.join(work, 'bin/indicator-desk.js');
  fs.copyFileSync(path.join(ROOT, 'bin/indicator-desk.js'), bin);
}, 240_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(work, 'case-'));
});

interface Run {
  code: number;
  out: string;
  err: string;
}

function cli(args: string[]): Run {
  const r = spawnSync(process.execPath, ['--max-old-space-size=1024', bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function put(name: string, bytes: Uint8Array): string {
  fs.writeFileSync(path.join(dir, name), bytes);
  return name;
}

function hash(name: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex');
}

function mtime(name: string): number {
  return fs.statSync(path.join(dir, name)).mtimeMs;
}

describe('the source workbook is never changed by the real CLI', () => {
  test('check, report (with --marks) and merge leave every input byte-for-byte identical', async () => {
    const files = [put('周营镇.xlsx', sample(ZHOU)), put('示范镇.xlsx', sample(CLEAN)), put('恶意.xlsx', await hostileWorkbook())];
    const before = files.map((f) => [hash(f), mtime(f)]);

    const c = cli(['check', ...files]);
    expect(c.code).toBe(1); // 周营镇 has planted errors
    const r = cli(['report', '恶意.xlsx', '--marks']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1); // built on 周营镇: its planted errors are open, as check says
    expect(c.code).toBe(1);
    expect(fs.existsSync(path.join(dir, '恶意-审核.xlsx'))).toBe(true);
    expect(fs.existsSync(path.join(dir, '恶意-报告.docx'))).toBe(true);
    const r2 = cli(['report', '周营镇.xlsx', '--out', 'out/周营镇-审核.xlsx', '--docx', 'out/周营镇.docx']);
    expect(r2.code).toBe(1); // written; 周营镇's planted errors are still open
    expect(fs.existsSync(path.join(dir, 'out/周营镇.docx'))).toBe(true);
    const m = cli(['merge', ...files, '--out', '汇总.xlsx']);
    expect(m.code).toBe(1);
    expect(fs.existsSync(path.join(dir, '汇总.xlsx'))).toBe(true);

    expect(files.map((f) => [hash(f), mtime(f)])).toEqual(before);
    // the result workbook of the hostile one is itself readable by check
    const again = cli(['check', '恶意-审核.xlsx']);
    expect([0, 1]).toContain(again.code);
    expect(again.out).toContain("'It''s!'!D6");
  }, 180_000);
});

describe('unreadable files through the real CLI', () => {
  const BAD: [string, () => Uint8Array, RegExp][] = [
    ['半个.xlsx', () => sample(ZHOU).subarray(0, Math.floor(sample(ZHOU).length / 2)), /不完整/],
    ['文本.xlsx', () => new TextEncoder().encode('序号,指标\n1,行政村数\n'), /不是有效的 Excel 工作簿/],
    ['旧版.xls', () => oleFile(false), /97-2003/],
    ['加密.xlsx', () => oleFile(true), /密码/],
    ['空.xlsx', () => new Uint8Array(0), /空文件/],
    [
      '炸弹.xlsx',
      () => {
        const chunk = new TextEncoder().encode('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(30000));
        return minimalXlsx([{ name: '指标', entry: { name: 'xl/worksheets/sheet1.xml', data: repeatedDeflate(chunk, 800), deflated: true, declaredSize: 50_000 } }]);
      },
      /过大/,
    ],
  ];

  test('check: each one exit 2 with a Chinese message naming it; the good files in the same run are still checked', () => {
    const bad = BAD.map(([name, make]) => put(name, make()));
    const good1 = put('示范镇.xlsx', sample(CLEAN));
    const good2 = put('大钟庄镇.xlsx', sample(DAZ));
    const r = cli(['check', good1, ...bad, good2]);
    expect(r.code).toBe(2);
    for (const [name, , why] of BAD) {
      const line = r.err.split('\n').find((l) => l.includes(`“${name}”`) && l.includes('无法读取'));
      expect(line).toBeDefined();
      expect(line).toMatch(why);
    }
    // both good files were checked: their summary lines are there, and the totals count the unreadable ones
    expect(r.out).toContain('小结（示范镇.xlsx）');
    expect(r.out).toContain('小结（大钟庄镇.xlsx）');
    expect(r.out).toContain(`${BAD.length} 个无法读取`);
    expect(`${r.out}${r.err}`).not.toMatch(/undefined|NaN|\bnull\b|at Object\.|Error:/);
  }, 120_000);

  test('check --json: one JSON document with an error entry per unreadable file', () => {
    const bad = BAD.map(([name, make]) => put(name, make()));
    const good = put('示范镇.xlsx', sample(CLEAN));
    const r = cli(['check', '--json', ...bad, good]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as { files: { file: string; error?: string; code?: string; findings?: unknown[] }[] };
    expect(doc.files).toHaveLength(BAD.length + 1);
    for (const [name] of BAD) {
      const e = doc.files.find((f) => f.file === name)!;
      expect(e.error).toContain(`“${name}”`);
    }
    expect(doc.files.find((f) => f.file === good)?.findings).toEqual([]);
  }, 120_000);

  test('report on an unreadable file: exit 2, the message names it, nothing is written', () => {
    for (const [name, make, why] of BAD) {
      put(name, make());
      const r = cli(['report', name]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`“${name}”`);
      expect(r.err).toMatch(why);
    }
    expect(fs.readdirSync(dir).sort()).toEqual(BAD.map(([n]) => n).sort());
  }, 180_000);

  test('merge skips an unreadable file with its name and still writes the others; exit 2', () => {
    const bad = put('半个.xlsx', BAD[0][1]());
    const good = put('周营镇.xlsx', sample(ZHOU));
    const r = cli(['merge', good, bad, '--out', '汇总.xlsx']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('“半个.xlsx”');
    expect(fs.existsSync(path.join(dir, '汇总.xlsx'))).toBe(true);
  }, 120_000);

  test('a directory and a missing file are named too', () => {
    fs.mkdirSync(path.join(dir, '文件夹.xlsx'));
    const r = cli(['check', '文件夹.xlsx', '不存在.xlsx']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('“文件夹.xlsx”');
    expect(r.err).toContain('“不存在.xlsx”');
  }, 60_000);
});

/** Run `script` in bash in the case folder, `$ID` being the CLI; the exit code is the script's. */
function shell(script: string, opts: { uid?: number } = {}): Run {
  const r = spawnSync('bash', ['-c', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), ID: `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)}` },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('pipes and slow readers get the whole output and the right exit code', () => {
  const COUNTY = path.join(SAMPLES, '沈丘县-2023-汇总.xlsx');

  test('check --json of a large input through a reader that starts late is complete, valid JSON (> 64 KB)', () => {
    put('沈丘县.xlsx', sample(COUNTY));
    put('周营镇.xlsx', sample(ZHOU));
    put('大钟庄镇.xlsx', sample(DAZ));
    const files = '沈丘县.xlsx 周营镇.xlsx 大钟庄镇.xlsx';
    const direct = shell(`eval "$ID check --json ${files}" > whole.json`);
    const whole = fs.readFileSync(path.join(dir, 'whole.json'), 'utf8');
    expect(Buffer.byteLength(whole)).toBeGreaterThan(65_536);
    const piped = shell(`eval "$ID check --json ${files}" | (sleep 3; cat); exit \${PIPESTATUS[0]}`);
    expect(piped.out).toBe(whole);
    const doc = JSON.parse(piped.out) as { files: { file: string }[] };
    expect(doc.files.map((f) => f.file)).toEqual(files.split(' '));
    expect(piped.code).toBe(direct.code);
    expect(piped.code).toBe(1); // 沈丘县 S1/S2 and 周营镇 Z1/Z3 are open errors
  }, 120_000);

  test('text output (> 64 KB) into a slow reader keeps the later files and the totals line; stderr too', async () => {
    // 400 labels the catalog does not know, one hint line each: one file's text alone fills a pipe
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('指标');
    ws.addRow(['序号', '指标名称', '单位', '2023年']);
    for (let i = 1; i <= 400; i++) ws.addRow([i, `${i}号村人民调解委员会调解纠纷`, '件', `${i}件余`]);
    put('各村.xlsx', new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    put('周营镇.xlsx', sample(ZHOU));
    const r = shell(`eval "$ID check 各村.xlsx 周营镇.xlsx" 2> >(sleep 3; cat >&2) | (sleep 3; cat); exit \${PIPESTATUS[0]}`);
    expect(Buffer.byteLength(r.out)).toBeGreaterThan(65_536);
    expect(r.out.match(/^ {4}指标!B\d+　/gm)).toHaveLength(400);
    for (const n of ['各村.xlsx', '周营镇.xlsx']) expect(r.out).toContain(`小结（${n}）`);
    expect(r.out.trimEnd().split('\n').pop()).toBe('共 2 个文件：2 个已检查，其中 1 个有错误。');
    expect(r.err).toContain('[2/2] 正在检查 周营镇.xlsx');
    expect(r.code).toBe(1);
  }, 120_000);

  test('a reader that stops early (| head) ends the run quietly with the exit code of the check', () => {
    put('沈丘县.xlsx', sample(COUNTY));
    const r = shell(`eval "$ID check --json 沈丘县.xlsx" | head -c 100 > /dev/null; exit \${PIPESTATUS[0]}`);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
  }, 60_000);

  test('report and merge messages reach a slow reader, exit code 1 for open errors', () => {
    put('周营镇.xlsx', sample(ZHOU));
    const r = shell(`eval "$ID report 周营镇.xlsx" 2>&1 | (sleep 3; cat); exit \${PIPESTATUS[0]}`);
    expect(r.out).toContain('原工作簿未作任何改动。');
    expect(r.code).toBe(1);
    const m = shell(`eval "$ID merge 周营镇.xlsx --out 汇总.xlsx" 2>&1 | (sleep 3; cat); exit \${PIPESTATUS[0]}`);
    expect(m.out).toContain('已写出汇总表：汇总.xlsx');
    expect(m.code).toBe(1);
  }, 60_000);
});

describe('a run that ends without an answer never exits 0 or 1 (their meaning is about the workbooks)', () => {
  /** bin/indicator-desk.js over a stand-in main.js: the bin's own handling of how main ends. */
  function binOver(mainJs: string): string {
    const fake = fs.mkdtempSync(path.join(work, 'fake-'));
    fs.mkdirSync(path.join(fake, 'bin'));
    fs.mkdirSync(path.join(fake, 'build/src/cli'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'bin/indicator-desk.js'), path.join(fake, 'bin/indicator-desk.js'));
    fs.writeFileSync(path.join(fake, 'build/src/cli/main.js'), mainJs);
    return path.join(fake, 'bin/indicator-desk.js');
  }
  const runBin = (b: string) => spawnSync(process.execPath, [b, 'check', 'x.xlsx'], { encoding: 'utf8', timeout: 60_000 });

  test('work that stops without settling: exit 2 and a sentence saying the result cannot be trusted', () => {
    const r = runBin(binOver('exports.main = () => new Promise(() => {});\n'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('命令未执行完就结束了');
  });

  test('an exception thrown outside main, even after it answered 0: exit 2, not 0 or the 1 Node gives', () => {
    const r = runBin(binOver("exports.main = async () => { setTimeout(() => { throw new Error('boom'); }, 10); return 0; };\n"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('命令未执行完就结束了');
  });

  test('a main that answers 1 after a large write: all of it, exit 1', () => {
    const r = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(binOver("exports.main = async () => { process.stdout.write('x'.repeat(300000)); return 1; };\n"))} | (sleep 3; wc -c); exit \${PIPESTATUS[0]}`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('300000');
    expect(r.status).toBe(1);
  });
});

describe('unwritable outputs through the real CLI: exit 2, one Chinese sentence naming the path, nothing left behind', () => {
  function expectRefusal(r: Run, shown: string) {
    expect(r.code).toBe(2);
    const lines = r.err.split('\n').filter((l) => l && !/^\[\d+\/\d+\]/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.join('\n')).toContain(`“${shown}”`);
    expect(`${r.out}${r.err}`).not.toMatch(/\bat [\w.]+ \(|Error:|EISDIR|ENOTDIR|EACCES|ENAMETOOLONG|writeAtomically/);
  }
  function leftovers(): string[] {
    return (fs.readdirSync(dir, { recursive: true }) as string[]).map(String).sort();
  }

  test('a read-only folder (for merge and report), as an ordinary user', () => {
    put('周营镇.xlsx', sample(ZHOU));
    fs.mkdirSync(path.join(dir, '只读'));
    fs.chmodSync(path.join(dir, '只读'), 0o555);
    // root may write anywhere: the CLI then runs as nobody, who may read the build and the case folder only
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    if (uid !== undefined) for (const d of [work, path.join(work, 'bin'), dir]) fs.chmodSync(d, 0o755);
    const m = shell('eval "$ID merge 周营镇.xlsx --out 只读/汇总.xlsx"', { uid });
    expectRefusal(m, '只读/汇总.xlsx');
    expect(m.err).toContain('文件夹“只读”不允许写入');
    const r = shell('eval "$ID report 周营镇.xlsx --out 只读/新/审核.xlsx --docx 报告.docx"', { uid });
    expectRefusal(r, '只读/新/审核.xlsx');
    expect(leftovers()).toEqual(['只读', '周营镇.xlsx']);
  }, 60_000);

  test('a folder given as --out, an output under a file, a system folder nobody may write to', () => {
    put('周营镇.xlsx', sample(ZHOU));
    fs.mkdirSync(path.join(dir, '输出'));
    fs.writeFileSync(path.join(dir, '说明.txt'), 'x');
    expectRefusal(cli(['merge', '周营镇.xlsx', '--out', '输出']), '输出');
    expectRefusal(cli(['report', '周营镇.xlsx', '--docx', '输出']), '输出');
    expectRefusal(cli(['merge', '周营镇.xlsx', '--out', '说明.txt/汇总.xlsx']), '说明.txt/汇总.xlsx');
    // /sys refuses new files even to root; under /proc nothing can be created (Node's recursive mkdir loops there)
    expectRefusal(cli(['merge', '周营镇.xlsx', '--out', '/sys/汇总.xlsx']), '/sys/汇总.xlsx');
    expectRefusal(cli(['report', '周营镇.xlsx', '--out', '/proc/不存在/审核.xlsx', '--docx', '报告.docx']), '/proc/不存在/审核.xlsx');
    expect(leftovers()).toEqual(['周营镇.xlsx', '说明.txt', '输出']);
  }, 60_000);
});

// keep the compiler honest: the build used above is the one a user would run
test('the temp build is a real build of bin/indicator-desk.js (help in Chinese)', () => {
  const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') } });
  expect(out).toContain('indicator-desk check');
});
