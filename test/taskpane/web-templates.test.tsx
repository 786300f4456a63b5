/** @jest-environment jsdom */
/**
 * The page over a township workbook that carries its own 报告模板 sheet (issue 17, item 5): the report keeps the
 * county's wording and the recomputed rate until the clerk turns the switch on.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDecoder, TextEncoder } from 'util';
Object.assign(globalThis, { TextDecoder, TextEncoder, setImmediate: globalThis.setImmediate ?? ((fn: () => void) => setTimeout(fn, 0)) });

import * as React from 'react';
import * as ExcelJS from 'exceljs';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { WebApp } from '../../src/web/WebApp';

const SAMPLE = path.join(__dirname, '../../assets/samples/周营镇-2023-指标.xlsx');

beforeAll(() => {
  (globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
});
afterEach(cleanup);

async function withTemplateSheet(): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(SAMPLE) as unknown as ArrayBuffer);
  const ws = wb.addWorksheet('报告模板');
  ws.addRow(['分组', '条件', '模板']);
  ws.addRow(['信访', '', '全{unitShort}信访案件全部化解，化解率100%']);
  const buf = await wb.xlsx.writeBuffer();
  return buf instanceof ArrayBuffer ? buf : new Uint8Array(buf as ArrayLike<number>).buffer;
}

test('the page does not apply a workbook’s own 报告模板 sheet until the switch is on', async () => {
  const bytes = await withTemplateSheet();
  render(<WebApp language="zh-CN" fetchSample={async () => bytes} />);
  fireEvent.click(screen.getByTestId('open-sample'));
  await screen.findByTestId('preview-grid', {}, { timeout: 20000 });
  // the page checks a file when it is opened
  const preview = await screen.findByTestId('report-preview', {}, { timeout: 20000 });
  expect(preview.textContent).toContain('化解率77.8%');
  expect(preview.textContent).not.toContain('信访案件全部化解');
  // the hint's line; its sentence says what to do when it is opened
  const hint = screen.getAllByTestId('finding').find((b) => b.getAttribute('data-rule') === 'workbook-templates')!;
  expect(hint.textContent).toContain('工作簿自带报告模板，未采用');
  fireEvent.click(hint);
  expect(screen.getByTestId('finding-message').textContent).toContain('工作簿中有‘报告模板’表，报告文稿没有采用它');

  fireEvent.click(screen.getByTestId('workbook-templates-switch'));
  await waitFor(() => expect(screen.getByTestId('report-preview').textContent).toContain('全镇信访案件全部化解'), { timeout: 20000 });
}, 60000);
