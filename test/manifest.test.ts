/**
 * manifest.xml and the built dist/manifest.xml validate offline against Microsoft's XSDs (VersionOverrides V1_0),
 * which live beside the clone in ../shared/schemas/office-addin-manifest/ (the online validator of
 * `office-addin-manifest validate` is not reachable from these machines).
 */
import * as fs from 'fs';
import * as path from 'path';
import { validateXML } from 'xmllint-wasm';
import { MIN_EXCEL_API } from '../src/excel/env';

const root = path.resolve(__dirname, '..');
const schemaDir = path.resolve(root, '../shared/schemas/office-addin-manifest');
const source = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
const webpackConfig = require('../webpack.config.js') as {
  urlDev: string;
  urlProd: string;
  manifestForProduction(xml: string, prodUrl?: string): string;
};

async function validate(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const read = (f: string) => ({ fileName: f, contents: fs.readFileSync(path.join(schemaDir, f), 'utf8') });
  const result = await validateXML({
    xml: [{ fileName: 'manifest.xml', contents: xml }],
    schema: [read('OfficeAppManifestV1_1.xsd')],
    preload: [
      read('OfficeAppBasicTypesV1_0.xsd'),
      read('TaskPaneAppVersionOverridesV1_0.xsd'),
      read('MailAppVersionOverridesV1_0.xsd'),
      read('MailAppVersionOverridesV1_1.xsd'),
    ],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('manifest.xml', () => {
  test('the schemas are where the tests expect them (../shared beside the clone)', () => {
    expect(fs.existsSync(path.join(schemaDir, 'OfficeAppManifestV1_1.xsd'))).toBe(true);
  });

  test('validates against OfficeAppManifestV1_1.xsd', async () => {
    const r = await validate(source);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  test('a manifest without <Id> does not validate (the check really checks)', async () => {
    const broken = source.replace(/<Id>[^<]*<\/Id>\s*/, '');
    expect(broken).not.toBe(source);
    const r = await validate(broken);
    expect(r.valid).toBe(false);
    expect(r.errors.join('\n')).toMatch(/Version|Id/);
  });

  test('an Excel task pane in Chinese with English overrides, opened from a Home-tab button', () => {
    expect(source).toMatch(/xsi:type="TaskPaneApp"/);
    expect(source).toMatch(/<Host Name="Workbook"\s*\/>/);
    expect(source).toMatch(/<DefaultLocale>zh-CN<\/DefaultLocale>/);
    expect(source).toMatch(/<DisplayName DefaultValue="指标审核助手">\s*<Override Locale="en-US" Value="Indicator Desk"\/>/);
    expect(source).toMatch(/<OfficeTab id="TabHome">/);
    expect(source).toMatch(/<Action xsi:type="ShowTaskpane">/);
    expect(source).toMatch(/<SourceLocation DefaultValue="https:\/\/localhost:3000\/taskpane.html"\/>/);
  });

  test('requires exactly the ExcelApi version the adapter is written against', () => {
    const m = /<Set Name="ExcelApi" MinVersion="([\d.]+)"\/>/.exec(source);
    expect(m && m[1]).toBe(MIN_EXCEL_API);
  });

  test('every icon it names exists with the size it claims', () => {
    const urls = [...source.matchAll(/https:\/\/localhost:3000\/(assets\/icon-(\d+)\.png)/g)];
    expect(new Set(urls.map((u) => u[2]))).toEqual(new Set(['16', '32', '64', '80']));
    for (const [, rel, size] of urls) {
      expect(pngSize(path.join(root, rel))).toEqual({ width: Number(size), height: Number(size) });
    }
  });
});

describe('production manifest', () => {
  test('every development URL is replaced by the production address, and it still validates', async () => {
    const prod = webpackConfig.manifestForProduction(source, 'https://fazhi.example.gov.cn/desk');
    expect(prod).not.toMatch(/https?:\/\/localhost/);
    expect(prod).toContain('https://fazhi.example.gov.cn/desk/taskpane.html');
    expect((await validate(prod)).valid).toBe(true);
  });

  test('dist/manifest.xml (built by `npm run build`) is that production manifest and validates', async () => {
    const built = path.join(root, 'dist', 'manifest.xml');
    if (!fs.existsSync(built)) throw new Error('dist/manifest.xml is missing: run `npm run build` first (npm test does).');
    const xml = fs.readFileSync(built, 'utf8');
    expect(xml).toBe(webpackConfig.manifestForProduction(source, process.env.ADDIN_URL_PROD || webpackConfig.urlProd));
    const r = await validate(xml);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });
});
