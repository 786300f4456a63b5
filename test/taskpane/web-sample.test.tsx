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
import { strFromU8, unzipSync } from 'fflate';
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

  // the draft never states a flagged figure silently: a banner, and 行政执法人员12人，持证上岗14人 marked, each a link
  // to its finding; the explained 待核实 (全覆盖) no longer marks 18个 (90.0% stays marked: its 20个 is disputed)
  const banner = await screen.findByTestId('draft-banner', {}, { timeout: 20000 });
  expect(banner.textContent).toMatch(/^文稿中\d+处数字涉及未改正的问题（其中\d+处涉及错误）/);
  const flags = () => screen.getAllByTestId('draft-flag');
  expect(flags().map((f) => f.textContent)).toEqual(expect.arrayContaining(['12人', '14人', '77.8%']));
  expect(flags().map((f) => f.textContent)).not.toContain('18个');
  expect(screen.getByTestId('report-preview').textContent).toContain('全镇现有行政执法人员12人，持证上岗14人');
  fireEvent.click(flags().find((f) => f.textContent === '14人')!);
  await waitFor(() => expect(screen.getAllByTestId('finding').find((b) => b.getAttribute('aria-current') === 'true')?.getAttribute('data-rule')).toBe('part-exceeds-whole'));
  expect(screen.getByTestId('draft-notes').textContent).toContain('文稿中的“信访案件化解率”77.8%是按‘矛盾纠纷化解’表 D5和‘矛盾纠纷化解’表 D4的数字重新计算的');

  // the result workbook: original sheets untouched + the result sheets + 审核说明 — downloaded knowingly, asked once
  fireEvent.click(screen.getByTestId('download-workbook'));
  const ask = await screen.findByTestId('draft-confirm');
  expect(ask.getAttribute('role')).toBe('alertdialog');
  expect(ask.textContent).toContain('还有2个错误未改正');
  expect(downloads).toHaveLength(0);
  fireEvent.click(within(ask).getByTestId('draft-confirm-yes'));
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

  // asked once: the Word report downloads at once, with the flagged figures highlighted and, as chosen, 【待核实】
  fireEvent.click(screen.getByTestId('flag-text-switch'));
  fireEvent.click(screen.getByTestId('download-docx'));
  expect(screen.queryByTestId('draft-confirm')).toBeNull();
  await waitFor(() => expect(downloads).toHaveLength(2), { timeout: 20000 });
  expect(downloads[1].name).toBe('周营镇-2023-指标-报告.docx');
  const docx = new Uint8Array(await fileBytes(downloads[1].blob));
  expect([docx[0], docx[1]]).toEqual([0x50, 0x4b]); // a zip (OOXML) package
  const xml = strFromU8(unzipSync(docx)['word/document.xml']);
  expect(xml).toContain('<w:highlight w:val="yellow"/>');
  expect(xml.replace(/<[^>]+>/g, '')).toContain('行政执法人员12人【待核实】，持证上岗14人【待核实】');
  expect(screen.queryByTestId('error-message')).toBeNull();
}, 60000);
