/** The findings, grouped by severity; each one selects its cell, a verify finding can be explained in place. */
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  Input,
  Textarea,
  makeStyles,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import { ref } from '../core/address';
import { outputText } from '../core/output';
import { findingLine, type LineContext } from '../core/present';
import { severityRank } from '../core/severity';
import type { Finding } from '../core/types';
import { loadAuthor, saveAuthor } from './author';
import { useStrings, type Strings } from './i18n';

export type Group = 'error' | 'verify' | 'hint' | 'explained';

export const GROUP_ORDER: Group[] = ['error', 'verify', 'hint', 'explained'];

/** Explained findings form their own group, whatever their severity; the others go by severity. */
export function groupFindings(findings: Finding[]): Record<Group, Finding[]> {
  const groups: Record<Group, Finding[]> = { error: [], verify: [], hint: [], explained: [] };
  for (const f of findings) groups[f.status === 'explained' ? 'explained' : f.severity].push(f);
  return groups;
}

export function groupTitle(g: Group, s: Strings): string {
  return { error: s.groupError, verify: s.groupVerify, hint: s.groupHint, explained: s.groupExplained }[g];
}

const accent: Record<Group, string> = {
  error: tokens.colorPaletteRedBorderActive,
  verify: tokens.colorPaletteDarkOrangeBorderActive,
  hint: tokens.colorPaletteBlueBorderActive,
  explained: tokens.colorPaletteGreenBorderActive,
};

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    borderLeftWidth: '3px',
    borderLeftStyle: 'solid',
    paddingLeft: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  select: {
    display: 'block',
    width: '100%',
    textAlign: 'start',
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: 'pointer',
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '1px',
    },
  },
  current: { backgroundColor: tokens.colorNeutralBackground1Selected, ...shorthands.borderColor(tokens.colorNeutralStroke1) },
  where: {
    display: 'block',
    marginTop: tokens.spacingVerticalXXS,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    fontFamily: tokens.fontFamilyMonospace,
  },
  explanation: {
    margin: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalXXS },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalS },
  count: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  // inline text, so a narrow pane wraps the line where it must instead of stacking its parts
  line: { display: 'block' },
  mark: { marginInlineEnd: tokens.spacingHorizontalXS },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, marginInlineEnd: tokens.spacingHorizontalXS },
  // wraps to the next line whole rather than split after its first character
  sheetTag: { display: 'inline-block', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, marginInlineStart: tokens.spacingHorizontalXS },
  detail: {
    margin: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
    '& p': { margin: `0 0 ${tokens.spacingVerticalXXS}` },
  },
  bar: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXXS} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  position: { minWidth: '4.5em', textAlign: 'center', fontVariantNumeric: 'tabular-nums' },
  // ‹ and › are one character: as wide as a touch target, not Fluent's 64 px, so the bar is one row at 320 px
  step: { minWidth: '32px' },
  groupBy: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, marginInlineStart: 'auto', fontSize: tokens.fontSizeBase200 },
  srOnly: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  hint: { margin: `0 0 ${tokens.spacingVerticalS}`, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

interface ExplainFormProps {
  finding: Finding;
  busy: boolean;
  onSave(text: string, author: string): Promise<boolean>;
  onCancel(): void;
}

function ExplainForm({ finding, busy, onSave, onCancel }: ExplainFormProps) {
  const s = useStrings();
  const styles = useStyles();
  // an error is disputed (乡镇异议), never explained away; the author is asked once and remembered
  const dispute = finding.severity === 'error';
  const [text, setText] = React.useState(finding.account?.text ?? finding.explanation ?? '');
  const [author, setAuthor] = React.useState(loadAuthor);
  const [invalid, setInvalid] = React.useState(false);
  const id = React.useId();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setInvalid(true);
      return;
    }
    saveAuthor(author);
    await onSave(text.trim(), author.trim());
  };
  return (
    <form
      className={styles.form}
      onSubmit={submit}
      data-testid="explanation-form"
      data-finding-id={finding.id}
      aria-labelledby={`${id}-label`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <Field
        label={{ children: dispute ? s.disputeLabel : s.explanationLabel, id: `${id}-label` }}
        hint={dispute ? s.disputeHelp : s.explanationHelp}
        validationState={invalid ? 'error' : 'none'}
        validationMessage={invalid ? s.explanationEmpty : undefined}
        required
      >
        <Textarea
          value={text}
          autoFocus
          resize="vertical"
          data-testid="explanation-text"
          onChange={(_, d) => {
            setText(d.value);
            if (d.value.trim()) setInvalid(false);
          }}
        />
      </Field>
      <Field label={s.author} hint={author ? undefined : s.authorHelp}>
        <Input value={author} data-testid="explanation-author" onChange={(_, d) => setAuthor(d.value)} />
      </Field>
      <div className={styles.row}>
        <Button type="submit" appearance="primary" size="small" disabled={busy} data-testid="explanation-save">
          {s.save}
        </Button>
        <Button type="button" size="small" onClick={onCancel} data-testid="explanation-cancel">
          {s.cancel}
        </Button>
      </div>
    </form>
  );
}

interface FindingItemProps {
  /** The item's React key, on the element too (a windowed list measures its items by it). */
  itemKey: string;
  style?: React.CSSProperties;
  /** Position and size of the whole group, when only part of it is drawn. */
  pos?: [number, number];
  finding: Finding;
  group: Group;
  current: boolean;
  busy: boolean;
  editing: boolean;
  onSelect(f: Finding): void;
  onEdit(f: Finding | null): void;
  onExplain(f: Finding, text: string, author?: string): Promise<boolean>;
  onPlace?(f: Finding, indicator: string): Promise<boolean>;
  /** More under the finding: how its explanation stands, the county's decision, the round (Account.tsx). */
  extra?: React.ReactNode;
  readings?: Reading[];
  indicators?: { id: string; name: string }[];
  onRelabel?(label: string, sheet: string, indicator: string): Promise<boolean>;
  /** What the one-line headline is built with (the check's catalog and observations). */
  lineContext?: LineContext;
  /** The list groups by sheet: the sheet is the group's title, not repeated on the line. */
  bySheet?: boolean;
}

/** An unknown or ambiguous label: the indicators it may be, one click each (kept in 指标对照 by the pane). */
function PlaceChoice({ finding, where, busy, onPlace }: { finding: Finding; where: string; busy: boolean; onPlace(f: Finding, indicator: string): Promise<boolean> }) {
  const s = useStrings();
  const styles = useStyles();
  const id = React.useId();
  return (
    <div className={styles.row} role="group" aria-labelledby={`${id}-q`} data-testid="place-choice">
      <span id={`${id}-q`} className={styles.where}>
        {s.placeQuestion}
      </span>
      {finding.candidates!.map((c) => (
        <Button
          key={c.id}
          size="small"
          appearance="outline"
          disabled={busy}
          data-testid="place-button"
          data-indicator={c.id}
          title={s.placeHelp}
          aria-label={`${s.placeAs(c.name)}：${finding.label}，${where}`}
          onClick={() => void onPlace(finding, c.id)}
        >
          {s.placeAs(c.name)}
        </Button>
      ))}
    </div>
  );
}

/** How a finding's figures were read (one per label), each correctable by choosing another indicator. */
export interface Reading {
  label: string;
  sheet: string;
  indicator: string;
  explain: string;
}

function Readings({ readings, indicators, busy, onRelabel }: { readings: Reading[]; indicators: { id: string; name: string }[]; busy: boolean; onRelabel?(label: string, sheet: string, indicator: string): Promise<boolean> }) {
  const s = useStrings();
  const styles = useStyles();
  return (
    <details className={styles.explanation} data-testid="readings">
      <summary>{s.readAs}</summary>
      {readings.map((r) => (
        <Relabel key={`${r.sheet}\u0000${r.label}`} reading={r} indicators={indicators} busy={busy} onRelabel={onRelabel} />
      ))}
    </details>
  );
}

function Relabel({ reading, indicators, busy, onRelabel }: { reading: Reading; indicators: { id: string; name: string }[]; busy: boolean; onRelabel?(label: string, sheet: string, indicator: string): Promise<boolean> }) {
  const s = useStrings();
  const styles = useStyles();
  const id = React.useId();
  const [choice, setChoice] = React.useState(reading.indicator);
  return (
    <div data-testid="reading">
      <p>{outputText(reading.explain)}</p>
      {onRelabel && indicators.length ? (
        <div className={styles.row}>
          <label htmlFor={id}>{s.relabelLabel(reading.label)}</label>
          <select id={id} value={choice} disabled={busy} data-testid="relabel-select" onChange={(e) => setChoice(e.target.value)}>
            {indicators.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          <Button size="small" appearance="outline" disabled={busy || choice === reading.indicator} data-testid="relabel-button" onClick={() => void onRelabel(reading.label, reading.sheet, choice)}>
            {s.relabel}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function FindingItem({ itemKey, style, pos, finding, group, current, busy, editing, onSelect, onEdit, onExplain, onPlace, extra, readings, indicators, onRelabel, lineContext, bySheet }: FindingItemProps) {
  const s = useStrings();
  const styles = useStyles();
  const explainRef = React.useRef<HTMLButtonElement>(null);
  const where = ref(finding.sheet, finding.cell) + (finding.hidden ? s.hiddenSheet[finding.hidden] : '');
  // a verify finding is explained; an error may be disputed (乡镇异议); an accepted one is the county's to reopen
  const canExplain = (finding.severity === 'verify' || finding.severity === 'error') && finding.account?.state !== 'accepted';
  // any text already written (explained, expired, returned, disputed) is edited, not written anew: the form starts from it
  const has = !!finding.account || finding.status === 'explained';
  const explainWord = finding.severity === 'error' ? (has ? s.editDispute : s.dispute) : has ? s.editExplanation : s.explain;
  const line = React.useMemo(() => findingLine(finding, lineContext), [finding, lineContext]);
  const detailId = `${itemKey}-detail`;
  const sheetTag = (!bySheet && finding.sheet ? finding.sheet : '') + (finding.hidden ? s.hiddenSheet[finding.hidden] : '');
  return (
    <li
      className={styles.item}
      style={{ ...style, borderLeftColor: accent[group] }}
      data-finding-id={finding.id}
      data-key={itemKey}
      aria-posinset={pos?.[0]}
      aria-setsize={pos?.[1]}
    >
      <button
        type="button"
        className={`${styles.select}${current ? ` ${styles.current}` : ''}`}
        data-testid="finding"
        data-rule={finding.rule}
        data-severity={finding.severity}
        data-status={finding.status}
        data-sheet={finding.sheet}
        data-cell={finding.cell}
        aria-current={current ? 'true' : undefined}
        aria-expanded={current}
        aria-controls={current ? detailId : undefined}
        // a native button: Enter and Space click it, once, in every browser and webview
        onClick={() => onSelect(finding)}
      >
        {/* one line from the finding's own fields; the sentence, its cells and readings open under it */}
        <span className={styles.line} data-testid="finding-line" lang="zh-CN">
          <span className={styles.mark} aria-hidden="true">
            {line.mark}
          </span>
          <span className={styles.srOnly}>{line.severity}</span>
          {line.cell ? <span className={styles.cell}>{line.cell}</span> : null}
          <span>{outputText([line.subject, line.figures].filter(Boolean).join(' '))}</span>
          {sheetTag ? <span className={styles.sheetTag}>{outputText(sheetTag)}</span> : null}
        </span>
      </button>
      {current ? (
        <div className={styles.detail} id={detailId} data-testid="finding-detail">
          <p lang="zh-CN" data-testid="finding-message">
            {outputText(finding.message)}
          </p>
          <p className={styles.where} data-testid="finding-cells">
            {s.cellsInvolved('')}
            <span lang="zh-CN">{outputText((finding.refs.length ? finding.refs : finding.sheet ? [where] : [s.wholeWorkbook]).join('、'))}</span>
          </p>
          {readings?.length ? <Readings readings={readings} indicators={indicators ?? []} busy={busy} onRelabel={onRelabel} /> : null}
        </div>
      ) : null}
      {extra}
      {finding.status === 'explained' && finding.explanation && !finding.account ? (
        <p className={styles.explanation} data-testid="finding-explanation">
          {s.explanationOf(finding.explanation)}
        </p>
      ) : null}
      {onPlace && finding.label && (finding.candidates?.length ?? 0) > 0 && (finding.rule === 'unknown-indicator' || finding.rule === 'ambiguous-label') ? (
        <PlaceChoice finding={finding} where={where} busy={busy} onPlace={onPlace} />
      ) : null}
      {canExplain && !editing ? (
        <div className={styles.row}>
          <Button
            ref={explainRef}
            size="small"
            appearance="subtle"
            disabled={busy}
            data-testid={finding.severity === 'error' ? 'dispute-button' : 'explain-button'}
            aria-label={`${explainWord}：${where}`}
            onClick={() => onEdit(finding)}
          >
            {explainWord}
          </Button>
        </div>
      ) : null}
      {editing ? (
        <ExplainForm
          finding={finding}
          busy={busy}
          onSave={async (text, author) => {
            const ok = await onExplain(finding, text, author);
            if (ok) onEdit(null);
            return ok;
          }}
          onCancel={() => {
            onEdit(null);
            setTimeout(() => explainRef.current?.focus(), 0);
          }}
        />
      ) : null}
    </li>
  );
}

/**
 * React keys that follow the finding, not its position: ids are stable across runs, so an explained finding leaving
 * the 待核实 group does not remount every item after it (an index in the key did). A repeated id gets `#n`.
 */
function withKeys(findings: Finding[]): { f: Finding; key: string }[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = seen.get(f.id) ?? 0;
    seen.set(f.id, n + 1);
    return { f, key: n ? `${f.id}#${n}` : f.id };
  });
}

/**
 * A group longer than this is drawn in windows: only the items near the screen are in the page (50,000 findings
 * as elements froze the page for seconds). Shorter groups are drawn whole, so find-in-page sees every finding.
 */
export const WINDOW_ABOVE = 100;
/** Height of an item not measured yet, and the list's gap (spacingVerticalS). */
const ESTIMATED_ITEM = 76;
const GAP = 8;
/** Pixels drawn beyond each edge of the screen, so scrolling and Tab never reach an undrawn item. */
const OVERSCAN_PX = 800;

/** Index of the first item whose bottom is below `y` (binary search over the items' top edges). */
function itemAt(tops: Float64Array, y: number): number {
  let lo = 0;
  let hi = tops.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tops[mid + 1] <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Redraws on any scroll (of the page or of a scrolling parent, caught on the way down) and resize, once a frame. */
function useScrollTick(active: boolean): number {
  const [tick, setTick] = React.useState(0);
  React.useEffect(() => {
    if (!active) return;
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setTick((t) => t + 1);
      });
    };
    window.addEventListener('scroll', onScroll, { capture: true, passive: true });
    window.addEventListener('resize', onScroll);
    return () => {
      window.removeEventListener('scroll', onScroll, { capture: true });
      window.removeEventListener('resize', onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [active]);
  return tick;
}

interface GroupListProps {
  items: { f: Finding; key: string }[];
  label: string;
  /** Items kept drawn wherever the page is scrolled: the current finding and the one being explained. */
  keep: (string | null)[];
  renderItem(item: { f: Finding; key: string }, extra: { style?: React.CSSProperties; pos?: [number, number] }): React.ReactNode;
}

/**
 * One group's list. Long groups are windowed: the list keeps the full height (measured item heights, an estimate
 * for the others) as padding, and draws the items near the screen plus the kept and the focused ones.
 */
function GroupList({ items, label, keep, renderItem }: GroupListProps) {
  const styles = useStyles();
  const windowed = items.length > WINDOW_ABOVE;
  useScrollTick(windowed);
  const list = React.useRef<HTMLUListElement>(null);
  const heights = React.useRef(new Map<string, number>());
  const [, remeasured] = React.useState(0);
  const [focused, setFocused] = React.useState<string | null>(null);

  // After each draw: the drawn items' real heights (text wraps differently at each width); redraw when one moved.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- after every draw on purpose; sets state only on a change
  React.useLayoutEffect(() => {
    if (!windowed || !list.current) return;
    let changed = false;
    for (const li of Array.from(list.current.children) as HTMLElement[]) {
      const key = li.dataset.key;
      const h = li.offsetHeight;
      if (!key || h <= 0) continue;
      if (Math.abs((heights.current.get(key) ?? -1) - h) > 0.5) {
        heights.current.set(key, h);
        changed = true;
      }
    }
    if (changed) remeasured((n) => n + 1);
  });

  if (!windowed) {
    return (
      <ul className={styles.list} aria-label={label}>
        {items.map((item) => renderItem(item, {}))}
      </ul>
    );
  }

  let measuredSum = 0;
  let measuredCount = 0;
  for (const h of heights.current.values()) {
    measuredSum += h;
    measuredCount++;
  }
  const estimate = measuredCount ? measuredSum / measuredCount : ESTIMATED_ITEM;
  const n = items.length;
  const tops = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) tops[i + 1] = tops[i] + (heights.current.get(items[i].key) ?? estimate) + GAP;

  const rect = list.current?.getBoundingClientRect();
  const viewH = typeof window !== 'undefined' && window.innerHeight ? window.innerHeight : 800;
  const listTop = rect && (rect.width > 0 || rect.height > 0) ? rect.top : 0;
  const from = itemAt(tops, -listTop - OVERSCAN_PX);
  const to = Math.min(n, itemAt(tops, viewH - listTop + OVERSCAN_PX) + 1);
  const drawn = new Set<number>();
  for (let i = from; i < to; i++) drawn.add(i);
  const wanted = new Set([...keep, focused].filter((k): k is string => !!k));
  if (wanted.size) items.forEach((it, i) => wanted.has(it.key) && drawn.add(i));
  const order = Array.from(drawn).sort((a, b) => a - b);

  let next = 0; // where the item after the last one drawn would start
  const out: React.ReactNode[] = [];
  for (const i of order) {
    const style = i === order[0] ? undefined : tops[i] > tops[next] ? { marginTop: `${tops[i] - tops[next]}px` } : undefined;
    out.push(renderItem(items[i], { style, pos: [i + 1, n] }));
    next = i + 1;
  }
  return (
    <ul
      ref={list}
      className={styles.list}
      aria-label={label}
      data-windowed="true"
      style={{ paddingTop: `${tops[order[0] ?? 0]}px`, paddingBottom: `${tops[n] - tops[next]}px` }}
      onFocus={(e) => setFocused((e.target as HTMLElement).closest<HTMLElement>('li[data-key]')?.dataset.key ?? null)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(null);
      }}
    >
      {out}
    </ul>
  );
}

export type Grouping = 'severity' | 'sheet';

/** The group a finding is counted in (the summary's counts, which act as filters). */
export function groupOf(f: Finding): Group {
  return f.status === 'explained' ? 'explained' : f.severity;
}

interface Section {
  key: string;
  title: string;
  testId: string;
  items: { f: Finding; key: string; group: Group }[];
}

/**
 * The sections the list shows: by severity (错误, 待核实, 提示, 已说明) or by sheet (in the order the sheets first
 * appear, gravest first inside each), only the `filter` group when one is chosen.
 */
export function sectionsOf(findings: Finding[], grouping: Grouping, filter: Group | null, s: Strings): Section[] {
  const keyed = withKeys(findings).map(({ f, key }) => ({ f, key, group: groupOf(f) }));
  const shown = filter ? keyed.filter((x) => x.group === filter) : keyed;
  if (grouping === 'severity') {
    return GROUP_ORDER.map((g) => ({ key: g, title: groupTitle(g, s), testId: `group-${g}`, items: shown.filter((x) => x.group === g) })).filter((sec) => sec.items.length > 0);
  }
  const bySheet = new Map<string, Section['items']>();
  for (const x of shown) {
    const list = bySheet.get(x.f.sheet) ?? [];
    list.push(x);
    bySheet.set(x.f.sheet, list);
  }
  const rank = (g: Group) => (g === 'explained' ? 3 : severityRank(g));
  return [...bySheet].map(([sheet, items]) => ({
    key: `sheet:${sheet}`,
    title: sheet ? `‘${sheet}’` : s.wholeWorkbook,
    testId: 'group-sheet',
    items: items.map((x, i) => ({ x, i })).sort((a, b) => rank(a.x.group) - rank(b.x.group) || a.i - b.i).map((y) => y.x),
  }));
}

export interface FindingListProps {
  findings: Finding[];
  busy: boolean;
  onSelect(f: Finding): Promise<void> | void;
  onExplain(f: Finding, text: string, author?: string): Promise<boolean>;
  /** More under each finding (Account.tsx: its explanation's state, the county's decision, the round). */
  extraOf?(f: Finding): React.ReactNode;
  /** Place an unknown or ambiguous label on one of its candidates (absent: no choice is offered). */
  onPlace?(f: Finding, indicator: string): Promise<boolean>;
  /** How a finding's figures were read (labels and their placement), shown on demand under the finding. */
  readingsOf?(f: Finding): Reading[];
  /** The catalog's indicators, to correct a reading. */
  indicators?: { id: string; name: string }[];
  onRelabel?(label: string, sheet: string, indicator: string): Promise<boolean>;
  /** Only this group (the summary's count chosen as a filter); null or absent: all. */
  filter?: Group | null;
  /** The check's catalog and observations, for the one-line headlines. */
  lineContext?: LineContext;
  /** Select, open and focus this finding (a marked figure of the draft was chosen); `n` makes each request new. */
  show?: { id: string; n: number } | null;
}

function scrollIntoViewIfNeeded(el: Element | null | undefined): void {
  // jsdom has no layout and no scrollIntoView; a browser always has it
  if (el && typeof (el as HTMLElement).scrollIntoView === 'function') (el as HTMLElement).scrollIntoView({ block: 'nearest' });
}

export function FindingList({ findings, busy, onSelect, onExplain, extraOf, onPlace, readingsOf, indicators, onRelabel, filter = null, lineContext, show = null }: FindingListProps) {
  const s = useStrings();
  const styles = useStyles();
  const [grouping, setGrouping] = React.useState<Grouping>('severity');
  const sections = React.useMemo(() => sectionsOf(findings, grouping, filter, s), [findings, grouping, filter, s]);
  const flat = React.useMemo(() => sections.flatMap((sec) => sec.items.map((it) => ({ ...it, section: sec.key }))), [sections]);
  const [currentKey, setCurrentKey] = React.useState<string | null>(null);
  const [editingKey, setEditingKey] = React.useState<string | null>(null);
  const [focusKey, setFocusKey] = React.useState<string | null>(null);
  const [closed, setClosed] = React.useState<Set<string>>(new Set());
  const root = React.useRef<HTMLDivElement>(null);
  const lastIndex = React.useRef(-1);
  const scrollTo = React.useRef<string | null>(null);
  const id = React.useId();

  const index = currentKey == null ? -1 : flat.findIndex((x) => x.key === currentKey);
  if (index >= 0) lastIndex.current = index;

  // After a re-check the selected finding stays selected and in view; if it is gone (corrected), the one now at its place.
  React.useEffect(() => {
    if (currentKey == null) return;
    if (flat.some((x) => x.key === currentKey)) scrollTo.current = currentKey;
    else if (flat.length && lastIndex.current >= 0) setCurrentKey(flat[Math.min(lastIndex.current, flat.length - 1)].key);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on a new list only, not on every selection
  }, [findings]);

  // After each draw: move the keyboard focus where ↑/↓ sent it, and bring the selected finding into view.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- after every draw on purpose; acts only on a pending request
  React.useLayoutEffect(() => {
    const find = (key: string) => root.current?.querySelector<HTMLElement>(`li[data-key="${key.replace(/["\\]/g, '\\$&')}"]`);
    if (focusKey) {
      const li = find(focusKey);
      const button = li?.querySelector<HTMLElement>('[data-testid="finding"]');
      if (button) {
        button.focus();
        scrollIntoViewIfNeeded(li);
        setFocusKey(null);
      }
    }
    if (scrollTo.current) {
      const li = find(scrollTo.current);
      if (li) {
        scrollIntoViewIfNeeded(li);
        scrollTo.current = null;
      }
    }
  });

  // a marked figure of the draft was chosen: its finding, selected and focused (its cell is selected too)
  React.useEffect(() => {
    if (!show) return;
    const x = flat.find((it) => it.f.id === show.id);
    if (!x) return;
    select(x);
    setFocusKey(x.key);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on each request only
  }, [show]);

  const reveal = (section: string) => {
    if (closed.has(section)) setClosed((c) => new Set([...c].filter((k) => k !== section)));
  };
  const select = (x: { f: Finding; key: string; section: string }) => {
    setCurrentKey(x.key);
    reveal(x.section);
    scrollTo.current = x.key;
    void onSelect(x.f);
  };
  const step = (d: number) => {
    if (!flat.length) return;
    const next = index < 0 ? (d > 0 ? 0 : flat.length - 1) : Math.max(0, Math.min(flat.length - 1, index + d));
    select(flat[next]);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
    const button = (e.target as HTMLElement).closest('[data-testid="finding"]');
    const key = button?.closest<HTMLElement>('li[data-key]')?.dataset.key;
    if (!button || !key) return;
    const at = flat.findIndex((x) => x.key === key);
    if (at < 0) return;
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? flat.length - 1 : Math.max(0, Math.min(flat.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
    e.preventDefault();
    if (to === at) return;
    reveal(flat[to].section);
    setFocusKey(flat[to].key);
  };

  if (findings.length === 0) return null;
  const openItems = sections.map((sec) => sec.key).filter((k) => !closed.has(k));
  const first = index < 0;
  return (
    <div ref={root} onKeyDown={onKeyDown}>
      <div className={styles.bar} role="toolbar" aria-label={s.navLabel} aria-describedby={`${id}-keys`} data-testid="finding-nav">
        <Button size="small" appearance="subtle" className={styles.step} aria-label={s.navPrev} title={s.navPrev} disabled={!flat.length || index === 0} onClick={() => step(-1)} data-testid="nav-prev">
          ‹
        </Button>
        <span className={styles.position} data-testid="nav-position" aria-live="polite" aria-atomic="true">
          {s.navPosition(first ? 0 : index + 1, flat.length)}
        </span>
        <Button size="small" appearance="subtle" className={styles.step} aria-label={s.navNext} title={s.navNext} disabled={!flat.length || index === flat.length - 1} onClick={() => step(1)} data-testid="nav-next">
          ›
        </Button>
        <label className={styles.groupBy}>
          {s.groupBy}
          <select value={grouping} onChange={(e) => setGrouping(e.target.value as Grouping)} data-testid="group-by">
            <option value="severity">{s.bySeverity}</option>
            <option value="sheet">{s.bySheet}</option>
          </select>
        </label>
        <span id={`${id}-keys`} className={styles.srOnly}>
          {`${s.selectHint}${s.navKeys}`}
        </span>
      </div>
      <Accordion
        multiple
        collapsible
        openItems={openItems}
        onToggle={(_, d) => {
          const open = new Set(d.openItems as string[]);
          setClosed(new Set(sections.map((sec) => sec.key).filter((k) => !open.has(k))));
        }}
      >
        {sections.map((sec) => (
          <AccordionItem key={sec.key} value={sec.key} data-testid={sec.testId}>
            <AccordionHeader as="h3" size="small">
              <span lang={grouping === 'sheet' ? 'zh-CN' : undefined}>{outputText(sec.title)}</span>&nbsp;<span className={styles.count}>({sec.items.length})</span>
            </AccordionHeader>
            <AccordionPanel>
              <GroupList
                items={sec.items}
                label={sec.title}
                keep={[currentKey, editingKey, focusKey]}
                renderItem={({ f, key }, extra) => (
                  <FindingItem
                    key={key}
                    itemKey={key}
                    style={extra.style}
                    pos={extra.pos}
                    finding={f}
                    group={groupOf(f)}
                    current={currentKey === key}
                    busy={busy}
                    editing={editingKey === key}
                    onSelect={() => select({ f, key, section: sec.key })}
                    onEdit={(x) => setEditingKey(x ? key : null)}
                    onExplain={onExplain}
                    extra={extraOf?.(f)}
                    onPlace={onPlace}
                    readings={currentKey === key ? readingsOf?.(f) : undefined}
                    indicators={indicators}
                    onRelabel={onRelabel}
                    lineContext={lineContext}
                    bySheet={grouping === 'sheet'}
                  />
                )}
              />
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </div>
  );
}
