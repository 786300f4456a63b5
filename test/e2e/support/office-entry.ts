/**
 * Browser entry (bundled by ./office.ts, injected with page.addInitScript before the task pane's own scripts):
 * the `Office` and `Excel` globals the pane uses, backed by H7's in-memory fake of the office-js object model
 * (test/excel/fake-excel.ts) holding the workbook the test put in `window.__E2E_OFFICE__`. The test reads the
 * fake back through `window.__fakeExcel` (sheets, cells, selection, sync count).
 */
import { cellName, createFakeExcel, parseRect, type FakeCell, type FakeValue } from '../../excel/fake-excel';

export interface E2ESheet {
  name: string;
  rows: (FakeValue | null)[][];
  origin?: { row: number; col: number };
  formats?: (string | null)[][];
  merges?: { r1: number; c1: number; r2: number; c2: number }[];
  visibility?: 'visible' | 'hidden' | 'veryHidden';
}

export interface E2EOfficeSpec {
  book: { name: string; sheets: E2ESheet[] };
  language?: string;
  apiVersion?: string;
  /** `Office.context.officeTheme` (absent: a host that does not say). */
  officeTheme?: { bodyBackgroundColor: string; bodyForegroundColor: string; controlBackgroundColor: string; controlForegroundColor: string };
}

/** What the test can call through page.evaluate. */
export interface FakeExcelProbe {
  syncCount(): number;
  resetCounters(): void;
  writes(): number;
  sheetNames(): string[];
  visibility(name: string): string | null;
  /** Non-empty values of a sheet by A1 address. */
  values(name: string): Record<string, FakeValue>;
  selection(): { sheet: string; address: string } | null;
  /** The fill colour of a cell ('' when none). */
  fill(name: string, a1: string): string;
  officeJsLoaded(): boolean;
  /** Everything the fake holds of one cell (value, format, lock, data validation), or null. */
  cell(name: string, a1: string): FakeCell | null;
  /** A cell's classic note (ExcelApi 1.18 `worksheet.notes`), null when none. */
  note(name: string, a1: string): string | null;
  /** Whether a sheet is protected, and whether with a password (null: no such sheet). */
  protection(name: string): { protected: boolean; password: boolean } | null;
  /**
   * Types a figure into a cell as the township does in Excel (a corrected rate, a resubmission); `format` is the
   * cell's number format (`0.0%`), kept when absent.
   */
  setValue(name: string, a1: string, value: FakeValue, format?: string): void;
  /** Every sheet as it is now (values, formulas, number formats, merges, visibility), as Excel would save it. */
  saved(): SavedSheet[];
}

/** One sheet of the fake workbook as saved: cells by row and column (0-based), merges, visibility. */
export interface SavedSheet {
  name: string;
  visibility: 'visible' | 'hidden' | 'veryHidden';
  cells: { r: number; c: number; v?: FakeValue; f?: string; nf?: string }[];
  merges: { r1: number; c1: number; r2: number; c2: number }[];
}

const VIS = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' } as const;

const w = window as unknown as Record<string, unknown>;
const spec = (w.__E2E_OFFICE__ as E2EOfficeSpec | undefined) ?? { book: { name: 'Book1.xlsx', sheets: [] } };
const fake = createFakeExcel({ apiVersion: spec.apiVersion ?? '1.13' });
fake.model.name = spec.book.name;
for (const g of spec.book.sheets) {
  fake.model.addSheet(g.name, g.rows, {
    origin: g.origin,
    formats: g.formats,
    merges: g.merges,
    visibility: VIS[g.visibility ?? 'visible'],
  });
}

const probe: FakeExcelProbe = {
  syncCount: () => fake.syncCount(),
  resetCounters: () => fake.resetCounters(),
  writes: () => fake.model.writes,
  sheetNames: () => fake.model.sheets.map((s) => s.name),
  visibility: (name) => fake.model.sheet(name)?.visibility ?? null,
  values(name) {
    const out: Record<string, FakeValue> = {};
    const s = fake.model.sheet(name);
    s?.cells.forEach((row, r) =>
      row?.forEach((c, col) => {
        if (c && c.v !== undefined && c.v !== '') out[cellName(r, col)] = c.v;
      }),
    );
    return out;
  },
  selection: () => fake.model.selection,
  fill: (name, a1) => fake.model.cell(name, a1)?.fill ?? '',
  officeJsLoaded: () => w.__officeJsLoaded === true,
  cell: (name, a1) => {
    const c = fake.model.cell(name, a1);
    return c ? (JSON.parse(JSON.stringify(c)) as FakeCell) : null;
  },
  note: (name, a1) => fake.model.noteAt(name, a1)?.content ?? null,
  protection: (name) => {
    const s = fake.model.sheet(name);
    return s ? { protected: s.protected, password: s.protectionPassword } : null;
  },
  setValue(name, a1, value, format) {
    const s = fake.model.sheet(name);
    if (!s) throw new Error(`no sheet ${name} in the fake workbook`);
    const { r, c } = parseRect(a1);
    const cell = fake.model.cellAt(s, r, c, true)!;
    cell.v = value;
    delete cell.f;
    if (format) cell.nf = format;
  },
  saved: () =>
    fake.model.sheets.map((s) => {
      const cells: SavedSheet['cells'] = [];
      s.cells.forEach((row, r) =>
        row?.forEach((cell, c) => {
          if (cell && (cell.v !== undefined || cell.f !== undefined)) cells.push({ r, c, v: cell.v, f: cell.f, nf: cell.nf });
        }),
      );
      const visibility = s.visibility === 'VeryHidden' ? 'veryHidden' : s.visibility === 'Hidden' ? 'hidden' : 'visible';
      return { name: s.name, visibility, cells, merges: s.merges };
    }),
};
w.__fakeExcel = probe;

const info = { host: 'Excel', platform: 'OfficeOnline' };
w.Office = {
  HostType: { Excel: 'Excel', Word: 'Word', PowerPoint: 'PowerPoint', Outlook: 'Outlook' },
  PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
  context: {
    displayLanguage: spec.language ?? 'zh-CN',
    officeTheme: spec.officeTheme,
    requirements: { isSetSupported: (name: string, version?: string | number) => fake.env.isSetSupported(name, String(version ?? '1.1')) },
  },
  onReady(callback?: (i: typeof info) => void): Promise<typeof info> {
    return new Promise((resolve) =>
      setTimeout(() => {
        callback?.(info);
        resolve(info);
      }, 0),
    );
  },
};
w.Excel = { run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => fake.run(batch) };
