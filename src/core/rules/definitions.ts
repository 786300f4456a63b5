/** The county's definitions that did not apply (issue 12): one `definition-invalid` hint per row, at its cell. */
import { makeFinding, whereText } from '../findings';
import type { Finding } from '../types';
import type { RuleContext } from './context';

export function definitionInvalid(ctx: RuleContext): Finding[] {
  return (ctx.county?.problems ?? []).map((p) => {
    const own = p.inWorkbook === true && !!p.at.cell;
    const where = p.at.cell ? `${p.at.sheet}!${p.at.cell}` : p.at.sheet;
    return makeFinding('definition-invalid', {
      sheet: own ? p.at.sheet : '',
      cell: own ? p.at.cell! : '',
      indicators: [],
      entity: null,
      period: null,
      key: `definition|${p.at.file}|${where}|${p.reason}`,
      // a row of the workbook's own sheet is a cell; a row of the county's file is named with the file
      vars: {
        source: own ? whereText(p.at.sheet, p.at.cell!) : `县级指标定义“${p.at.file}”${where ? `中的${where}` : ''}`,
        text: p.text || '（整个文件）',
        reason: p.reason,
      },
      actual: p.text,
    });
  });
}
