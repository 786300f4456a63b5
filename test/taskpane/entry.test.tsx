/** @jest-environment jsdom */
/** The task pane entry: waits for Office, uses the display language, and says so when it is not in Excel. */
import { screen, waitFor } from '@testing-library/react';

const created: unknown[] = [];
jest.mock('../../src/excel', () => ({
  createExcelHost: () => {
    const { FakeHost, BOOK } = jest.requireActual('./fakes') as typeof import('./fakes');
    const h = new FakeHost(BOOK);
    created.push(h);
    return h;
  },
}));

function fakeOffice(host: string, displayLanguage: string) {
  let ready: ((info: { host: string }) => void) | null = null;
  (globalThis as unknown as { Office: unknown }).Office = {
    HostType: { Excel: 'Excel', Word: 'Word' },
    context: { displayLanguage },
    onReady: (cb: (info: { host: string }) => void) => {
      ready = cb;
    },
  };
  return () => ready!({ host });
}

beforeEach(() => {
  // the entry renders with its own React (isolated module registry), outside testing-library's act()
  (globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
  document.body.innerHTML = '<div id="container"><main><p>正在加载…</p></main></div>';
  created.length = 0;
});
afterEach(() => {
  delete (globalThis as unknown as { Office?: unknown }).Office;
});

test('in Excel with an English display language: the pane in English over the Excel host, once Office is ready', async () => {
  const ready = fakeOffice('Excel', 'en-US');
  jest.isolateModules(() => {
    require('../../src/taskpane/taskpane');
  });
  expect(created).toHaveLength(0); // nothing before Office.onReady
  ready();
  await screen.findByRole('button', { name: 'Check workbook' });
  expect(created).toHaveLength(1);
  expect(document.documentElement.lang).toBe('en');
});

test('in Excel in Chinese: 检查工作簿', async () => {
  const ready = fakeOffice('Excel', 'zh-CN');
  jest.isolateModules(() => {
    require('../../src/taskpane/taskpane');
  });
  ready();
  await screen.findByRole('button', { name: '检查工作簿' });
  expect(document.documentElement.lang).toBe('zh-CN');
});

test('outside Excel, or without office.js, one sentence says to open it in Excel', async () => {
  const ready = fakeOffice('Word', 'zh-CN');
  jest.isolateModules(() => {
    require('../../src/taskpane/taskpane');
  });
  ready();
  await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('请在 Excel 中打开此加载项。'));
  expect(created).toHaveLength(0);

  delete (globalThis as unknown as { Office?: unknown }).Office;
  document.body.innerHTML = '<div id="container"></div>';
  jest.isolateModules(() => {
    require('../../src/taskpane/taskpane');
  });
  await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Excel/));
});

test('in an Excel below ExcelApi 1.9: the reason at once, no pane that would fail at its first write', async () => {
  const ready = fakeOffice('Excel', 'zh-CN');
  const office = (globalThis as unknown as { Office: { context: Record<string, unknown> } }).Office;
  const asked: string[] = [];
  office.context.requirements = {
    isSetSupported: (name: string, version: string) => {
      asked.push(`${name} ${version}`);
      return version <= '1.8';
    },
  };
  jest.isolateModules(() => {
    require('../../src/taskpane/taskpane');
  });
  ready();
  await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('ExcelApi 1.9'));
  expect(asked).toContain('ExcelApi 1.9');
  expect(created).toHaveLength(0);
  expect(screen.queryByRole('button', { name: '检查工作簿' })).toBeNull();
});

test('a pane that fails while it renders shows one sentence instead of a blank pane', async () => {
  const ready = fakeOffice('Excel', 'zh-CN');
  jest.isolateModules(() => {
    jest.doMock('../../src/excel', () => ({ createExcelHost: () => ({ kind: 'excel' }) })); // no capabilities()
    require('../../src/taskpane/taskpane');
  });
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    ready();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^操作未能完成/));
    expect(screen.getByRole('heading', { name: '指标审核助手' })).toBeTruthy();
  } finally {
    quiet.mockRestore();
  }
});
