/** A message the user can dismiss (errors, notices), the same in the task pane and on the web page. */
import * as React from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useStrings } from './i18n';

export interface MessageProps {
  /** error: it failed; warning: it was done, but not all of it (kept for this session only, say); success: done. */
  intent: 'error' | 'warning' | 'success';
  /** Bold first line, when there is one. */
  title?: string;
  testId: string;
  onDismiss: () => void;
  children: React.ReactNode;
}

/** Errors and warnings are announced at once (role="alert"); notices are read by the surrounding live region. */
export function Message({ intent, title, testId, onDismiss, children }: MessageProps): React.ReactElement {
  const s = useStrings();
  return (
    <MessageBar intent={intent} layout="multiline" data-testid={testId} data-intent={intent} {...(intent !== 'success' ? { role: 'alert' } : {})}>
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {children}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onDismiss}>
          {s.dismiss}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
