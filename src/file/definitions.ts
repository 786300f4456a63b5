/**
 * A county's definitions file, whatever it is: a workbook with 指标定义/审核规则 sheets (.xlsx, .xls, .et, .ods),
 * JSON or YAML (src/core/definitions). Used by the CLI's `--catalog` and the page's and pane's 县级指标定义. A file
 * that cannot be read at all throws a DefinitionFileError naming it; rows that cannot be used are the definitions'
 * `problems` (each a `definition-invalid` hint in every check using them).
 */
import { DefinitionFileError, definitionsFromData, parseDefinitionsJson, readDefinitionSheets } from '../core/definitions/read';
import type { CountyDefinitions } from '../core/definitions/types';
import { parseYamlSubset } from '../core/definitions/yaml';
import { isFileReadError } from './errors';
import { readWorkbook } from './workbook';
import { utf8 } from './zip';

export const DEFINITION_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.et', '.ods', '.json', '.yaml', '.yml'];

function text(bytes: Uint8Array, name: string): string {
  const TD = (globalThis as { TextDecoder?: typeof TextDecoder }).TextDecoder;
  // without a TextDecoder (a test DOM) the zip reader's own UTF-8 decoding
  if (!TD) return utf8(bytes).replace(/^\uFEFF/, '');
  try {
    // strict: a GBK file would otherwise give garbled names, read as indicators nobody defined
    return new TD('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new DefinitionFileError(`县级指标定义文件“${name}”不是 UTF-8 编码的文本，请另存为 UTF-8 后再选择。`);
  }
}

export async function readDefinitionsFile(bytes: Uint8Array, name: string): Promise<CountyDefinitions> {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) {
    const r = parseDefinitionsJson(text(bytes, name), name);
    return withProblems(r.definitions, r.problems, name);
  }
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) {
    const r = definitionsFromData(parseYamlSubset(text(bytes, name), name), name);
    return withProblems(r.definitions, r.problems, name);
  }
  let book;
  try {
    book = await readWorkbook(bytes, name);
  } catch (e) {
    if (isFileReadError(e)) throw new DefinitionFileError(`县级指标定义${e.message.startsWith('文件') ? '' : '：'}${e.message}`);
    throw e;
  }
  const r = readDefinitionSheets(book, name);
  if (!r.found) throw new DefinitionFileError(`县级指标定义文件“${name}”中没有名为“指标定义”或“审核规则”的工作表，请检查是否选错了文件。`);
  return withProblems(r.definitions, r.problems, name);
}

function withProblems(defs: CountyDefinitions, problems: CountyDefinitions['problems'], name: string): CountyDefinitions {
  if (!defs.indicators.length && !defs.rules.length && !problems?.length) {
    throw new DefinitionFileError(`县级指标定义文件“${name}”中没有任何指标定义或审核规则。`);
  }
  return problems?.length ? { ...defs, problems } : defs;
}
