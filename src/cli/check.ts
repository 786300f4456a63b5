/** `indicator-desk check <file.xlsx>... [--json]` */
import * as path from 'path';
import { ref } from '../core/address';
import { sheetText } from '../core/findings';
import { outputText } from '../core/output';
import { SEVERITY_ORDER, SEVERITY_SHORT_NAMES } from '../core/severity';
import { ROUND_WORDS, roundLine, withRound } from '../core/rounds';
import type { CheckResult, ComputedRate, Finding, Observation, Severity } from '../core/types';
import type { CustomRuleStatus } from '../core/definitions/types';
import { RULES } from '../core/rule-meta';
import { parseArgs, UsageError } from './args';
import { checkBytes, CliFileError, loadAndCheck, readBytes, sharedCheckOptions, unreadableEntry } from './common';
import { catalogOf, checkReport, readReport, reportFormat, textEntry, workbookReport } from './text';
import { EXIT, type CliIO } from './io';

export const SEVERITY_LABEL: Record<Severity, string> = SEVERITY_SHORT_NAMES;

/** After the location of a finding on a hidden sheet. */
export const HIDDEN_TAG: Record<NonNullable<Finding['hidden']>, string> = { hidden: '（隐藏）', veryHidden: '（深度隐藏）' };

/** `Sheet!D6` (`草稿!D4（隐藏）` on a hidden sheet), or a sentence when the finding is about the whole workbook/sheet. */
export function where(f: Pick<Finding, 'sheet' | 'cell' | 'hidden' | 'ruleAt'>): string {
  const tag = f.hidden ? HIDDEN_TAG[f.hidden] : '';
  if (f.sheet && f.cell) return ref(f.sheet, f.cell) + tag;
  if (f.sheet) return sheetText(f.sheet) + tag;
  // a county rule from its own definitions file: where it is written there (`县定义.xlsx 审核规则!A5`)
  if (f.ruleAt) return `${f.ruleAt.file} ${f.ruleAt.cell != null ? ref(f.ruleAt.sheet, f.ruleAt.cell) : f.ruleAt.sheet}`.trim();
  return '整个工作簿';
}

/** The line that says which hidden sheets there are and whether they were checked; null when there are none. */
export function hiddenLine(r: CheckResult): string | null {
  const hs = r.hiddenSheets ?? [];
  if (!hs.length) return null;
  const list = (xs: typeof hs) => xs.map((h) => `‘${h.sheet}’${h.visibility === 'veryHidden' ? '（深度隐藏，Excel 界面中无法取消隐藏）' : '（隐藏）'}`).join('、');
  const checked = hs.filter((h) => h.checked);
  const skipped = hs.filter((h) => !h.checked);
  const parts: string[] = [];
  if (checked.length) parts.push(`工作簿含隐藏工作表${list(checked)}，已一并检查，其中的问题已注明“隐藏”；如不需检查，请加 --skip-hidden。`);
  if (skipped.length) parts.push(`按 --skip-hidden 未检查隐藏工作表${list(skipped)}。`);
  return parts.join('');
}

export function observationJson(o: Observation) {
  return {
    indicator: o.indicator,
    label: o.label,
    value: o.value,
    approx: o.approx,
    markers: o.markers,
    unit: o.unit,
    kind: o.kind,
    raw: o.raw,
    decimals: o.decimals,
    coverage: o.coverage,
    sheet: o.sheet,
    cell: o.cell,
    year: o.year,
    period: o.period,
    entity: o.entity,
    ...(o.isTotal ? { isTotal: true } : {}),
    ...(o.note ? { note: o.note } : {}),
    ...(o.reason ? { reason: o.reason } : {}),
    ...(o.explain ? { explain: o.explain } : {}),
  };
}

export function findingJson(f: Finding) {
  return {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    status: f.status,
    sheet: f.sheet,
    cell: f.cell,
    refs: f.refs,
    indicators: f.indicators,
    entity: f.entity,
    message: f.message,
    expected: f.expected ?? null,
    actual: f.actual ?? null,
    ...(f.explanation ? { explanation: f.explanation } : {}),
    ...(f.account ? { account: f.account } : {}),
    ...(f.hidden ? { hidden: f.hidden } : {}),
    ...(f.label !== undefined ? { label: f.label } : {}),
    ...(f.candidates ? { candidates: f.candidates } : {}),
    ...(f.ruleAt ? { ruleAt: f.ruleAt } : {}),
  };
}

function obsRef(o: Observation | null) {
  return o ? { indicator: o.indicator, value: o.value, approx: o.approx, sheet: o.sheet, cell: o.cell } : null;
}

function rateJson(r: ComputedRate) {
  return {
    indicator: r.indicator,
    entity: r.entity,
    period: r.period,
    year: r.year,
    value: r.value,
    display: r.display,
    approx: r.approx,
    numerator: obsRef(r.numerator),
    denominator: obsRef(r.denominator),
    reported: obsRef(r.reported),
  };
}

export function resultJson(file: string, r: CheckResult) {
  return {
    file,
    unit: r.unit,
    year: r.year,
    counts: r.counts,
    observations: r.observations.map(observationJson),
    findings: r.findings.map(findingJson),
    rates: r.rates.map(rateJson),
    hiddenSheets: r.hiddenSheets ?? [],
    ...(r.customRules ? { customRules: r.customRules } : {}),
    ...(r.round
      ? { round: { since: r.round.since, counts: r.round.counts, status: r.round.status, fixed: r.round.fixed.map(findingJson) } }
      : {}),
  };
}

/** How many errors are still open, of a workbook's or a report's check. */
export function openErrors(r: { findings: readonly Pick<Finding, 'severity' | 'status'>[] }): number {
  return r.findings.filter((f) => f.severity === 'error' && f.status === 'open').length;
}

/** `小结（周营镇.xlsx）：错误 2 项，待核实 2 项，提示 0 项` and `rest`: the summary sentence of a workbook or a report. */
export function summaryText(file: string, c: Record<Severity, number>, rest: string): string {
  return `小结（${path.basename(file)}）：${SEVERITY_ORDER.map((s) => `${SEVERITY_LABEL[s]} ${c[s]} 项`).join('，')}${rest}`;
}

/** The summary sentence of one file. */
export function summaryLine(file: string, r: CheckResult): string {
  const c = r.counts; // open findings by severity; explained ones counted apart
  const explained = c.explained ? `，已说明 ${c.explained} 项` : '';
  const verdict = openErrors(r)
    ? '有错误，须改正后再报送。'
    : c.verify > 0
      ? '无错误，有待核实的项目，请核实或填写审核说明。'
      : '未发现错误。';
  return summaryText(file, c, `${explained}。${verdict}`);
}

/** Human-readable findings of one file, grouped by severity. */
export function formatResult(file: string, r: CheckResult): string {
  const lines: string[] = [];
  const who = [r.unit, r.year != null ? `${r.year}年度` : null].filter(Boolean).join('，');
  lines.push(`■ ${file}${who ? `（${who}）` : ''}`);
  for (const sev of SEVERITY_ORDER) {
    const list = r.findings.filter((f) => f.severity === sev);
    if (!list.length) continue;
    const done = list.filter((f) => f.status === 'explained').length;
    lines.push(`  ${SEVERITY_LABEL[sev]}（${list.length} 项${done ? `，其中已说明 ${done} 项` : ''}）`);
    for (const f of list) {
      const round = r.round?.status[f.id];
      const tags = [round ? ROUND_WORDS[round] : '', f.account ? f.account.label : f.status === 'explained' ? '已说明' : '']
        .filter((t, i, all) => t && all.indexOf(t) === i)
        .map((t) => `［${t}］`)
        .join('');
      lines.push(`    ${where(f)}　${tags}${f.message}`);
      if (f.account) {
        const who = [f.account.author, f.account.date].filter(Boolean).join('，');
        lines.push(`      ${f.account.kind === 'dispute' ? '异议' : '说明'}：${f.account.text}${who ? `（${who}）` : ''}`);
        const rv = f.account.review;
        if (rv) lines.push(`      县级${rv.decision === 'accepted' ? '采纳' : '退回'}（${[rv.reviewer, rv.date].filter(Boolean).join('，')}）${rv.note ? `：${rv.note}` : ''}`);
      } else if (f.status === 'explained' && f.explanation) lines.push(`      说明：${f.explanation}`);
    }
  }
  if (r.round?.fixed.length) {
    lines.push(`  ${ROUND_WORDS.fixed}（${r.round.fixed.length} 项，上次有、本次已无）`);
    for (const f of r.round.fixed) lines.push(`    ${where(f)}　［${ROUND_WORDS.fixed}］${f.message}`);
  }
  if (!r.findings.length) lines.push('  未发现问题。');
  if (r.round) lines.push(`  ${roundLine(r.round)}`);
  const hidden = hiddenLine(r);
  if (hidden) lines.push(`  ${hidden}`);
  const rules = customRulesLine(r);
  if (rules) lines.push(`  ${rules}`);
  lines.push(`  ${summaryLine(file, r)}`);
  // a township's text with a bidirectional control would reverse the rest of its line in a terminal
  return outputText(lines.join('\n'));
}

/**
 * `--explain`: how each label was read — one line per label and sheet (a summary's columns once, not per
 * township), then the labels not placed, with why.
 */
export function formatPlacements(r: CheckResult): string {
  const lines = ['  指标识别：'];
  const seen = new Set<string>();
  for (const o of r.observations) {
    const k = `${o.sheet}\u0000${o.label}\u0000${o.indicator}`;
    if (seen.has(k)) continue;
    seen.add(k);
    lines.push(`    ${ref(o.sheet, o.cell)}　${o.explain ?? `“${o.label}”为“${o.indicator}”`}`);
  }
  for (const u of r.extraction.unknown) lines.push(`    ${ref(u.sheet, u.cell)}　${u.explain ?? `“${u.label || u.raw}”未识别`}（未识别）`);
  if (lines.length === 1) lines.push('    （没有读到指标）');
  return outputText(lines.join('\n'));
}

/**
 * The county's 审核规则 of a check in one sentence (R validate's passed / failed / not evaluable):
 * `县级审核规则 12 条：通过 8 条，不符合 2 条，1 条规则因缺少数据未能检查，1 条无法使用。`; null without county rules.
 */
export function customRulesLine(r: CheckResult): string | null {
  const s = r.customRules;
  if (!s || !s.rules.length) return null;
  const c = s.counts;
  const parts = [`通过 ${c.passed} 条`, `不符合 ${c.failed} 条`];
  if (c.undetermined) parts.push(`${c.undetermined} 条因约数无法判定`);
  if (c['not-evaluable']) parts.push(`${c['not-evaluable']} 条规则因缺少数据未能检查`);
  if (c.invalid) parts.push(`${c.invalid} 条无法使用（见错误）`);
  return `县级审核规则 ${s.rules.length} 条（${s.source}）：${parts.join('，')}。`;
}

const RULE_STATUS_WORDS: Record<CustomRuleStatus, string> = {
  passed: '通过',
  failed: '不符合',
  undetermined: '约数无法判定',
  'not-evaluable': '未能检查',
  invalid: '无法使用',
};

/** `--explain`: each county rule, where it is written and what became of it. */
export function formatCustomRules(r: CheckResult): string | null {
  const s = r.customRules;
  if (!s || !s.rules.length) return null;
  const lines = ['  县级审核规则：'];
  for (const rule of s.rules) {
    const at = rule.at.cell != null ? ref(rule.at.sheet, rule.at.cell) : rule.at.sheet;
    const missing = rule.missing.map((m) => `“${m}”`).join('、');
    // places where the rule could not be evaluated beside those where it was (a year column, a township row)
    const zero = rule.zeroDivisor ? `${rule.zeroDivisor} 处除数为0` : '';
    const lacking = rule.skipped - (rule.zeroDivisor ?? 0) && missing ? `${rule.skipped - (rule.zeroDivisor ?? 0)} 处缺少${missing}的数字` : '';
    const besides = zero || lacking ? `；另有 ${[lacking, zero].filter(Boolean).join('、')}，未能检查` : '';
    const detail =
      rule.status === 'failed'
        ? `（${rule.failed} 处不符合，共检查 ${rule.evaluated} 处${besides}）`
        : rule.status === 'passed'
          ? `（检查 ${rule.evaluated} 处${besides}）`
          : rule.status === 'not-evaluable'
            ? `（${[missing ? `缺少${missing}的数字` : '', zero].filter(Boolean).join('，')}）`
            : rule.status === 'invalid'
              ? `：${rule.problem ?? ''}`
              : '';
    // a rule stating a built-in relation reports its breaks in the built-in check's place: said, since that check's findings are gone
    const replaces = rule.replaces ? `；与内置核对“${RULES[rule.replaces].title}”相同，以本条为准` : '';
    lines.push(`    ${at}　${rule.text.trim()}　${RULE_STATUS_WORDS[rule.status]}${detail}${replaces}`);
  }
  return outputText(lines.join('\n'));
}

export async function runCheck(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['mapping', 'since', 'catalog', 'text'], ['json', 'help', 'skip-hidden', 'explain']);
  const checkOpts = await sharedCheckOptions(args, io.cwd);
  const since = args.options.since;
  const explain = args.flags.has('explain');
  if (!args.positionals.length) throw new UsageError('请指定要检查的工作簿，例如：indicator-desk check 周营镇.xlsx');
  const json = args.flags.has('json');
  const files = args.positionals;
  const many = files.length > 1;
  // `--text 报告.docx`: the workbook's report, checked and compared with it (one workbook, one report)
  const textFile = args.options.text;
  if (textFile && many) throw new UsageError('--text 只能与一个工作簿一起使用，例如：indicator-desk check 纸坊镇.xlsx --text 纸坊镇报告.docx');
  if (since && many) throw new UsageError('--since 只能与一个工作簿一起使用，例如：indicator-desk check 周营镇-新.xlsx --since 周营镇-审核.xlsx');
  // the previous round: a result copy the county wrote, or the township's earlier file — both are simply checked
  let previous: CheckResult | null = null;
  if (since) {
    try {
      previous = (await loadAndCheck(since, io.cwd, checkOpts)).result;
    } catch (e) {
      if (!(e instanceof CliFileError)) throw e;
      io.err(`上次的文件（--since）无法读取：${e.message}`);
      return EXIT.failure;
    }
  }
  const out: unknown[] = [];
  let unreadable = 0;
  let errors = 0;
  const blocks: string[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    if (many) io.err(`[${i + 1}/${files.length}] 正在检查 ${file} …`);
    try {
      const bytes = readBytes(file, io.cwd);
      if (reportFormat(bytes, file)) {
        // a Word or text report given on its own: its figures checked against each other
        if (textFile) throw new UsageError(`“${file}”是报告文字，不是工作簿。--text 的用法：indicator-desk check 纸坊镇.xlsx --text ${file}`);
        const text = textEntry(file, checkReport(readReport(bytes, file), file, undefined, catalogOf(checkOpts)), json);
        errors += text.errors;
        (json ? out : blocks).push(text.entry);
      } else {
        const loaded = (await checkBytes(file, bytes, checkOpts)).result;
        const result = previous && since ? withRound(loaded, previous, path.basename(since)) : loaded;
        if (openErrors(result)) errors++;
        if (json) out.push(resultJson(file, result));
        else blocks.push(formatResult(file, result) + (explain ? `\n${formatPlacements(result)}` : '') + (explain && result.customRules?.rules.length ? `\n${formatCustomRules(result)}` : ''));
        if (textFile) {
          const text = await workbookReport(textFile, result, io, json);
          if (text.errors && !openErrors(result)) errors++;
          unreadable += text.unreadable;
          (json ? out : blocks).push(text.entry);
        }
      }
    } catch (e) {
      if (!(e instanceof CliFileError)) throw e;
      unreadable++;
      (json ? out : blocks).push(unreadableEntry(file, e, io, json));
    }
    if (!json && blocks.length) {
      io.out(blocks.join('\n') + '\n');
      blocks.length = 0;
    }
  }
  if (json) {
    io.out(JSON.stringify({ files: out }, null, 2));
  } else if (many) {
    const ok = files.length - unreadable;
    io.out(`共 ${files.length} 个文件：${ok} 个已检查，其中 ${errors} 个有错误${unreadable ? `；${unreadable} 个无法读取` : ''}。`);
  }
  return unreadable ? EXIT.failure : errors ? EXIT.findings : EXIT.ok;
}

