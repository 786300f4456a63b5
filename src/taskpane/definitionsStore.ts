/**
 * Where the pane and the page remember the county's definitions (县级指标定义) between sessions: the browser's
 * localStorage — in the page, and in the Excel pane too (Office.context.document.settings would keep them per
 * workbook, and the county loads them once for every workbook). A store behind an interface, so a host with
 * another storage (OfficeRuntime.storage in a shared runtime) can pass its own. Nothing is ever dropped silently:
 * a store that cannot save or read says so, and the definitions still apply to this session.
 */
import type { CountyDefinitions } from '../core/definitions/types';
import { browserStorage, readStored, removeStored, StoreError, writeStored } from './browserStore';

export { StoreError };

export interface DefinitionsStore {
  load(): Promise<CountyDefinitions | null>;
  save(defs: CountyDefinitions): Promise<void>;
  clear(): Promise<void>;
  /**
   * Be told when another pane of the same page loaded or removed definitions (the page keeps one pane per open
   * file): every open file is then checked with them. Returns the unsubscribe.
   */
  subscribe?(listener: (defs: CountyDefinitions | null) => void): () => void;
}

export const DEFINITIONS_KEY = 'indicator-desk.county-definitions.v1';

function isDefinitions(x: unknown): x is CountyDefinitions {
  const d = x as CountyDefinitions;
  return !!d && typeof d === 'object' && typeof d.name === 'string' && Array.isArray(d.indicators) && Array.isArray(d.rules);
}

export function localDefinitionsStore(get: () => Storage | null = browserStorage): DefinitionsStore {
  const listeners = new Set<(defs: CountyDefinitions | null) => void>();
  const tell = (defs: CountyDefinitions | null) => listeners.forEach((l) => l(defs));
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async load() {
      return readStored(get(), DEFINITIONS_KEY, isDefinitions, '上次保存的县级指标定义已无法读取，已不再使用；请重新载入定义文件。');
    },
    async save(defs) {
      tell(defs);
      // a full or refused storage is said — the definitions still apply until the pane is closed
      writeStored(get(), DEFINITIONS_KEY, defs, '浏览器不允许保存，县级指标定义只在本次打开期间有效；下次打开需重新载入。');
    },
    async clear() {
      tell(null);
      // stopped for this session, but the stored copy may come back next time: said
      removeStored(get(), DEFINITIONS_KEY, '浏览器不允许修改保存的内容，县级指标定义已在本次停用，但下次打开可能仍会启用。');
    },
  };
}

/**
 * A definitions file loaded by the user (the pane's and the page's 县级指标定义): read (the reader is loaded on first
 * use, not with the pane), stamped with when, and kept in `store`. `notKept` is the store's sentence when the
 * browser refused to keep them — they still apply for this session, and the caller says so.
 */
export async function loadDefinitionsFile(
  file: { name: string; bytes: Uint8Array },
  store: DefinitionsStore,
  /** Called with the definitions read, before the store (and whoever listens to it) hears of them. */
  onRead?: (defs: CountyDefinitions) => void,
): Promise<{ defs: CountyDefinitions; notKept: string | null }> {
  const { readDefinitionsFile } = await import('../file/definitions');
  const defs: CountyDefinitions = { ...(await readDefinitionsFile(file.bytes, file.name)), loadedAt: new Date().toISOString() };
  onRead?.(defs);
  try {
    await store.save(defs);
    return { defs, notKept: null };
  } catch (err) {
    return { defs, notKept: err instanceof Error ? err.message : String(err) };
  }
}
