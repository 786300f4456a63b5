/**
 * A small, safe YAML subset for county definition files — enough for what a statistician writes by hand:
 *
 *   指标定义:
 *     - 指标名称: 信访案件回访数
 *       别名: [回访信访案件, 信访回访数]
 *       单位: 件
 *       是否必填: 是
 *   审核规则:
 *     - 规则: "[化解信访案件] <= [受理信访案件]"
 *       级别: 错误
 *
 * Block mappings and sequences by indentation (spaces only), `- ` items (a mapping may start on the item's line),
 * flow sequences `[a, b]`, plain / 'single' / "double" quoted scalars, `#` comments, `---` at the top. Scalars stay
 * text (the definitions reader parses figures and 是/否 itself), except `[…]`. Anything else — anchors, aliases,
 * tags, block scalars `|`/`>`, flow mappings, tabs for indentation — is refused with its line number, never guessed.
 */
import { DefinitionFileError } from './read';

interface Line {
  no: number;
  indent: number;
  text: string;
}

export function parseYamlSubset(source: string, file: string): unknown {
  const fail = (no: number, what: string): never => {
    throw new DefinitionFileError(`县级指标定义文件“${file}”第${no}行${what}，请按说明的 YAML 写法改正（或改用 JSON / Excel）。`);
  };
  const lines: Line[] = [];
  source
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const no = i + 1;
      const body = stripComment(raw, no, fail).replace(/\s+$/, '');
      if (!body.trim() || (lines.length === 0 && body.trim() === '---')) return;
      const lead = /^[ \t]*/.exec(body)![0];
      if (lead.includes('\t')) fail(no, '用制表符缩进（只能用空格）');
      lines.push({ no, indent: lead.length, text: body.slice(lead.length) });
    });
  let i = 0;

  function block(indent: number): unknown {
    const first = lines[i];
    if (first.text.startsWith('- ') || first.text === '-') return sequence(indent);
    return mapping(indent);
  }

  function sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    while (i < lines.length && lines[i].indent === indent && (lines[i].text.startsWith('- ') || lines[i].text === '-')) {
      const line = lines[i];
      const rest = line.text.slice(1).replace(/^ +/, '');
      const inner = line.indent + (line.text.length - rest.length);
      if (!rest) {
        i++;
        out.push(i < lines.length && lines[i].indent > indent ? block(lines[i].indent) : null);
      } else if (isKeyLine(rest)) {
        // `- 指标名称: …` opens a mapping whose keys continue at the column after `- `
        lines[i] = { no: line.no, indent: inner, text: rest };
        out.push(mapping(inner));
      } else {
        i++;
        out.push(scalar(rest, line.no));
      }
    }
    if (i < lines.length && lines[i].indent > indent) fail(lines[i].no, '的缩进与上面的列表项不一致');
    return out;
  }

  function mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (i < lines.length && lines[i].indent === indent) {
      const line = lines[i];
      if (line.text.startsWith('- ')) fail(line.no, '的列表项应缩进在上一项的键之下');
      const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#]+?)\s*:(?:\s+(.*))?$/.exec(line.text);
      if (!m) fail(line.no, '不是“键: 值”的写法');
      const key = String(scalar(m![1], line.no));
      if (key in out) fail(line.no, `的键“${key}”重复`);
      const value = m![2]?.trim() ?? '';
      i++;
      if (value) out[key] = scalar(value, line.no);
      else if (i < lines.length && lines[i].indent > indent) out[key] = block(lines[i].indent);
      // a list may sit at the key's own indent (`键:` then `- …` under it, a common YAML style)
      else if (i < lines.length && lines[i].indent === indent && lines[i].text.startsWith('- ')) out[key] = sequence(indent);
      else out[key] = null;
    }
    if (i < lines.length && lines[i].indent > indent) fail(lines[i].no, '的缩进与上一行不一致');
    return out;
  }

  function scalar(text: string, no: number): unknown {
    const t = text.trim();
    if (/^[&*!|>]/.test(t) || /^\{/.test(t)) fail(no, `用了本工具不支持的 YAML 写法“${t.slice(0, 12)}”`);
    if (t.startsWith('[')) {
      if (!t.endsWith(']')) fail(no, '的“[”没有对应的“]”');
      const inner = t.slice(1, -1).trim();
      return inner ? splitFlow(inner, no, fail).map((x) => scalar(x, no)) : [];
    }
    if (t.startsWith('"')) {
      if (!/^"(?:[^"\\]|\\.)*"$/.test(t)) fail(no, '的双引号没有成对');
      try {
        return JSON.parse(t) as string;
      } catch {
        // said: the line and what is wrong with it (a DefinitionFileError), never an empty value
        return fail(no, '的双引号字符串中有无效的转义');
      }
    }
    if (t.startsWith("'")) {
      if (!/^'(?:[^']|'')*'$/.test(t)) fail(no, '的单引号没有成对');
      return t.slice(1, -1).replace(/''/g, "'");
    }
    if (/^(~|null)$/i.test(t)) return null;
    return t;
  }

  const root = lines.length ? block(lines[0].indent) : {};
  if (i < lines.length) fail(lines[i].no, '的缩进与文件开头不一致');
  return root;
}

function isKeyLine(text: string): boolean {
  return /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#[\]"'{}]+?)\s*:(\s|$)/.test(text);
}

/** Text before a `#` comment (a `#` inside quotes stays). */
function stripComment(raw: string, no: number, fail: (no: number, what: string) => never): string {
  let q: string | null = null;
  for (let k = 0; k < raw.length; k++) {
    const c = raw[k];
    if (q) {
      if (c === '\\' && q === '"') k++;
      else if (c === q) q = null;
    } else if (c === '"' || c === "'") {
      // a quote opens a string only at the start of a value
      if (k === 0 || /[\s:\-[,]/.test(raw[k - 1])) q = c;
    } else if (c === '#' && (k === 0 || /\s/.test(raw[k - 1]))) return raw.slice(0, k);
  }
  if (q) fail(no, '的引号没有成对');
  return raw;
}

/** `a, "b, c", d` → its items (commas inside quotes or brackets stay). */
function splitFlow(text: string, no: number, fail: (no: number, what: string) => never): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (q) {
      cur += c;
      if (c === '\\' && q === '"') cur += text[++k] ?? '';
      else if (c === q) q = null;
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth < 0) fail(no, '以“[”开头的值被当作列表，但括号不成对；规则等以“[”开头的文字请加引号，如 规则: "[化解信访案件] <= [受理信访案件]"');
    if ((c === ',' || c === '，') && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (q || depth !== 0) fail(no, '的列表“[…]”没有写完整');
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}
