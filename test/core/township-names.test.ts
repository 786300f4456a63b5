/** A township's name (a summary's row entity) against the catalog's own indicators about communities. */
import { isTownship } from '../../src/core/extract/words';

test('indicators about model communities are not township names; real names stay', () => {
  for (const s of ['县级民主法治示范社区', '市级民主法治示范社区', '省级民主法治示范社区', '国家级民主法治示范社区', '法治示范社区']) expect(isTownship(s)).toBe(false);
  for (const s of ['周营镇', '示范镇', '民主镇', '东城街道', '幸福社区', '大钟庄镇', '前营乡']) expect(isTownship(s)).toBe(true);
});
