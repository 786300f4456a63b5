/** The findings, grouped by severity; each one selects its cell, a verify finding can be explained in place. */
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  Textarea,
  makeStyles,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import { ref } from '../core/address';
import { outputText } from '../core/output';
import type { Finding } from '../core/types';
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
  hint: { margin: `0 0 ${tokens.spacingVerticalS}`, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

interface ExplainFormProps {
  finding: Finding;
  busy: boolean;
  onSave(text: string): Promise<boolean>;
  onCancel(): void;
}

function ExplainForm({ finding, busy, onSave, onCancel }: ExplainFormProps) {
  const s = useStrings();
  const styles = useStyles();
  const [text, setText] = React.useState(finding.explanation ?? '');
  const [invalid, setInvalid] = React.useState(false);
  const id = React.useId();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setInvalid(true);
      return;
    }
    await onSave(text.trim());
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
        label={{ children: s.explanationLabel, id: `${id}-label` }}
        hint={s.explanationHelp}
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
  finding: Finding;
  group: Group;
  current: boolean;
  busy: boolean;
  editing: boolean;
  onSelect(f: Finding): void;
  onEdit(f: Finding | null): void;
  onExplain(f: Finding, text: string): Promise<boolean>;
  onPlace?(f: Finding, indicator: string): Promise<boolean>;
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

function FindingItem({ finding, group, current, busy, editing, onSelect, onEdit, onExplain, onPlace }: FindingItemProps) {
  const s = useStrings();
  const styles = useStyles();
  const explainRef = React.useRef<HTMLButtonElement>(null);
  const where = ref(finding.sheet, finding.cell) + (finding.hidden ? s.hiddenSheet[finding.hidden] : '');
  const canExplain = finding.severity === 'verify';
  return (
    <li className={styles.item} style={{ borderLeftColor: accent[group] }} data-finding-id={finding.id}>
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
        // a native button: Enter and Space click it, once, in every browser and webview
        onClick={() => onSelect(finding)}
      >
        {outputText(finding.message)}
        <span className={styles.where}>{where}</span>
      </button>
      {finding.status === 'explained' && finding.explanation ? (
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
            data-testid="explain-button"
            aria-label={`${finding.status === 'explained' ? s.editExplanation : s.explain}：${where}`}
            onClick={() => onEdit(finding)}
          >
            {finding.status === 'explained' ? s.editExplanation : s.explain}
          </Button>
        </div>
      ) : null}
      {editing ? (
        <ExplainForm
          finding={finding}
          busy={busy}
          onSave={async (text) => {
            const ok = await onExplain(finding, text);
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

export interface FindingListProps {
  findings: Finding[];
  busy: boolean;
  onSelect(f: Finding): Promise<void> | void;
  onExplain(f: Finding, text: string): Promise<boolean>;
  /** Place an unknown or ambiguous label on one of its candidates (absent: no choice is offered). */
  onPlace?(f: Finding, indicator: string): Promise<boolean>;
}

export function FindingList({ findings, busy, onSelect, onExplain, onPlace }: FindingListProps) {
  const s = useStrings();
  const styles = useStyles();
  const groups = React.useMemo(() => groupFindings(findings), [findings]);
  const present = GROUP_ORDER.filter((g) => groups[g].length > 0);
  const [currentId, setCurrentId] = React.useState<string | null>(null);
  const [editingId, setEditingId] = React.useState<string | null>(null);
  const [open, setOpen] = React.useState<Group[]>(GROUP_ORDER);
  if (present.length === 0) return null;
  return (
    <>
      <p className={styles.hint}>{s.selectHint}</p>
      <Accordion
        multiple
        collapsible
        openItems={open}
        onToggle={(_, d) => setOpen(d.openItems as Group[])}
      >
        {present.map((g) => (
          <AccordionItem key={g} value={g} data-testid={`group-${g}`}>
            <AccordionHeader as="h3" size="small">
              {groupTitle(g, s)}&nbsp;<span className={styles.count}>({groups[g].length})</span>
            </AccordionHeader>
            <AccordionPanel>
              <ul className={styles.list} aria-label={groupTitle(g, s)}>
                {withKeys(groups[g]).map(({ f, key }) => (
                  <FindingItem
                    key={key}
                    finding={f}
                    group={g}
                    current={currentId === f.id}
                    busy={busy}
                    editing={editingId === f.id}
                    onSelect={(x) => {
                      setCurrentId(x.id);
                      void onSelect(x);
                    }}
                    onEdit={(x) => setEditingId(x ? x.id : null)}
                    onExplain={onExplain}
                    onPlace={onPlace}
                  />
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </>
  );
}
