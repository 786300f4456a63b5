/**
 * The fake office-js behaves like office-js where the adapter's correctness depends on it; otherwise the adapter
 * tests would prove nothing. (Semantics from the office-js documentation: load/sync, *OrNullObject, payload limits.)
 */
import { createFakeExcel, FakeOfficeError, PAYLOAD_LIMIT } from './fake-excel';

describe('fake office-js', () => {
  test('reading a property before load + sync throws PropertyNotLoaded; after them it reads', async () => {
    const fake = createFakeExcel();
    fake.model.addSheet('表', [[1, 2]]);
    const ctx = fake.context();
    const range = ctx.workbook.worksheets.getItem('表').getRange('A1:B1');
    expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    range.load('values');
    expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' })); // loaded, not synced
    await ctx.sync();
    expect(range.values).toEqual([[1, 2]]);
    expect(() => range.numberFormat).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });

  test('*OrNullObject: isNullObject is known only after a sync; getItem on a missing sheet fails the sync', async () => {
    const fake = createFakeExcel();
    fake.model.addSheet('表', []);
    const ctx = fake.context();
    const missing = ctx.workbook.worksheets.getItemOrNullObject('没有');
    const present = ctx.workbook.worksheets.getItemOrNullObject('表');
    expect(() => missing.isNullObject).toThrow(FakeOfficeError);
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    expect(present.isNullObject).toBe(false);
    const used = ctx.workbook.worksheets.getItem('表').getUsedRangeOrNullObject(true);
    used.load('address');
    await ctx.sync();
    expect(used.isNullObject).toBe(true);
    ctx.workbook.worksheets.getItem('没有').load('name');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  test('writes are queued until sync and counted; a string starting with = becomes a formula unless the cell is text', async () => {
    const fake = createFakeExcel();
    fake.model.addSheet('表', [['x']]);
    const ctx = fake.context();
    const ws = ctx.workbook.worksheets.getItem('表');
    ws.getRange('A2').values = [['=A1']];
    const b2 = ws.getRange('B2');
    b2.numberFormat = [['@']];
    b2.values = [['=A1']];
    expect(fake.model.cell('表', 'A2')).toBeUndefined();
    await ctx.sync();
    expect(fake.model.cell('表', 'A2')).toMatchObject({ f: '=A1' });
    expect(fake.model.cell('表', 'B2')).toMatchObject({ v: '=A1', nf: '@' });
    expect(fake.model.writes).toBe(3);
  });

  test('a request over 5 MB is rejected whole; a response over 5 MB fails the sync', async () => {
    const fake = createFakeExcel();
    fake.model.addSheet('表', [['x']]);
    const ctx = fake.context();
    const big = Array.from({ length: 2000 }, () => ['依法行政'.repeat(300)]);
    ctx.workbook.worksheets.getItem('表').getRange('A1:A2000').values = big;
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.model.writes).toBe(0);
    expect(fake.model.syncs[0].requestBytes).toBeGreaterThan(PAYLOAD_LIMIT);

    const rows = Array.from({ length: 2000 }, () => ['依法行政'.repeat(300)]);
    fake.model.addSheet('大', rows);
    const r = ctx.workbook.worksheets.getItem('大').getRange('A1:A2000');
    r.load('values');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });

  test('protected sheets refuse cell writes; APIs above the host version are not found', async () => {
    const fake = createFakeExcel({ apiVersion: '1.9' });
    fake.model.addSheet('表', [[1]], { protected: true });
    const ctx = fake.context();
    ctx.workbook.worksheets.getItem('表').getRange('A1').format.fill.color = '#FF0000';
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    ctx.workbook.comments.load('items/id');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(fake.env.isSetSupported('ExcelApi', '1.9')).toBe(true);
    expect(fake.env.isSetSupported('ExcelApi', '1.10')).toBe(false);
    expect(fake.model.writes).toBe(0);
  });

  test('data validation is refused as Excel refuses it (two kinds of rule, Between without formula2, a title over 32 characters) and nothing is kept', async () => {
    const fake = createFakeExcel();
    fake.model.addSheet('表', []);
    for (const set of [
      (dv: Excel.DataValidation) => (dv.rule = { wholeNumber: { operator: 'GreaterThan' as Excel.DataValidationOperator, formula1: 0 }, list: { inCellDropDown: true, source: '是,否' } }),
      (dv: Excel.DataValidation) => (dv.rule = { decimal: { operator: 'Between' as Excel.DataValidationOperator, formula1: 0 } }),
      (dv: Excel.DataValidation) => (dv.prompt = { showPrompt: true, title: '题'.repeat(33), message: '请填写' }),
    ]) {
      const ctx = fake.context();
      set(ctx.workbook.worksheets.getItem('表').getRange('D4').dataValidation);
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    }
    expect(fake.model.cell('表', 'D4')?.validation).toBeUndefined();
    const ctx = fake.context();
    const dv = ctx.workbook.worksheets.getItem('表').getRange('D4').dataValidation;
    dv.rule = { list: { inCellDropDown: true, source: '是,否' } };
    dv.load('type,rule');
    await ctx.sync();
    expect(dv.type).toBe('List');
  });

  test('a protected sheet takes values only in unlocked cells, no format or validation changes, and cannot be protected twice', async () => {
    const fake = createFakeExcel();
    fake.model.addSheet('表', [['指标', '数值']]);
    let ctx = fake.context();
    const ws = ctx.workbook.worksheets.getItem('表');
    ws.getRange('B2').format.protection.locked = false;
    ws.protection.protect({ allowFormatColumns: true });
    await ctx.sync();
    ctx = fake.context();
    ctx.workbook.worksheets.getItem('表').getRange('B2').values = [[12]];
    await ctx.sync();
    expect(fake.model.cell('表', 'B2')?.v).toBe(12);
    for (const change of [
      (w: Excel.Worksheet) => (w.getRange('A2').values = [['改']]),
      (w: Excel.Worksheet) => (w.getRange('B2').numberFormat = [['0.0%']]),
      (w: Excel.Worksheet) => (w.getRange('B2').dataValidation.rule = { wholeNumber: { operator: 'GreaterThan' as Excel.DataValidationOperator, formula1: 0 } }),
      (w: Excel.Worksheet) => (w.getRange('A2:B2').values = [['改', 13]]),
    ]) {
      ctx = fake.context();
      change(ctx.workbook.worksheets.getItem('表'));
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    }
    ctx = fake.context();
    ctx.workbook.worksheets.getItem('表').protection.protect();
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(fake.model.cell('表', 'A2')?.v).toBeUndefined();
    expect(fake.model.cell('表', 'B2')?.v).toBe(12);
  });
});
