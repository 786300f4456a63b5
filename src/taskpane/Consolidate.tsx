/**
 * 汇总各乡镇 in the Excel pane (issue 14): on a workbook with one sheet per township or a county summary sheet, the
 * townships found and the button that writes the county's sheets into the workbook; on any other workbook, one
 * line saying why not (the core's sentence, naming the file).
 */
import * as React from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { CountyOffer } from './engine';
import { useStrings } from './i18n';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  text: { margin: 0, color: tokens.colorNeutralForeground1, overflowWrap: 'anywhere' },
  muted: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  button: { alignSelf: 'flex-start' },
});

export function Consolidate({ offer, busy, onConsolidate }: { offer: CountyOffer | null; busy: boolean; onConsolidate(): void }) {
  const s = useStrings();
  const styles = useStyles();
  const id = React.useId();
  if (!offer) return null;
  if (!offer.ok) {
    return (
      <p className={styles.muted} data-testid="county-not-offered" lang="zh-CN">
        {s.countyNotOffered(offer.reason)}
      </p>
    );
  }
  const townships = [...new Set(offer.inputs.flatMap((i) => i.rows.map((r) => r.township)))];
  return (
    <section className={styles.section} aria-labelledby={`${id}-county`} data-testid="county-section">
      <h2 id={`${id}-county`} className={styles.h2}>
        {s.county}
      </h2>
      <p className={styles.text} data-testid="county-offer">
        {s.countyOffer(offer.kind, townships)}
      </p>
      <Button className={styles.button} appearance="primary" onClick={onConsolidate} disabled={busy} data-testid="county-button">
        {s.county}
      </Button>
    </section>
  );
}
