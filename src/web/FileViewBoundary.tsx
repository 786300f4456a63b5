/**
 * An error boundary around one file's view (and, inside it, around its sheet preview): a rendering failure there
 * shows one message naming the file, and the page with its file input and every other open file stays as it was.
 * Without it React unmounts the whole page on any render error.
 */
import * as React from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useWebStrings } from './strings';

export interface FileViewBoundaryProps {
  /** The file's name, for the message. */
  name: string;
  /** What failed: the file's whole view, or only its sheet preview (the findings beside it stay). */
  part: 'view' | 'preview';
  /** Offered as 关闭此文件 when given. */
  onClose?: () => void;
  children: React.ReactNode;
}

interface State {
  error: unknown;
}

export class FileViewBoundary extends React.Component<FileViewBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error ?? new Error(String(error)) };
  }

  override render(): React.ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <ViewFailed
        name={this.props.name}
        part={this.props.part}
        error={this.state.error}
        onRetry={() => this.setState({ error: null })}
        onClose={this.props.onClose}
      />
    );
  }
}

function ViewFailed({ name, part, error, onRetry, onClose }: { name: string; part: 'view' | 'preview'; error: unknown; onRetry(): void; onClose?: () => void }) {
  const w = useWebStrings();
  const detail = (error instanceof Error ? error.message : String(error)).trim().slice(0, 160);
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="view-failed" data-part={part}>
      <MessageBarBody>{w.viewFailed(name, part, detail)}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onRetry} data-testid="view-retry">
          {w.viewRetry}
        </Button>
        {onClose ? (
          <Button size="small" onClick={onClose} data-testid="view-close">
            {w.remove(name)}
          </Button>
        ) : null}
      </MessageBarActions>
    </MessageBar>
  );
}
