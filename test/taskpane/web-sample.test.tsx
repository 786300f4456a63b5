/** @jest-environment jsdom */
/**
 * The page end to end in jsdom over the real sample workbook, the real core and the real src/file
 * (ExcelJS, docx): what a township clerk does with the sample, checked against the planted findings of
 * assets/samples/README.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDecoder, TextEncoder } from 'util';
Object.assign(globalThis, { TextDecoder, TextEncoder, setImmediate: globalThis.setImmediate ?? ((fn: () => void) => setTimeout(fn, 0)) });

import * as React from 'react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readXlsx } from '../../src/file';
import { WebApp, fileBytes } from '../../src/web/WebApp';
import { captureDownloads, type Download } from './fakes';

const SAMPLE = path.join(__dirname, '../../assets/samples/周营镇-2023-指标.xlsx');

const downloads: Download[] = [];
beforeAll(() => {
  // real ExcelJS work resolves outside act(); the assertions poll with findBy/waitFor instead
  (globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
  captureDownloads(downloads);
});
afterEach(cleanup);

test('sample: check, select the planted rate mismatch, explain a verify finding, download results', async () => {
  const bytes = fs.readFileSync(SAMPLE);
  const original = await readXlsx(bytes, 'orig.xlsx');
  render(<WebApp language="zh-CN" fetchSample={async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)} />);
  fireEvent.click(screen.getByTestId('open-sample'));
  await screen.findByTestId('preview-grid', {}, { timeout: 20000 });

  // the page checks a file when it is opened
  await screen.findByTestId('summary', {}, { timeout: 20000 });
  expect(Number(screen.getByTestId('count-error').textContent)).toBeGreaterThanOrEqual(2);

  // Z1: the rate reported 100% over 7 of 9 is an error at 矛盾纠纷化解!D6
  const z1 = within(screen.getByTestId('group-error'))
    .getAllByTestId('finding')
    .find((b) => b.getAttribute('data-rule') === 'rate-mismatch')!;
  expect(z1.getAttribute('data-sheet')).toBe('矛盾纠纷化解');
  expect(z1.getAttribute('data-cell')).toBe('D6');
  expect(z1.textContent).toContain('77.8%');
  fireEvent.click(z1);
  await waitFor(() => expect(screen.getByTestId('preview-grid').getAttribute('data-sheet')).toBe('矛盾纠纷化解'));
  expect(screen.getByTestId('preview-grid').querySelector('td[data-cell="D6"]')!.getAttribute('aria-selected')).toBe('true');

  // Z2 (coverage claim) may stand with an explanation
  const verifyBefore = Number(screen.getByTestId('count-verify').textContent);
  const z2 = within(screen.getByTestId('group-verify'))
    .getAllByTestId('finding')
    .find((b) => b.getAttribute('data-rule') === 'coverage-claim')!;
  const item = z2.closest('li')!;
  fireEvent.click(within(item).getByTestId('explain-button'));
  fireEvent.change(within(item).getByTestId('explanation-text'), { target: { value: '另有2个村由县法律援助中心律师兼任顾问，已核对聘用协议。' } });
  fireEvent.click(within(item).getByTestId('explanation-save'));
  await screen.findByTestId('group-explained', {}, { timeout: 20000 });
  expect(Number(screen.getByTestId('count-verify').textContent)).toBe(verifyBefore - 1);
  expect(screen.getByTestId('count-explained').textContent).toBe('1');
  const explained = within(screen.getByTestId('group-explained')).getByTestId('finding');
  expect(explained.getAttribute('data-cell')).toBe('D6');
  expect(explained.getAttribute('data-sheet')).toBe('公共法律服务');

  // the result workbook: original sheets untouched + the result sheets + 审核说明
  fireEvent.click(screen.getByTestId('download-workbook'));
  await waitFor(() => expect(downloads).toHaveLength(1), { timeout: 20000 });
  expect(downloads[0].name).toBe('周营镇-2023-指标-审核.xlsx');
  const out = await readXlsx(new Uint8Array(await fileBytes(downloads[0].blob)), downloads[0].name);
  const names = out.sheets.map((s) => s.name);
  for (const s of ['审核结果', '计算结果', '报告文稿', '审核说明']) expect(names).toContain(s);
  for (const g of original.sheets) {
    const back = out.sheets.find((s) => s.name === g.name)!;
    expect(back.rows).toEqual(g.rows);
  }
  const notes = out.sheets.find((s) => s.name === '审核说明')!;
  expect(JSON.stringify(notes.rows)).toContain('另有2个村由县法律援助中心律师兼任顾问');

  fireEvent.click(screen.getByTestId('download-docx'));
  await waitFor(() => expect(downloads).toHaveLength(2), { timeout: 20000 });
  expect(downloads[1].name).toBe('周营镇-2023-指标-报告.docx');
  const docx = new Uint8Array(await fileBytes(downloads[1].blob));
  expect([docx[0], docx[1]]).toEqual([0x50, 0x4b]); // a zip (OOXML) package
  expect(screen.queryByTestId('error-message')).toBeNull();
}, 60000);
