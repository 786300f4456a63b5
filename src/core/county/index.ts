/**
 * County consolidation (issue 14): pure — consumes what each checked input keeps (rows.ts), produces the county's
 * totals, rates, cross-township findings (consolidate.ts), narrative (narrative.ts) and the WritePlan of its
 * sheets (plan.ts). The CLI, the page and the pane are adapters over it.
 */
export * from './rows';
export * from './consolidate';
export * from './narrative';
export * from './plan';
export * from './rounds';
export * from './workbook';
export * from './expected';
