/**
 * Who writes explanations and decisions here (填写人 / 审核人): asked once in the explanation form and remembered
 * in this browser (Office's webview keeps localStorage per add-in origin), so later explanations carry it without
 * asking again. Where storage is refused (a sandboxed frame, private mode), the name lasts as long as the page.
 */
const KEY = 'indicator-desk.author';
let inMemory = '';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch (err) {
    // a SecurityError is how a browser says "no storage for this frame": the name is kept in memory instead
    if (err instanceof Error && err.name === 'SecurityError') return null;
    throw err;
  }
}

export function loadAuthor(): string {
  return storage()?.getItem(KEY) ?? inMemory;
}

export function saveAuthor(name: string): void {
  const v = name.trim();
  inMemory = v;
  const st = storage();
  if (!st) return;
  try {
    if (v) st.setItem(KEY, v);
  } catch (err) {
    // a full or refused storage: the name stays in memory for this page; anything else is a bug and is thrown
    if (!(err instanceof Error && (err.name === 'QuotaExceededError' || err.name === 'SecurityError'))) throw err;
  }
}
