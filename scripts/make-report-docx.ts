/**
 * The three real township reports (../shared/domain/reports/*.txt, copied to test/fixtures/reports/) as Word files,
 * for the readers' tests (issue 13). Two producers, so the reader is held to files it did not write itself:
 *   <name>.docx     written with the `docx` package, as Word keeps text: each paragraph in several runs, a figure's
 *                   digits split from its unit and from each other where Word's proofing or a font change splits them
 *                   (`化解率达9` | `8` | `%`), the first figures in a table of 项目 | 数值 after the opening
 *   <name>-lo.docx  the .txt converted by LibreOffice Writer (`soffice --headless --convert-to docx`)
 * and 前营乡-2023-gbk.txt, the same text in GBK with CR LF line ends (`iconv -f UTF-8 -t GBK`, then `sed 's/$/\r/'`).
 * Run: npx ts-node --transpile-only scripts/make-report-docx.ts   (LibreOffice needed for the -lo files)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';

const DIR = path.join(__dirname, '..', 'test', 'fixtures', 'reports');

/** A paragraph's text as runs: split before every digit run's last character and before each `%`. */
export function runsOf(text: string): TextRun[] {
  const parts = text.split(/(?<=\d)(?=\d[%％])|(?=[%％])/);
  return parts.map((t, i) => new TextRun({ text: t, bold: i % 2 === 1 }));
}

async function viaDocx(name: string, lines: string[]): Promise<void> {
  const children: (Paragraph | Table)[] = [];
  lines.forEach((line, i) => {
    children.push(new Paragraph({ children: runsOf(line) }));
    if (i === 1) {
      // a table after the addressee: two cells per row, each cell one paragraph (read row by row)
      children.push(
        new Table({
          rows: [
            new TableRow({ children: [new TableCell({ children: [new Paragraph('项目')] }), new TableCell({ children: [new Paragraph('说明')] })] }),
            new TableRow({
              children: [new TableCell({ children: [new Paragraph('报告单位')] }), new TableCell({ children: [new Paragraph({ children: runsOf(name.replace(/-\d+$/, '')) })] })],
            }),
          ],
        }),
      );
    }
  });
  const doc = new Document({ sections: [{ children }] });
  fs.writeFileSync(path.join(DIR, `${name}.docx`), await Packer.toBuffer(doc));
}

function viaLibreOffice(name: string, txt: string): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-'));
  fs.copyFileSync(txt, path.join(tmp, `${name}.txt`));
  execFileSync('soffice', [`-env:UserInstallation=file://${tmp}/profile`, '--headless', '--infilter=Text (encoded):UTF8,LF,,,', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', tmp, path.join(tmp, `${name}.txt`)], { stdio: 'ignore' });
  fs.copyFileSync(path.join(tmp, `${name}.docx`), path.join(DIR, `${name}-lo.docx`));
  fs.rmSync(tmp, { recursive: true, force: true });
}

async function main(): Promise<void> {
  fs.mkdirSync(DIR, { recursive: true });
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.txt') && !f.endsWith('-gbk.txt'))) {
    const name = file.replace(/\.txt$/, '');
    const lines = fs.readFileSync(path.join(DIR, file), 'utf8').split(/\r?\n/).filter((l) => l.trim());
    await viaDocx(name, lines);
    if (!process.argv.includes('--no-libreoffice')) viaLibreOffice(name, path.join(DIR, file));
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
