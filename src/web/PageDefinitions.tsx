/**
 * 县级指标定义 before any workbook is open (issue 12): the county loads its definitions once, on the page's first
 * screen, and every workbook opened after is checked with them — as in each open file's own panel (the same
 * DefinitionsPanel over the page's one store; every pane and the county table hear a load or removal through it).
 * Reading and keeping the file is definitionsStore's loadDefinitionsFile, as in the panes.
 */
import * as React from 'react';
import type { CountyDefinitions } from '../core/definitions/types';
import { DefinitionsPanel } from '../taskpane/Definitions';
import { loadDefinitionsFile, type DefinitionsStore } from '../taskpane/definitionsStore';
import { userMessage } from '../taskpane/errors';
import { useStrings } from '../taskpane/i18n';
import { Message } from '../taskpane/Message';

export interface PageDefinitionsProps {
  store: DefinitionsStore;
}

export function PageDefinitions({ store }: PageDefinitionsProps) {
  const s = useStrings();
  const [definitions, setDefinitions] = React.useState<CountyDefinitions | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [message, setMessage] = React.useState<{ intent: 'success' | 'warning' | 'error'; text: string } | null>(null);
  React.useEffect(() => {
    let live = true;
    store.load().then(
      (d) => live && setDefinitions(d),
      (err) => live && setMessage({ intent: 'error', text: userMessage(err, s) }),
    );
    const unsubscribe = store.subscribe?.((d) => live && setDefinitions(d));
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [store, s]);

  /** `what` says what was done; a warning when it was done only in part (in use, but not kept). */
  const act = async (what: () => Promise<string | { warning: string }>) => {
    setBusy(true);
    setMessage(null);
    try {
      const done = await what();
      setMessage(typeof done === 'string' ? { intent: 'success', text: done } : { intent: 'warning', text: done.warning });
    } catch (err) {
      setMessage({ intent: 'error', text: userMessage(err, s) });
    } finally {
      setBusy(false);
    }
  };
  // the store tells every listener before it saves: a store that cannot keep them still applies them to this session
  const load = (file: { name: string; bytes: Uint8Array }) =>
    act(async () => {
      const { defs, notKept } = await loadDefinitionsFile(file, store, setDefinitions);
      // not kept for the next visit, and said so — a warning, not a success: in use for this session only
      if (notKept != null) return { warning: notKept };
      return s.definitionsLoaded(defs.name);
    });
  const remove = () =>
    act(async () => {
      const name = definitions?.name ?? '';
      setDefinitions(null);
      await store.clear();
      return s.definitionsRemoved(name);
    });

  return (
    <>
      <DefinitionsPanel definitions={definitions} disabled={busy} onLoad={(f) => void load(f)} onRemove={() => void remove()} onError={(err) => setMessage({ intent: 'error', text: userMessage(err, s) })} />
      {message ? (
        <Message intent={message.intent} testId="page-definitions-message" onDismiss={() => setMessage(null)}>
          {message.text}
        </Message>
      ) : null}
    </>
  );
}
