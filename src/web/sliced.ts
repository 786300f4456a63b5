/**
 * A large reply from the check worker, posted in slices. One message of 50,000 findings took the page's main
 * thread over a second to receive (the structured clone is decoded in one task); in slices each message is
 * decoded in its own task, and the page answers the user in between. Loops only, no spread: the arrays are as
 * long as the workbook is.
 */

/** Arrays longer than this are sent in slices of this many items. */
export const SLICE = 2000;

export interface Slice {
  /** The request the slice belongs to. */
  id: number;
  /** Where the array sits in the final message (keys from its root), and a run of its items, in order. */
  slice: { path: string[]; items: unknown[] };
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The messages that carry `message`: slices of every array longer than `size` found in its plain objects (to a
 * depth of 4), then `message` itself with those arrays emptied. Takes `message` apart: post it, do not reuse it.
 */
export function splitMessage<T extends { id: number }>(message: T, size = SLICE): (Slice | T)[] {
  const out: (Slice | T)[] = [];
  const walk = (o: Obj, path: string[]) => {
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (Array.isArray(v) && v.length > size) {
        for (let i = 0; i < v.length; i += size) out.push({ id: message.id, slice: { path: [...path, key], items: v.slice(i, i + size) } });
        o[key] = [];
      } else if (isObj(v) && path.length < 4) walk(v, [...path, key]);
    }
  };
  walk(message as unknown as Obj, []);
  out.push(message);
  return out;
}

/** Puts the slices received before `message` back into it, in order. */
export function joinMessage<T>(message: T, slices: Slice['slice'][]): T {
  for (const { path, items } of slices) {
    let at: unknown = message;
    for (let i = 0; i < path.length - 1; i++) at = (at as Obj)[path[i]];
    const arr = (at as Obj)[path[path.length - 1]];
    if (!Array.isArray(arr)) throw new Error(`slice for ${path.join('.')} has no array to go into`);
    for (const x of items) arr.push(x);
  }
  return message;
}

export function isSlice(m: unknown): m is Slice {
  return isObj(m) && isObj(m.slice);
}
