import { excelErrorMessage, isPayloadError } from '../../src/excel/errors';
import { selectCell } from '../../src/excel/apply';
import { createExcelHost } from '../../src/excel/host';
import { createFakeExcel } from './fake-excel';

/** What office-js rejects with: a stable code and an English summary that is not meant for users. */
const officeError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('Excel errors become Chinese sentences chosen by their code', () => {
  test('a cell being edited: the user is told to press Enter or Esc, not shown Excel’s English', () => {
    const text = excelErrorMessage(
      officeError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode. Please exit the edit mode.'),
      'read',
    );
    expect(text).toContain('读取工作簿失败');
    expect(text).toContain('Enter');
    expect(text).toContain('InvalidOperationInCellEditMode');
    expect(text).not.toMatch(/cell-editing mode/);
  });

  test('a protected sheet refusing a write names the protection and the 审阅 tab', () => {
    const text = excelErrorMessage(officeError('InvalidOperation', 'The requested operation is invalid.'), 'write');
    expect(text).toMatch(/^写入工作簿失败：/);
    expect(text).toContain('保护');
    expect(text).toContain('审阅');
    expect(text).not.toContain('The requested operation');
    // reading a protected sheet works: the same code while reading does not blame protection
    expect(excelErrorMessage(officeError('InvalidOperation', 'The requested operation is invalid.'), 'read')).not.toContain('保护');
  });

  test('both payload limits are recognised, by code or by message', () => {
    expect(isPayloadError(officeError('RequestPayloadSizeLimitExceeded', 'x'))).toBe(true);
    expect(isPayloadError(officeError('ResponsePayloadSizeLimitExceeded', 'x'))).toBe(true);
    expect(isPayloadError(officeError('GeneralException', 'The response payload size has exceeded the limit.'))).toBe(true);
    expect(isPayloadError(officeError('InvalidOperation', 'x'))).toBe(false);
    expect(isPayloadError(null)).toBe(false);
    expect(excelErrorMessage(officeError('ResponsePayloadSizeLimitExceeded', 'too big'), 'read')).toContain('5 MB');
  });

  test('an unknown code keeps Excel’s (localised) message and the code; our own Chinese messages pass unchanged', () => {
    const text = excelErrorMessage(officeError('SomethingNew', '连接已断开'), 'write');
    expect(text).toContain('连接已断开');
    expect(text).toContain('SomethingNew');
    expect(excelErrorMessage(new Error('找不到工作表‘矛盾纠纷’，它可能已被重命名或删除。'), 'select')).toBe(
      '找不到工作表‘矛盾纠纷’，它可能已被重命名或删除。',
    );
  });

  test('nothing to go on still gives a full sentence, never undefined/null/NaN', () => {
    for (const e of [undefined, null, {}, 'undefined', new Error(''), { code: 42, message: null }]) {
      const text = excelErrorMessage(e, 'read');
      expect(text).toMatch(/^读取工作簿失败：.+。$/);
      expect(text).not.toMatch(/undefined|null|NaN/);
    }
  });
});

describe('the host passes them on', () => {
  test('read rejects with the Chinese sentence for the code', async () => {
    const host = createExcelHost({
      run: () => Promise.reject(officeError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.')),
      env: createFakeExcel().env,
    });
    await expect(host.read()).rejects.toThrow(/读取工作簿失败：Excel 正在编辑某个单元格/);
  });

  test('apply: a batch refused before any write says so', async () => {
    const host = createExcelHost({
      run: () => Promise.reject(officeError('AccessDenied', 'Access denied.')),
      env: createFakeExcel().env,
    });
    const out = await host.apply({ sheets: [], styles: {}, clearMarks: true });
    expect(out.ok).toBe(false);
    expect(out.message).toContain('只读');
    expect(out.message).toContain('没有写入任何内容');
  });

  test('selecting a cell on a hidden sheet names the sheet and how to unhide it (Excel cannot activate it)', async () => {
    const fake = createFakeExcel();
    fake.model.addSheet('封面', [['封面']]);
    fake.model.addSheet('矛盾纠纷', [['项目', '数量']], { visibility: 'Hidden' });
    await expect(selectCell(fake.context(), '矛盾纠纷', 'D11')).rejects.toThrow('工作表‘矛盾纠纷’是隐藏的，无法定位到 D11');
    expect(fake.model.selection).toBeNull();
    const host = createExcelHost({ run: (b) => fake.run(b), env: fake.env });
    await expect(host.select('矛盾纠纷', 'D11')).rejects.toThrow('取消隐藏');
  });
});
