/**
 * Who writes explanations (填写人) and who decides them (审核人) here: each asked once in its form and remembered in
 * this browser (Office's webview keeps localStorage per add-in origin), so later ones carry it without typing it
 * again. Two names, not one: a county statistician who types a township's explanation for it (填写人 王会计) and then
 * decides it must not have the decision recorded as 王会计's. Where storage is refused (a sandboxed frame, private
 * mode), a name lasts as long as the page.
 */
type Who = 'author' | 'reviewer';
const KEYS: Record<Who, string> = { author: 'indicator-desk.author', reviewer: 'indicator-desk.reviewer' };
const inMemory: Record<Who, string> = { author: '', reviewer: '' };

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch (err) {
    // a SecurityError is how a browser says "no storage for this frame": the name is kept in memory instead
    if (err instanceof Error && err.name === 'SecurityError') return null;
    throw err;
  }
}

function load(who: Who): string {
  return storage()?.getItem(KEYS[who]) ?? inMemory[who];
}

function save(who: Who, name: string): void {
  const v = name.trim();
  inMemory[who] = v;
  const st = storage();
  if (!st) return;
  try {
    if (v) st.setItem(KEYS[who], v);
  } catch (err) {
    // a full or refused storage: the name stays in memory for this page; anything else is a bug and is thrown
    if (!(err instanceof Error && (err.name === 'QuotaExceededError' || err.name === 'SecurityError'))) throw err;
  }
}

/** 填写人: who writes the township's explanations and disputes. */
export const loadAuthor = (): string => load('author');
export const saveAuthor = (name: string): void => save('author', name);
/** 审核人: who makes the county's decisions (采纳 / 退回). */
export const loadReviewer = (): string => load('reviewer');
export const saveReviewer = (name: string): void => save('reviewer', name);
