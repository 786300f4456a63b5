/**
 * How a county of 1,000 townships stays small while it is read: each township's figures are kept as numbers in one
 * typed array (FigureTable) and each summary cell is made when it is asked for (ComputedMap), instead of 73 objects,
 * strings and notes a township. Both read as a ReadonlyMap of the objects they stand for, so nothing that uses
 * them knows the difference; a value asked for twice is two equal objects, never one shared and changed.
 */
import { parseA1, a1 } from '../address';
import type { ApproxMarker } from '../types';
import type { CountyFigure } from './rows';

/** A read-only Map whose values are made from their key's place when asked for. */
export abstract class ComputedMap<V> implements ReadonlyMap<string, V> {
  protected abstract readonly ids: readonly string[];
  protected abstract make(index: number): V;

  get size(): number {
    return this.ids.length;
  }

  get(key: string): V | undefined {
    const i = this.ids.indexOf(key);
    return i < 0 ? undefined : this.make(i);
  }

  has(key: string): boolean {
    return this.ids.includes(key);
  }

  *entries(): MapIterator<[string, V]> {
    for (let i = 0; i < this.ids.length; i++) yield [this.ids[i], this.make(i)];
  }

  *keys(): MapIterator<string> {
    yield* this.ids;
  }

  *values(): MapIterator<V> {
    for (let i = 0; i < this.ids.length; i++) yield this.make(i);
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (let i = 0; i < this.ids.length; i++) fn(this.make(i), this.ids[i], this);
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

const KINDS: CountyFigure['kind'][] = ['number', 'percent', 'yesno'];
const STRIDE = 3;
// bits of a figure's third number
const APPROX = 1 << 2;
const WAN = 1 << 3;
const COMPUTED = 1 << 4;
const BOOL = 1 << 5;
/** What a figure's raw text is: its value written out, that with `%`, or a text of the table's own. */
const RAW_PLAIN = 0;
const RAW_PERCENT = 1;
const RAW_OWN = 2;

/**
 * One township's figures, by indicator: value, cell and flags as three numbers each; the few texts (sheet names,
 * units, a raw text that is not just the number, a cell that is no A1 address) once each in a small table. About
 * 30 bytes a figure instead of some 200.
 */
export class FigureTable extends ComputedMap<CountyFigure> {
  protected readonly ids: readonly string[];
  private readonly nums: Float64Array;
  /** Per figure: sheet, unit (+1, 0 none), raw (+1, 0 plain), cell (+1, 0 an A1 address) as indexes into `texts`. */
  private readonly refs: Uint16Array;
  private readonly texts: readonly string[];
  private readonly markers: ReadonlyMap<number, ApproxMarker[]>;

  static of(figures: Iterable<[string, CountyFigure]>): FigureTable {
    return new FigureTable([...figures]);
  }

  /**
   * A table as it comes back from a structured clone (the page's check worker posts each file's part): the same
   * fields — arrays, typed arrays, a Map — without the methods, which are given back. Anything else is refused.
   */
  static revived(data: unknown): FigureTable {
    if (data instanceof FigureTable) return data;
    const d = data as Partial<Record<'ids' | 'nums' | 'refs' | 'texts' | 'markers', unknown>> | null;
    // by their tags, not instanceof: a clone may be made in another realm (a worker's, a test's)
    const is = (x: unknown, tag: string) => Object.prototype.toString.call(x) === `[object ${tag}]`;
    if (!d || !Array.isArray(d.ids) || !is(d.nums, 'Float64Array') || !is(d.refs, 'Uint16Array') || !Array.isArray(d.texts) || !is(d.markers, 'Map')) {
      throw new TypeError('乡镇数字表的副本不完整，无法汇总');
    }
    return Object.setPrototypeOf(d, FigureTable.prototype) as FigureTable;
  }

  private constructor(list: [string, CountyFigure][]) {
    super();
    const texts: string[] = [];
    const at = new Map<string, number>();
    const text = (s: string) => {
      let i = at.get(s);
      if (i === undefined) at.set(s, (i = texts.push(s) - 1));
      return i;
    };
    const markers = new Map<number, ApproxMarker[]>();
    this.ids = list.map(([id]) => id);
    this.nums = new Float64Array(list.length * STRIDE);
    this.refs = new Uint16Array(list.length * 4);
    list.forEach(([, f], i) => {
      const value = typeof f.value === 'boolean' ? (f.value ? 1 : 0) : f.value;
      const place = parseA1(f.cell);
      // a cell beyond XFD (a wide .csv) or not in A1 form is kept as written
      const plainCell = place && place.col < 16384 && a1(place.row, place.col) === f.cell;
      const raw = f.raw === String(f.value) ? RAW_PLAIN : f.raw === `${f.value}%` ? RAW_PERCENT : RAW_OWN;
      let bits = KINDS.indexOf(f.kind) | raw << 6;
      if (f.approx) bits |= APPROX;
      if (f.wan) bits |= WAN;
      if (f.computed) bits |= COMPUTED;
      if (typeof f.value === 'boolean') bits |= BOOL;
      this.nums[i * STRIDE] = value;
      this.nums[i * STRIDE + 1] = plainCell ? place.row * 16384 + place.col : -1;
      this.nums[i * STRIDE + 2] = bits;
      this.refs[i * 4] = text(f.sheet);
      this.refs[i * 4 + 1] = f.unit == null ? 0 : text(f.unit) + 1;
      this.refs[i * 4 + 2] = raw === RAW_OWN ? text(f.raw) + 1 : 0;
      this.refs[i * 4 + 3] = plainCell ? 0 : text(f.cell) + 1;
      if (f.markers.length) markers.set(i, [...f.markers]);
    });
    if (texts.length >= 0xffff) throw new Error('一个乡镇的数字所用的文字太多，无法汇总');
    this.texts = texts;
    this.markers = markers;
  }

  protected make(i: number): CountyFigure {
    return new FigureView(this, i);
  }

  /** The parts of figure `i`, read by its view. */
  bits(i: number): number {
    return this.nums[i * STRIDE + 2];
  }

  number(i: number): number {
    return this.nums[i * STRIDE];
  }

  cellOf(i: number): string {
    const code = this.nums[i * STRIDE + 1];
    return code >= 0 ? a1(Math.floor(code / 16384), code % 16384) : this.texts[this.refs[i * 4 + 3] - 1];
  }

  sheetOf(i: number): string {
    return this.texts[this.refs[i * 4]];
  }

  unitOf(i: number): string | null {
    const u = this.refs[i * 4 + 1];
    return u ? this.texts[u - 1] : null;
  }

  ownRaw(i: number): string {
    return this.texts[this.refs[i * 4 + 2] - 1];
  }

  markersOf(i: number): ApproxMarker[] {
    return [...(this.markers.get(i) ?? [])];
  }
}

/**
 * One figure of a FigureTable as a CountyFigure: each part read from the table when it is asked for, so a county's
 * consolidation, which looks at every township's figure of every indicator several times, makes one small object a
 * look rather than a figure's worth of strings. Its parts cannot be changed (a figure is the township's).
 */
class FigureView implements CountyFigure {
  constructor(
    private readonly table: FigureTable,
    private readonly i: number,
  ) {}

  get value(): number | boolean {
    const n = this.table.number(this.i);
    return this.table.bits(this.i) & BOOL ? n === 1 : n;
  }

  get kind(): CountyFigure['kind'] {
    return KINDS[this.table.bits(this.i) & 3];
  }

  get raw(): string {
    const form = (this.table.bits(this.i) >> 6) & 3;
    return form === RAW_OWN ? this.table.ownRaw(this.i) : form === RAW_PERCENT ? `${this.value}%` : String(this.value);
  }

  get approx(): boolean {
    return !!(this.table.bits(this.i) & APPROX);
  }

  get markers(): ApproxMarker[] {
    return this.table.markersOf(this.i);
  }

  get unit(): string | null {
    return this.table.unitOf(this.i);
  }

  get wan(): boolean {
    return !!(this.table.bits(this.i) & WAN);
  }

  get sheet(): string {
    return this.table.sheetOf(this.i);
  }

  get cell(): string {
    return this.table.cellOf(this.i);
  }

  get computed(): true | undefined {
    return this.table.bits(this.i) & COMPUTED ? true : undefined;
  }

  /** As a plain figure (what JSON and a test's toEqual see). */
  toJSON(): CountyFigure {
    const f: CountyFigure = { value: this.value, kind: this.kind, raw: this.raw, approx: this.approx, markers: this.markers, unit: this.unit, wan: this.wan, sheet: this.sheet, cell: this.cell };
    if (this.computed) f.computed = true;
    return f;
  }
}
