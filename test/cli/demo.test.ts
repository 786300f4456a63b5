/**
 * `npm run demo` as a newcomer sees it (scripts/demo.js over the built CLI — `npm test` builds it first, or
 * `npx tsc -p tsconfig.cli.json`): the sample's findings, its 小结 once, the two files written.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDirPerTest } from './support';

const ROOT = path.resolve(__dirname, '../..');
const tmp = tempDirPerTest('id-demo-');

test('the demo prints the findings and the 小结 line once, then what the report wrote', () => {
  if (!fs.existsSync(path.join(ROOT, 'build/src/cli/main.js'))) throw new Error('build/ is missing: build the CLI first with `npx tsc -p tsconfig.cli.json`.');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/demo.js'), tmp()], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const lines = r.stdout.split('\n');
  expect(lines.filter((l) => l.includes('小结'))).toEqual(['  小结（周营镇-2023-指标.xlsx）：错误 2 项，待核实 2 项，提示 0 项。有错误，须改正后再报送。']);
  expect(lines.some((l) => l.startsWith('    矛盾纠纷化解!D6　') && l.includes('77.8%'))).toBe(true);
  expect(lines).toContain(`已写出报告文稿：${path.join(tmp(), '周营镇-2023-报告.docx')}`);
  expect(r.stdout.endsWith('\n原工作簿未作任何改动。\n')).toBe(true);
  expect(fs.readdirSync(tmp()).sort()).toEqual(['周营镇-2023-审核.xlsx', '周营镇-2023-报告.docx'].sort());
});
