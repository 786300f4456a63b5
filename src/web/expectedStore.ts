/**
 * Where the page remembers the county's 乡镇名单 between sessions: the browser's localStorage, beside the county's
 * definitions (src/taskpane/definitionsStore.ts) — the list as the user gave it (its text, parsed again on every
 * load by the core's parser), its name and when it was loaded. A browser that refuses to keep it is told, and the
 * list still applies while the page is open.
 */
import { browserStorage, readStored, removeStored, writeStored } from '../taskpane/browserStore';

export interface StoredList {
  /** The list's file name, or 粘贴的名单. */
  name: string;
  /** One township a line, as given (a sheet's rows as tab-separated lines). */
  text: string;
  /** ISO time it was loaded. */
  loadedAt: string;
}

export interface ExpectedStore {
  load(): Promise<StoredList | null>;
  save(list: StoredList): Promise<void>;
  clear(): Promise<void>;
}

export const EXPECTED_KEY = 'indicator-desk.county-expected.v1';

function isList(x: unknown): x is StoredList {
  const l = x as StoredList;
  return !!l && typeof l === 'object' && typeof l.name === 'string' && typeof l.text === 'string' && typeof l.loadedAt === 'string';
}

export function localExpectedStore(get: () => Storage | null = browserStorage): ExpectedStore {
  /** Kept for this session when the browser refuses to store it. */
  let session: StoredList | null = null;
  return {
    async load() {
      return readStored(get(), EXPECTED_KEY, isList, '上次保存的乡镇名单已无法读取，已不再使用；请重新载入名单。') ?? session;
    },
    async save(list) {
      try {
        writeStored(get(), EXPECTED_KEY, list, '浏览器不允许保存，乡镇名单只在本次打开期间有效；下次打开需重新载入。');
        session = null;
      } catch (e) {
        session = list;
        throw e;
      }
    },
    async clear() {
      session = null;
      removeStored(get(), EXPECTED_KEY, '浏览器不允许修改保存的内容，乡镇名单已在本次停用，但下次打开可能仍会使用。');
    },
  };
}
