/**
 * Under a finding: how its explanation stands (已说明, 说明已过期（21→25）, 乡镇异议, 县级已采纳/已退回) with who wrote
 * it and when, the county's 采纳 / 退回 (with a reason), the finding's place in the round (新出现 / 仍未改正 / 已说明)
 * and a notice about what was just done to it. And the findings fixed since the previous round.
 * All the decisions are the core's (explanations.ts, rounds.ts); this only shows them and asks.
 */
import * as React from 'react';
import { Badge, Button, Field, Input, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { ref } from '../core/address';
import { outputText } from '../core/output';
import type { Finding, RoundStatus } from '../core/types';
import { loadReviewer, saveReviewer } from './author';
import { useStrings } from './i18n';
import { Message } from './Message';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, minWidth: 0 },
  line: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  tags: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  fixed: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  fixedItem: { borderLeft: `3px solid ${tokens.colorPaletteGreenBorderActive}`, paddingLeft: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  h3: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

const STATE_COLOR = { explained: 'success', accepted: 'success', stale: 'danger', returned: 'danger', disputed: 'warning' } as const;
const ROUND_COLOR = { fixed: 'success', new: 'danger', open: 'warning', explained: 'success' } as const;

export interface AccountProps {
  finding: Finding;
  round?: RoundStatus;
  busy: boolean;
  /** The county's decision; absent: no decision is offered. */
  onReview?(f: Finding, decision: 'accepted' | 'returned', note: string, reviewer: string): Promise<boolean>;
  /** A notice about this finding (an explanation saved, a decision made), shown here where the user acted. */
  notice?: string | null;
  onDismissNotice(): void;
}

export function Account({ finding, round, busy, onReview, notice, onDismissNotice }: AccountProps) {
  const s = useStrings();
  const styles = useStyles();
  const a = finding.account;
  // the county's decision being written: 采纳 and 退回 each open a form naming the reviewer (审核人)
  const [deciding, setDeciding] = React.useState<'accepted' | 'returned' | null>(null);
  if (!a && !round && !notice) return null;
  const where = ref(finding.sheet, finding.cell);
  // an expired explanation is rewritten by the township first; an accepted one is already decided
  const decidable = !!a && !!onReview && a.state !== 'stale';
  return (
    <div className={styles.box} data-testid="account" data-state={a?.state} data-round={round}>
      {a || round ? (
        <div className={styles.tags}>
          {round ? (
            <Badge appearance="tint" color={ROUND_COLOR[round]} data-testid="round-tag">
              {s.roundWords[round]}
            </Badge>
          ) : null}
          {a ? (
            <Badge appearance="tint" color={STATE_COLOR[a.state]} data-testid="account-label" lang="zh-CN">
              {a.label}
            </Badge>
          ) : null}
        </div>
      ) : null}
      {a ? (
        <p className={styles.line} data-testid="account-text">
          <span lang="zh-CN">{outputText(`${a.kind === 'dispute' ? '异议' : '说明'}：${a.text}`)}</span>
          {a.author || a.date ? `（${s.byWhom(a.author ?? '', a.date ?? '')}）` : ''}
        </p>
      ) : null}
      {a?.review ? (
        <p className={styles.line} data-testid="account-review">
          {s.reviewed(a.review.decision, s.byWhom(a.review.reviewer, a.review.date), a.review.note ?? '')}
        </p>
      ) : null}
      {decidable && !deciding ? (
        <div className={styles.row}>
          {a!.state !== 'accepted' ? (
            <Button size="small" appearance="outline" disabled={busy} data-testid="accept-button" aria-label={`${s.accept}：${where}`} onClick={() => setDeciding('accepted')}>
              {s.accept}
            </Button>
          ) : null}
          {a!.state !== 'returned' ? (
            <Button size="small" appearance="outline" disabled={busy} data-testid="return-button" aria-label={`${s.returnIt}：${where}`} onClick={() => setDeciding('returned')}>
              {s.returnIt}
            </Button>
          ) : null}
        </div>
      ) : null}
      {decidable && deciding ? (
        <DecisionForm decision={deciding} busy={busy} onCancel={() => setDeciding(null)} onSave={async (note, reviewer) => {
          const ok = await onReview!(finding, deciding, note, reviewer);
          if (ok) setDeciding(null);
        }} />
      ) : null}
      {notice ? (
        <Message intent="success" testId="finding-notice" onDismiss={onDismissNotice}>
          {notice}
        </Message>
      ) : null}
    </div>
  );
}

/**
 * The county's decision: who decides (审核人, remembered apart from the township's 填写人) and a note — the reason,
 * required to return (退回), optional to accept (采纳).
 */
function DecisionForm({ decision, busy, onSave, onCancel }: { decision: 'accepted' | 'returned'; busy: boolean; onSave(note: string, reviewer: string): Promise<void>; onCancel(): void }) {
  const s = useStrings();
  const styles = useStyles();
  const [note, setNote] = React.useState('');
  const [reviewer, setReviewer] = React.useState(loadReviewer);
  const [invalid, setInvalid] = React.useState(false);
  const returning = decision === 'returned';
  const tid = returning ? 'return' : 'accept';
  return (
    <form
      className={styles.form}
      data-testid={`${tid}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        if (returning && !note.trim()) return setInvalid(true);
        saveReviewer(reviewer);
        void onSave(note.trim(), reviewer.trim());
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <Field label={returning ? s.returnNote : s.acceptNote} required={returning} validationState={invalid ? 'error' : 'none'} validationMessage={invalid ? s.returnNoteEmpty : undefined}>
        <Textarea value={note} autoFocus={returning} data-testid={`${tid}-note`} onChange={(_, d) => { setNote(d.value); if (d.value.trim()) setInvalid(false); }} />
      </Field>
      <Field label={s.reviewer} hint={reviewer ? undefined : s.authorHelp}>
        <Input value={reviewer} autoFocus={!returning} data-testid={`${tid}-reviewer`} onChange={(_, d) => setReviewer(d.value)} />
      </Field>
      <div className={styles.row}>
        <Button type="submit" appearance="primary" size="small" disabled={busy} data-testid={`${tid}-save`}>
          {returning ? s.returnIt : s.accept}
        </Button>
        <Button type="button" size="small" onClick={onCancel}>
          {s.cancel}
        </Button>
      </div>
    </form>
  );
}

/** The findings of the previous round that are gone now (已改正), as they were then. */
export function FixedList({ findings, headingId }: { findings: Finding[]; headingId: string }) {
  const s = useStrings();
  const styles = useStyles();
  if (!findings.length) return null;
  return (
    <section aria-labelledby={headingId} data-testid="fixed-list">
      <h3 id={headingId} className={styles.h3}>
        {s.fixedGroup(findings.length)}
      </h3>
      <ul className={styles.fixed}>
        {findings.map((f) => (
          <li key={f.id} className={styles.fixedItem} data-testid="fixed-finding" data-rule={f.rule} data-sheet={f.sheet} data-cell={f.cell}>
            <Badge appearance="tint" color="success">{s.roundWords.fixed}</Badge> {ref(f.sheet, f.cell)}{' '}
            <span lang="zh-CN">{outputText(f.message)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
