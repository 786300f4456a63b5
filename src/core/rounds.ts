/**
 * Rounds with a township: its new file checked against the previous round (the county's result copy of it, or the
 * township's earlier file — either is simply checked again, the tool's own sheets being skipped). Finding ids are
 * stable hashes (findings.ts), so each current finding is 新出现 or 仍未改正 by its id, 已说明 when it is closed as
 * explained now, and each finding of the previous round that is gone is 已改正.
 */
import type { CheckResult, Finding, RoundComparison, RoundStatus } from './types';

export const ROUND_WORDS: Record<RoundStatus, string> = { fixed: '已改正', new: '新出现', open: '仍未改正', explained: '已说明' };
export const ROUND_ORDER: RoundStatus[] = ['fixed', 'new', 'open', 'explained'];

/**
 * THE matching of two rounds, by stable finding id: each current finding is 已说明 when it is closed as explained
 * now, 仍未改正 when its id was there before, else 新出现; each previous one whose id is gone is 已改正. Generic over
 * what the previous round is (a re-checked CheckResult's findings, or the county's 审核明细 rows), so one township
 * and a county of them are compared the same way.
 */
export function matchRounds<P extends { id: string }>(
  current: readonly Pick<Finding, 'id' | 'status'>[],
  previous: readonly P[],
): { status: Record<string, RoundStatus>; fixed: P[]; counts: Record<RoundStatus, number> } {
  const before = new Set(previous.map((f) => f.id));
  const now = new Set(current.map((f) => f.id));
  const status: Record<string, RoundStatus> = {};
  const counts: Record<RoundStatus, number> = { fixed: 0, new: 0, open: 0, explained: 0 };
  for (const f of current) {
    const s: RoundStatus = f.status === 'explained' ? 'explained' : before.has(f.id) ? 'open' : 'new';
    status[f.id] = s;
    counts[s]++;
  }
  const fixed = previous.filter((f) => !now.has(f.id));
  counts.fixed = fixed.length;
  return { status, fixed, counts };
}

/** Where each finding of `current` stands against `previous`; `since` names the previous file for messages. */
export function compareRounds(current: CheckResult, previous: CheckResult, since: string): RoundComparison {
  return { since, ...matchRounds(current.findings, previous.findings) };
}

/** `与上次（x.xlsx）比较：已改正 2 项，新出现 1 项，仍未改正 3 项，已说明 1 项。` */
export function roundLine(round: RoundComparison): string {
  return `与上次（${round.since}）比较：${ROUND_ORDER.map((s) => `${ROUND_WORDS[s]} ${round.counts[s]} 项`).join('，')}。`;
}

/** The result with its comparison attached (`CheckResult.round`): what the CLI, the pane and the county summary read. */
export function withRound(current: CheckResult, previous: CheckResult, since: string): CheckResult {
  return { ...current, round: compareRounds(current, previous, since) };
}
