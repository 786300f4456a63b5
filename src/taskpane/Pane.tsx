/**
 * The shared pane (Excel task pane and web page): check, summary, findings, marks, explanations, results,
 * report preview. Knows only a WorkbookHost and the core.
 */
import * as React from 'react';
import {
  Button,
  Field,
  FluentProvider,
  webDarkTheme,
  ProgressBar,
  Switch,
  makeStyles,
  mergeClasses,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import type { WorkbookHost } from '../core/types';
import type { Engine } from './engine';
import type { DefinitionsStore } from './definitionsStore';
import { Consolidate } from './Consolidate';
import { DefinitionsPanel } from './Definitions';
import { FindingList } from './FindingList';
import { Account, FixedList } from './Account';
import { Message } from './Message';
import { StringsContext, useStrings, type Strings } from './i18n';
import { ReportPreview } from './ReportPreview';
import { DraftGateProvider } from './draftGate';
import { usePane, type PaneApi } from './usePane';
import type { Group, Reading } from './FindingList';
import type { CheckResult, Finding } from '../core/types';
import { ref } from '../core/address';

/** How the figures of each finding were read: the observations at its cells, one per label and sheet. */
function readingsFor(result: CheckResult | null): (f: Finding) => Reading[] {
  const byRef = new Map<string, Reading>();
  for (const o of result?.observations ?? []) {
    if (o.explain) byRef.set(ref(o.sheet, o.cell), { label: o.label, sheet: o.sheet, indicator: o.indicator, explain: o.explain });
  }
  return (f) => {
    const seen = new Set<string>();
    const out: Reading[] = [];
    for (const r of f.refs) {
      const x = byRef.get(r);
      const k = x && `${x.sheet}\u0000${x.label}`;
      if (!x || seen.has(k!)) continue;
      seen.add(k!);
      out.push(x);
    }
    return out;
  };
}

/** Where the web page turns into two columns (findings beside the sheet preview). */
export const WIDE_MEDIA = '@media (min-width: 960px)';
/** A phone or the task pane at its narrowest (320 px): compact, so the first finding is on the first screen. */
export const NARROW_MEDIA = '@media (max-width: 599px)';

const useStyles = makeStyles({
  pane: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    boxSizing: 'border-box',
  },
  /** With an aside (the web page's preview): one column on narrow screens, findings | preview on wide ones. */
  split: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    [WIDE_MEDIA]: {
      display: 'grid',
      gridTemplateColumns: 'minmax(320px, 440px) minmax(0, 1fr)',
      columnGap: tokens.spacingHorizontalXL,
      alignItems: 'start',
    },
  },
  top: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  /** Stays in view beside the findings while they scroll, and leaves with them when the report comes. */
  aside: { minWidth: 0, [WIDE_MEDIA]: { position: 'sticky', top: tokens.spacingVerticalM } },
  /** The report below both columns, at a readable line length. */
  wideReport: { [WIDE_MEDIA]: { width: '100%', maxWidth: '56em', alignSelf: 'center' } },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    // buttons as wide as their words (Fluent's are at least 96 px): three to a row at 320 px instead of two
    [NARROW_MEDIA]: {
      rowGap: tokens.spacingVerticalXS,
      '& .fui-Button': { minWidth: 'auto', paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS },
    },
  },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  summary: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    // one compact row of four, even at 320 px (auto-fit left 已说明 alone on a second row)
    gridTemplateColumns: 'repeat(4, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalXS,
  },
  stat: {
    display: 'flex',
    width: '100%',
    border: 'none',
    cursor: 'pointer',
    fontFamily: tokens.fontFamilyBase,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
    ':disabled': { cursor: 'default' },
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    minWidth: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXXS}`,
    borderTopWidth: '3px',
    borderTopStyle: 'solid',
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    // the figure beside its word, one line high
    [NARROW_MEDIA]: { flexDirection: 'row', justifyContent: 'center', alignItems: 'baseline', columnGap: tokens.spacingHorizontalXS },
  },
  /** A count chosen as the list's filter. */
  statOn: { backgroundColor: tokens.colorNeutralBackground1Selected, outline: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}` },
  num: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase500,
    [NARROW_MEDIA]: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  ok: { margin: 0, color: tokens.colorNeutralForeground1 },
  messages: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  busy: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

function busyText(pane: PaneApi, s: Strings): string {
  if (pane.busy === 'reading')
    return pane.progress && pane.progress.total > 0
      ? s.readingProgress(pane.progress.done, pane.progress.total)
      : s.reading;
  if (pane.busy === 'checking') return s.checking;
  if (pane.busy === 'applying') return s.applying;
  return '';
}

export interface PaneProps {
  host: WorkbookHost;
  engine?: Engine;
  /** Where the county's definitions are remembered (default: the browser's localStorage). */
  definitionsStore?: DefinitionsStore;
  /** Check as soon as the pane is shown (the web page checks a file when it is opened). */
  autoCheck?: boolean;
  /** Check again whenever this number changes (the page's 检查全部). */
  checkSignal?: number;
  /** Told of every new result (the page lists each file's 单位, 年度 and counts). */
  onResult?(result: CheckResult | null): void;
  /** Told when an explanation or a decision was written into the workbook (the page marks it as not downloaded). */
  onExplanationSaved?(findingId: string): void;
  /** Extra buttons after the pane's own (the web page's downloads). */
  extraActions?: (pane: PaneApi) => React.ReactNode;
  /**
   * Shown after the findings and before the report, also before the first check (the web page's sheet preview).
   * On wide screens it sits beside the actions and findings and the report spans both columns.
   */
  aside?: React.ReactNode;
}

export function Pane({ host, engine, extraActions, aside, definitionsStore, autoCheck, checkSignal, onResult, onExplanationSaved }: PaneProps) {
  const s = useStrings();
  const styles = useStyles();
  const pane = usePane(host, s, engine, definitionsStore);
  const id = React.useId();
  const previousInput = React.useRef<HTMLInputElement>(null);
  const { check } = pane;
  const signal = React.useRef(checkSignal);
  React.useEffect(() => {
    if (autoCheck) void check();
    // once, when the pane is shown
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  React.useEffect(() => {
    if (checkSignal === signal.current) return;
    signal.current = checkSignal;
    void check();
  }, [checkSignal, check]);
  React.useEffect(() => {
    onResult?.(pane.result);
  }, [pane.result, onResult]);
  const explain = React.useCallback(
    async (f: Finding, text: string, author?: string) => {
      const ok = await pane.explain(f, text, author);
      if (ok) onExplanationSaved?.(f.id);
      return ok;
    },
    [pane, onExplanationSaved],
  );
  const review = React.useCallback(
    async (f: Finding, decision: 'accepted' | 'returned', note: string, reviewer: string) => {
      const ok = await pane.review(f, decision, note, reviewer);
      if (ok) onExplanationSaved?.(f.id);
      return ok;
    },
    [pane, onExplanationSaved],
  );
  const { result, report, caps, busy } = pane;
  const readingsOf = React.useMemo(() => readingsFor(result), [result]);
  const lineContext = React.useMemo(() => ({ catalog: result?.catalog, observations: result?.observations }), [result]);
  // a count chosen in the summary filters the list to its group; choosing it again shows all
  const [filter, setFilter] = React.useState<Group | null>(null);
  const activeFilter = filter && result && (result.counts[filter] ?? 0) > 0 ? filter : null;
  // a marked figure of the draft shows its finding (a new request each time, even for the same finding)
  const [show, setShow] = React.useState<{ id: string; n: number } | null>(null);
  const indicators = React.useMemo(() => (result?.catalog?.indicators ?? []).filter((d) => d.kind !== 'text').map((d) => ({ id: d.id, name: d.name })), [result]);
  const isBusy = busy !== null;

  const progressValue =
    pane.busy === 'reading' && pane.progress && pane.progress.total > 0
      ? Math.min(1, pane.progress.done / pane.progress.total)
      : undefined;

  const stats: { key: 'error' | 'verify' | 'hint' | 'explained'; label: string; color: string }[] = [
    { key: 'error', label: s.countError, color: tokens.colorPaletteRedBorderActive },
    { key: 'verify', label: s.countVerify, color: tokens.colorPaletteDarkOrangeBorderActive },
    { key: 'hint', label: s.countHint, color: tokens.colorPaletteBlueBorderActive },
    { key: 'explained', label: s.countExplained, color: tokens.colorPaletteGreenBorderActive },
  ];

  const top = (
    <div className={styles.top}>
      <div className={styles.actions} role="group" aria-label={s.actions}>
        <Button appearance="primary" onClick={() => void pane.check()} disabled={isBusy} data-testid="check-button">
          {result ? s.recheck : s.check}
        </Button>
        {result && caps?.marks ? (
          <>
            <Button onClick={() => void pane.mark()} disabled={isBusy} data-testid="mark-button">
              {s.mark}
            </Button>
            <Button onClick={() => void pane.unmark()} disabled={isBusy} data-testid="unmark-button">
              {s.unmark}
            </Button>
          </>
        ) : null}
        {result && caps && !caps.download ? (
          <>
            <Button onClick={() => void pane.writeResults()} disabled={isBusy} data-testid="write-results-button">
              {s.writeResults}
            </Button>
            <Button onClick={() => void pane.clearResults()} disabled={isBusy} data-testid="clear-results-button">
              {s.clearResults}
            </Button>
          </>
        ) : null}
        {result && caps && !caps.download ? (
          <Button onClick={() => void pane.writeNotice(result.file || '本工作簿')} disabled={isBusy} data-testid="write-notice-button">
            {s.writeNotice}
          </Button>
        ) : null}
        <Button onClick={() => previousInput.current?.click()} disabled={isBusy} data-testid="compare-button">
          {s.compare}
        </Button>
        <input
          ref={previousInput}
          type="file"
          accept=".xlsx,.xlsm,.xls,.et,.ods,.csv,.txt"
          hidden
          tabIndex={-1}
          aria-label={s.compare}
          data-testid="compare-input"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (!file) return;
            void file.arrayBuffer().then(
              (b) => pane.compare({ name: file.name, bytes: new Uint8Array(b) }),
              (err) => pane.fail(err),
            );
          }}
        />
        {extraActions ? extraActions(pane) : null}
      </div>

      {isBusy ? (
        <Field label={busyText(pane, s)} data-testid="progress">
          <ProgressBar value={progressValue} thickness="large" />
        </Field>
      ) : null}

      {/* The error announces itself (role="alert"); only notices need the polite region, which must already be in
          the page when one appears. An alert inside a live region is read twice by some screen readers. */}
      {pane.error ? (
        <Message intent="error" title={s.errorTitle} testId="error-message" onDismiss={pane.dismissError}>
          {pane.error}
        </Message>
      ) : null}
      <div className={styles.messages} aria-live="polite">
        {pane.notice && !(pane.noticeAt && result?.findings.some((f) => f.id === pane.noticeAt)) ? (
          <Message intent={pane.noticeWarning ? 'warning' : 'success'} testId="notice-message" onDismiss={pane.dismissNotice}>
            {pane.notice}
          </Message>
        ) : null}
      </div>

      <DefinitionsPanel
        definitions={pane.definitions}
        disabled={isBusy}
        onLoad={(file) => void pane.loadDefinitions(file)}
        onRemove={() => void pane.removeDefinitions()}
        onError={pane.fail}
        template={host.insertSheets ? { label: s.insertTemplate, onClick: () => void pane.insertTemplate(), testId: 'insert-template' } : undefined}
      />

      {result ? (
        <>
          <section className={styles.section} aria-labelledby={`${id}-summary`}>
            <h2 id={`${id}-summary`} className={styles.h2}>
              {s.summary}
            </h2>
            <ul className={styles.summary} data-testid="summary">
              {stats.map((st) => {
                const n = result.counts[st.key] ?? 0;
                const on = activeFilter === st.key;
                return (
                  <li key={st.key}>
                    <button
                      type="button"
                      className={mergeClasses(styles.stat, on && styles.statOn)}
                      style={{ borderTopColor: st.color }}
                      aria-pressed={on}
                      title={n ? s.filterOnly(st.label) : undefined}
                      disabled={n === 0}
                      data-testid={`filter-${st.key}`}
                      onClick={() => setFilter(on ? null : st.key)}
                    >
                      <span className={styles.num} data-testid={`count-${st.key}`}>
                        {n}
                      </span>
                      <span className={styles.label}>{st.label}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
            {activeFilter ? (
              <p className={styles.busy} data-testid="filter-note">
                {s.filterShown(stats.find((st) => st.key === activeFilter)!.label, result.counts[activeFilter] ?? 0, result.findings.length)}
              </p>
            ) : null}
            {result.round ? (
              <p className={styles.ok} data-testid="round-summary">
                {s.compareWith(result.round.since)}：
                {(['fixed', 'new', 'open', 'explained'] as const).map((k, i) => (
                  <React.Fragment key={k}>
                    {i ? '，' : ''}
                    {s.roundWords[k]} <strong data-testid={`round-${k}`}>{result.round!.counts[k]}</strong>
                  </React.Fragment>
                ))}
              </p>
            ) : null}
          </section>
          <Consolidate offer={pane.county} busy={isBusy} onConsolidate={() => void pane.consolidate()} />
          <section className={styles.section} aria-labelledby={`${id}-findings`}>
            <h2 id={`${id}-findings`} className={styles.h2}>
              {s.findings}
            </h2>
            {/* hidden sheets are checked by default; the county may leave them out */}
            {result.hiddenSheets?.length ? (
              <Field
                hint={s.checkHiddenHelp(
                  result.hiddenSheets.map((h) => `‘${h.sheet}’${s.hiddenKind[h.visibility]}`).join('、'),
                )}
              >
                <Switch
                  label={s.checkHidden}
                  checked={!pane.skipHidden}
                  disabled={isBusy}
                  onChange={(_, data) => void pane.setSkipHidden(!data.checked)}
                  data-testid="check-hidden-switch"
                />
              </Field>
            ) : null}
            {result.findings.length === 0 ? (
              <p className={styles.ok} data-testid="no-findings">
                {s.noFindings}
              </p>
            ) : (
              <FindingList
                findings={result.findings}
                busy={isBusy}
                onSelect={pane.select}
                onExplain={explain}
                extraOf={(f) => (
                  <Account
                    finding={f}
                    round={result.round?.status[f.id]}
                    busy={isBusy}
                    onReview={review}
                    notice={pane.noticeAt === f.id ? pane.notice : null}
                    onDismissNotice={pane.dismissNotice}
                  />
                )}
                onPlace={pane.place}
                readingsOf={readingsOf}
                indicators={indicators}
                onRelabel={pane.relabel}
                filter={activeFilter}
                lineContext={lineContext}
                show={show}
              />
            )}
            {result.round ? <FixedList findings={result.round.fixed} headingId={`${id}-fixed`} /> : null}
          </section>
        </>
      ) : null}
    </div>
  );

  return (
    <DraftGateProvider findings={result?.findings ?? NO_FINDINGS}>
      <div className={styles.pane} data-testid="pane" aria-busy={isBusy}>
      {aside !== undefined ? (
        <div className={styles.split}>
          {top}
          <div className={styles.aside}>{aside}</div>
        </div>
      ) : (
        top
      )}

      {result ? (
        <section className={mergeClasses(styles.section, aside !== undefined && styles.wideReport)} aria-labelledby={`${id}-report`}>
          {/* a 报告模板 sheet inside the workbook rewords the report only when the user turns this on */}
          {pane.workbookTemplates || result.findings.some((f) => f.rule === 'workbook-templates') ? (
            <Field hint={s.workbookTemplatesHelp}>
              <Switch
                label={s.workbookTemplates}
                checked={pane.workbookTemplates}
                disabled={isBusy}
                onChange={(_, data) => void pane.setWorkbookTemplates(data.checked)}
                data-testid="workbook-templates-switch"
              />
            </Field>
          ) : null}
          {report ? (
            <ReportPreview
              report={report}
              headingId={`${id}-report`}
              findings={result.findings}
              onFinding={(fid) => {
                setFilter(null);
                setShow((n) => ({ id: fid, n: (n?.n ?? 0) + 1 }));
              }}
            />
          ) : (
            <>
              <h2 id={`${id}-report`} className={styles.h2}>
                {s.report}
              </h2>
              <p className={styles.ok}>{pane.reportError ?? s.reportEmpty}</p>
            </>
          )}
        </section>
      ) : null}
      </div>
    </DraftGateProvider>
  );
}

const NO_FINDINGS: Finding[] = [];

/**
 * Theme + strings around any pane content. `dark` (the Office theme is Black or Dark Gray) gives the dark Fluent
 * theme on its own background, filling the pane; otherwise the page's own background shows through.
 */
export function PaneProviders({ strings, dark = false, children }: { strings: Strings; dark?: boolean; children: React.ReactNode }) {
  return (
    <FluentProvider
      theme={dark ? webDarkTheme : webLightTheme}
      style={dark ? { minHeight: '100vh', colorScheme: 'dark' } : { backgroundColor: 'transparent' }}
      data-theme={dark ? 'dark' : 'light'}
    >
      <StringsContext.Provider value={strings}>{children}</StringsContext.Provider>
    </FluentProvider>
  );
}
