/** A message the user can dismiss (errors, notices), the same in the task pane and on the web page. */
import * as React from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useStrings } from './i18n';

export interface MessageProps {
  intent: 'error' | 'success';
  /** Bold first line, when there is one. */
  title?: string;
  testId: string;
  onDismiss: () => void;
  children: React.ReactNode;
}

/** Errors are announced at once (role="alert"); notices are read by the surrounding live region. */
export function Message({ intent, title, testId, onDismiss, children }: MessageProps): React.ReactElement {
  const s = useStrings();
  return (
    <MessageBar intent={intent} layout="multiline" data-testid={testId} {...(intent === 'error' ? { role: 'alert' } : {})}>
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
