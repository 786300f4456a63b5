/**
 * What the pane and the page remember in the browser's localStorage (the county's definitions, the page's 乡镇名单):
 * one JSON value under a key, read back only when it is still the kind of value expected. Every refusal is a
 * StoreError with the caller's Chinese sentence — nothing is dropped or kept silently.
 */

/** Thrown (with a Chinese sentence) when the browser cannot keep or give back what was stored. */
export class StoreError extends Error {}

/** The browser's localStorage, or null where a sandboxed frame may not even touch it (saving then says so). */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    // refused access is no storage: the caller's save says so (StoreError)
    return null;
  }
}

/** The value stored under `key` (null: none), or StoreError(`unreadable`) when it is no longer what `valid` accepts. */
export function readStored<T>(storage: Storage | null, key: string, valid: (x: unknown) => x is T, unreadable: string): T | null {
  const text = storage?.getItem(key);
  if (!text) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = null; // not JSON: said just below, as any stored value that is no longer readable
  }
  if (!valid(data)) throw new StoreError(unreadable);
  return data;
}

/** Store `value` under `key`, or StoreError(`refused`) when there is no storage or it is full or refused. */
export function writeStored(storage: Storage | null, key: string, value: unknown, refused: string): void {
  try {
    if (!storage) throw new Error('no storage');
    storage.setItem(key, JSON.stringify(value));
  } catch {
    throw new StoreError(refused);
  }
}

/** Forget `key`, or StoreError(`refused`) when the browser will not change what it stored. */
export function removeStored(storage: Storage | null, key: string, refused: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    throw new StoreError(refused);
  }
}
