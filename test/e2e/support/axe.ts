/** axe-core in a page: its violations, and the serious or critical ones as a report ('' when there are none). */
import type { Page } from 'playwright-core';

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  });
}

export function seriousOnly(v: AxeViolation[]): string {
  const bad = v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
  return bad.map((x) => `[${x.impact}] ${x.id}: ${x.help}\n    ${x.nodes.join('\n    ')}`).join('\n');
}
