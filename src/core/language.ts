/**
 * Is this message already written for the user — does it hold Chinese? The one test every adapter uses to tell
 * its own Chinese sentences (pass them on as they are) from a host's or a library's English (wrap them).
 */
export function isChineseMessage(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}
