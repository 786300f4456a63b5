/**
 * Figures as officials write them: the one place a figure becomes text (narrative, result sheets, UI).
 *
 *   3000余份 · 100余次 · 3万余份 · 1.3万元 · 10多万元 · 近300幅 · 近3万余份 · 37件 · 12345人 · 98.0% · 是/否
 *
 * Approximation markers are information and are always kept, in the place officials put them:
 * `近`/`约`/`不少于` before the number, `余`/`多` after the number (after `万` when the figure was written
 * with 万, unless the source put it before: `10多万元`), `以上` after the unit.
 */
import { CATALOG, indicatorById } from './catalog';
import { formatPercent } from './rate';
import type { ApproxMarker, Catalog, Observation } from './types';

export { formatPercent } from './rate';

const BEFORE: ApproxMarker[] = ['近', '约', '不少于'];
const AFTER_NUMBER: ApproxMarker[] = ['余', '多'];

/**
 * A plain number as prose writes it: Arabic digits, no thousands separators, no exponent, no binary noise
 * (`0.1 + 0.2` → `0.3`), at most `maxDecimals` places with trailing zeros dropped. Non-finite → ''.
 */
export function formatNumber(n: number, maxDecimals = 4): string {
  if (!Number.isFinite(n)) return '';
  const fixed = Math.abs(n).toFixed(maxDecimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  if (/^0$/.test(trimmed)) return '0';
  return (n < 0 ? '-' : '') + trimmed;
}

const catalogIndex = new WeakMap<Catalog, ReturnType<typeof indicatorById>>();
function indexOf(catalog: Catalog): ReturnType<typeof indicatorById> {
  let idx = catalogIndex.get(catalog);
  if (!idx) {
    idx = indicatorById(catalog);
    catalogIndex.set(catalog, idx);
  }
  return idx;
}

/** The unit to print after a figure: the observation's, else the catalog's; never `%` for counts. */
function unitOf(obs: Observation, catalog: Catalog): string {
  const u = obs.unit ?? indexOf(catalog).get(obs.indicator)?.unit ?? '';
  return u === '%' ? '' : u;
}

/** True when a marker written in `raw` stands before 万 (`10多万元`) rather than after it (`3万余份`). */
function markerBeforeWan(raw: string, marker: ApproxMarker): boolean {
  const i = raw.indexOf(marker);
  const w = raw.indexOf('万');
  return i >= 0 && w >= 0 && i < w;
}

/**
 * An observation's figure as officials write it, with its unit and approximation markers; '' when the
 * observation holds no figure (blank, `—`, formula error, unreadable). Yes/no → `是`/`否`; text as written;
 * rates one decimal except exact 100% (via rate.ts).
 */
export function formatFigure(obs: Observation, catalog: Catalog = CATALOG): string {
  const v = obs.value;
  switch (obs.kind) {
    case 'yesno':
      return typeof v === 'boolean' ? (v ? '是' : '否') : '';
    case 'text':
      return typeof v === 'string' ? v.trim() : obs.raw.trim();
    case 'percent': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return '';
      const before = obs.markers.filter((m) => BEFORE.includes(m)).join('');
      const after = obs.markers.includes('以上') ? '以上' : '';
      return `${before}${formatPercent(v)}${after}`;
    }
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return '';
      return formatAmount(v, unitOf(obs, catalog), obs.markers, obs.wan, obs.raw);
    }
    default:
      return '';
  }
}

/**
 * A number with unit and markers. `wan`: the figure was written with 万 (value already multiplied out),
 * so it is written with 万 again — unless the unit itself is a 万-unit (`万元`), whose value is already in 万.
 */
export function formatAmount(
  value: number,
  unit: string | null,
  markers: ApproxMarker[] = [],
  wan = false,
  raw = '',
): string {
  const u = unit ?? '';
  const before = markers.filter((m) => BEFORE.includes(m)).join('');
  const afterNum = markers.filter((m) => AFTER_NUMBER.includes(m)).join('');
  const tail = markers.includes('以上') ? '以上' : '';
  const unitHasWan = u.startsWith('万');
  if (wan && !unitHasWan) {
    const num = formatNumber(value / 10000);
    const early = afterNum && AFTER_NUMBER.some((m) => markers.includes(m) && markerBeforeWan(raw, m));
    return early ? `${before}${num}${afterNum}万${u}${tail}` : `${before}${num}万${afterNum}${u}${tail}`;
  }
  // `10多万元`: the marker sits between the number and a 万-unit.
  return `${before}${formatNumber(value)}${afterNum}${u}${tail}`;
}
