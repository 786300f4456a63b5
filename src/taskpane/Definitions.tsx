/**
 * 县级指标定义: which county definitions every check uses (file, how many indicators and rules, when loaded), a
 * button to load a definitions file (Excel with 指标定义/审核规则, JSON or YAML) and one to remove them, and in Excel
 * 插入空白模板 (the blank template of the definitions shown). The same in the Excel pane and the web page; the
 * reading and remembering are usePane's.
 */
import * as React from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { CountyDefinitions } from '../core/definitions/types';
import { useStrings } from './i18n';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  text: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  summary: { cursor: 'pointer', ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  inline: { display: 'inline', margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

export const DEFINITION_ACCEPT = '.xlsx,.xlsm,.xls,.et,.ods,.json,.yaml,.yml';

/** `2026-12-04T02:40:00Z` → `2026-12-04 10:40` in the user's time zone; '' when unknown. */
export function loadedWhen(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A picked or dropped file's bytes (FileReader where Blob.arrayBuffer is missing). */
export function fileBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('FileReader'));
    reader.readAsArrayBuffer(file);
  });
}

export interface DefinitionsPanelProps {
  definitions: CountyDefinitions | null;
  disabled: boolean;
  onLoad(file: { name: string; bytes: Uint8Array }): void;
  onRemove(): void;
  onError(err: unknown): void;
  /** The blank template of these definitions (the pane: 插入空白模板 into the open workbook), beside the panel's buttons. */
  template?: { label: string; onClick(): void; testId: string };
}

export function DefinitionsPanel({ definitions, disabled, onLoad, onRemove, onError, template }: DefinitionsPanelProps) {
  const s = useStrings();
  const styles = useStyles();
  const id = React.useId();
  const input = React.useRef<HTMLInputElement>(null);
  const picked = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      onLoad({ name: file.name, bytes: new Uint8Array(await fileBytes(file)) });
    } catch (err) {
      onError(err);
    }
  };
  const problems = definitions?.problems?.length ?? 0;
  const templateButton = template ? (
    <Button size="small" disabled={disabled} onClick={template.onClick} data-testid={template.testId}>
      {template.label}
    </Button>
  ) : null;
  const buttons = (
    <div className={styles.row}>
      <Button size="small" disabled={disabled} onClick={() => input.current?.click()} data-testid="definitions-load">
        {definitions ? s.definitionsReplace : s.definitionsLoad}
      </Button>
      {definitions ? (
        <Button size="small" disabled={disabled} onClick={onRemove} data-testid="definitions-remove">
          {s.definitionsRemove}
        </Button>
      ) : null}
      {definitions ? templateButton : null}
      <input
        ref={input}
        type="file"
        accept={DEFINITION_ACCEPT}
        hidden
        aria-label={definitions ? s.definitionsReplace : s.definitionsLoad}
        onChange={(e) => void picked(e)}
        data-testid="definitions-input"
      />
    </div>
  );
  // none loaded: one line saying so (the findings come right after it on a narrow pane); what they are and the
  // button to load them open under it; the blank template (of the built-in catalog then) stays in view
  if (!definitions) {
    return (
      <div className={styles.section} data-testid="definitions">
        <details className={styles.section}>
          <summary className={styles.summary}>
            <h2 id={`${id}-defs`} className={styles.inline}>
              {s.definitionsTitle}
            </h2>{' '}
            <span className={styles.text} data-testid="definitions-status">
              {s.definitionsNone}
            </span>
          </summary>
          <p className={styles.text}>{s.definitionsHelp}</p>
          {buttons}
        </details>
        {templateButton ? <div className={styles.row}>{templateButton}</div> : null}
      </div>
    );
  }
  return (
    <section className={styles.section} aria-labelledby={`${id}-defs`} data-testid="definitions">
      <h2 id={`${id}-defs`} className={styles.h2}>
        {s.definitionsTitle}
      </h2>
      <p className={styles.text} data-testid="definitions-status">
        {s.definitionsActive(definitions.name, definitions.indicators.length, definitions.rules.length, loadedWhen(definitions.loadedAt))}
        {problems ? ` ${s.definitionsProblems(problems)}` : ''}
      </p>
      {buttons}
    </section>
  );
}
