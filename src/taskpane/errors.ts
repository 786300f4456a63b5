/** Turning whatever a host threw into one sentence a township clerk can act on. */
import type { Strings } from './i18n';
import { isChineseMessage } from '../core/language';


/** The message of a thrown value when it is already written for users (Chinese), else a generic sentence. */
export function userMessage(err: unknown, s: Strings): string {
  const msg =
    err instanceof Error ? err.message : typeof err === 'string' ? err : (err as { message?: unknown })?.message;
  if (typeof msg === 'string') {
    const text = msg.trim();
    if (text && isChineseMessage(text)) return text;
    if (text && !/^(undefined|null|NaN)$/i.test(text)) return s.genericError(text);
  }
  return s.unknownError;
}
