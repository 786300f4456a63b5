/**
 * merge's collections between files (src/cli/memory.ts): every 50 files, and never a failure of the merge when the
 * runtime does not let the collector be reached (the flag ignored, `gc` undefined in a new context — an error of
 * that context's realm, which `instanceof Error` does not recognise).
 */
import * as realVm from 'vm';

const mockVm = (throwing: boolean) => ({
  runInNewContext: (code: string) => {
    if (throwing) throw realVm.runInNewContext('new ReferenceError("gc is not defined")') as unknown;
    return realVm.runInNewContext(code);
  },
});

describe('collections between the files of a merge', () => {
  afterEach(() => jest.resetModules());

  it('collect every 50 files, not in between', () => {
    jest.isolateModules(() => {
      const calls: number[] = [];
      jest.doMock('vm', () => ({ runInNewContext: () => () => calls.push(1) }));
      jest.doMock('v8', () => ({ setFlagsFromString: () => undefined }));
      const { afterFile, FILES_PER_COLLECTION } = require('../../src/cli/memory') as typeof import('../../src/cli/memory');
      const done = Array.from({ length: 151 }, (_, i) => afterFile(i));
      expect(done.map((d, i) => (d ? i : -1)).filter((i) => i >= 0)).toEqual([FILES_PER_COLLECTION, 2 * FILES_PER_COLLECTION, 3 * FILES_PER_COLLECTION]);
      expect(calls).toHaveLength(3);
    });
  });

  it('go on without collecting where the collector cannot be reached', () => {
    jest.isolateModules(() => {
      jest.doMock('vm', () => mockVm(true));
      jest.doMock('v8', () => ({ setFlagsFromString: () => undefined }));
      const { afterFile, settle } = require('../../src/cli/memory') as typeof import('../../src/cli/memory');
      expect(settle()).toBe(false);
      expect(afterFile(50)).toBe(false);
    });
  });
});
