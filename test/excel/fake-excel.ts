/**
 * A faithful in-memory fake of the part of the office-js Excel object model that src/excel uses, with the proxy
 * semantics that matter:
 *   - every method/property call only QUEUES an action; `context.sync()` runs the queue in order;
 *   - reading a property that was not loaded (and synced) throws `PropertyNotLoaded`, as office-js does;
 *   - `*OrNullObject` proxies report `isNullObject` after a sync; `getItem` on a missing sheet fails the sync;
 *   - each sync measures its request (JSON of what is written) and response (JSON of what is loaded); over 5 MB
 *     either way it fails with `RequestPayloadSizeLimitExceeded` / `ResponsePayloadSizeLimitExceeded` like
 *     Excel on the web (a request over the limit is rejected whole; nothing is applied);
 *   - protected sheets refuse format writes and values into locked cells (`AccessDenied`; a cell is locked unless
 *     `format.protection.locked = false` unlocked it, as in Excel), `protection.protect()` fails on a protected
 *     sheet; a protected workbook refuses adding/deleting sheets; APIs above the fake's ExcelApi version fail with
 *     `ApiNotFound`;
 *   - data validation (`range.dataValidation`: rule, prompt, errorAlert) is checked as Excel checks it (one kind of
 *     rule, its operator and formulas, titles ≤ 32 and messages ≤ 255 characters) and kept per cell;
 *   - writes are counted (`model.writes`), so a test can prove that nothing was written;
 *   - threaded comments (`workbook.comments`, ExcelApi 1.10) and classic notes (`worksheet.notes`, 1.18) are kept
 *     apart, as Excel keeps them: a cell may hold one of each; both go with their sheet when it is deleted.
 * Plain TypeScript, no jest: reusable by browser (e2e) tests. `createFakeExcel()` is the entry point.
 */
import { a1, columnIndex } from '../../src/core/address';

export type FakeValue = string | number | boolean | { error: string };

export interface FakeFont {
  name?: string;
  size?: number;
  bold?: boolean;
  color?: string;
  underline?: string;
}

export interface FakeCell {
  v?: FakeValue;
  f?: string;
  nf?: string;
  fill?: string;
  font?: FakeFont;
  hAlign?: string;
  vAlign?: string;
  wrap?: boolean;
  hyperlink?: { documentReference?: string; address?: string; textToDisplay?: string };
  /** `format.protection.locked`; undefined is Excel's default, locked. */
  locked?: boolean;
  validation?: FakeValidation;
}

/** A cell's data validation as office-js sets it (`Excel.DataValidationRule`, prompt, error alert). */
export interface FakeValidation {
  rule?: Record<string, Record<string, unknown>>;
  prompt?: { showPrompt?: boolean; title?: string; message?: string };
  errorAlert?: { showAlert?: boolean; style?: string; title?: string; message?: string };
  ignoreBlanks?: boolean;
}

export interface FakeSheet {
  id: number;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  protected: boolean;
  /** The options `protection.protect()` was given (null: not protected by the add-in), and whether with a password. */
  protectionOptions: Record<string, unknown> | null;
  protectionPassword: boolean;
  /** Row-major, sparse. */
  cells: (FakeCell | undefined)[][];
  merges: { r1: number; c1: number; r2: number; c2: number }[];
  tabColor: string;
  frozenRows: number;
  /** The autofilter's range (`A2:H6`), or null. */
  autoFilter: string | null;
  /** The page layout as set by the add-in (orientation, zoom). */
  page: { orientation?: string; zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }; printTitleRows?: string };
  colWidths: Map<number, number>;
  rowHeights: Map<number, number>;
}

export interface FakeComment {
  id: string;
  sheetId: number;
  row: number;
  col: number;
  content: string;
}

/** A classic note (ExcelApi 1.18 `worksheet.notes`): not a threaded comment. */
export interface FakeNote {
  sheetId: number;
  row: number;
  col: number;
  content: string;
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  writes: number;
  error?: string;
}

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export class FakeOfficeError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = 'RichApi.Error';
  }
}

// ───────────────────────────── addresses ─────────────────────────────

/** (row, col) → "D10": column letters are plain arithmetic, shared with the core (src/core/address.ts). */
export const cellName = a1;

function quote(sheet: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet)
    ? sheet
    : `'${sheet.replace(/'/g, "''")}'`;
}

interface Rect {
  r: number;
  c: number;
  rows: number;
  cols: number;
}

/** "A1", "$B$3:F40" (an optional "Sheet!" prefix is ignored) → rectangle. */
export function parseRect(address: string): Rect {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const parts = local.replace(/\$/g, '').split(':');
  const p = (s: string) => {
    const m = /^([A-Za-z]{1,3})(\d+)$/.exec(s.trim());
    if (!m) throw new FakeOfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format: ${address}`);
    return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
  };
  const a = p(parts[0]);
  const b = parts[1] ? p(parts[1]) : a;
  return {
    r: Math.min(a.row, b.row),
    c: Math.min(a.col, b.col),
    rows: Math.abs(b.row - a.row) + 1,
    cols: Math.abs(b.col - a.col) + 1,
  };
}

function rectAddress(sheet: FakeSheet, rect: Rect): string {
  const tl = cellName(rect.r, rect.c);
  const br = cellName(rect.r + rect.rows - 1, rect.c + rect.cols - 1);
  return `${quote(sheet.name)}!${tl === br ? tl : `${tl}:${br}`}`;
}

const utf8 = new TextEncoder();

/** UTF-8 size of the JSON of `v` (TextEncoder: works in Node and in browsers alike). */
export function jsonBytes(v: unknown): number {
  return utf8.encode(JSON.stringify(v) ?? '').length;
}

function versionAtLeast(have: string, want: string): boolean {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

// ───────────────────────────── the workbook model ─────────────────────────────

export class FakeWorkbookModel {
  name = 'Book1.xlsx';
  sheets: FakeSheet[] = [];
  comments: FakeComment[] = [];
  notes: FakeNote[] = [];
  structureProtected = false;
  /** The workbook counts dates from 1904 (Excel: File → Options → Advanced → Use 1904 date system). */
  date1904 = false;
  activeSheetId = 0;
  selection: { sheet: string; address: string } | null = null;
  syncs: SyncRecord[] = [];
  /** Every write applied to the workbook (cells, formats, sheets, comments, visibility …). */
  writes = 0;
  /** Largest request or response of one sync, in bytes (Excel on the web's 5 MB unless a test lowers it). */
  payloadLimit = PAYLOAD_LIMIT;
  private nextId = 1;
  private nextComment = 1;

  constructor(public apiVersion = '1.13') {}

  supports(version: string): boolean {
    return versionAtLeast(this.apiVersion, version);
  }

  addSheet(name: string, rows: (FakeValue | null | undefined)[][] = [], opts: Partial<Pick<FakeSheet, 'visibility' | 'protected' | 'merges'>> & { origin?: { row: number; col: number }; formats?: (string | null)[][] } = {}): FakeSheet {
    const sheet: FakeSheet = {
      id: this.nextId++,
      name,
      visibility: opts.visibility ?? 'Visible',
      protected: opts.protected ?? false,
      protectionOptions: null,
      protectionPassword: false,
      cells: [],
      merges: opts.merges ?? [],
      tabColor: '',
      frozenRows: 0,
      autoFilter: null,
      page: {},
      colWidths: new Map(),
      rowHeights: new Map(),
    };
    const r0 = opts.origin?.row ?? 0;
    const c0 = opts.origin?.col ?? 0;
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        const nf = opts.formats?.[r]?.[c] ?? undefined;
        if ((v === null || v === undefined) && !nf) return;
        const cell = this.cellAt(sheet, r0 + r, c0 + c, true)!;
        if (v !== null && v !== undefined) cell.v = v;
        if (nf) cell.nf = nf;
      }),
    );
    this.sheets.push(sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    return sheet;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  cellAt(sheet: FakeSheet, row: number, col: number, create = false): FakeCell | undefined {
    let r = sheet.cells[row];
    if (!r) {
      if (!create) return undefined;
      r = sheet.cells[row] = [];
    }
    let cell = r[col];
    if (!cell && create) cell = r[col] = {};
    return cell;
  }

  /** The cell `a1` of sheet `name`, for assertions. */
  cell(name: string, a1: string): FakeCell | undefined {
    const s = this.sheet(name);
    if (!s) return undefined;
    const rect = parseRect(a1);
    return this.cellAt(s, rect.r, rect.c);
  }

  commentAt(name: string, a1: string): FakeComment | undefined {
    const s = this.sheet(name);
    const rect = parseRect(a1);
    return s && this.comments.find((c) => c.sheetId === s.id && c.row === rect.r && c.col === rect.c);
  }

  noteAt(name: string, a1: string): FakeNote | undefined {
    const s = this.sheet(name);
    const rect = parseRect(a1);
    return s && this.notes.find((n) => n.sheetId === s.id && n.row === rect.r && n.col === rect.c);
  }

  /** Bounds of the cells with a value or formula (valuesOnly) or with anything at all. */
  usedRect(sheet: FakeSheet, valuesOnly: boolean): Rect | null {
    let r1 = Infinity;
    let c1 = Infinity;
    let r2 = -1;
    let c2 = -1;
    sheet.cells.forEach((row, r) => {
      if (!row) return;
      row.forEach((cell, c) => {
        if (!cell) return;
        const used = cell.v !== undefined || cell.f !== undefined || (!valuesOnly && Object.keys(cell).length > 0);
        if (!used) return;
        r1 = Math.min(r1, r);
        c1 = Math.min(c1, c);
        r2 = Math.max(r2, r);
        c2 = Math.max(c2, c);
      });
    });
    return r2 < 0 ? null : { r: r1, c: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 };
  }

  newCommentId(): string {
    return `comment-${this.nextComment++}`;
  }

  newSheet(name: string): FakeSheet {
    return this.addSheet(name);
  }

  /** A deep copy of everything observable, for "nothing changed" assertions. */
  snapshot(): unknown {
    return JSON.parse(
      JSON.stringify({
        sheets: this.sheets.map((s) => ({ ...s, colWidths: [...s.colWidths], rowHeights: [...s.rowHeights] })),
        comments: this.comments,
        notes: this.notes,
      }),
    );
  }
}

// ───────────────────────────── the request context ─────────────────────────────

interface Action {
  request: number;
  /** Runs the action; may return a response (bytes + a function delivering loaded data to the proxies). */
  exec: () => Delivery | void;
}

interface Delivery {
  bytes: number;
  deliver: () => void;
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  private queue: Action[] = [];

  constructor(readonly model: FakeWorkbookModel) {
    this.workbook = new FakeWorkbook(this);
    this.application = new FakeApplication(this);
  }

  enqueue(action: Action): void {
    this.queue.push(action);
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const actions = this.queue;
    this.queue = [];
    const record: SyncRecord = {
      requestBytes: actions.reduce((n, a) => n + a.request, 0),
      responseBytes: 0,
      actions: actions.length,
      writes: 0,
    };
    this.model.syncs.push(record);
    if (record.requestBytes > this.model.payloadLimit) {
      record.error = 'RequestPayloadSizeLimitExceeded';
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    }
    const writesBefore = this.model.writes;
    const deliveries: Delivery[] = [];
    try {
      for (const a of actions) {
        const d = a.exec();
        if (d) deliveries.push(d);
      }
    } catch (e) {
      record.writes = this.model.writes - writesBefore;
      record.error = (e as FakeOfficeError).code ?? 'GeneralException';
      throw e;
    }
    record.writes = this.model.writes - writesBefore;
    record.responseBytes = deliveries.reduce((n, d) => n + d.bytes, 0);
    if (record.responseBytes > this.model.payloadLimit) {
      record.error = 'ResponsePayloadSizeLimitExceeded';
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }
    for (const d of deliveries) d.deliver();
  }

  requireApi(version: string, what: string): void {
    if (!this.model.supports(version)) {
      throw new FakeOfficeError('ApiNotFound', `The API you are trying to use could not be found (${what}, ExcelApi ${version}).`);
    }
  }

  write(): void {
    this.model.writes++;
  }
}

const ACTION = 60;

function notLoaded(prop: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function parseLoad(spec?: string | string[] | { select?: string }): string[][] {
  const list = spec === undefined ? [] : typeof spec === 'string' ? spec.split(',') : Array.isArray(spec) ? spec : (spec.select ?? '').split(',');
  return list.map((p) => p.trim()).filter(Boolean).map((p) => p.split('/'));
}

/** Base of every proxy: loaded properties, null-object state, load(). */
abstract class FakeObject<E> {
  protected _data: Record<string, unknown> = {};
  protected _loaded = new Set<string>();
  protected _isNull: boolean | undefined;
  protected nullable = false;

  constructor(readonly context: FakeRequestContext) {}

  /** The model entity this proxy stands for, at execution time; null when it does not exist. */
  abstract resolve(): E | null;
  /** A scalar property's value, at execution time. */
  protected readProp(_entity: E, prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `Unknown property '${prop}'.`);
  }
  /** A navigation property (child proxy). */
  protected nav(_prop: string): FakeObject<unknown> | undefined {
    return undefined;
  }

  protected get<T>(prop: string): T {
    if (!this._loaded.has(prop)) throw notLoaded(prop);
    return this._data[prop] as T;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw notLoaded('isNullObject');
    return this._isNull;
  }

  /** Queue an existence check so that isNullObject is known after the next sync (office-js does this for *OrNullObject). */
  protected watchNull(): void {
    this.nullable = true;
    this.context.enqueue({
      request: ACTION,
      exec: () => {
        const e = this.resolve();
        return { bytes: 20, deliver: () => (this._isNull = e === null) };
      },
    });
  }

  load(spec?: string | string[] | { select?: string }): this {
    const paths = parseLoad(spec);
    this.context.enqueue({ request: ACTION + jsonBytes(paths), exec: () => this.execLoad(paths) });
    return this;
  }

  /** Run a load now (inside sync): compute values, return the delivery. */
  execLoad(paths: string[][]): Delivery {
    const entity = this.resolve();
    if (entity === null) {
      if (!this.nullable) throw new FakeOfficeError('ItemNotFound', 'The requested resource doesn\'t exist.');
      return { bytes: 20, deliver: () => (this._isNull = true) };
    }
    const values: Record<string, unknown> = {};
    const children: Delivery[] = [];
    const byHead = new Map<string, string[][]>();
    for (const p of paths) byHead.set(p[0], [...(byHead.get(p[0]) ?? []), p.slice(1)]);
    for (const [head, rests] of byHead) {
      const child = this.nav(head);
      if (child) {
        children.push(child.execLoad(rests.filter((r) => r.length)));
      } else if (head === 'items' && this instanceof FakeCollection) {
        children.push((this as unknown as FakeCollection<unknown, FakeObject<unknown>>).execItems(rests.filter((r) => r.length)));
      } else {
        values[head] = this.readProp(entity, head);
      }
    }
    return {
      bytes: jsonBytes(values) + children.reduce((n, c) => n + c.bytes, 0),
      deliver: () => {
        this._isNull = false;
        for (const [k, v] of Object.entries(values)) {
          this._data[k] = v;
          this._loaded.add(k);
        }
        for (const c of children) c.deliver();
      },
    };
  }

  /** Queue a write: resolved, checked and applied in order at sync. */
  protected queueWrite(payload: unknown, apply: (entity: E) => void): void {
    this.context.enqueue({
      request: ACTION + jsonBytes(payload),
      exec: () => {
        const e = this.resolve();
        if (e === null) throw new FakeOfficeError('InvalidObjectPath', 'The object path is not valid: the object does not exist.');
        apply(e);
      },
    });
  }
}

abstract class FakeCollection<E, P extends FakeObject<unknown>> extends FakeObject<E[]> {
  private _items: P[] | undefined;
  protected abstract itemProxy(entity: unknown): P;

  get items(): P[] {
    if (!this._items) throw notLoaded('items');
    return this._items;
  }

  execItems(rest: string[][]): Delivery {
    const list = this.resolve() ?? [];
    const proxies = list.map((e) => this.itemProxy(e));
    const ds = proxies.map((p) => p.execLoad(rest));
    return {
      bytes: ds.reduce((n, d) => n + d.bytes, 2),
      deliver: () => {
        this._items = proxies;
        ds.forEach((d) => d.deliver());
      },
    };
  }
}

// ───────────────────────────── workbook, application ─────────────────────────────

export class FakeApplication {
  constructor(private readonly context: FakeRequestContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.context.enqueue({ request: ACTION, exec: () => this.context.requireApi('1.6', 'suspendApiCalculationUntilNextSync') });
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.context.enqueue({ request: ACTION, exec: () => this.context.requireApi('1.9', 'suspendScreenUpdatingUntilNextSync') });
  }
}

/** `Excel.FunctionResult`: a worksheet function's answer, loaded like any property (`value`, `error`). */
export class FakeFunctionResult extends FakeObject<{ value: unknown; error: string | null }> {
  constructor(
    context: FakeRequestContext,
    private readonly compute: () => { value: unknown; error: string | null },
  ) {
    super(context);
  }
  resolve(): { value: unknown; error: string | null } {
    return this.compute();
  }
  protected override readProp(e: { value: unknown; error: string | null }, prop: string): unknown {
    if (prop === 'value') return e.value;
    if (prop === 'error') return e.error;
    return super.readProp(e, prop);
  }
  get value(): unknown {
    return this.get('value');
  }
  get error(): string | null {
    return this.get('error');
  }
}

/** `workbook.functions` (ExcelApi 1.2): only the functions the adapter uses, answering as Excel does. */
export class FakeFunctions {
  constructor(private readonly context: FakeRequestContext) {}
  /** DATE(y, m, d): the serial in the workbook's date system (1900: with its phantom 29 February 1900). */
  date(year: number, month: number, day: number): FakeFunctionResult {
    return new FakeFunctionResult(this.context, () => {
      this.context.requireApi('1.2', 'functions');
      const ms = Date.UTC(year, month - 1, day);
      let serial = ms / 86400000 + 25569;
      if (serial < 61) serial -= 1;
      if (this.context.model.date1904) serial -= 1462;
      return serial < 0 ? { value: null, error: '#NUM!' } : { value: serial, error: null };
    });
  }
}

export class FakeWorkbook extends FakeObject<FakeWorkbookModel> {
  readonly worksheets: FakeWorksheetCollection;
  readonly protection: FakeWorkbookProtection;
  readonly functions: FakeFunctions;
  private _comments: FakeCommentCollection | undefined;

  constructor(context: FakeRequestContext) {
    super(context);
    this.worksheets = new FakeWorksheetCollection(context);
    this.protection = new FakeWorkbookProtection(context);
    this.functions = new FakeFunctions(context);
  }
  resolve(): FakeWorkbookModel {
    return this.context.model;
  }
  protected override readProp(e: FakeWorkbookModel, prop: string): unknown {
    if (prop === 'name') return e.name;
    return super.readProp(e, prop);
  }
  protected override nav(prop: string): FakeObject<unknown> | undefined {
    if (prop === 'protection') return this.protection;
    return undefined;
  }
  get name(): string {
    return this.get('name');
  }
  get comments(): FakeCommentCollection {
    this._comments ??= new FakeCommentCollection(this.context);
    return this._comments;
  }
}

export class FakeWorkbookProtection extends FakeObject<FakeWorkbookModel> {
  resolve(): FakeWorkbookModel {
    return this.context.model;
  }
  protected override readProp(e: FakeWorkbookModel, prop: string): unknown {
    if (prop === 'protected') return e.structureProtected;
    return super.readProp(e, prop);
  }
  get protected(): boolean {
    return this.get('protected');
  }
}

// ───────────────────────────── worksheets ─────────────────────────────

export class FakeWorksheetCollection extends FakeCollection<FakeSheet, FakeWorksheet> {
  resolve(): FakeSheet[] {
    return this.context.model.sheets;
  }
  protected itemProxy(entity: unknown): FakeWorksheet {
    const s = entity as FakeSheet;
    return new FakeWorksheet(this.context, () => (this.context.model.sheets.includes(s) ? s : null));
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.model.sheet(name) ?? null, name);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.context, () => this.context.model.sheet(name) ?? null);
    ws.markNullable();
    return ws;
  }
  add(name?: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    const ws = new FakeWorksheet(this.context, () => created);
    this.context.enqueue({
      request: ACTION + jsonBytes(name ?? ''),
      exec: () => {
        const model = this.context.model;
        if (model.structureProtected) throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
        const n = name ?? `Sheet${model.sheets.length + 1}`;
        if (model.sheet(n)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named '${n}' already exists.`);
        created = model.newSheet(n);
        this.context.write();
      },
    });
    return ws;
  }
}

export class FakeWorksheet extends FakeObject<FakeSheet> {
  readonly protection: FakeWorksheetProtection;
  private _notes: FakeNoteCollection | undefined;
  readonly freezePanes: { freezeRows: (count?: number) => void };
  readonly autoFilter: { apply: (range: FakeRange) => void };
  readonly pageLayout: { orientation: string; zoom: FakeSheet['page']['zoom']; setPrintTitleRows: (rows: string) => void };

  constructor(context: FakeRequestContext, private readonly resolver: () => FakeSheet | null, private readonly lookupName?: string) {
    super(context);
    this.autoFilter = {
      apply: (range: FakeRange) =>
        this.queueWrite(null, (s) => {
          this.context.requireApi('1.9', 'autoFilter');
          const r = range.resolve();
          if (!r || r.sheet !== s) throw new FakeOfficeError('InvalidArgument', 'The autofilter range must be on its sheet.');
          s.autoFilter = rectAddress(s, r.rect).split('!')[1];
          this.context.write();
        }),
    };
    const page = (apply: (s: FakeSheet) => void, payload: unknown) =>
      this.queueWrite(payload, (s) => {
        this.context.requireApi('1.9', 'pageLayout');
        apply(s);
        this.context.write();
      });
    this.pageLayout = {
      set orientation(v: string) {
        if (v !== 'Landscape' && v !== 'Portrait') throw new FakeOfficeError('InvalidArgument', `Bad orientation ${v}`);
        page((s) => (s.page.orientation = v), v);
      },
      get orientation(): string {
        throw new Error('the fake does not read the page layout back');
      },
      // ExcelApi 1.9: whole rows as `$2:$2` (Excel refuses a range that is not whole rows)
      setPrintTitleRows(rows: string) {
        const m = /^\$?(\d+):\$?(\d+)$/.exec(typeof rows === 'string' ? rows : '');
        if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) throw new FakeOfficeError('InvalidArgument', `Bad print title rows ${String(rows)}`);
        page((s) => (s.page.printTitleRows = `$${m[1]}:$${m[2]}`), rows);
      },
      set zoom(z: FakeSheet['page']['zoom']) {
        page((s) => (s.page.zoom = { ...z }), z);
      },
      get zoom(): FakeSheet['page']['zoom'] {
        throw new Error('the fake does not read the page layout back');
      },
    };
    this.protection = new FakeWorksheetProtection(context, () => this.resolveOrThrow());
    this.freezePanes = {
      freezeRows: (count = 1) =>
        this.queueWrite(count, (s) => {
          this.context.requireApi('1.7', 'freezePanes');
          s.frozenRows = count;
          this.context.write();
        }),
    };
  }
  /** Classic notes on this sheet (ExcelApi 1.18). */
  get notes(): FakeNoteCollection {
    this._notes ??= new FakeNoteCollection(this.context, this);
    return this._notes;
  }
  markNullable(): void {
    this.watchNull();
  }
  resolve(): FakeSheet | null {
    const s = this.resolver();
    if (!s && this.lookupName !== undefined) {
      throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist (sheet '${this.lookupName}').`);
    }
    return s;
  }
  resolveOrThrow(): FakeSheet | null {
    return this.resolve();
  }
  protected override readProp(s: FakeSheet, prop: string): unknown {
    switch (prop) {
      case 'name':
        return s.name;
      case 'visibility':
        return s.visibility;
      case 'tabColor':
        return s.tabColor;
      case 'position':
        return this.context.model.sheets.indexOf(s);
      case 'id':
        return String(s.id);
    }
    return super.readProp(s, prop);
  }
  protected override nav(prop: string): FakeObject<unknown> | undefined {
    return prop === 'protection' ? this.protection : undefined;
  }
  get name(): string {
    return this.get('name');
  }
  get visibility(): string {
    return this.get('visibility');
  }
  set visibility(v: string) {
    this.queueWrite(v, (s) => {
      if (!['Visible', 'Hidden', 'VeryHidden'].includes(v)) throw new FakeOfficeError('InvalidArgument', `Bad visibility ${v}`);
      if (v !== 'Visible' && s.visibility === 'Visible' && this.context.model.sheets.filter((x) => x.visibility === 'Visible').length === 1) {
        throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      }
      s.visibility = v as FakeSheet['visibility'];
      this.context.write();
    });
  }
  get tabColor(): string {
    return this.get('tabColor');
  }
  set tabColor(v: string) {
    this.queueWrite(v, (s) => {
      this.context.requireApi('1.7', 'tabColor');
      s.tabColor = v;
      this.context.write();
    });
  }
  delete(): void {
    this.queueWrite(null, (s) => {
      const model = this.context.model;
      if (model.structureProtected) throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
      const visible = model.sheets.filter((x) => x.visibility === 'Visible');
      if (s.visibility === 'Visible' && visible.length === 1) {
        throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      }
      model.sheets = model.sheets.filter((x) => x !== s);
      model.comments = model.comments.filter((c) => c.sheetId !== s.id);
      model.notes = model.notes.filter((n) => n.sheetId !== s.id);
      if (model.activeSheetId === s.id) model.activeSheetId = (model.sheets.find((x) => x.visibility === 'Visible') ?? model.sheets[0])?.id ?? 0;
      this.context.write();
    });
  }
  activate(): void {
    this.queueWrite(null, (s) => {
      if (s.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', 'Cannot activate a hidden sheet.');
      this.context.model.activeSheetId = s.id;
    });
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, () => {
      const s = this.resolve();
      if (!s) return null;
      return { sheet: s, rect: address ? parseRect(address) : { r: 0, c: 0, rows: 1048576, cols: 16384 } };
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.context, () => {
      this.context.requireApi('1.7', 'getRangeByIndexes');
      const s = this.resolve();
      if (!s) return null;
      if (rowCount < 1 || columnCount < 1) throw new FakeOfficeError('InvalidArgument', 'rowCount and columnCount must be positive.');
      return { sheet: s, rect: { r: startRow, c: startColumn, rows: rowCount, cols: columnCount } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const r = new FakeRange(this.context, () => {
      this.context.requireApi('1.4', 'getUsedRangeOrNullObject');
      const s = this.resolve();
      if (!s) return null;
      const rect = this.context.model.usedRect(s, valuesOnly);
      return rect ? { sheet: s, rect } : null;
    });
    r.markNullable();
    return r;
  }
}

export class FakeWorksheetProtection extends FakeObject<FakeSheet> {
  constructor(context: FakeRequestContext, private readonly sheet: () => FakeSheet | null) {
    super(context);
  }
  resolve(): FakeSheet | null {
    return this.sheet();
  }
  protected override readProp(s: FakeSheet, prop: string): unknown {
    if (prop === 'protected') return s.protected;
    if (prop === 'options') {
      this.context.requireApi('1.2', 'WorksheetProtection.options');
      return { ...(s.protectionOptions ?? {}) };
    }
    return super.readProp(s, prop);
  }
  get protected(): boolean {
    return this.get('protected');
  }
  get options(): Record<string, unknown> {
    return this.get('options');
  }
  /** Protects the sheet (ExcelApi 1.2); as in Excel, it fails on a sheet that is protected already. */
  protect(options?: Record<string, unknown>, password?: string): void {
    this.queueWrite({ options, password }, (s) => {
      this.context.requireApi('1.2', 'WorksheetProtection.protect');
      if (s.protected) throw new FakeOfficeError('InvalidOperation', `The worksheet '${s.name}' is already protected.`);
      for (const k of Object.keys(options ?? {})) {
        if (!PROTECTION_OPTIONS.has(k)) throw new FakeOfficeError('InvalidArgument', `Unknown protection option '${k}'.`);
      }
      s.protected = true;
      s.protectionOptions = { ...(options ?? {}) };
      s.protectionPassword = Boolean(password);
      this.context.write();
    });
  }
  unprotect(password?: string): void {
    this.queueWrite({ password }, (s) => {
      if (s.protectionPassword && !password) throw new FakeOfficeError('InvalidArgument', 'The password is incorrect.');
      s.protected = false;
      s.protectionOptions = null;
      s.protectionPassword = false;
      this.context.write();
    });
  }
}

/** `Excel.WorksheetProtectionOptions` of ExcelApi 1.2 (selectionMode needs 1.14 and is not modelled). */
const PROTECTION_OPTIONS = new Set([
  'allowAutoFilter',
  'allowDeleteColumns',
  'allowDeleteRows',
  'allowEditObjects',
  'allowEditScenarios',
  'allowFormatCells',
  'allowFormatColumns',
  'allowFormatRows',
  'allowInsertColumns',
  'allowInsertHyperlinks',
  'allowInsertRows',
  'allowPivotTables',
  'allowSort',
]);

// ───────────────────────────── ranges ─────────────────────────────

interface RangeRef {
  sheet: FakeSheet;
  rect: Rect;
}

type Matrix = unknown[][];

function checkShape(ref: RangeRef, m: Matrix, what: string): void {
  if (!Array.isArray(m) || m.length !== ref.rect.rows || m.some((row) => !Array.isArray(row) || row.length !== ref.rect.cols)) {
    throw new FakeOfficeError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`);
  }
}

function valueType(cell: FakeCell | undefined): string {
  const v = cell?.v;
  if (v === undefined) return cell?.f ? 'Double' : 'Empty';
  if (typeof v === 'object') return 'Error';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return 'String';
}

function displayValue(cell: FakeCell | undefined): string | number | boolean {
  const v = cell?.v;
  if (v === undefined) return cell?.f ? 0 : '';
  if (typeof v === 'object') return v.error;
  return v;
}

/** What Excel does with a value typed into a cell: text format keeps text, "=…" becomes a formula, "12" a number. */
function enterValue(cell: FakeCell, v: unknown, asFormula: boolean): void {
  delete cell.f;
  if (v === '' || v === null || v === undefined) {
    delete cell.v;
    return;
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    cell.v = cell.nf === '@' ? String(v) : v;
    return;
  }
  const s = String(v);
  if (cell.nf === '@' && !asFormula) {
    cell.v = s;
    return;
  }
  if (s.startsWith("'")) {
    cell.v = s.slice(1);
    return;
  }
  if (s.startsWith('=') && s.length > 1) {
    cell.f = s;
    delete cell.v;
    return;
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s.trim())) {
    cell.v = Number(s);
    return;
  }
  if (/^(true|false)$/i.test(s)) {
    cell.v = s.toUpperCase() === 'TRUE';
    return;
  }
  cell.v = s;
}

export class FakeRange extends FakeObject<RangeRef> {
  readonly format: FakeRangeFormat;
  readonly dataValidation: FakeDataValidation;

  constructor(context: FakeRequestContext, private readonly resolver: () => RangeRef | null) {
    super(context);
    this.format = new FakeRangeFormat(context, this);
    this.dataValidation = new FakeDataValidation(context, this);
  }
  markNullable(): void {
    this.watchNull();
  }
  resolve(): RangeRef | null {
    return this.resolver();
  }
  private eachCell<T>(ref: RangeRef, fn: (cell: FakeCell | undefined, r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < ref.rect.rows; i++) {
      const row: T[] = [];
      for (let j = 0; j < ref.rect.cols; j++) {
        row.push(fn(this.context.model.cellAt(ref.sheet, ref.rect.r + i, ref.rect.c + j), ref.rect.r + i, ref.rect.c + j));
      }
      out.push(row);
    }
    return out;
  }
  protected override readProp(ref: RangeRef, prop: string): unknown {
    switch (prop) {
      case 'address':
        return rectAddress(ref.sheet, ref.rect);
      case 'rowIndex':
        return ref.rect.r;
      case 'columnIndex':
        return ref.rect.c;
      case 'rowCount':
        return ref.rect.rows;
      case 'columnCount':
        return ref.rect.cols;
      case 'values':
        return this.eachCell(ref, (cell) => displayValue(cell));
      case 'text':
        return this.eachCell(ref, (cell) => String(displayValue(cell)));
      case 'formulas':
        return this.eachCell(ref, (cell) => cell?.f ?? displayValue(cell));
      case 'numberFormat':
        return this.eachCell(ref, (cell) => cell?.nf ?? 'General');
      case 'valueTypes':
        return this.eachCell(ref, (cell) => valueType(cell));
    }
    return super.readProp(ref, prop);
  }
  protected override nav(prop: string): FakeObject<unknown> | undefined {
    return prop === 'format' ? this.format : prop === 'dataValidation' ? this.dataValidation : undefined;
  }
  get address(): string {
    return this.get('address');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get values(): unknown[][] {
    return this.get('values');
  }
  set values(m: unknown[][]) {
    this.writeCells(m, 'values', (cell, v) => enterValue(cell, v, false), true);
  }
  get formulas(): unknown[][] {
    return this.get('formulas');
  }
  set formulas(m: unknown[][]) {
    this.writeCells(m, 'formulas', (cell, v) => enterValue(cell, v, true), true);
  }
  get numberFormat(): string[][] {
    return this.get('numberFormat');
  }
  set numberFormat(m: string[][]) {
    this.writeCells(m, 'numberFormat', (cell, v) => (cell.nf = String(v)));
  }
  get valueTypes(): string[][] {
    return this.get('valueTypes');
  }
  get text(): string[][] {
    return this.get('text');
  }
  set hyperlink(h: { documentReference?: string; address?: string; textToDisplay?: string }) {
    this.queueWrite(h, (ref) => {
      this.context.requireApi('1.7', 'hyperlink');
      this.guard(ref);
      for (let i = 0; i < ref.rect.rows; i++) {
        for (let j = 0; j < ref.rect.cols; j++) {
          const cell = this.context.model.cellAt(ref.sheet, ref.rect.r + i, ref.rect.c + j, true)!;
          cell.hyperlink = { ...h };
          if (h.textToDisplay !== undefined) cell.v = h.textToDisplay;
        }
      }
      this.context.write();
    });
  }
  /** Writes a matrix (or a single value broadcast over the range, as office-js allows). */
  private writeCells(m: unknown, what: string, apply: (cell: FakeCell, v: unknown) => void, entry = false): void {
    this.queueWrite(m, (ref) => {
      if (entry) this.guardEntry(ref);
      else this.guard(ref);
      const matrix = Array.isArray(m) ? (m as Matrix) : null;
      if (matrix) checkShape(ref, matrix, what);
      for (let i = 0; i < ref.rect.rows; i++) {
        for (let j = 0; j < ref.rect.cols; j++) {
          const cell = this.context.model.cellAt(ref.sheet, ref.rect.r + i, ref.rect.c + j, true)!;
          apply(cell, matrix ? matrix[i][j] : m);
        }
      }
      this.context.write();
    });
  }
  guard(ref: RangeRef): void {
    if (ref.sheet.protected) {
      throw new FakeOfficeError('AccessDenied', `The cell or chart you're trying to change is on a protected sheet (${ref.sheet.name}).`);
    }
  }
  /** Values and formulas: on a protected sheet only into cells that were unlocked (as a user types into them). */
  guardEntry(ref: RangeRef): void {
    if (!ref.sheet.protected) return;
    for (let i = 0; i < ref.rect.rows; i++) {
      for (let j = 0; j < ref.rect.cols; j++) {
        if (this.context.model.cellAt(ref.sheet, ref.rect.r + i, ref.rect.c + j)?.locked !== false) this.guard(ref);
      }
    }
  }
  select(): void {
    this.queueWrite(null, (ref) => {
      if (this.context.model.activeSheetId !== ref.sheet.id) throw new FakeOfficeError('InvalidOperation', 'select: the sheet is not active.');
      this.context.model.selection = { sheet: ref.sheet.name, address: rectAddress(ref.sheet, ref.rect).split('!')[1] };
    });
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    const areas = new FakeRangeAreas(this.context, () => {
      this.context.requireApi('1.13', 'getMergedAreasOrNullObject');
      const ref = this.resolve();
      if (!ref) return null;
      const { r, c, rows, cols } = ref.rect;
      const hits = ref.sheet.merges.filter((m) => m.r1 <= r + rows - 1 && m.r2 >= r && m.c1 <= c + cols - 1 && m.c2 >= c);
      return hits.length ? { sheet: ref.sheet, rects: hits.map((m) => ({ r: m.r1, c: m.c1, rows: m.r2 - m.r1 + 1, cols: m.c2 - m.c1 + 1 })) } : null;
    });
    areas.markNullable();
    return areas;
  }
}

export class FakeRangeAreas extends FakeObject<{ sheet: FakeSheet; rects: Rect[] }> {
  constructor(context: FakeRequestContext, private readonly resolver: () => { sheet: FakeSheet; rects: Rect[] } | null) {
    super(context);
  }
  markNullable(): void {
    this.watchNull();
  }
  resolve(): { sheet: FakeSheet; rects: Rect[] } | null {
    return this.resolver();
  }
  protected override readProp(e: { sheet: FakeSheet; rects: Rect[] }, prop: string): unknown {
    if (prop === 'address') return e.rects.map((r) => rectAddress(e.sheet, r)).join(', ');
    if (prop === 'areaCount') return e.rects.length;
    return super.readProp(e, prop);
  }
  get address(): string {
    return this.get('address');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }
}

export class FakeRangeFormat extends FakeObject<RangeRef> {
  readonly fill: FakeRangeFill;
  readonly font: FakeRangeFont;
  readonly protection: FakeFormatProtection;
  constructor(context: FakeRequestContext, private readonly range: FakeRange) {
    super(context);
    this.fill = new FakeRangeFill(context, range);
    this.font = new FakeRangeFont(context, range);
    this.protection = new FakeFormatProtection(context, range);
  }
  resolve(): RangeRef | null {
    return this.range.resolve();
  }
  protected override nav(prop: string): FakeObject<unknown> | undefined {
    return prop === 'fill' ? this.fill : prop === 'font' ? this.font : prop === 'protection' ? this.protection : undefined;
  }
  private setEach(payload: unknown, fn: (cell: FakeCell) => void): void {
    this.queueWrite(payload, (ref) => {
      this.range.guard(ref);
      for (let i = 0; i < ref.rect.rows; i++) {
        for (let j = 0; j < ref.rect.cols; j++) fn(this.context.model.cellAt(ref.sheet, ref.rect.r + i, ref.rect.c + j, true)!);
      }
      this.context.write();
    });
  }
  set horizontalAlignment(v: string) {
    this.setEach(v, (c) => (c.hAlign = v));
  }
  set verticalAlignment(v: string) {
    this.setEach(v, (c) => (c.vAlign = v));
  }
  set wrapText(v: boolean) {
    this.setEach(v, (c) => (c.wrap = v));
  }
  set columnWidth(points: number) {
    this.queueWrite(points, (ref) => {
      this.range.guard(ref);
      for (let j = 0; j < ref.rect.cols; j++) ref.sheet.colWidths.set(ref.rect.c + j, points);
      this.context.write();
    });
  }
  set rowHeight(points: number) {
    this.queueWrite(points, (ref) => {
      this.range.guard(ref);
      for (let i = 0; i < ref.rect.rows; i++) ref.sheet.rowHeights.set(ref.rect.r + i, points);
      this.context.write();
    });
  }
}

/** `range.format.protection` (ExcelApi 1.2): whether the cells stay locked when their sheet is protected. */
export class FakeFormatProtection extends FakeObject<RangeRef> {
  constructor(context: FakeRequestContext, private readonly range: FakeRange) {
    super(context);
  }
  resolve(): RangeRef | null {
    return this.range.resolve();
  }
  protected override readProp(ref: RangeRef, prop: string): unknown {
    if (prop === 'locked') {
      const all = this.cells(ref).map((c) => c?.locked !== false);
      return all.every((x) => x === all[0]) ? all[0] : null;
    }
    return super.readProp(ref, prop);
  }
  private cells(ref: RangeRef): (FakeCell | undefined)[] {
    const out: (FakeCell | undefined)[] = [];
    for (let i = 0; i < ref.rect.rows; i++) for (let j = 0; j < ref.rect.cols; j++) out.push(this.context.model.cellAt(ref.sheet, ref.rect.r + i, ref.rect.c + j));
    return out;
  }
  get locked(): boolean | null {
    return this.get('locked');
  }
  set locked(v: boolean) {
    this.queueWrite(v, (ref) => {
      this.context.requireApi('1.2', 'RangeFormat.protection');
      this.range.guard(ref);
      for (let i = 0; i < ref.rect.rows; i++) {
        for (let j = 0; j < ref.rect.cols; j++) {
          const cell = this.context.model.cellAt(ref.sheet, ref.rect.r + i, ref.rect.c + j, true)!;
          if (v) delete cell.locked;
          else cell.locked = false;
        }
      }
      this.context.write();
    });
  }
}

const RULE_KINDS = ['wholeNumber', 'decimal', 'textLength', 'date', 'time', 'list', 'custom'] as const;
const OPERATORS = new Set(['Between', 'NotBetween', 'EqualTo', 'NotEqualTo', 'GreaterThan', 'LessThan', 'GreaterThanOrEqualTo', 'LessThanOrEqualTo']);
const ALERT_STYLES = new Set(['Stop', 'Warning', 'Information']);

function badValidation(what: string): FakeOfficeError {
  return new FakeOfficeError('InvalidArgument', `The data validation is invalid: ${what}.`);
}

/** Excel's checks of a rule: exactly one kind, an operator it knows with the formulas it needs, a list's source. */
function checkRule(rule: Record<string, Record<string, unknown>>): void {
  const kinds = Object.keys(rule ?? {}).filter((k) => rule[k] !== undefined && rule[k] !== null);
  if (kinds.length !== 1 || !(RULE_KINDS as readonly string[]).includes(kinds[0])) throw badValidation(`a rule has exactly one of ${RULE_KINDS.join(', ')}`);
  const body = rule[kinds[0]];
  if (kinds[0] === 'list') {
    if (typeof body.source !== 'string' || !body.source) throw badValidation('a list needs its source');
    return;
  }
  if (kinds[0] === 'custom') {
    if (typeof body.formula !== 'string') throw badValidation('a custom rule needs its formula');
    return;
  }
  const op = String(body.operator);
  if (!OPERATORS.has(op)) throw badValidation(`unknown operator '${op}'`);
  if (body.formula1 === undefined || body.formula1 === null || body.formula1 === '') throw badValidation('formula1 is missing');
  if ((op === 'Between' || op === 'NotBetween') !== (body.formula2 !== undefined && body.formula2 !== null)) {
    throw badValidation(`formula2 goes with Between and NotBetween only (${op})`);
  }
  for (const f of [body.formula1, body.formula2]) if (typeof f === 'number' && !Number.isFinite(f)) throw badValidation('a formula is not a number');
}

function checkTexts(o: { title?: string; message?: string }): void {
  if ((o.title ?? '').length > 32) throw badValidation('a title is longer than 32 characters');
  if ((o.message ?? '').length > 255) throw badValidation('a message is longer than 255 characters');
}

/** `range.dataValidation` (ExcelApi 1.8): rule, prompt and error alert set on every cell of the range. */
export class FakeDataValidation extends FakeObject<RangeRef> {
  constructor(context: FakeRequestContext, private readonly range: FakeRange) {
    super(context);
  }
  resolve(): RangeRef | null {
    return this.range.resolve();
  }
  private first(ref: RangeRef): FakeValidation | undefined {
    return this.context.model.cellAt(ref.sheet, ref.rect.r, ref.rect.c)?.validation;
  }
  protected override readProp(ref: RangeRef, prop: string): unknown {
    this.context.requireApi('1.8', 'dataValidation');
    const v = this.first(ref);
    switch (prop) {
      case 'rule':
        return v?.rule ? JSON.parse(JSON.stringify(v.rule)) : {};
      case 'prompt':
        return { showPrompt: false, title: '', message: '', ...(v?.prompt ?? {}) };
      case 'errorAlert':
        return { showAlert: true, style: 'Stop', title: '', message: '', ...(v?.errorAlert ?? {}) };
      case 'ignoreBlanks':
        return v?.ignoreBlanks ?? true;
      case 'type': {
        const k = v?.rule ? Object.keys(v.rule)[0] : undefined;
        return k ? k.charAt(0).toUpperCase() + k.slice(1) : 'None';
      }
    }
    return super.readProp(ref, prop);
  }
  /** `valid` runs first: a refused setting leaves every cell as it was. */
  private setEach(payload: unknown, fn: (v: FakeValidation) => void, valid: () => void = () => undefined): void {
    this.queueWrite(payload, (ref) => {
      this.context.requireApi('1.8', 'dataValidation');
      this.range.guard(ref);
      valid();
      for (let i = 0; i < ref.rect.rows; i++) {
        for (let j = 0; j < ref.rect.cols; j++) {
          const cell = this.context.model.cellAt(ref.sheet, ref.rect.r + i, ref.rect.c + j, true)!;
          cell.validation ??= {};
          fn(cell.validation);
        }
      }
      this.context.write();
    });
  }
  get rule(): Record<string, Record<string, unknown>> {
    return this.get('rule');
  }
  set rule(rule: Record<string, Record<string, unknown>>) {
    const copy = JSON.parse(JSON.stringify(rule ?? {})) as Record<string, Record<string, unknown>>;
    this.setEach(copy, (v) => (v.rule = copy), () => checkRule(copy));
  }
  get type(): string {
    return this.get('type');
  }
  get prompt(): NonNullable<FakeValidation['prompt']> {
    return this.get('prompt');
  }
  set prompt(p: NonNullable<FakeValidation['prompt']>) {
    const copy = { ...p };
    this.setEach(copy, (v) => (v.prompt = copy), () => checkTexts(copy));
  }
  get errorAlert(): NonNullable<FakeValidation['errorAlert']> {
    return this.get('errorAlert');
  }
  set errorAlert(e: NonNullable<FakeValidation['errorAlert']>) {
    const copy = { ...e };
    this.setEach(
      copy,
      (v) => (v.errorAlert = copy),
      () => {
        checkTexts(copy);
        if (copy.style !== undefined && !ALERT_STYLES.has(copy.style)) throw badValidation(`unknown alert style '${copy.style}'`);
      },
    );
  }
  get ignoreBlanks(): boolean {
    return this.get('ignoreBlanks');
  }
  set ignoreBlanks(b: boolean) {
    this.setEach(b, (v) => (v.ignoreBlanks = b));
  }
  clear(): void {
    this.queueWrite(null, (ref) => {
      this.context.requireApi('1.8', 'dataValidation');
      this.range.guard(ref);
      for (let i = 0; i < ref.rect.rows; i++) {
        for (let j = 0; j < ref.rect.cols; j++) {
          const cell = this.context.model.cellAt(ref.sheet, ref.rect.r + i, ref.rect.c + j);
          if (cell) delete cell.validation;
        }
      }
      this.context.write();
    });
  }
}

export class FakeRangeFill extends FakeObject<RangeRef> {
  constructor(context: FakeRequestContext, private readonly range: FakeRange) {
    super(context);
  }
  resolve(): RangeRef | null {
    return this.range.resolve();
  }
  private fills(ref: RangeRef): (string | undefined)[] {
    const out: (string | undefined)[] = [];
    for (let i = 0; i < ref.rect.rows; i++) {
      for (let j = 0; j < ref.rect.cols; j++) out.push(this.context.model.cellAt(ref.sheet, ref.rect.r + i, ref.rect.c + j)?.fill);
    }
    return out;
  }
  protected override readProp(ref: RangeRef, prop: string): unknown {
    const fills = this.fills(ref);
    const same = fills.every((f) => f === fills[0]);
    if (prop === 'color') return same ? (fills[0] ?? '#FFFFFF') : null;
    if (prop === 'pattern') {
      this.context.requireApi('1.9', 'RangeFill.pattern');
      return same ? (fills[0] ? 'Solid' : 'None') : null;
    }
    return super.readProp(ref, prop);
  }
  get color(): string {
    return this.get('color');
  }
  set color(v: string) {
    this.queueWrite(v, (ref) => {
      this.range.guard(ref);
      for (let i = 0; i < ref.rect.rows; i++) {
        for (let j = 0; j < ref.rect.cols; j++) this.context.model.cellAt(ref.sheet, ref.rect.r + i, ref.rect.c + j, true)!.fill = v.toUpperCase();
      }
      this.context.write();
    });
  }
  get pattern(): string {
    return this.get('pattern');
  }
  clear(): void {
    this.queueWrite(null, (ref) => {
      this.range.guard(ref);
      for (let i = 0; i < ref.rect.rows; i++) {
        for (let j = 0; j < ref.rect.cols; j++) {
          const cell = this.context.model.cellAt(ref.sheet, ref.rect.r + i, ref.rect.c + j);
          if (cell) delete cell.fill;
        }
      }
      this.context.write();
    });
  }
}

export class FakeRangeFont extends FakeObject<RangeRef> {
  constructor(context: FakeRequestContext, private readonly range: FakeRange) {
    super(context);
  }
  resolve(): RangeRef | null {
    return this.range.resolve();
  }
  private setFont(payload: unknown, fn: (f: FakeFont) => void): void {
    this.queueWrite(payload, (ref) => {
      this.range.guard(ref);
      for (let i = 0; i < ref.rect.rows; i++) {
        for (let j = 0; j < ref.rect.cols; j++) {
          const cell = this.context.model.cellAt(ref.sheet, ref.rect.r + i, ref.rect.c + j, true)!;
          cell.font ??= {};
          fn(cell.font);
        }
      }
      this.context.write();
    });
  }
  set name(v: string) {
    this.setFont(v, (f) => (f.name = v));
  }
  set size(v: number) {
    this.setFont(v, (f) => (f.size = v));
  }
  set bold(v: boolean) {
    this.setFont(v, (f) => (f.bold = v));
  }
  set color(v: string) {
    this.setFont(v, (f) => (f.color = v));
  }
  set underline(v: string) {
    this.setFont(v, (f) => (f.underline = v));
  }
}

// ───────────────────────────── comments (ExcelApi 1.10) ─────────────────────────────

export class FakeCommentCollection extends FakeCollection<FakeComment, FakeComment_> {
  resolve(): FakeComment[] {
    this.context.requireApi('1.10', 'comments');
    return this.context.model.comments;
  }
  protected itemProxy(entity: unknown): FakeComment_ {
    const c = entity as FakeComment;
    return new FakeComment_(this.context, () => (this.context.model.comments.includes(c) ? c : null));
  }
  add(cell: FakeRange | string, content: string): FakeComment_ {
    let created: FakeComment | null = null;
    const proxy = new FakeComment_(this.context, () => created);
    this.context.enqueue({
      request: ACTION + jsonBytes(content),
      exec: () => {
        this.context.requireApi('1.10', 'comments.add');
        const model = this.context.model;
        let ref: RangeRef | null;
        if (typeof cell === 'string') {
          const sheetName = cell.includes('!') ? cell.slice(0, cell.lastIndexOf('!')).replace(/^'(.*)'$/, '$1').replace(/''/g, "'") : '';
          const s = model.sheet(sheetName);
          if (!s) throw new FakeOfficeError('InvalidArgument', 'The cell address must include the sheet name.');
          ref = { sheet: s, rect: parseRect(cell) };
        } else ref = cell.resolve();
        if (!ref || ref.rect.rows !== 1 || ref.rect.cols !== 1) throw new FakeOfficeError('InvalidArgument', 'A comment needs exactly one cell.');
        cell instanceof FakeRange && cell.guard(ref);
        if (model.comments.some((c) => c.sheetId === ref!.sheet.id && c.row === ref!.rect.r && c.col === ref!.rect.c)) {
          throw new FakeOfficeError('InvalidArgument', 'The cell already has a comment.');
        }
        created = { id: model.newCommentId(), sheetId: ref.sheet.id, row: ref.rect.r, col: ref.rect.c, content };
        model.comments.push(created);
        this.context.write();
      },
    });
    return proxy;
  }
}

export class FakeComment_ extends FakeObject<FakeComment> {
  constructor(context: FakeRequestContext, private readonly resolver: () => FakeComment | null) {
    super(context);
  }
  resolve(): FakeComment | null {
    return this.resolver();
  }
  protected override readProp(c: FakeComment, prop: string): unknown {
    if (prop === 'id') return c.id;
    if (prop === 'content') return c.content;
    return super.readProp(c, prop);
  }
  get id(): string {
    return this.get('id');
  }
  get content(): string {
    return this.get('content');
  }
  getLocation(): FakeRange {
    return new FakeRange(this.context, () => {
      const c = this.resolve();
      if (!c) return null;
      const s = this.context.model.sheets.find((x) => x.id === c.sheetId);
      return s ? { sheet: s, rect: { r: c.row, c: c.col, rows: 1, cols: 1 } } : null;
    });
  }
  delete(): void {
    this.queueWrite(null, (c) => {
      const s = this.context.model.sheets.find((x) => x.id === c.sheetId);
      if (s?.protected) throw new FakeOfficeError('AccessDenied', 'The sheet is protected.');
      this.context.model.comments = this.context.model.comments.filter((x) => x !== c);
      this.context.write();
    });
  }
}

// ───────────────────────────── notes (ExcelApi 1.18) ─────────────────────────────

/** `worksheet.notes`: only `add`, as the adapter uses it (a Range of one cell on this sheet, or an address). */
export class FakeNoteCollection {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {}
  add(cell: FakeRange | string, content: string): void {
    this.context.enqueue({
      request: ACTION + jsonBytes(content),
      exec: () => {
        this.context.requireApi('1.18', 'notes.add');
        const sheet = this.ws.resolve();
        if (!sheet) throw new FakeOfficeError('InvalidObjectPath', 'The object path is not valid: the sheet does not exist.');
        const ref = typeof cell === 'string' ? { sheet, rect: parseRect(cell) } : cell.resolve();
        if (!ref || ref.sheet !== sheet) throw new FakeOfficeError('InvalidArgument', 'The note must be on this sheet.');
        if (ref.rect.rows !== 1 || ref.rect.cols !== 1) throw new FakeOfficeError('InvalidCellAddress', 'A note needs exactly one cell.');
        if (sheet.protected) throw new FakeOfficeError('AccessDenied', `The cell you're trying to change is on a protected sheet (${sheet.name}).`);
        const model = this.context.model;
        if (model.notes.some((n) => n.sheetId === sheet.id && n.row === ref.rect.r && n.col === ref.rect.c)) {
          throw new FakeOfficeError('InvalidArgument', 'The cell already has a note.');
        }
        model.notes.push({ sheetId: sheet.id, row: ref.rect.r, col: ref.rect.c, content: String(content) });
        this.context.write();
      },
    });
  }
}

// ───────────────────────────── entry point ─────────────────────────────

export interface FakeExcel {
  model: FakeWorkbookModel;
  /** Like Excel.run: a fresh context per batch, pending actions flushed by a final sync. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** A context to call adapter functions directly (cast to Excel.RequestContext). */
  context(): Excel.RequestContext;
  /** What `Office.context.requirements` answers for this fake. */
  env: { isSetSupported(name: string, version: string): boolean };
  /** Syncs since the last reset. */
  syncCount(): number;
  resetCounters(): void;
}

export function createFakeExcel(opts: { apiVersion?: string } = {}): FakeExcel {
  const model = new FakeWorkbookModel(opts.apiVersion ?? '1.13');
  return {
    model,
    async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
      const ctx = new FakeRequestContext(model);
      const result = await batch(ctx as unknown as Excel.RequestContext);
      if (ctx.pending) await ctx.sync();
      return result;
    },
    context: () => new FakeRequestContext(model) as unknown as Excel.RequestContext,
    env: { isSetSupported: (name: string, version: string) => name === 'ExcelApi' && model.supports(version) },
    syncCount: () => model.syncs.length,
    resetCounters() {
      model.syncs = [];
      model.writes = 0;
    },
  };
}
