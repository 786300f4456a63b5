/**
 * 检查报告文稿 (issue 13), in the pane and on the page alike: the report's text — a .docx/.txt the user gives, or
 * the open workbook's text sheet (报告正文 / 报告 / 报告文稿) — checked on its own and against the workbook. Its
 * findings are listed at their paragraph (`第12段`), the text is shown with each finding's words highlighted, and
 * choosing a finding scrolls to its words (and, for a sheet's text, selects the paragraph's cell). For a .docx the
 * annotated copy (a Word comment on the words of each finding) can be downloaded.
 */
import * as React from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { TextDocument } from '../core/prose/types';
import type { TextCheckResult, TextFinding } from '../core/textcheck';
import type { Severity, WorkbookHost } from '../core/types';
import { fileBytes } from './Definitions';
import { Message } from './Message';
import type { ReportEngine } from './reportEngine';

export interface ReportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ReportCheckProps {
  /** The workbook to check the text against (the open workbook, or the page's workbook of the same township). */
  host: WorkbookHost | null;
  /** A report file given (the page's dropped .docx); without one the workbook's text sheet is read, or one is picked. */
  report?: ReportFile | null;
  /** Offer a file picker for a .docx/.txt (the pane). */
  allowPick?: boolean;
  /** Save the annotated copy (the page); absent where the host cannot download. */
  onDownload?: (blob: Blob, name: string) => void;
  /** Check as soon as shown (the page, for a dropped report). */
  autoRun?: boolean;
  /** For tests: the engine, else loaded on first use. */
  engine?: ReportEngine;
}

const SEVERITY_WORD: Record<Severity, string> = { error: '错误', verify: '待核实', hint: '提示' };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  h: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  muted: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { justifyContent: 'flex-start', textAlign: 'start', minWidth: 0, overflowWrap: 'anywhere', height: 'auto', fontWeight: tokens.fontWeightRegular },
  text: {
    maxHeight: '60vh',
    overflowY: 'auto',
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    lineHeight: tokens.lineHeightBase400,
  },
  para: { margin: `0 0 ${tokens.spacingVerticalS}`, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  num: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, marginRight: tokens.spacingHorizontalXS, userSelect: 'none' },
  error: { backgroundColor: tokens.colorPaletteRedBackground2, color: 'inherit' },
  verify: { backgroundColor: tokens.colorPaletteYellowBackground2, color: 'inherit' },
  hint: { backgroundColor: tokens.colorPaletteBlueBackground2, color: 'inherit' },
  active: { outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, outlineOffset: '1px' },
  hidden: { display: 'none' },
});

/** A paragraph cut at its findings' edges: each piece with the findings covering it (the first one colours it). */
export function segments(text: string, findings: TextFinding[]): { from: number; to: number; findings: TextFinding[] }[] {
  const cuts = new Set<number>([0, text.length]);
  for (const f of findings) {
    if (!f.span) continue;
    cuts.add(Math.max(0, Math.min(text.length, f.span[0])));
    cuts.add(Math.max(0, Math.min(text.length, f.span[1])));
  }
  const at = [...cuts].sort((a, b) => a - b);
  const out: { from: number; to: number; findings: TextFinding[] }[] = [];
  for (let i = 0; i + 1 < at.length; i++) {
    const [from, to] = [at[i], at[i + 1]];
    if (from === to) continue;
    out.push({ from, to, findings: findings.filter((f) => f.span && f.span[0] <= from && to <= f.span[1]) });
  }
  return out;
}

const GRAVITY: Severity[] = ['error', 'verify', 'hint'];

function TextView({ doc, findings, active, markId }: { doc: TextDocument; findings: TextFinding[]; active: string | null; markId: (f: TextFinding) => string }) {
  const styles = useStyles();
  const byPara = new Map<number, TextFinding[]>();
  for (const f of findings) if (typeof f.paragraph === 'number') byPara.set(f.paragraph, [...(byPara.get(f.paragraph) ?? []), f]);
  return (
    <div className={styles.text} data-testid="report-text" tabIndex={0} aria-label="报告全文">
      {doc.paragraphs.map((p) => (
        <p key={p.index} className={styles.para} data-paragraph={p.index}>
          <span className={styles.num} aria-hidden="true">
            {p.index}
          </span>
          {segments(p.text, byPara.get(p.index) ?? []).map((seg) => {
            const words = p.text.slice(seg.from, seg.to);
            if (!seg.findings.length) return <React.Fragment key={seg.from}>{words}</React.Fragment>;
            const sev = GRAVITY.find((s) => seg.findings.some((f) => f.severity === s)) ?? 'hint';
            const first = seg.findings[0];
            const isActive = seg.findings.some((f) => markId(f) === active);
            return (
              <mark
                key={seg.from}
                className={[styles[sev], isActive ? styles.active : ''].join(' ')}
                data-finding={seg.findings.map(markId).join(' ')}
                data-severity={sev}
                data-active={isActive ? 'true' : undefined}
                title={first.message}
                tabIndex={-1}
              >
                {words}
              </mark>
            );
          })}
        </p>
      ))}
    </div>
  );
}

export function ReportCheck({ host, report, allowPick, onDownload, autoRun, engine }: ReportCheckProps) {
  const styles = useStyles();
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [result, setResult] = React.useState<TextCheckResult | null>(null);
  const [picked, setPicked] = React.useState<ReportFile | null>(null);
  const [active, setActive] = React.useState<string | null>(null);
  const input = React.useRef<HTMLInputElement>(null);
  const view = React.useRef<HTMLDivElement>(null);
  const file = report ?? picked;
  const markId = React.useCallback((f: TextFinding) => `${f.id}@${f.paragraph}:${f.span?.[0] ?? ''}`, []);

  const load = React.useCallback(async (): Promise<ReportEngine> => engine ?? (await import(/* webpackChunkName: "report-engine" */ './reportEngine')).reportEngine, [engine]);

  const run = React.useCallback(
    async (given: ReportFile | null) => {
      setBusy(true);
      setError(null);
      try {
        const e = await load();
        const book = host ? await host.read() : null;
        const doc = e.document(given, book);
        if (!doc) {
          setResult(null);
          setError('工作簿中没有“报告正文”“报告”或“报告文稿”表（报告放在 A 列，每段一行）。请把报告放入这样的表，或选择报告的 Word 文件（.docx）。');
          return;
        }
        setResult(e.checkText(doc, book ? e.checkWorkbook(book) : undefined));
      } catch (err) {
        setResult(null);
        setError(err instanceof Error ? err.message : String(err)); // the readers' messages name the file and say what to do
      } finally {
        setBusy(false);
      }
    },
    [host, load],
  );

  React.useEffect(() => {
    if (autoRun && report) void run(report);
  }, [autoRun, report, run]);

  const choose = async (f: TextFinding) => {
    setActive(markId(f));
    const id = markId(f);
    const mark = Array.from(view.current?.querySelectorAll<HTMLElement>('mark[data-finding]') ?? []).find((m) => (m.dataset.finding ?? '').split(' ').includes(id));
    if (mark) {
      mark.scrollIntoView?.({ block: 'center' });
      mark.focus({ preventScroll: true });
    }
    const para = result?.doc.paragraphs.find((p) => p.index === f.paragraph);
    if (host && para?.sheet && para.cell) await host.select(para.sheet, para.cell);
  };

  const download = async () => {
    if (!file || !result || !onDownload) return;
    try {
      const e = await load();
      const notes = result.findings
        .filter((f) => typeof f.paragraph === 'number' && f.span)
        .map((f) => ({ paragraph: f.paragraph as number, span: f.span as [number, number], text: `【${SEVERITY_WORD[f.severity]}】${f.message}` }));
      const out = e.annotate(file.bytes, file.name, notes);
      if (out.missed.length) setError(`有 ${out.missed.length} 项问题在文中找不到对应的文字，未写成批注。`);
      const name = `${file.name.replace(/\.(docx|docm)$/i, '') || '报告'}-审核批注.docx`;
      onDownload(new Blob([out.bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }), name);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const isDocx = !!file && /\.docx?$/i.test(file.name);
  const findings = result ? [...result.findings].sort((a, b) => GRAVITY.indexOf(a.severity) - GRAVITY.indexOf(b.severity) || (a.paragraph ?? 0) - (b.paragraph ?? 0)) : [];
  const source = file ? file.name : result?.doc.paragraphs[0]?.sheet ? `‘${result.doc.paragraphs[0].sheet}’表` : null;
  return (
    <section className={styles.root} aria-label="报告文稿检查" data-testid="report-check">
      <h3 className={styles.h}>检查报告文稿</h3>
      <div className={styles.row}>
        <Button onClick={() => void run(file)} disabled={busy} data-testid="report-check-run">
          {result ? '重新检查报告文稿' : '检查报告文稿'}
        </Button>
        {allowPick ? (
          <>
            <Button onClick={() => input.current?.click()} disabled={busy} data-testid="report-pick">
              选择报告文件…
            </Button>
            <input
              ref={input}
              type="file"
              accept=".docx,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
              className={styles.hidden}
              tabIndex={-1}
              aria-label="选择报告文件"
              data-testid="report-input"
              onChange={async (ev) => {
                const f = ev.currentTarget.files?.[0];
                ev.currentTarget.value = '';
                if (!f) return;
                const given = { name: f.name, bytes: new Uint8Array(await fileBytes(f)) };
                setPicked(given);
                await run(given);
              }}
            />
          </>
        ) : null}
        {onDownload && isDocx && result ? (
          <Button onClick={() => void download()} disabled={busy} data-testid="download-annotated">
            下载审核批注（.docx）
          </Button>
        ) : null}
      </div>
      {busy ? <p className={styles.muted}>正在检查报告文稿…</p> : null}
      {error ? (
        <Message intent="error" title="报告文稿" testId="report-error" onDismiss={() => setError(null)}>
          {error}
        </Message>
      ) : null}
      {result ? (
        <>
          <p className={styles.muted} data-testid="report-summary">
            {`${source ?? result.doc.name}：共 ${result.doc.paragraphs.length} 段${result.against ? `，与 ${result.against} 对照` : ''}；错误 ${result.counts.error} 项，待核实 ${result.counts.verify} 项，提示 ${result.counts.hint} 项。`}
          </p>
          {findings.length ? (
            <ul className={styles.list} aria-label="报告文稿中的问题" data-testid="report-findings">
              {findings.map((f) => (
                <li key={markId(f)}>
                  <Button
                    appearance={active === markId(f) ? 'secondary' : 'subtle'}
                    className={styles.item}
                    onClick={() => void choose(f)}
                    data-testid="report-finding"
                    data-severity={f.severity}
                    data-paragraph={f.paragraph}
                  >
                    {`第${f.paragraph}段${paraCell(result.doc, f)}·${SEVERITY_WORD[f.severity]}：${f.message}`}
                  </Button>
                </li>
              ))}
            </ul>
          ) : (
            <p className={styles.muted}>报告文稿中未发现问题。</p>
          )}
          <div ref={view}>
            <TextView doc={result.doc} findings={result.findings} active={active} markId={markId} />
          </div>
        </>
      ) : null}
    </section>
  );
}

function paraCell(doc: TextDocument, f: TextFinding): string {
  const p = doc.paragraphs.find((x) => x.index === f.paragraph);
  return p?.sheet && p.cell ? `（${p.sheet}!${p.cell}）` : '';
}
