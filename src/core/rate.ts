/** The one rate function: every rate the tool shows, checks or writes goes through here. */

/** Round half-up (away from zero for .5) to `decimals` places, immune to binary noise (94.55 → 94.6). */
export function roundHalfUp(x: number, decimals = 1): number {
  const f = 10 ** decimals;
  const scaled = Math.abs(x) * f;
  const r = Math.floor(scaled + 0.5 + 1e-9);
  return (Math.sign(x) * r) / f;
}

/** numerator / denominator in percent, unrounded; null when the denominator is 0 or either is missing. */
export function ratePercent(numerator: number | null | undefined, denominator: number | null | undefined): number | null {
  if (numerator == null || denominator == null || !Number.isFinite(numerator) || !Number.isFinite(denominator)) return null;
  if (denominator === 0) return null;
  return (numerator / denominator) * 100;
}

/** Display a percent as the report style asks: one decimal, except exact 100%. `94.6%`, `100%`, `0.0%`. */
export function formatPercent(percent: number): string {
  if (percent === 100) return '100%';
  return `${roundHalfUp(percent, 1).toFixed(1)}%`;
}

/**
 * How far a reported rate may stand from the computed one and still be a legitimate rounding of it:
 * half a unit of the last decimal the township wrote (98% → ±0.5 point; 94.6% → ±0.05).
 */
export function roundingTolerance(reportedDecimals: number | null): number {
  const d = reportedDecimals == null ? 0 : Math.max(0, Math.min(reportedDecimals, 6));
  return 0.5 / 10 ** d + 1e-9;
}

/** True when `reported` (percent, written with `decimals` places) is a rounding of `computed`. */
export function rateAgrees(reported: number, decimals: number | null, computed: number): boolean {
  return Math.abs(reported - computed) <= roundingTolerance(decimals);
}

/**
 * True when `reported` (written with `decimals` places) is the computed rate cut, not rounded, at that precision
 * (7/9 = 77.78 % written `77.7%`, or `77%`): a slip of the pen the `rate-truncated` hint names, not a wrong rate.
 * False when the rounding agrees anyway (then there is nothing to say).
 */
export function rateTruncated(reported: number, decimals: number | null, computed: number): boolean {
  if (computed < 0 || rateAgrees(reported, decimals, computed)) return false;
  const d = decimals == null ? 0 : Math.max(0, Math.min(decimals, 6));
  const f = 10 ** d;
  const cut = Math.floor(computed * f + 1e-9) / f;
  return Math.abs(reported - cut) < 1e-9 * Math.max(1, Math.abs(cut));
}
