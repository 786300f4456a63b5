/** The drafted report as it will read in Word, with a button that copies it as rich text. */
import * as React from 'react';
import { Button, MessageBar, MessageBarBody, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { outputText } from '../core/output';
import { FLAG_TEXT, flagBanner, flaggedFigures, notesParagraph, splitFlagged, type FlaggedFigure } from '../core/narrative/flags';
import type { Finding, Paragraph, ParagraphRole, Report } from '../core/types';
import { useDraftGate, useDraftSettings } from './draftGate';
import { useStrings } from './i18n';
import { copyRich, reportHtml, reportText, visibleParagraphs } from './richCopy';

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, flexGrow: 1 },
  status: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, minHeight: '1em' },
  doc: {
    marginTop: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: "'仿宋_GB2312', '仿宋', FangSong, STFangsong, serif",
    fontSize: tokens.fontSizeBase300,
    lineHeight: '1.8',
    overflowWrap: 'anywhere',
  },
  p: { margin: 0, textIndent: '2em', textAlign: 'justify' },
  title: { margin: `0 0 ${tokens.spacingVerticalS}`, textAlign: 'center', fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  flush: { margin: 0 },
  h1: { margin: 0, textIndent: '2em', fontFamily: "'黑体', SimHei, sans-serif", fontWeight: tokens.fontWeightSemibold },
  h2: { margin: 0, textIndent: '2em', fontFamily: "'楷体_GB2312', '楷体', KaiTi, serif", fontWeight: tokens.fontWeightSemibold },
  h3: { margin: 0, textIndent: '2em', fontWeight: tokens.fontWeightSemibold },
  right: { margin: 0, textAlign: 'right' },
  /** A figure touching an open problem: highlighted like Word's yellow, wavy-underlined (red for an error), a link. */
  flag: {
    backgroundColor: '#FFF59D',
    color: '#000000',
    border: 'none',
    padding: 0,
    font: 'inherit',
    lineHeight: 'inherit',
    cursor: 'pointer',
    textDecorationLine: 'underline',
    textDecorationStyle: 'wavy',
    textDecorationColor: tokens.colorPaletteDarkOrangeBorderActive,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  flagError: { textDecorationColor: tokens.colorPaletteRedBorderActive },
});

/**
 * Characters shown in the preview. A report can state every row of a huge workbook (50,000 rows outside the catalog
 * made one paragraph of 879,000 characters, and laying it out held the page for seconds); past this the preview is
 * cut and says so, while 复制 and the downloads take the report itself, whole.
 */
export const PREVIEW_CHARS = 20_000;

/** The paragraphs to show, the last one cut so that at most `limit` characters are shown in all. */
export function previewParagraphs(paragraphs: Paragraph[], limit = PREVIEW_CHARS): { shown: Paragraph[]; chars: number; total: number } {
  let total = 0;
  for (const p of paragraphs) total += p.text.length;
  if (total <= limit) return { shown: paragraphs, chars: total, total };
  const shown: Paragraph[] = [];
  let chars = 0;
  for (const p of paragraphs) {
    if (chars >= limit) break;
    const room = limit - chars;
    shown.push(p.text.length <= room ? p : { ...p, text: `${p.text.slice(0, room)}……` });
    chars += Math.min(p.text.length, room);
  }
  return { shown, chars, total };
}

export interface ReportPreviewProps {
  report: Report;
  headingId: string;
  /** The check's findings: a figure touching an open 错误 or 待核实 is marked and linked to its finding. */
  findings?: Finding[];
  /** Show a finding (a marked figure was chosen). */
  onFinding?(id: string): void;
}

const NONE: Finding[] = [];

export function ReportPreview({ report, headingId, findings = NONE, onFinding }: ReportPreviewProps) {
  const s = useStrings();
  const styles = useStyles();
  const [status, setStatus] = React.useState<string>('');
  const paragraphs = visibleParagraphs(report);
  const preview = React.useMemo(() => previewParagraphs(visibleParagraphs(report)), [report]);
  const flags = React.useMemo(() => flaggedFigures(report, findings), [report, findings]);
  const note = React.useMemo(() => notesParagraph(report), [report]);
  const banner = flagBanner(flags);
  const { flagText, setFlagText } = useDraftSettings();
  const gate = useDraftGate();
  // flags by paragraph of the report; the preview shows the visible paragraphs, in order
  const flagsOf = React.useMemo(() => {
    const index = new Map(report.paragraphs.map((p, i) => [p, i]));
    const byIndex = new Map<number, FlaggedFigure[]>();
    for (const f of flags) byIndex.set(f.paragraph, [...(byIndex.get(f.paragraph) ?? []), f]);
    const visible = visibleParagraphs(report);
    return (i: number) => byIndex.get(index.get(visible[i]) ?? -1) ?? [];
  }, [report, flags]);
  const cls: Record<ParagraphRole, string> = {
    title: styles.title,
    addressee: styles.flush,
    opening: styles.p,
    heading1: styles.h1,
    heading2: styles.h2,
    heading3: styles.h3,
    heading4: styles.p,
    body: styles.p,
    closing: styles.p,
    signature: styles.right,
    date: styles.right,
    note: styles.p,
  };
  const copy = async () => {
    const ok = await copyRich(reportHtml(report, { flags, flagText }), reportText(report, { flags, flagText }));
    setStatus(ok ? s.copied : s.copyFailed);
  };
  const text = (p: Paragraph, i: number) =>
    splitFlagged(p.text, flagsOf(i)).map((x, k) =>
      x.flag ? (
        <button
          key={k}
          type="button"
          className={`${styles.flag}${x.flag.severity === 'error' ? ` ${styles.flagError}` : ''}`}
          data-testid="draft-flag"
          data-severity={x.flag.severity}
          data-finding-id={x.flag.findings[0]}
          aria-label={s.flagLink(outputText(x.text))}
          title={s.flagLink(outputText(x.text))}
          onClick={() => onFinding?.(x.flag!.findings[0])}
        >
          {outputText(x.text)}
          {flagText ? FLAG_TEXT : ''}
        </button>
      ) : (
        <React.Fragment key={k}>{outputText(x.text)}</React.Fragment>
      ),
    );
  return (
    <>
      <div className={styles.bar}>
        <h2 id={headingId} className={styles.heading}>
          {s.report}
        </h2>
        <Button size="small" onClick={() => gate.guard(copy)} disabled={paragraphs.length === 0} data-testid="copy-report">
          {s.copy}
        </Button>
      </div>
      {gate.prompt}
      {banner ? (
        <MessageBar intent="warning" layout="multiline" data-testid="draft-banner">
          <MessageBarBody>
            <span lang="zh-CN">{banner}</span>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {banner ? <Switch label={s.flagTextSwitch} checked={flagText} onChange={(_, d) => setFlagText(d.checked)} data-testid="flag-text-switch" /> : null}
      <div role="status" className={styles.status} data-testid="copy-status">
        {status}
      </div>
      {paragraphs.length === 0 ? (
        <p>{s.reportEmpty}</p>
      ) : (
        <>
          {preview.chars < preview.total ? (
            <p className={styles.status} data-testid="report-preview-capped">
              {s.reportPreviewCapped(preview.chars, preview.total)}
            </p>
          ) : null}
          <div className={styles.doc} data-testid="report-preview" lang="zh-CN">
            {preview.shown.map((p, i) => (
              <p key={i} className={cls[p.role] ?? styles.p} data-role={p.role}>
                {text(p, i)}
              </p>
            ))}
            {/* the draft's notes close it as in the .docx and 报告文稿: its 附注 after the date, never above the text */}
            {note ? (
              <p className={cls.note} data-role="note" data-testid="draft-notes">
                {outputText(note.text)}
              </p>
            ) : null}
          </div>
        </>
      )}
    </>
  );
}
