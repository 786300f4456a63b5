/** src/core/definitions/RULES.md lists exactly the catalog's relations as rules (it cannot go stale). */
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG } from '../../../src/core/catalog';
import { catalogRuleRows } from '../../../src/core/definitions/rules';

test('RULES.md has one row per catalog relation, as catalogRuleRows writes it, and no other', () => {
  const doc = fs.readFileSync(path.resolve(__dirname, '../../../src/core/definitions/RULES.md'), 'utf8');
  const table = doc.slice(doc.indexOf('## The catalog'));
  const rows = table.split('\n').filter((l) => /^\| `\[/.test(l));
  expect(rows).toEqual(catalogRuleRows(CATALOG).map((r) => `| \`${r.text}\` | 错误 | ${r.message} |`));
});
