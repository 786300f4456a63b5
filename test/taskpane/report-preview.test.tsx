/** @jest-environment jsdom */
/**
 * The preview reads as the .docx does (issue 16): the draft's notes (a rate recomputed in place of the township's
 * figure) come after the text, as its 附注 below the date, not above it; paragraph for paragraph what Word gets.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as React from 'react';
import { TextDecoder, TextEncoder } from 'util';
import JSZip from 'jszip';
import { cleanup, render, screen } from '@testing-library/react';
import { check } from '../../src/core/check';
import { buildReport } from '../../src/core/narrative';
import { readXlsx, reportDocx } from '../../src/file';
import { PaneProviders } from '../../src/taskpane/Pane';
import { ReportPreview } from '../../src/taskpane/ReportPreview';
import { stringsFor } from '../../src/taskpane/i18n';

// jsdom has neither; the .docx writer needs them
Object.assign(globalThis, { TextDecoder, TextEncoder });

afterEach(cleanup);

const SAMPLE = '周营镇-2023-指标.xlsx';

/** The text of each paragraph of the .docx's body, in order. */
async function docxParagraphs(bytes: Uint8Array): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0].replace(/<[^>]+>/g, '')).filter((t) => t.trim() !== '');
}

test('the sample’s draft: the preview shows its notes last, after the date, as the .docx has them; the same paragraphs in the same order', async () => {
  const book = await readXlsx(new Uint8Array(fs.readFileSync(path.join(__dirname, '../../assets/samples', SAMPLE))), SAMPLE);
  const result = check(book);
  const report = buildReport(result, { book });
  expect(report.notes?.length).toBeGreaterThan(0);
  render(
    <PaneProviders strings={stringsFor('zh-CN')}>
      <ReportPreview report={report} headingId="r" findings={result.findings} />
    </PaneProviders>,
  );
  const shown = Array.from(screen.getByTestId('report-preview').querySelectorAll('p'));
  // the last two paragraphs: the date, then the notes
  expect(shown.slice(-2).map((p) => p.getAttribute('data-role'))).toEqual(['date', 'note']);
  const notes = screen.getByTestId('draft-notes');
  expect(shown[shown.length - 1]).toBe(notes);
  expect(notes.textContent).toMatch(/^（说明：一是文稿中的“信访案件化解率”77\.8%是按‘矛盾纠纷化解’表 D5和‘矛盾纠纷化解’表 D4的数字重新计算的，/);
  // nothing about the notes above the text
  const firstParagraph = shown[0];
  expect(notes.compareDocumentPosition(firstParagraph) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
  expect(screen.getAllByText(/重新计算的/)).toHaveLength(1);
  // what the user sees is what Word gets, paragraph for paragraph
  expect(shown.map((p) => p.textContent)).toEqual(await docxParagraphs(await reportDocx(report)));
});

test('a draft without notes ends with its date', () => {
  render(
    <PaneProviders strings={stringsFor('zh-CN')}>
      <ReportPreview
        report={{ unit: '周营镇', year: 2023, paragraphs: [{ role: 'body', text: '全镇共受理信访案件37件，化解35件，化解率94.6%。' }, { role: 'date', text: '2024年1月8日' }] }}
        headingId="r"
      />
    </PaneProviders>,
  );
  expect(screen.queryByTestId('draft-notes')).toBeNull();
  const shown = Array.from(screen.getByTestId('report-preview').querySelectorAll('p'));
  expect(shown[shown.length - 1].getAttribute('data-role')).toBe('date');
});
