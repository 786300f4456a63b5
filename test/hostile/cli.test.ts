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
import { CLEAN, DAZ, hostileWorkbook, minimalXlsx, oleFile, repeatedDeflate, sample, ZHOU } from './fixtures';

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
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(dir, '恶意-审核.xlsx'))).toBe(true);
    expect(fs.existsSync(path.join(dir, '恶意-报告.docx'))).toBe(true);
    const r2 = cli(['report', '周营镇.xlsx', '--out', 'out/周营镇-审核.xlsx', '--docx', 'out/周营镇.docx']);
    expect(r2.code).toBe(0);
    const m = cli(['merge', ...files, '--out', '汇总.xlsx']);
    expect(m.code).toBe(0);
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

// keep the compiler honest: the build used above is the one a user would run
test('the temp build is a real build of bin/indicator-desk.js (help in Chinese)', () => {
  const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') } });
  expect(out).toContain('indicator-desk check');
});
