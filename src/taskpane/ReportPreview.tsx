/** The drafted report as it will read in Word, with a button that copies it as rich text. */
import * as React from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { outputText } from '../core/output';
import type { Paragraph, ParagraphRole, Report } from '../core/types';
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
}

export function ReportPreview({ report, headingId }: ReportPreviewProps) {
  const s = useStrings();
  const styles = useStyles();
  const [status, setStatus] = React.useState<string>('');
  const paragraphs = visibleParagraphs(report);
  const preview = React.useMemo(() => previewParagraphs(visibleParagraphs(report)), [report]);
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
  };
  const copy = async () => {
    const ok = await copyRich(reportHtml(report), reportText(report));
    setStatus(ok ? s.copied : s.copyFailed);
  };
  return (
    <>
      <div className={styles.bar}>
        <h2 id={headingId} className={styles.heading}>
          {s.report}
        </h2>
        <Button size="small" onClick={copy} disabled={paragraphs.length === 0} data-testid="copy-report">
          {s.copy}
        </Button>
      </div>
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
                {outputText(p.text)}
              </p>
            ))}
          </div>
        </>
      )}
    </>
  );
}
