/**
 * 整改通知: what the county sends back to one township after a check — its open findings in plain words, each with
 * its cells and what to do (correct it, or verify and explain it), and how its explanations stand. A Report (the
 * paragraphs of 报告文稿), so the same sheet writer and the same GB/T 9704 .docx writer serve it.
 */
import { splitRef } from './address';
import { whereText } from './findings';
import { SEVERITY_SHORT_NAMES as SEVERITY_NAMES } from './severity';
import { ROUND_WORDS } from './rounds';
import type { CheckResult, Finding, Paragraph, Report } from './types';

const CN_NUM = ['一', '二', '三', '四', '五'];

/** What the township is to do about one open finding, after its message. */
function todo(f: Finding): string {
  const a = f.account;
  if (a?.state === 'stale') {
    const ch = (a.changes ?? []).map((c) => {
      const at = splitRef(c.ref);
      return `${at ? whereText(at.sheet, at.cell) : c.ref}由${c.from}改为${c.to}`;
    }).join('，');
    return `你单位原说明所针对的数字已变动（${ch}），原说明不再适用，请重新核实；数字无误的请重新说明。`;
  }
  if (a?.state === 'returned') {
    const why = a.review?.note ? `，理由：${a.review.note}` : '';
    return `县级已退回你单位的说明${why}。请改正，或补充说明后重新报送。`;
  }
  if (a?.state === 'disputed') return `你单位已提出异议（${a.text}），待县级审核决定；如数字确有误，请直接改正。`;
  if (f.severity === 'error') return '请改正后重新报送。';
  if (f.severity === 'verify') return '请核实：数字有误的请改正，无误的请在“审核说明”表中写明理由。';
  return '供参考，无须回复。';
}

function body(text: string): Paragraph {
  return { role: 'body', text };
}

export interface NoticeOptions {
  /** 落款日期 as printed (`2026年12月4日`); none: no date line. */
  date?: string;
  /** 落款 (the county office); none: no signature line. */
  from?: string;
}

/** The 整改通知 of one checked workbook; `file` is the township's file name as the county received it. */
export function noticeReport(result: CheckResult, file: string, opts: NoticeOptions = {}): Report {
  const unit = result.unit ?? '';
  const year = result.year != null ? `${result.year}年度` : '';
  const open = result.findings.filter((f) => f.status === 'open');
  const groups = (['error', 'verify', 'hint'] as const).map((s) => open.filter((f) => f.severity === s));
  const [errors, verify] = groups;
  const ps: Paragraph[] = [{ role: 'title', text: `关于${unit || '你单位'}${year}法治政府建设指标的整改通知` }];
  if (unit) ps.push({ role: 'addressee', text: `${unit}：` });
  const round = result.round
    ? `与上次报送相比，${(['fixed', 'new', 'open'] as const).map((s) => `${ROUND_WORDS[s]}${result.round!.counts[s]}处`).join('，')}。`
    : '';
  if (errors.length + verify.length === 0) {
    ps.push({ role: 'opening', text: `经审核，你单位报送的《${file}》${round}未发现须改正或核实的问题${groups[2].length ? `，另有提示${groups[2].length}处供参考` : ''}。` });
  } else {
    ps.push({
      role: 'opening',
      text:
        `经审核，你单位报送的《${file}》中有${errors.length + verify.length}处问题需要处理：` +
        `${SEVERITY_NAMES.error}${errors.length}处须改正，${SEVERITY_NAMES.verify}${verify.length}处须核实后改正或说明理由。${round}请逐项处理后重新报送。`,
    });
  }
  const titles = ['须改正的问题', '须核实或说明的问题', '供参考的提示'];
  let h = 0;
  groups.forEach((list, i) => {
    if (!list.length) return;
    ps.push({ role: 'heading1', text: `${CN_NUM[h++]}、${titles[i]}（${list.length}处）` });
    list.forEach((f, k) => ps.push(body(`${k + 1}. ${f.message}${f.message.endsWith('。') ? '' : '。'}${todo(f)}`)));
  });
  if (errors.length + verify.length) ps.push({ role: 'closing', text: '请将改正后的工作簿（含“审核说明”表）重新报送。' });
  if (opts.from) ps.push({ role: 'signature', text: opts.from });
  if (opts.date) ps.push({ role: 'date', text: opts.date });
  return { unit: result.unit, year: result.year, paragraphs: ps };
}
