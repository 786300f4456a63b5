/**
 * An in-memory WorkbookHost and a small engine for the pane's component tests. The host keeps a Workbook and
 * applies SheetPlans to it (so an explanation written by one action is read back by the next check); the engine
 * finds what it is told to find and reads explanations back from the 审核说明 sheet it wrote.
 */
import type {
  ApplyOutcome,
  CheckResult,
  Explanation,
  Finding,
  Grid,
  HostCapabilities,
  Report,
  Workbook,
  WorkbookHost,
  WritePlan,
} from '../../src/core/types';
import type { Engine } from '../../src/taskpane/engine';
import { coreEngine as realEngine } from '../../src/taskpane/coreEngine';
import { cleanup } from '@testing-library/react';

export class FakeHost implements WorkbookHost {
  readonly kind: 'excel' | 'file';
  book: Workbook;
  caps: HostCapabilities;
  applied: WritePlan[] = [];
  selected: { sheet: string; cell: string }[] = [];
  reads = 0;
  /** When set, the next apply fails with this message (as a host reports a protected sheet). */
  failApply: string | null = null;
  /** When set, read throws it. */
  failRead: unknown = null;
  /** When set, read waits for this promise (to observe the progress indicator). */
  gate: Promise<void> | null = null;

  constructor(book: Workbook, opts: { kind?: 'excel' | 'file'; caps?: Partial<HostCapabilities> } = {}) {
    this.book = book;
    this.kind = opts.kind ?? 'excel';
    this.caps = { comments: true, marks: true, download: this.kind === 'file', ...opts.caps };
  }

  async capabilities(): Promise<HostCapabilities> {
    return this.caps;
  }

  async read(onProgress?: (done: number, total: number) => void): Promise<Workbook> {
    this.reads++;
    const total = this.book.sheets.length;
    onProgress?.(0, total);
    if (this.gate) await this.gate;
    if (this.failRead) throw this.failRead;
    onProgress?.(total, total);
    return { name: this.book.name, sheets: this.book.sheets.map((g) => ({ ...g, rows: g.rows.map((r) => [...r]) })) };
  }

  async apply(plan: WritePlan): Promise<ApplyOutcome> {
    if (this.failApply) return { ok: false, message: this.failApply, written: [] };
    this.applied.push(plan);
    const drop = new Set([...(plan.deleteSheets ?? []), ...plan.sheets.map((s) => s.name)]);
    const kept = this.book.sheets.filter((g) => !drop.has(g.name));
    const added: Grid[] = plan.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.map((c) => c.v)) }));
    this.book = { ...this.book, sheets: [...kept, ...added] };
    return { ok: true, written: plan.sheets.map((s) => s.name) };
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.selected.push({ sheet, cell });
  }
}

export function finding(p: Partial<Finding> & Pick<Finding, 'id' | 'rule' | 'severity' | 'sheet' | 'cell' | 'message'>): Finding {
  return { refs: [`${p.sheet}!${p.cell}`], indicators: [], entity: null, status: 'open', ...p };
}

export const EXPLANATIONS = '审核说明';

/** Explanations as the fake plan wrote them: one row per finding, [id, text]. */
function readExplanations(book: Workbook): Explanation[] {
  const g = book.sheets.find((s) => s.name === EXPLANATIONS);
  return (g?.rows ?? []).map((r) => ({ findingId: String(r[0]), text: String(r[1]) }));
}

export function fakeEngine(findings: Finding[], report?: Report): Engine & { checks: number } {
  const engine = {
    checks: 0,
    check(book: Workbook): CheckResult {
      engine.checks++;
      const explanations = readExplanations(book);
      const out = findings.map((f) => {
        const e = explanations.find((x) => x.findingId === f.id);
        return e && f.severity === 'verify' ? { ...f, status: 'explained' as const, explanation: e.text } : f;
      });
      const open = out.filter((f) => f.status === 'open');
      return {
        file: book.name,
        unit: '周营镇',
        year: 2023,
        extraction: { unit: '周营镇', year: 2023, addressee: null, date: null, observations: [], texts: [], unknown: [], tables: [] },
        observations: [],
        rates: [],
        findings: out,
        explanations,
        counts: {
          error: open.filter((f) => f.severity === 'error').length,
          verify: open.filter((f) => f.severity === 'verify').length,
          hint: open.filter((f) => f.severity === 'hint').length,
          explained: out.length - open.length,
        },
      };
    },
    buildReport(result: CheckResult): Report {
      if (report) return report;
      return {
        unit: result.unit,
        year: result.year,
        paragraphs: [
          { role: 'title', text: '周营镇2023年法治政府建设工作报告' },
          { role: 'heading1', text: '一、主要举措和成效' },
          { role: 'body', text: '2023年，全镇共受理信访案件37件，化解35件，化解率94.6%。' },
        ],
      };
    },
    markPlan(result: CheckResult): WritePlan {
      return {
        sheets: [],
        styles: {},
        marks: result.findings
          .filter((f) => f.status === 'open')
          .map((f) => ({ sheet: f.sheet, cell: f.cell, severity: f.severity, fill: '#FFC7CE', comment: f.message })),
      };
    },
    removalPlan(): WritePlan {
      return { sheets: [], deleteSheets: ['审核结果', '计算结果', '报告文稿'], clearMarks: true, styles: {} };
    },
    resultPlan(_result: CheckResult, rep: Report | null): WritePlan {
      const names = ['审核结果', '计算结果', ...(rep ? ['报告文稿'] : [])];
      return { sheets: names.map((name) => ({ name, columns: [], rows: [[{ v: name }]] })), styles: {} };
    },
    explanationPlan(explanations: Explanation[]): WritePlan {
      return {
        sheets: [{ name: EXPLANATIONS, columns: [], rows: explanations.map((e) => [{ v: e.findingId }, { v: e.text }]) }],
        styles: {},
      };
    },
    clearMarksPlan(): WritePlan {
      return { sheets: [], styles: {}, clearMarks: true };
    },
    explanation: realEngine.explanation,
    review: realEngine.review,
    withRound: realEngine.withRound,
    readFile: realEngine.readFile,
    notice: realEngine.notice,
    noticePlan: realEngine.noticePlan,
    templatePlan: realEngine.templatePlan,
    // the real decision over the workbook itself (this engine's own check is not the core's, so it is not passed on)
    countyOffer: (book: Workbook, opts?: Parameters<Engine['countyOffer']>[1]) => realEngine.countyOffer(book, opts),
    countyPlan: realEngine.countyPlan,
    placementPlan(_result: CheckResult, add: { label: string; id: string; sheet: string | null }): WritePlan {
      return { sheets: [{ name: '指标对照', columns: [], rows: [[{ v: add.label }, { v: add.id }, { v: add.sheet ?? '' }]] }], styles: {} };
    },
  };
  return engine;
}

export const BOOK: Workbook = {
  name: '周营镇-2023-指标.xlsx',
  sheets: [
    {
      name: '矛盾纠纷',
      rows: [
        ['指标', '数值'],
        ['信访案件受理数', 37],
        ['信访案件化解数', 35],
        ['化解率', 1],
      ],
    },
  ],
};

export const FINDINGS: Finding[] = [
  finding({ id: 'e1', rule: 'rate-mismatch', severity: 'error', sheet: '矛盾纠纷', cell: 'B4', message: '‘矛盾纠纷’表 B4 化解率应为94.6%，填报为100%。' }),
  finding({ id: 'e2', rule: 'part-exceeds-whole', severity: 'error', sheet: '行政执法', cell: 'C7', message: '‘行政执法’表 C7 持证人数52人大于执法人员48人。' }),
  finding({ id: 'v1', rule: 'large-change', severity: 'verify', sheet: '法治宣传', cell: 'D11', message: '‘法治宣传’表 D11 发放资料30000份，是上年的10倍。' }),
  finding({ id: 'h1', rule: 'unknown-indicator', severity: 'hint', sheet: '矛盾纠纷', cell: 'A9', message: '‘矛盾纠纷’表 A9 “网格员巡查”不是目录中的指标。' }),
];

/** A download the page started (an object URL clicked on an <a download>), captured instead of saved. */
export interface Download {
  name: string;
  blob: Blob;
}

/** From now on, downloads are pushed to `into` instead of saved (jsdom has no object URLs). Call in beforeAll. */
export function captureDownloads(into: Download[]): void {
  let n = 0;
  const blobs = new Map<string, Blob>();
  Object.assign(URL, {
    createObjectURL: (b: Blob) => {
      const url = `blob:test/${++n}`;
      blobs.set(url, b);
      return url;
    },
    revokeObjectURL: () => undefined,
  });
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    into.push({ name: this.download, blob: blobs.get(this.href)! });
  });
}

/**
 * The page's county tests' setup, once: downloads captured into the returned list (cleared after each test), React's
 * act environment off (the page's worker-like checks settle on their own), the DOM and the browser storage emptied
 * after each test.
 */
export function pageDownloads(): Download[] {
  const downloads: Download[] = [];
  beforeAll(() => {
    (globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
    captureDownloads(downloads);
  });
  afterEach(() => {
    cleanup();
    downloads.length = 0;
    localStorage.clear();
  });
  return downloads;
}

/**
 * The page checks a file as soon as it is opened (issue 16): wait until every open file's check is done, so a test
 * acts on a settled result rather than on one a running check is about to replace.
 */
export async function settled(): Promise<void> {
  const { screen, waitFor } = await import('@testing-library/react');
  await screen.findAllByTestId('summary');
  await waitFor(() => expect(screen.getAllByTestId('pane').every((p) => p.getAttribute('aria-busy') === 'false')).toBe(true));
}
