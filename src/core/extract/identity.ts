/**
 * The workbook's identity: 单位名称, 报告年度, 报送对象, 落款日期. Read from key–value rows anywhere
 * (`单位名称 | 周营镇`), from `填报单位：周营镇` cells, else from titles (`周营镇2023年度…统计表`).
 * The choice never depends on sheet order: candidates are ranked by kind, then sheet name, row, column.
 */
import { a1 } from '../address';
import { parseValue } from '../value';
import type { SheetView } from './sheet';
import { squeeze } from './sheet';
import {
  cleanUnitName,
  headerRole,
  identityKey,
  inlineIdentity,
  townshipInTitle,
  yearInText,
  type IdentityField,
} from './words';

export interface Identity {
  unit: string | null;
  year: number | null;
  addressee: string | null;
  date: string | null;
  cells: Partial<Record<IdentityField, { sheet: string; cell: string }>>;
  /** Cells read as identity (so indicator rows do not report them as unknown). */
  used: Set<string>;
  /** The unit was written as a field (`单位名称 | 周营镇`, `填报单位：周营镇`), not only read from a title, 落款 or the file's name. */
  unitKeyed?: boolean;
}

interface Candidate {
  field: IdentityField;
  value: string | number;
  prio: number;
  sheet: string;
  row: number;
  col: number;
}

function isoToChinese(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Read a value cell for an identity field; null when it does not fit the field. */
function readField(view: SheetView, field: IdentityField, r: number, c: number): string | number | null {
  const raw = view.raw(r, c);
  const t = view.text(r, c);
  if (!t) return null;
  switch (field) {
    case 'unit': {
      if (typeof raw !== 'string' || t.length > 40 || /^\d/.test(t)) return null;
      const role = headerRole(t);
      if (role && role.kind !== 'other') return null;
      const name = cleanUnitName(t);
      return name || null;
    }
    case 'year': {
      if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 1990 && raw <= 2100 ? raw : null;
      const y = /^((?:19|20)\d{2})\s*年?度?$/.exec(squeeze(t));
      if (y) return Number(y[1]);
      return yearInText(t);
    }
    case 'addressee': {
      if (typeof raw !== 'string' || t.length > 60) return null;
      return t.replace(/[:：]$/, '');
    }
    case 'date': {
      const p = parseValue(raw, { numberFormat: view.format(r, c), date1904: view.date1904 });
      if (p.kind === 'date' && typeof p.value === 'string') {
        if (typeof raw === 'string' && /年.*月.*日/.test(raw)) return squeeze(raw);
        return isoToChinese(p.value);
      }
      if (typeof raw === 'string' && /\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?/.test(raw)) return squeeze(raw);
      return null;
    }
  }
}

function inlineValue(field: IdentityField, v: string): string | number | null {
  switch (field) {
    case 'unit': {
      const n = cleanUnitName(v);
      return n && !/^\d/.test(n) ? n : null;
    }
    case 'year':
      return yearInText(v) ?? (/^((?:19|20)\d{2})$/.test(v) ? Number(v) : null);
    case 'addressee':
      return v;
    case 'date':
      return /\d{4}\s*年\s*\d{1,2}\s*月/.test(v) ? squeeze(v) : (() => {
        const p = parseValue(v);
        return p.kind === 'date' && typeof p.value === 'string' ? isoToChinese(p.value) : null;
      })();
  }
}

/**
 * The county of a county summary's title: `沈丘县2023年度各乡镇…汇总表` → `沈丘县`, `天津市静海区各乡镇…` → `静海区`.
 * Only for titles about all townships (各乡镇, 汇总), so a township's own title never names its county as the unit.
 */
export function countyOfSummaryTitle(text: string): string | null {
  const s = text.replace(/\s+/g, '');
  if (!/各乡|各镇|乡镇|汇总/.test(s)) return null;
  const head = /^(?:关于)?([\u4e00-\u9fff]{2,16}?)(?=\d|各|全|关于|乡镇|[一二]〇|二零|$)/.exec(s)?.[1] ?? '';
  const m = /([\u4e00-\u9fff]{1,6}?(?:县|区|市|旗))$/.exec(head);
  if (!m) return null;
  // the last county-level name: `周口市沈丘县` → `沈丘县`
  const parts = m[1].match(/[\u4e00-\u9fff]+?(?:县|区|市|旗)/g) ?? [];
  const name = parts[parts.length - 1] ?? '';
  return name.length >= 2 ? name : null;
}

/**
 * @param skipRows per sheet, rows that are table headers (a `单位` header is not a key)
 * @param titleRows per sheet, rows that may hold a title
 */
export function findIdentity(
  views: SheetView[],
  skipRows: Map<SheetView, Set<number>>,
  titleRows: Map<SheetView, number[]>,
  fallback: { year?: number; bookName?: string },
): Identity {
  const cands: Candidate[] = [];
  const used = new Set<string>();
  for (const view of views) {
    const skip = skipRows.get(view) ?? new Set<number>();
    for (let r = view.rowStart; r <= view.rowEnd; r++) {
      if (skip.has(r)) continue;
      // only text cells can be keys: skip rows of figures quickly
      let hasText = false;
      // the row's own cells, not every column up to the sheet's widest row (one far cell would make each row 16,000 wide)
      for (let c = view.colStart, end = view.colStart + view.rowLength(r) - 1; c <= end && !hasText; c++) {
        const v = view.raw(r, c);
        if (typeof v === 'string' && v.length > 1 && ((v.length <= 16 && identityKey(v.trim()) !== null) || (v.length >= 5 && /[:：]/.test(v)))) hasText = true;
      }
      if (!hasText) continue;
      const cols = view.nonEmpty(r);
      for (let i = 0; i < cols.length; i++) {
        const c = cols[i];
        const t = view.text(r, c);
        if (t.length <= 14) {
          const f = identityKey(t);
          if (f && i + 1 < cols.length) {
            const v = readField(view, f, r, cols[i + 1]);
            if (v !== null) {
              cands.push({ field: f, value: v, prio: 0, sheet: view.name, row: r, col: cols[i + 1] });
              used.add(`${view.name}\u0000${r}`);
            }
            continue;
          }
        }
        if (t.length >= 5 && /[:：]/.test(t)) {
          const hits = inlineIdentity(t);
          for (const [f, s] of hits) {
            const v = inlineValue(f, s);
            if (v !== null) {
              cands.push({ field: f, value: v, prio: 1, sheet: view.name, row: r, col: c });
              used.add(`${view.name}\u0000${r}`);
            }
          }
        }
      }
    }
    // the 落款 under the last table: `周营镇人民政府` and `2024年1月8日`, each alone on its row
    let seen = 0;
    for (let r = view.rowEnd; r >= view.rowStart && seen < 4; r--) {
      const cols = view.nonEmpty(r);
      if (!cols.length) continue;
      seen++;
      if (cols.length !== 1 || used.has(`${view.name}\u0000${r}`)) break;
      const c = cols[0];
      const raw = view.raw(r, c);
      const t = squeeze(view.text(r, c));
      const date = typeof raw === 'string' ? (/^\d{4}年\d{1,2}月\d{1,2}日$/.test(t) ? t : null) : readField(view, 'date', r, c);
      if (date !== null) {
        cands.push({ field: 'date', value: date, prio: 3, sheet: view.name, row: r, col: c });
        used.add(`${view.name}\u0000${r}`);
        continue;
      }
      const unit = typeof raw === 'string' && t.length <= 30 && /(人民政府|党委|委员会|办公室|办事处)(（盖章）|\(盖章\)|盖章)?$/.test(t) ? townshipInTitle(t) : null;
      if (unit) {
        cands.push({ field: 'unit', value: unit, prio: 3, sheet: view.name, row: r, col: c });
        used.add(`${view.name}\u0000${r}`);
        continue;
      }
      break;
    }
    for (const r of titleRows.get(view) ?? []) {
      const cols = view.nonEmpty(r);
      for (const c of cols) {
        const t = view.text(r, c);
        if (t.length < 4 || t.length > 80 || typeof view.raw(r, c) !== 'string') continue;
        // a title: alone on its row or merged wide, and worded like one (not a list item that names a town)
        const m = view.mergeAt(r, c);
        const wide = !!m && m.c2 > m.c1;
        if (!(wide || cols.length === 1) || !(wide || /表|报告|情况|统计|汇总|指标|年度|一览|台账/.test(t))) continue;
        // `填报日期：2024年1月5日` merged wide is a key line, not a title: its year is the filing year
        if (inlineIdentity(t).length > 0 || identityKey(t.split(/[:：]/)[0] ?? '') !== null) continue;
        const unit = townshipInTitle(t) ?? countyOfSummaryTitle(t);
        if (unit) cands.push({ field: 'unit', value: unit, prio: 2, sheet: view.name, row: r, col: c });
        const y = yearInText(t);
        if (y !== null && y >= 1990 && y <= 2100) cands.push({ field: 'year', value: y, prio: 2, sheet: view.name, row: r, col: c });
      }
    }
  }

  const best = (field: IdentityField): Candidate | null => {
    let b: Candidate | null = null;
    for (const k of cands) {
      if (k.field !== field) continue;
      if (
        !b ||
        k.prio < b.prio ||
        (k.prio === b.prio && (k.sheet < b.sheet || (k.sheet === b.sheet && (k.row < b.row || (k.row === b.row && k.col < b.col)))))
      )
        b = k;
    }
    return b;
  };

  const out: Identity = { unit: null, year: null, addressee: null, date: null, cells: {}, used };
  for (const f of ['unit', 'year', 'addressee', 'date'] as IdentityField[]) {
    const b = best(f);
    if (!b) continue;
    out.cells[f] = { sheet: b.sheet, cell: a1(b.row, b.col) };
    if (f === 'year') out.year = Number(b.value);
    else out[f] = String(b.value);
    if (f === 'unit' && b.prio <= 1) out.unitKeyed = true;
  }
  if (out.year === null && fallback.year !== undefined && Number.isInteger(fallback.year)) out.year = fallback.year;
  if (fallback.bookName) {
    const base = fallback.bookName.replace(/\.[A-Za-z0-9]+$/, '');
    if (out.unit === null) out.unit = townshipInTitle(base);
    if (out.year === null) {
      const y = /(?:^|[^\d])((?:19|20)\d{2})(?!\d)/.exec(base);
      if (y) out.year = Number(y[1]);
    }
  }
  // last resort: the report is filed in the first quarter about the year before, or signed at the year's end
  if (out.year === null && out.date) {
    const d = /^(\d{4})年(\d{1,2})月/.exec(out.date);
    const month = d ? Number(d[2]) : 0;
    if (d && month <= 3) out.year = Number(d[1]) - 1;
    else if (d && month >= 11) out.year = Number(d[1]);
  }
  return out;
}
