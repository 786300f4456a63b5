/** @jest-environment jsdom */
/**
 * A report that states every row of a huge workbook (50,000 rows outside the catalog gave one paragraph of 879,000
 * characters; laying it out held the page for seconds): the preview shows its beginning and says so, and 复制 still
 * copies the whole report.
 */
import * as React from 'react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Report } from '../../src/core/types';
import { PaneProviders } from '../../src/taskpane/Pane';
import { PREVIEW_CHARS, ReportPreview } from '../../src/taskpane/ReportPreview';
import { stringsFor } from '../../src/taskpane/i18n';

afterEach(cleanup);

const rows = Array.from({ length: 50_000 }, (_, i) => `第${i + 1}项自定义工作事项${(i + 1) % 50}件`).join('，');
const REPORT: Report = {
  unit: '台账镇',
  year: 2023,
  paragraphs: [
    { role: 'title', text: '台账镇人民政府关于2023年度法治政府建设情况的报告' },
    { role: 'heading1', text: '一、其他需要报告的情况' },
    { role: 'body', text: `${rows}。` },
    { role: 'closing', text: '特此报告。' },
  ],
};

test('a report of 879,000 characters: the preview shows its first part and says so; 复制 copies all of it', async () => {
  const written: { items: Record<string, Blob> }[] = [];
  Object.assign(window, { ClipboardItem: class { constructor(public readonly items: Record<string, Blob>) {} } });
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { write: async (items: { items: Record<string, Blob> }[]) => void written.push(...items) } });
  render(
    <PaneProviders strings={stringsFor('zh-CN')}>
      <ReportPreview report={REPORT} headingId="r" />
    </PaneProviders>,
  );
  const total = REPORT.paragraphs.reduce((n, p) => n + p.text.length, 0);
  const shown = screen.getByTestId('report-preview').textContent!;
  expect(shown.length).toBeLessThanOrEqual(PREVIEW_CHARS + 10);
  expect(shown).toContain('第1项自定义工作事项1件');
  expect(shown).not.toContain('第50000项');
  expect(screen.getByTestId('report-preview-capped').textContent).toBe(`预览只显示文稿的前 ${PREVIEW_CHARS} 字（全文 ${total} 字）；“复制”和下载的报告包含全文。`);

  fireEvent.click(screen.getByTestId('copy-report'));
  await waitFor(() => expect(written).toHaveLength(1));
  const text = await new Promise<string>((resolve) => {
    const reader = new FileReader(); // jsdom's Blob has no text()
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(written[0].items['text/plain']);
  });
  expect(text).toContain('第50000项自定义工作事项0件');
  expect(text).toContain('特此报告。');
  delete (navigator as unknown as { clipboard?: unknown }).clipboard;
});

test('a report of ordinary length is shown whole, without a note', () => {
  render(
    <PaneProviders strings={stringsFor('zh-CN')}>
      <ReportPreview report={{ ...REPORT, paragraphs: [REPORT.paragraphs[0], { role: 'body', text: '2023年，全镇共受理信访案件37件，化解35件，化解率94.6%。' }] }} headingId="r" />
    </PaneProviders>,
  );
  expect(screen.getByTestId('report-preview').textContent).toContain('化解率94.6%。');
  expect(screen.queryByTestId('report-preview-capped')).toBeNull();
});
