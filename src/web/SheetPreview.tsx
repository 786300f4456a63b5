/**
 * A read-only view of the workbook: sheet tabs and the selected sheet's cells, the whole sheet scrollable but only
 * the rows and columns near the scroll position drawn (a sheet may have a million rows). Selecting a finding in
 * the pane switches the sheet, scrolls to the cell and highlights it.
 */
import * as React from 'react';
import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { a1, columnLetters, parseA1 } from '../core/address';
import type { Cell, Grid, Workbook } from '../core/types';
import { serialToIso } from '../core/value';
import { WIDE_MEDIA } from '../taskpane/Pane';
import type { FileHost } from './FileHost';
import { useWebStrings } from './strings';

/** Fallback sizes where nothing is laid out yet (a hidden file's panel, jsdom). */
export const ROW_HEIGHT = 22;
const DEFAULT_VIEW = { height: 480, width: 800 };
/** Rows and pixels drawn beyond each edge of the visible part, so scrolling shows no blank strip. */
const OVERSCAN_ROWS = 6;
const OVERSCAN_PX = 240;
/** Rows whose text sets the column widths (enough to see the header and the figures, bounded whatever the sheet). */
const WIDTH_SAMPLE_ROWS = 200;
const MIN_COL = 40;
const MAX_COL = 192;

/**
 * A cell as Excel would roughly show it: percent formats as %, date formats as dates (in the workbook's date
 * system, `date1904`), no float noise.
 */
export function displayCell(cell: Cell | undefined, format?: string | null, date1904 = false): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return cell.error;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'string') return cell;
  if (!Number.isFinite(cell)) return '';
  const fmt = (format ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
  if (fmt.includes('%')) {
    const dec = /\.(0+)%/.exec(fmt)?.[1].length ?? 0;
    return `${(cell * 100).toFixed(dec)}%`;
  }
  if (/[yd]/i.test(fmt) && cell > 0) return serialToIso(cell, date1904) ?? String(cell);
  return Number.isInteger(cell) ? String(cell) : String(Number(cell.toPrecision(12)));
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  tabs: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  tab: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    cursor: 'pointer',
    maxWidth: '100%',
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  tabSelected: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { backgroundColor: tokens.colorBrandBackgroundHover },
  },
  scroller: {
    overflow: 'auto',
    maxHeight: '70vh',
    maxWidth: '100%',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  // separate borders: with collapsed ones the sticky header row and row numbers lose their lines when scrolled
  sizer: { position: 'relative' },
  table: {
    position: 'absolute',
    tableLayout: 'fixed',
    borderCollapse: 'separate',
    borderSpacing: 0,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
    '& td, & th': {
      borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      padding: `1px ${tokens.spacingHorizontalXS}`,
      boxSizing: 'border-box',
      height: `${ROW_HEIGHT}px`,
      lineHeight: `${ROW_HEIGHT - 3}px`,
      whiteSpace: 'nowrap',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      verticalAlign: 'top',
    },
    '& th': {
      backgroundColor: tokens.colorNeutralBackground3,
      color: tokens.colorNeutralForeground2,
      fontWeight: tokens.fontWeightRegular,
    },
    // the column letters and the row numbers stay in view while the sheet scrolls under them
    '& thead th': { position: 'sticky', top: 0, zIndex: 2 },
    '& tbody th': { position: 'sticky', left: 0, zIndex: 1, textAlign: 'right' },
    '& thead td': { position: 'sticky', top: 0, left: 0, zIndex: 3, backgroundColor: tokens.colorNeutralBackground3 },
  },
  num: { textAlign: 'right' },
  selected: {
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    outlineOffset: '-2px',
    backgroundColor: tokens.colorBrandBackground2,
  },
  note: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere', flexGrow: 1 },
  headingBar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  /** Only where the preview sits below the findings: on wide screens they are side by side. */
  back: { [WIDE_MEDIA]: { display: 'none' } },
});

/** Geometry of the virtual sheet: every row is one line high, every column has a width estimated once. */
export interface SheetGeometry {
  /** Rows and columns shown (from A1): the sheet's extent, extended to a selected cell beyond it. */
  rows: number;
  cols: number;
  /** Pixel left edge of each column, after the row numbers (length cols + 1). */
  colLeft: Float64Array;
  /** Width of the row-number column. */
  rowHeadWidth: number;
}

/** Text with an empty cell on its right runs on over it, as in Excel (titles, section rows). */
const SPILL: React.CSSProperties = { overflow: 'visible', textOverflow: 'clip' };

/** Rough pixel width of a text at the preview's 12 px font: CJK and full-width characters one em, others 7 px. */
function textWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length && w < MAX_COL; i++) w += text.charCodeAt(i) >= 0x2e80 ? 12 : 7;
  return w;
}

/**
 * The geometry of `grid` (with a cell `sel` that must be inside it). Loops only: a sheet has up to 1,048,576 rows
 * and a spread of them into Math.max overflows the call stack.
 */
export function sheetGeometry(grid: Grid, sel: { row: number; col: number } | null): SheetGeometry {
  const originRow = grid.origin?.row ?? 0;
  const originCol = grid.origin?.col ?? 0;
  let width = 0;
  for (const r of grid.rows) if (r.length > width) width = r.length;
  const rows = Math.max(grid.rows.length ? originRow + grid.rows.length : 0, sel ? sel.row + 1 : 0);
  const cols = Math.max(width ? originCol + width : 0, sel ? sel.col + 1 : 0);
  const widths = new Float64Array(cols).fill(MIN_COL);
  const sample = Math.min(grid.rows.length, WIDTH_SAMPLE_ROWS);
  for (let i = 0; i < sample; i++) {
    const row = grid.rows[i];
    const fmts = grid.formats?.[i];
    // a row with one value is a title or section row: its text runs on over the empty cells, as in Excel
    let filled = 0;
    for (let c = 0; c < row.length && filled < 2; c++) if (row[c] !== null && row[c] !== undefined && row[c] !== '') filled++;
    if (filled < 2) continue;
    for (let c = 0; c < row.length; c++) {
      if (row[c] === null || row[c] === undefined) continue;
      const w = Math.min(MAX_COL, textWidth(displayCell(row[c], fmts?.[c], grid.date1904 === true)) + 20);
      if (w > widths[originCol + c]) widths[originCol + c] = w;
    }
  }
  const colLeft = new Float64Array(cols + 1);
  for (let c = 0; c < cols; c++) colLeft[c + 1] = colLeft[c] + widths[c];
  return { rows, cols, colLeft, rowHeadWidth: Math.max(32, String(Math.max(rows, 1)).length * 7 + 12) };
}

/** The first column whose right edge is beyond `x` (binary search over the column edges). */
function columnAt(geo: SheetGeometry, x: number): number {
  let lo = 0;
  let hi = geo.cols;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (geo.colLeft[mid + 1] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface View {
  top: number;
  left: number;
  height: number;
  width: number;
}

/** Which rows [r0, r1) and columns [c0, c1) to draw for a scroll position: the visible part and a margin. */
export function visibleWindow(geo: SheetGeometry, view: View, rowHeight = ROW_HEIGHT): { r0: number; r1: number; c0: number; c1: number } {
  const r0 = Math.max(0, Math.floor(view.top / rowHeight) - OVERSCAN_ROWS);
  const r1 = Math.min(geo.rows, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN_ROWS);
  const c0 = Math.min(geo.cols, columnAt(geo, view.left - OVERSCAN_PX));
  const c1 = Math.min(geo.cols, columnAt(geo, view.left + view.width + OVERSCAN_PX) + 1);
  return { r0, r1: Math.max(r0, r1), c0, c1: Math.max(c0, c1) };
}

/** The scroll position that puts a cell in the middle of what the sticky column letters and row numbers leave free. */
export function scrollFor(geo: SheetGeometry, cell: { row: number; col: number }, view: View, header: number, rowHeight = ROW_HEIGHT): { top: number; left: number } {
  const freeH = view.height - header;
  const freeW = view.width - geo.rowHeadWidth;
  const cellW = geo.colLeft[cell.col + 1] - geo.colLeft[cell.col];
  return {
    top: Math.max(0, cell.row * rowHeight - Math.max(0, (freeH - rowHeight) / 2)),
    left: Math.max(0, geo.colLeft[cell.col] - Math.max(0, (freeW - cellW) / 2)),
  };
}

function onScreen(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
}

interface SheetTabsProps {
  sheets: string[];
  selected: string | null;
  onSelect(name: string): void;
  label: string;
  panelId: string;
}

/** Sheet tabs (WAI-ARIA tabs: one tab in the tab order, arrows/Home/End move between tabs and select). */
function SheetTabs({ sheets, selected, onSelect, label, panelId }: SheetTabsProps) {
  const styles = useStyles();
  const list = React.useRef<HTMLDivElement>(null);
  const move = (e: React.KeyboardEvent, index: number) => {
    const last = sheets.length - 1;
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown' ? (index === last ? 0 : index + 1)
      : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? (index === 0 ? last : index - 1)
      : e.key === 'Home' ? 0
      : e.key === 'End' ? last
      : null;
    if (next === null) return;
    e.preventDefault();
    onSelect(sheets[next]);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={styles.tabs} ref={list}>
      {sheets.map((name, i) => {
        const on = name === selected;
        return (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={on}
            aria-controls={on ? panelId : undefined}
            tabIndex={on || (!selected && i === 0) ? 0 : -1}
            className={mergeClasses(styles.tab, on && styles.tabSelected)}
            data-testid="sheet-tab"
            data-sheet={name}
            onClick={() => onSelect(name)}
            onKeyDown={(e) => move(e, i)}
          >
            {name}
          </button>
        );
      })}
    </div>
  );
}

export interface SheetPreviewProps {
  host: FileHost;
  headingId: string;
}

/** The scroller's size, or a fallback while it is not laid out (display:none, jsdom). */
function measuredView(el: HTMLElement | null, top: number, left: number): View {
  const height = el?.clientHeight || DEFAULT_VIEW.height;
  const width = el?.clientWidth || DEFAULT_VIEW.width;
  return { top, left, height, width };
}

export function SheetPreview({ host, headingId }: SheetPreviewProps) {
  const s = useWebStrings();
  const styles = useStyles();
  const [book, setBook] = React.useState<Workbook | null>(null);
  const [sheet, setSheet] = React.useState<string | null>(null);
  const [selected, setSelected] = React.useState<{ sheet: string; cell: string } | null>(host.selection);
  const [scrollTick, setScrollTick] = React.useState(0);
  const [view, setView] = React.useState<View>({ top: 0, left: 0, ...DEFAULT_VIEW });
  /** Set when a selection has scrolled the preview: the page may then have to bring the cell on screen. */
  const [reveal, setReveal] = React.useState(0);
  const [rowHeight, setRowHeight] = React.useState(ROW_HEIGHT);
  const scroller = React.useRef<HTMLDivElement>(null);
  const root = React.useRef<HTMLDivElement>(null);

  React.useEffect(() => {
    let live = true;
    const load = () =>
      host.read().then(
        (b) => {
          if (!live) return;
          setBook(b);
          setSheet((cur) => (cur && b.sheets.some((g) => g.name === cur) ? cur : (b.sheets[0]?.name ?? null)));
        },
        () => undefined, // the pane reports read errors
      );
    void load();
    const off = host.subscribe((e) => {
      if (e.type === 'change') void load();
      else {
        setSelected({ sheet: e.sheet, cell: e.cell });
        setSheet(e.sheet);
        setScrollTick((t) => t + 1);
      }
    });
    return () => {
      live = false;
      off();
    };
  }, [host]);

  const grid = book?.sheets.find((g) => g.name === sheet) ?? null;
  const sel = selected && grid && selected.sheet === grid.name ? parseA1(selected.cell) : null;
  const selRow = sel?.row ?? null;
  const selCol = sel?.col ?? null;
  const geo = React.useMemo(
    () => (grid ? sheetGeometry(grid, selRow === null || selCol === null ? null : { row: selRow, col: selCol }) : null),
    [grid, selRow, selCol],
  );

  // Another sheet starts at its top left corner.
  React.useLayoutEffect(() => {
    const el = scroller.current;
    if (el) {
      el.scrollTop = 0;
      el.scrollLeft = 0;
    }
    setView(measuredView(el, 0, 0));
  }, [grid]);

  // The drawn window follows the scroller's size (a narrow screen, a panel that was hidden and is shown).
  React.useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setView(measuredView(el, el.scrollTop, el.scrollLeft)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [grid]);

  // The real row height, once laid out (fonts differ between systems); every row has it (no wrapping).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- after every draw on purpose; sets state only on a change
  React.useLayoutEffect(() => {
    const tr = scroller.current?.querySelector('tbody tr');
    const h = tr ? (tr as HTMLElement).offsetHeight : 0;
    if (h > 0 && Math.abs(h - rowHeight) > 0.5) setRowHeight(h);
  });

  // Only the preview's scroller moves (td.scrollIntoView also scrolled the page and took the finding away from
  // under the pointer): the cell's place is known from the geometry, so the window is drawn around it first.
  React.useLayoutEffect(() => {
    const el = scroller.current;
    if (!selected || !el || !geo || selRow === null || selCol === null) return;
    const header = el.querySelector('thead')?.getBoundingClientRect().height || rowHeight;
    const current = measuredView(el, el.scrollTop, el.scrollLeft);
    const to = scrollFor(geo, { row: selRow, col: selCol }, current, header, rowHeight);
    el.scrollTop = to.top;
    el.scrollLeft = to.left;
    setView({ ...current, ...to });
    setReveal((n) => n + 1);
  }, [scrollTick, selected, geo, selRow, selCol, rowHeight]);

  // Where the preview is off screen — below the findings on a narrow screen — the page then scrolls to it; focus
  // stays on the finding, and 返回问题列表 leads back.
  React.useLayoutEffect(() => {
    if (!reveal || !selected || !scroller.current) return;
    const td = scroller.current.querySelector<HTMLElement>(`td[data-cell="${selected.cell}"]`);
    if (!td || scrollTick === 0 || onScreen(td) || !root.current || typeof root.current.scrollIntoView !== 'function') return;
    root.current.scrollIntoView({ block: root.current.getBoundingClientRect().height <= window.innerHeight ? 'nearest' : 'start' });
    if (!onScreen(td)) td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    // only once per selection, not on every later render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal]);

  /** Back to the finding that was selected (the current one in this file's list), focused. */
  const backToFindings = () => {
    const pane = root.current?.closest('[data-testid="pane"]');
    const finding = pane?.querySelector<HTMLElement>('[data-testid="finding"][aria-current="true"]');
    const target = finding ?? pane?.querySelector<HTMLElement>('[data-testid="finding"]') ?? null;
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  };

  if (!book) return null;

  const originRow = grid?.origin?.row ?? 0;
  const originCol = grid?.origin?.col ?? 0;
  const win = geo ? visibleWindow(geo, view, rowHeight) : { r0: 0, r1: 0, c0: 0, c1: 0 };
  const colsShown = win.c1 - win.c0;

  return (
    <div className={styles.root} ref={root}>
      <div className={styles.headingBar}>
        <h2 id={headingId} className={styles.h2}>
          {s.previewTitle(book.name)}
        </h2>
        {scrollTick > 0 ? (
          <Button size="small" className={styles.back} onClick={backToFindings} data-testid="back-to-findings">
            {s.backToFindings}
          </Button>
        ) : null}
      </div>
      <SheetTabs
        sheets={book.sheets.map((g) => g.name)}
        selected={sheet}
        onSelect={setSheet}
        label={s.sheets}
        panelId={`${headingId}-panel`}
      />
      {grid && geo ? (
        <>
          {geo.rows > 0 ? (
            <p className={styles.note} data-testid="preview-size">
              {s.previewSize(geo.rows, geo.cols)}
            </p>
          ) : null}
          <div
            ref={scroller}
            className={styles.scroller}
            tabIndex={0}
            role="region"
            id={`${headingId}-panel`}
            aria-label={s.previewRegion(grid.name)}
            data-testid="preview-scroller"
            onScroll={(e) => {
              const el = e.currentTarget;
              setView(measuredView(el, el.scrollTop, el.scrollLeft));
            }}
          >
            {/* the whole sheet's size, so the scrollbars are true; only the window near the scroll position is drawn */}
            <div
              className={styles.sizer}
              style={{ height: `${(geo.rows + 1) * rowHeight}px`, width: `${geo.rowHeadWidth + geo.colLeft[geo.cols]}px` }}
            >
              <table
                role="grid"
                aria-readonly="true"
                aria-label={s.previewRegion(grid.name)}
                aria-rowcount={geo.rows + 1}
                aria-colcount={geo.cols + 1}
                className={styles.table}
                data-testid="preview-grid"
                data-sheet={grid.name}
                style={{
                  top: `${win.r0 * rowHeight}px`,
                  left: `${geo.colLeft[win.c0]}px`,
                  width: `${geo.rowHeadWidth + geo.colLeft[win.c1] - geo.colLeft[win.c0]}px`,
                }}
              >
                <colgroup>
                  <col style={{ width: `${geo.rowHeadWidth}px` }} />
                  {Array.from({ length: colsShown }, (_, i) => (
                    <col key={win.c0 + i} style={{ width: `${geo.colLeft[win.c0 + i + 1] - geo.colLeft[win.c0 + i]}px` }} />
                  ))}
                </colgroup>
                <thead>
                  <tr aria-rowindex={1}>
                    <td />
                    {Array.from({ length: colsShown }, (_, i) => (
                      <th key={win.c0 + i} scope="col" aria-colindex={win.c0 + i + 2}>
                        {columnLetters(win.c0 + i)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {Array.from({ length: win.r1 - win.r0 }, (_, i) => {
                    const r = win.r0 + i;
                    const row = grid.rows[r - originRow];
                    const fmts = grid.formats?.[r - originRow];
                    return (
                      <tr key={r} aria-rowindex={r + 2}>
                        <th scope="row" aria-colindex={1}>
                          {r + 1}
                        </th>
                        {Array.from({ length: colsShown }, (_, j) => {
                          const c = win.c0 + j;
                          const addr = a1(r, c);
                          const isSel = selRow === r && selCol === c;
                          const v = row?.[c - originCol];
                          const next = row?.[c - originCol + 1];
                          const spill = typeof v === 'string' && (next === null || next === undefined || next === '');
                          return (
                            <td
                              key={c}
                              aria-colindex={c + 2}
                              data-testid="preview-cell"
                              data-cell={addr}
                              aria-selected={isSel ? true : undefined}
                              data-selected={isSel ? 'true' : undefined}
                              className={mergeClasses(typeof v === 'number' && styles.num, isSel && styles.selected, isSel && 'cell-selected')}
                              // inline: the table's own cell rule (clip with an ellipsis) is more specific than a class
                              style={spill ? SPILL : undefined}
                            >
                              {displayCell(v, fmts?.[c - originCol], grid.date1904 === true)}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        </>
      ) : (
        <p className={styles.note}>{s.previewEmpty}</p>
      )}
    </div>
  );
}
