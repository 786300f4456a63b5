/** Turning whatever a host threw into one sentence a township clerk can act on. */
import type { Strings } from './i18n';

const CJK = /[\u4e00-\u9fff]/;

/** The message of a thrown value when it is already written for users (Chinese), else a generic sentence. */
export function userMessage(err: unknown, s: Strings): string {
  const msg =
    err instanceof Error ? err.message : typeof err === 'string' ? err : (err as { message?: unknown })?.message;
  if (typeof msg === 'string') {
    const text = msg.trim();
    if (text && CJK.test(text)) return text;
    if (text && !/^(undefined|null|NaN)$/i.test(text)) return s.genericError(text);
  }
  return s.unknownError;
}
