import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { reportDocx } from '../../src/file';
import { REPORT } from './report-fixture';

async function parts(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (n: string) => (await zip.file(n)?.async('string')) ?? '';
  const footers = Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n));
  return {
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    footer: (await Promise.all(footers.map(read))).join(''),
  };
}

/** The XML of one <w:style> by id. */
function style(styles: string, id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles);
  return m ? m[0] : '';
}

describe('reportDocx: GB/T 9704-2012 layout', () => {
  let xml: Awaited<ReturnType<typeof parts>>;
  beforeAll(async () => {
    xml = await parts(await reportDocx(REPORT));
  });

  test('A4 with margins 37/35/28/26 mm and a 28.9 pt line grid', () => {
    expect(xml.document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const mar = /<w:pgMar ([^>]*)\/>/.exec(xml.document)![1];
    const attr = (n: string) => Number(new RegExp(`w:${n}="(\\d+)"`).exec(mar)![1]);
    const mm = (tw: number) => (tw / 1440) * 25.4;
    expect(mm(attr('top'))).toBeCloseTo(37, 0);
    expect(mm(attr('bottom'))).toBeCloseTo(35, 0);
    expect(mm(attr('left'))).toBeCloseTo(28, 0);
    expect(mm(attr('right'))).toBeCloseTo(26, 0);
    expect(xml.document).toMatch(/<w:docGrid [^>]*w:linePitch="57[89]"/);
  });

  test('body: 仿宋_GB2312 三号 (16 pt), exact line spacing ≈ 28.9 pt, first line indented two characters', () => {
    expect(xml.styles).toMatch(/<w:rPrDefault>[\s\S]*w:eastAsia="仿宋_GB2312"[\s\S]*<w:sz w:val="32"\/>/);
    const normal = style(xml.styles, 'Normal');
    expect(normal).toMatch(/w:line="578" w:lineRule="exact"/);
    expect(normal).toMatch(/<w:ind w:firstLine="640"\/>/);
  });

  test('title: 方正小标宋简体 二号 (22 pt), centred', () => {
    const t = style(xml.styles, 'Title');
    expect(t).toContain('w:eastAsia="方正小标宋简体"');
    expect(t).toMatch(/<w:sz w:val="44"\/>/);
    expect(t).toMatch(/<w:jc w:val="center"\/>/);
    expect(xml.document).toMatch(/<w:pStyle w:val="Title"\/>[\s\S]*?周营镇人民政府关于2023年度法治政府建设情况的报告/);
  });

  test('headings are real Heading 1–4 styles with outline levels and the GB fonts', () => {
    const h = [1, 2, 3, 4].map((n) => style(xml.styles, `Heading${n}`));
    expect(h[0]).toContain('<w:name w:val="Heading 1"/>');
    expect(h[0]).toContain('w:eastAsia="黑体"');
    expect(h[0]).toContain('<w:outlineLvl w:val="0"/>');
    expect(h[1]).toContain('w:eastAsia="楷体_GB2312"');
    expect(h[1]).toContain('<w:outlineLvl w:val="1"/>');
    expect(h[2]).toContain('w:eastAsia="仿宋_GB2312"');
    expect(h[2]).toContain('<w:outlineLvl w:val="2"/>');
    expect(h[3]).toContain('<w:outlineLvl w:val="3"/>');
    expect(h[2]).toMatch(/<w:b\/>|<w:b w:val="true"\/>/);
    expect(xml.document).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?一、上一年度推进法治政府建设的主要举措和成效/);
    expect(xml.document).toMatch(/<w:pStyle w:val="Heading2"\/>[\s\S]*?（一）法治宣传教育/);
  });

  test('addressee flush left without indent; signature and date right-aligned', () => {
    const a = style(xml.styles, 'GwAddressee');
    expect(a).toMatch(/w:firstLine="0"/);
    expect(a).toMatch(/<w:jc w:val="left"\/>/);
    for (const id of ['GwSignature', 'GwDate']) expect(style(xml.styles, id)).toMatch(/<w:jc w:val="right"\/>/);
    expect(xml.document).toMatch(/<w:pStyle w:val="GwDate"\/>[\s\S]*?2024年1月8日/);
  });

  test('page numbers `— 1 —` centred at the bottom: a PAGE field between em dashes', () => {
    expect(xml.footer).toMatch(/<w:jc w:val="center"\/>/);
    expect(xml.footer).toMatch(/—[\s\S]*PAGE[\s\S]*—/);
    expect(xml.document).toMatch(/<w:footerReference w:type="default"/);
  });
});

function requireTools(): void {
  const has = spawnSync('sh', ['-c', 'command -v soffice && command -v pdftotext'], { stdio: 'ignore' }).status === 0;
  if (!has) {
    throw new Error('需要 LibreOffice 与 poppler 才能检查 Word 文稿的排版：请安装 libreoffice-writer-nogui 和 poppler-utils（apt-get install libreoffice-writer-nogui poppler-utils）。');
  }
}

/** Convert a .docx with LibreOffice and return pdftotext's output (per page when `page` is given). */
function renderText(dir: string, bytes: Uint8Array, page?: number, layout = true): string {
  const file = path.join(dir, 'report.docx');
  fs.writeFileSync(file, bytes);
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
    stdio: 'ignore',
    timeout: 150_000,
  });
  const args = [...(layout ? ['-layout'] : []), ...(page ? ['-f', String(page), '-l', String(page)] : []), path.join(dir, 'report.pdf'), '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8' });
}

describe('reportDocx: rendered by LibreOffice', () => {
  test('a full page holds 22 lines of 28 characters (GB/T 9704 版心)', async () => {
    requireTools();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'id-docx-'));
    try {
      const text = '法治政府建设坚持以人民为中心推进严格规范公正文明执法'.repeat(4);
      const paragraphs = [
        { role: 'title' as const, text: '关于法治政府建设情况的报告' },
        ...Array.from({ length: 40 }, () => ({ role: 'body' as const, text })),
      ];
      const page2 = renderText(dir, await reportDocx({ unit: null, year: null, paragraphs }), 2, false);
      const lines = page2.split('\n').map((l) => l.trim()).filter((l) => l && !/^—\s*\d+\s*—$/.test(l));
      expect(lines).toHaveLength(22);
      expect(Math.max(...lines.map((l) => [...l].length))).toBe(28);
      expect(page2).toMatch(/—\s*2\s*—/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  test('the PDF shows every figure of the report and the page number', async () => {
    requireTools();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'id-docx-'));
    try {
      const text = renderText(dir, await reportDocx(REPORT));
      const flat = text.replace(/\s+/g, '');
      for (const figure of ['37件', '35件', '94.6%', '3000余份', '近300幅', '1200余人次', '48件', '45件', '93.8%', '26场次', '2024年1月8日']) {
        expect(flat).toContain(figure);
      }
      expect(flat).toContain('周营镇人民政府关于2023年度法治政府建设情况的报告');
      expect(flat).toContain('中共沈丘县委、沈丘县人民政府：');
      expect(flat).toMatch(/—1—/);
      expect(flat).not.toMatch(/undefined|NaN|null/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('reportDocx: LibreOffice keeps each figure on one line', () => {
  test('the sample’s draft, highlighted: no line ends inside a figure (77.8 / % or 1 / 8个 on two lines)', async () => {
    requireTools();
    const { readXlsx } = await import('../../src/file');
    const { check } = await import('../../src/core/check');
    const { buildReport, flaggedFigures } = await import('../../src/core/narrative');
    const book = await readXlsx(new Uint8Array(fs.readFileSync(path.join(__dirname, '../../assets/samples/周营镇-2023-指标.xlsx'))), '周营镇-2023-指标.xlsx');
    const result = check(book);
    const report = buildReport(result, { book });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'id-docx-'));
    try {
      const lines = renderText(dir, await reportDocx(report, { flags: flaggedFigures(report, result.findings) }), undefined, false)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      // the figures are all there ...
      const flat = lines.join('').replace(/\s+/g, '');
      for (const figure of ['77.8%', '94.6%', '18个', '90.0%', '12人', '14人']) expect(flat).toContain(figure);
      // ... and none is cut: a line that ends in a digit or a decimal point is not followed by a digit, '.' or '%'
      const cuts = lines.slice(1).flatMap((l, i) => (/[0-9.]$/.test(lines[i]) && /^[0-9.%]/.test(l) ? [`${lines[i].slice(-8)} / ${l.slice(0, 8)}`] : []));
      expect(cuts).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('a figure touching an open problem is highlighted in the .docx (issue 16)', () => {
  type Flags = NonNullable<Parameters<typeof reportDocx>[1]>['flags'];
  /** The 周营镇 sample's report as a .docx, with the options made from its flagged figures. */
  const load = async (opts: (flags: Flags) => Parameters<typeof reportDocx>[1]) => {
    const { readXlsx } = await import('../../src/file');
    const { check } = await import('../../src/core/check');
    const { buildReport, flaggedFigures } = await import('../../src/core/narrative');
    const file = path.join(__dirname, '../../assets/samples/周营镇-2023-指标.xlsx');
    const book = await readXlsx(new Uint8Array(fs.readFileSync(file)), '周营镇-2023-指标.xlsx');
    const result = check(book);
    const report = buildReport(result, { book });
    const zip = await JSZip.loadAsync(await reportDocx(report, opts(flaggedFigures(report, result.findings))));
    return zip.file('word/document.xml')!.async('string');
  };
  const highlighted = (xml: string) =>
    [...xml.matchAll(/<w:r><w:rPr><w:highlight w:val="yellow"\/><\/w:rPr><w:t xml:space="preserve">([^<]*)<\/w:t><\/w:r>/g)].map((m) => m[1]);

  test('行政执法人员12人，持证上岗14人 under the open error: both highlighted, the words around them not; the paragraph text unchanged', async () => {
    const xml = await load((flags) => ({ flags }));
    expect(highlighted(xml)).toEqual(expect.arrayContaining(['12人', '14人', '77.8%']));
    expect(highlighted(xml)).not.toContain('94.6%');
    expect(highlighted(xml)).not.toContain('【待核实】');
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain('全镇现有行政执法人员12人，持证上岗14人');
  });

  test('the draft’s notes close it as its 附注 (GB/T 9704 7.3.7): after the date, two characters in, in brackets', async () => {
    const xml = await load((flags) => ({ flags }));
    const paragraphs = [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => ({
      style: /<w:pStyle w:val="([^"]+)"\/>/.exec(m[1])?.[1] ?? 'Normal',
      text: m[1].replace(/<[^>]+>/g, ''),
    }));
    expect(paragraphs.slice(-2).map((p) => p.style)).toEqual(['GwDate', 'GwNote']);
    expect(paragraphs[paragraphs.length - 1].text).toBe(
      '（说明：一是文稿中的“信访案件化解率”77.8%是按‘矛盾纠纷化解’表 D5和‘矛盾纠纷化解’表 D4的数字重新计算的，乡镇在‘矛盾纠纷化解’表 D6填报为“100%”，文稿没有采用；' +
        '二是文稿中的“法律顾问覆盖率”90.0%是按‘公共法律服务’表 D5和‘公共法律服务’表 D4的数字重新计算的，乡镇在‘公共法律服务’表 D6填报为“全覆盖”，文稿没有采用。）',
    );
    const styles = (await parts(await reportDocx(REPORT))).styles;
    expect(style(styles, 'GwNote')).toMatch(/<w:name w:val="附注"\/>[\s\S]*<w:ind w:left="0" w:firstLine="640"\/>/);
    // a report without notes ends with its date
    expect((await parts(await reportDocx(REPORT))).document).not.toContain('GwNote"/>');
  });

  test('with the county’s choice, 【待核实】 follows each highlighted figure; with no flags nothing is highlighted', async () => {
    const xml = await load((flags) => ({ flags, flagText: true }));
    expect(xml.replace(/<[^>]+>/g, '')).toContain('行政执法人员12人【待核实】，持证上岗14人【待核实】');
    expect(highlighted(await load(() => ({})))).toEqual([]);
  });
});
