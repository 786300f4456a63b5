/**
 * The grammar of the county's 审核规则 (issue 12): a real parser, no eval/Function.
 *
 *   rule    := or
 *   or      := and { (或 | 或者 | OR | ||) and }
 *   and     := not { (且 | 并且 | AND | &&) not }
 *   not     := (非 | NOT) not | compare
 *   compare := sum [ (< | <= | = | == | >= | > | <> | != | ＜ ≤ ＝ ≥ ＞ ≠) sum ]
 *   sum     := term { (+ | -) term }
 *   term    := unary { (* | / | × | ÷) unary }
 *   unary   := (- | +) unary | primary
 *   primary := number [%] | [指标] | 【指标】 | ( rule )
 *
 * Arithmetic binds tighter than comparison; 非 tighter than 且, 且 tighter than 或; + - * / are left-associative.
 * Full-width digits, operators and parentheses are read as their half-width forms. A rule must end in a truth
 * value (a comparison, or comparisons joined by 且/或); `a < b < c` is refused (write `a < b 且 b < c`).
 * Errors carry the 1-based position of the character as the user counts it (`第12个字符处缺少“]”`).
 */

export type CompareOp = '<' | '<=' | '=' | '>=' | '>' | '<>';
export type ArithOp = '+' | '-' | '*' | '/';

export type Expr =
  | { type: 'ref'; name: string; pos: number }
  | { type: 'num'; value: number; percent: boolean; text: string; pos: number }
  | { type: 'neg'; arg: Expr; pos: number }
  | { type: 'arith'; op: ArithOp; left: Expr; right: Expr; pos: number }
  | { type: 'compare'; op: CompareOp; left: Expr; right: Expr; pos: number }
  | { type: 'and' | 'or'; left: Expr; right: Expr; pos: number }
  | { type: 'not'; arg: Expr; pos: number };

/** A problem in a rule's text: where (1-based character, null when it concerns the whole rule) and what. */
export interface RuleSyntaxError {
  position: number | null;
  message: string;
}

export type ParsedRule = { ok: true; expr: Expr; refs: Extract<Expr, { type: 'ref' }>[] } | { ok: false; error: RuleSyntaxError };

// ───────────────────────────── tokens ─────────────────────────────

type WordTok = { t: 'and' | 'or' | 'not'; pos: number; end: number; text: string };
type Tok =
  | { t: 'num'; value: number; percent: boolean; text: string; pos: number; end: number }
  | { t: 'ref'; name: string; pos: number; end: number }
  | { t: 'op'; op: ArithOp; pos: number; end: number }
  | { t: 'cmp'; op: CompareOp; pos: number; end: number }
  | WordTok
  | { t: '(' | ')'; pos: number; end: number }
  | { t: 'end'; pos: number; end: number };

/** Thrown inside the parser only; parseRule turns it into a RuleSyntaxError (nothing else is caught). */
class SyntaxProblem extends Error {
  constructor(
    readonly position: number | null,
    message: string,
  ) {
    super(message);
  }
}

const at = (pos: number) => `第${pos}个字符处`;

/** Full-width forms read as their half-width ones (digits, operators, brackets, %, space). */
function halfWidth(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCodePoint(c - 0xfee0);
  if (ch === '\u3000') return ' ';
  if (ch === '【') return '[';
  if (ch === '】') return ']';
  if (ch === '×') return '*';
  if (ch === '÷') return '/';
  return ch;
}

const WORD_OPS: { words: string[]; t: 'and' | 'or' | 'not' }[] = [
  { words: ['并且', '且', 'AND', '&&'], t: 'and' },
  { words: ['或者', '或', 'OR', '||'], t: 'or' },
  { words: ['非', 'NOT'], t: 'not' },
];

/** Characters are counted as the user counts them: one per character (code point), from 1. */
function tokenize(text: string): Tok[] {
  const raw = Array.from(text);
  const chars = raw.map(halfWidth);
  const out: Tok[] = [];
  let i = 0;
  const isLatin = (ch: string | undefined) => ch != null && /[A-Za-z_]/.test(ch);
  while (i < chars.length) {
    const ch = chars[i];
    const pos = i + 1;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '[') {
      let j = i + 1;
      while (j < chars.length && chars[j] !== ']' && chars[j] !== '[') j++;
      if (j >= chars.length || chars[j] === '[') {
        // the ] belongs before the next [ (or at the end of the rule): `[化解信访案件 <= [受理信访案件]` → 第12个字符处
        throw new SyntaxProblem(j + 1, `${at(j + 1)}缺少“]”（${at(pos)}的“[”没有配对）`);
      }
      const name = raw.slice(i + 1, j).join('').trim();
      if (!name) throw new SyntaxProblem(pos, `${at(pos)}的“${raw.slice(i, j + 1).join('')}”中没有填写指标名称`);
      out.push({ t: 'ref', name, pos, end: j + 2 });
      i = j + 1;
      continue;
    }
    if (ch === ']') throw new SyntaxProblem(pos, `${at(pos)}多了“${raw[i]}”（前面没有对应的“[”）`);
    if (/[0-9.]/.test(ch)) {
      let j = i;
      while (j < chars.length && /[0-9.,]/.test(chars[j])) j++;
      const digits = chars.slice(i, j).join('');
      if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$/.test(digits)) {
        throw new SyntaxProblem(pos, `${at(pos)}的“${raw.slice(i, j).join('')}”不是一个数字`);
      }
      let k = j;
      while (k < chars.length && chars[k] === ' ') k++;
      const percent = chars[k] === '%';
      const end = percent ? k + 1 : j;
      out.push({ t: 'num', value: Number(digits.replace(/,/g, '')), percent, text: raw.slice(i, end).join('').replace(/\s+/g, ''), pos, end: end + 1 });
      i = end;
      continue;
    }
    const two = chars.slice(i, i + 2).join('');
    const cmp2: Record<string, CompareOp> = { '<=': '<=', '>=': '>=', '<>': '<>', '!=': '<>', '==': '=', '=<': '<=', '=>': '>=' };
    if (cmp2[two]) {
      out.push({ t: 'cmp', op: cmp2[two], pos, end: pos + 2 });
      i += 2;
      continue;
    }
    const cmp1: Record<string, CompareOp> = { '<': '<', '>': '>', '=': '=', '≤': '<=', '≥': '>=', '≠': '<>', '≦': '<=', '≧': '>=' };
    if (cmp1[ch]) {
      out.push({ t: 'cmp', op: cmp1[ch], pos, end: pos + 1 });
      i++;
      continue;
    }
    if (ch === '+' || ch === '-' || ch === '*' || ch === '/') {
      out.push({ t: 'op', op: ch, pos, end: pos + 1 });
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      out.push({ t: ch, pos, end: pos + 1 });
      i++;
      continue;
    }
    let word: { t: 'and' | 'or' | 'not'; w: string } | null = null;
    for (const op of WORD_OPS) {
      for (const w of op.words) {
        const seen = chars.slice(i, i + w.length).join('');
        if (seen.toUpperCase() !== w) continue;
        // AND/OR/NOT are whole words, not the start of ANDROID
        if (/^[A-Z]/.test(w) && isLatin(chars[i + w.length])) continue;
        word = { t: op.t, w };
        break;
      }
      if (word) break;
    }
    if (word) {
      out.push({ t: word.t, pos, end: pos + word.w.length, text: raw.slice(i, i + word.w.length).join('') });
      i += word.w.length;
      continue;
    }
    if (ch === '%') throw new SyntaxProblem(pos, `${at(pos)}的“${raw[i]}”前面没有数字`);
    // 是/否 against a yes/no indicator: not in the grammar yet — said plainly rather than as a missing bracket
    if ((ch === '是' || ch === '否') && !/[\p{Script=Han}]/u.test(chars[i + 1] ?? '')) {
      throw new SyntaxProblem(pos, `${at(pos)}的“${ch}”：规则目前只能比较数字，“是/否”指标还不能写进规则`);
    }
    // A name written without brackets is the commonest slip: say so
    if (/[\p{Script=Han}A-Za-z]/u.test(ch)) {
      let j = i;
      while (j < chars.length && /[\p{Script=Han}A-Za-z（）]/u.test(chars[j]) && !['且', '或', '非'].includes(chars[j])) j++;
      const word2 = raw.slice(i, Math.max(j, i + 1)).join('');
      throw new SyntaxProblem(pos, `${at(pos)}的“${word2}”不是运算符；指标名称要写在方括号中，如“[${word2}]”`);
    }
    throw new SyntaxProblem(pos, `${at(pos)}的“${raw[i]}”不是可用的运算符（可用 + - * / < <= = >= > <> 且 或）`);
  }
  out.push({ t: 'end', pos: chars.length + 1, end: chars.length + 1 });
  return out;
}

// ───────────────────────────── parser ─────────────────────────────

function describe(t: Tok): string {
  switch (t.t) {
    case 'num':
      return `“${t.text}”`;
    case 'ref':
      return `“[${t.name}]”`;
    case 'op':
    case 'cmp':
      return `“${t.op}”`;
    case 'and':
    case 'or':
    case 'not':
      return `“${t.text}”`;
    case '(':
    case ')':
      return `“${t.t}”`;
    default:
      return '规则末尾';
  }
}

function isBool(e: Expr): boolean {
  return e.type === 'compare' || e.type === 'and' || e.type === 'or' || e.type === 'not';
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private get peek(): Tok {
    return this.toks[this.i];
  }

  private next(): Tok {
    return this.toks[this.i++];
  }

  parse(): Expr {
    const e = this.or();
    const t = this.peek;
    if (t.t === ')') throw new SyntaxProblem(t.pos, `${at(t.pos)}多了“)”（前面没有对应的“(”）`);
    if (t.t !== 'end') throw new SyntaxProblem(t.pos, `${at(t.pos)}缺少运算符（${describe(t)}前面应有 + - * / 或比较符号）`);
    return e;
  }

  private logic(kind: 'and' | 'or', sub: () => Expr): Expr {
    let left = sub();
    while (this.peek.t === kind) {
      const op = this.next() as WordTok;
      const right = sub();
      for (const side of [left, right]) {
        if (!isBool(side)) throw new SyntaxProblem(op.pos, `${at(op.pos)}的“${op.text}”两边都应是比较（如“[甲] <= [乙]”）`);
      }
      left = { type: kind, left, right, pos: op.pos };
    }
    return left;
  }

  private or(): Expr {
    return this.logic('or', () => this.and());
  }

  private and(): Expr {
    return this.logic('and', () => this.not());
  }

  private not(): Expr {
    if (this.peek.t === 'not') {
      const op = this.next() as WordTok;
      const arg = this.not();
      if (!isBool(arg)) throw new SyntaxProblem(op.pos, `${at(op.pos)}的“${op.text}”后面应是比较（如“非 [甲] > [乙]”）`);
      return { type: 'not', arg, pos: op.pos };
    }
    return this.compare();
  }

  private compare(): Expr {
    const left = this.sum();
    if (this.peek.t !== 'cmp') return left;
    const op = this.next() as Extract<Tok, { t: 'cmp' }>;
    const right = this.sum();
    for (const side of [left, right]) {
      if (isBool(side)) throw new SyntaxProblem(op.pos, `${at(op.pos)}的“${op.op}”两边应是数字或指标，不能是另一个比较`);
    }
    const again = this.peek;
    if (again.t === 'cmp') {
      throw new SyntaxProblem(again.pos, `${at(again.pos)}又有一个比较“${again.op}”；连续比较请用“且”分开写，如“[甲] <= [乙] 且 [乙] <= [丙]”`);
    }
    return { type: 'compare', op: op.op, left, right, pos: op.pos };
  }

  private arith(ops: ArithOp[], sub: () => Expr): Expr {
    let left = sub();
    for (let t = this.peek; t.t === 'op' && ops.includes(t.op); t = this.peek) {
      this.next();
      const right = sub();
      for (const side of [left, right]) {
        if (isBool(side)) throw new SyntaxProblem(t.pos, `${at(t.pos)}的“${t.op}”不能用于比较的结果，只能用于数字和指标`);
      }
      left = { type: 'arith', op: t.op, left, right, pos: t.pos };
    }
    return left;
  }

  private sum(): Expr {
    return this.arith(['+', '-'], () => this.term());
  }

  private term(): Expr {
    return this.arith(['*', '/'], () => this.unary());
  }

  private unary(): Expr {
    const t = this.peek;
    if (t.t === 'op' && (t.op === '-' || t.op === '+')) {
      this.next();
      const arg = this.unary();
      if (isBool(arg)) throw new SyntaxProblem(t.pos, `${at(t.pos)}的“${t.op}”不能用于比较的结果`);
      return t.op === '-' ? { type: 'neg', arg, pos: t.pos } : arg;
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.t) {
      case 'num':
        return { type: 'num', value: t.value, percent: t.percent, text: t.text, pos: t.pos };
      case 'ref':
        return { type: 'ref', name: t.name, pos: t.pos };
      case '(': {
        const e = this.or();
        const close = this.peek;
        if (close.t !== ')') {
          if (close.t === 'end') throw new SyntaxProblem(close.pos, `${at(close.pos)}缺少“)”（${at(t.pos)}的“(”没有配对）`);
          throw new SyntaxProblem(close.pos, `${at(close.pos)}缺少运算符或“)”（${describe(close)}前面）`);
        }
        this.next();
        return e;
      }
      case ')':
        throw new SyntaxProblem(t.pos, `${at(t.pos)}多了“)”（前面缺少数字或指标，或没有对应的“(”）`);
      case 'end':
        throw new SyntaxProblem(t.pos, `${at(t.pos)}（规则末尾）缺少数字或指标`);
      default:
        throw new SyntaxProblem(t.pos, `${at(t.pos)}的${describe(t)}前面缺少数字或指标`);
    }
  }
}

function collectRefs(e: Expr, out: Extract<Expr, { type: 'ref' }>[] = []): Extract<Expr, { type: 'ref' }>[] {
  switch (e.type) {
    case 'ref':
      out.push(e);
      break;
    case 'num':
      break;
    case 'neg':
    case 'not':
      collectRefs(e.arg, out);
      break;
    default:
      collectRefs(e.left, out);
      collectRefs(e.right, out);
  }
  return out;
}

/** Parse a rule's text. Never throws for a user's text: every problem is a RuleSyntaxError with its position. */
export function parseRule(text: string): ParsedRule {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, error: { position: null, message: '规则是空的' } };
  try {
    const expr = new Parser(tokenize(text)).parse();
    if (!isBool(expr)) {
      return { ok: false, error: { position: null, message: '规则中没有比较（< <= = >= > <>），无法判断对错' } };
    }
    const refs = collectRefs(expr);
    if (refs.length === 0) return { ok: false, error: { position: null, message: '规则中没有用方括号写出任何指标（如“[持证人数]”）' } };
    return { ok: true, expr, refs };
  } catch (e) {
    if (e instanceof SyntaxProblem) return { ok: false, error: { position: e.position, message: e.message } };
    throw e;
  }
}

// ───────────────────────────── printing ─────────────────────────────

const PREC: Record<Expr['type'], number> = { or: 1, and: 2, not: 3, compare: 4, arith: 5, neg: 7, num: 8, ref: 8 };
function prec(e: Expr): number {
  return e.type === 'arith' ? (e.op === '+' || e.op === '-' ? 5 : 6) : PREC[e.type];
}

/** The rule written back in its canonical form (`[甲] <= [乙] 且 ([丙] + 1) * 2 > 3`); parses to the same tree. */
export function printRule(e: Expr): string {
  const wrap = (sub: Expr, min: number) => (prec(sub) < min ? `(${printRule(sub)})` : printRule(sub));
  switch (e.type) {
    case 'ref':
      return `[${e.name}]`;
    case 'num':
      return e.percent ? `${e.value}%` : String(e.value);
    case 'neg':
      return `-${wrap(e.arg, 7)}`;
    case 'not':
      return `非 ${wrap(e.arg, 3)}`;
    case 'arith': {
      const p = prec(e);
      // left-associative: the right side needs parentheses at the same level (a - (b - c))
      return `${wrap(e.left, p)} ${e.op} ${wrap(e.right, p + 1)}`;
    }
    case 'compare':
      return `${wrap(e.left, 5)} ${e.op} ${wrap(e.right, 5)}`;
    case 'and':
      return `${wrap(e.left, 2)} 且 ${wrap(e.right, 3)}`;
    case 'or':
      return `${wrap(e.left, 1)} 或 ${wrap(e.right, 2)}`;
  }
}
