/**
 * A read-only view of the workbook: sheet tabs and the selected sheet's cells (capped, with a note).
 * Selecting a finding in the pane switches the sheet, scrolls to the cell and highlights it.
 */
import * as React from 'react';
import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { a1, columnLetters, parseA1 } from '../core/address';
import type { Cell, Grid, Workbook } from '../core/types';
import { serialToIso } from '../core/value';
import { WIDE_MEDIA } from '../taskpane/Pane';
import type { FileHost } from './FileHost';
import { useWebStrings } from './strings';

export const PREVIEW_ROWS = 500;
export const PREVIEW_COLS = 52;

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
  table: {
    borderCollapse: 'separate',
    borderSpacing: 0,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
    '& td, & th': {
      borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      padding: `1px ${tokens.spacingHorizontalXS}`,
      maxWidth: '16em',
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

/**
 * Scrolls the preview's own scroller (never the page) so that `td` is in the middle of what the sticky column
 * letters and row numbers leave visible.
 */
export function scrollCellIntoView(scroller: HTMLElement, td: HTMLElement): void {
  const box = scroller.getBoundingClientRect();
  const cell = td.getBoundingClientRect();
  const header = scroller.querySelector('thead')?.getBoundingClientRect().height ?? 0;
  const rowHead = td.parentElement?.querySelector('th')?.getBoundingClientRect().width ?? 0;
  const top = cell.top - box.top - scroller.clientTop + scroller.scrollTop;
  const left = cell.left - box.left - scroller.clientLeft + scroller.scrollLeft;
  const freeH = scroller.clientHeight - header;
  const freeW = scroller.clientWidth - rowHead;
  scroller.scrollTop = Math.max(0, top - header - Math.max(0, (freeH - cell.height) / 2));
  scroller.scrollLeft = Math.max(0, left - rowHead - Math.max(0, (freeW - cell.width) / 2));
}

function onScreen(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
}

/** Which rows to show: the first PREVIEW_ROWS, or a window around a selected cell further down. */
export function rowWindow(grid: Grid, selectedRow: number | null): { from: number; to: number; total: number } {
  const originRow = grid.origin?.row ?? 0;
  const total = grid.rows.length;
  let from = 0;
  if (selectedRow !== null) {
    const i = selectedRow - originRow;
    if (i >= PREVIEW_ROWS && i < total) from = Math.max(0, i - 100);
  }
  return { from, to: Math.min(total, from + PREVIEW_ROWS), total };
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

export function SheetPreview({ host, headingId }: SheetPreviewProps) {
  const s = useWebStrings();
  const styles = useStyles();
  const [book, setBook] = React.useState<Workbook | null>(null);
  const [sheet, setSheet] = React.useState<string | null>(null);
  const [selected, setSelected] = React.useState<{ sheet: string; cell: string } | null>(host.selection);
  const [scrollTick, setScrollTick] = React.useState(0);
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

  // Only the preview's scroller moves (td.scrollIntoView also scrolled the page and took the finding away from
  // under the pointer). Where the preview is off screen — below the findings on a narrow screen — the page then
  // scrolls to it; focus stays on the finding, and 返回问题列表 leads back.
  React.useLayoutEffect(() => {
    if (!selected || !scroller.current) return;
    const td = scroller.current.querySelector<HTMLElement>(`td[data-cell="${selected.cell}"]`);
    if (!td) return;
    scrollCellIntoView(scroller.current, td);
    if (scrollTick === 0 || onScreen(td) || !root.current || typeof root.current.scrollIntoView !== 'function') return;
    root.current.scrollIntoView({ block: root.current.getBoundingClientRect().height <= window.innerHeight ? 'nearest' : 'start' });
    if (!onScreen(td)) td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [scrollTick, selected, grid]);

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
  const width = grid ? Math.max(0, ...grid.rows.map((r) => r.length)) : 0;
  const cols = Math.min(width, PREVIEW_COLS);
  const win = grid ? rowWindow(grid, sel ? sel.row : null) : { from: 0, to: 0, total: 0 };
  const outside = sel && grid && (sel.row - originRow < win.from || sel.row - originRow >= win.to || sel.col - originCol >= cols || sel.col < originCol);

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
      {grid ? (
        <>
          {win.from > 0 || win.to < win.total || width > cols ? (
            <p className={styles.note} data-testid="preview-note">
              {s.previewCapped(originRow + win.from + 1, originRow + win.to, originRow + win.total, cols < width ? cols : null)}
            </p>
          ) : null}
          {outside ? (
            <p className={styles.note} data-testid="preview-outside">
              {s.previewOutside(selected!.cell)}
            </p>
          ) : null}
          <div
            ref={scroller}
            className={styles.scroller}
            tabIndex={0}
            role="region"
            id={`${headingId}-panel`}
            aria-label={s.previewRegion(grid.name)}
          >
            <table
              role="grid"
              aria-readonly="true"
              aria-label={s.previewRegion(grid.name)}
              className={styles.table}
              data-testid="preview-grid"
              data-sheet={grid.name}
            >
              <thead>
                <tr>
                  <td />
                  {Array.from({ length: cols }, (_, c) => (
                    <th key={c} scope="col">
                      {columnLetters(originCol + c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.rows.slice(win.from, win.to).map((row, i) => {
                  const r = originRow + win.from + i;
                  const fmts = grid.formats?.[win.from + i];
                  return (
                    <tr key={r}>
                      <th scope="row">{r + 1}</th>
                      {Array.from({ length: cols }, (_, c) => {
                        const addr = a1(r, originCol + c);
                        const isSel = !!sel && sel.row === r && sel.col === originCol + c;
                        const v = row[c];
                        return (
                          <td
                            key={c}
                            data-testid="preview-cell"
                            data-cell={addr}
                            aria-selected={isSel ? true : undefined}
                            data-selected={isSel ? 'true' : undefined}
                            className={`${typeof v === 'number' ? styles.num : ''}${isSel ? ` ${styles.selected} cell-selected` : ''}`}
                          >
                            {displayCell(v, fmts?.[c], grid.date1904 === true)}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className={styles.note}>{s.previewEmpty}</p>
      )}
    </div>
  );
}
