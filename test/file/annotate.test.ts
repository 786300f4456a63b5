/**
 * The annotated copy of a Word report (issue 13): a real Word comment on exactly the words of each finding, every
 * other part of the package byte for byte, the original untouched, and a re-run that replaces instead of adding.
 */
import * as fs from 'fs';
import * as path from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { annotateDocx, COMMENT_AUTHOR, type DocxNote } from '../../src/file/annotate';
import { readTextDocument } from '../../src/file/textdoc';
import { deflatedEntry } from '../hostile/fixtures';
import { docx, p } from './docx-fixture';

const DIR = path.join(__dirname, '..', 'fixtures', 'reports');
const file = (f: string) => new Uint8Array(fs.readFileSync(path.join(DIR, f)));
const CHANGED = new Set(['word/document.xml', 'word/comments.xml', 'word/_rels/document.xml.rels', '[Content_Types].xml']);

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The text Word shows under each comment: the w:t text between its range start and end, by comment id. */
function commented(bytes: Uint8Array): Map<string, string> {
  const xml = strFromU8(unzipSync(bytes)['word/document.xml']);
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<w:commentRangeStart w:id="(\d+)"\/>/g)) {
    const end = xml.indexOf(`<w:commentRangeEnd w:id="${m[1]}"/>`, m.index);
    expect(end).toBeGreaterThan(m.index!);
    const inner = xml.slice(m.index, end).replace(/<w:del\b[\s\S]*?<\/w:del>/g, '');
    out.set(m[1], decode([...inner.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
  }
  return out;
}

/** Comment id → its text (author 指标审核助手 only when `own`). */
function comments(bytes: Uint8Array, own = true): Map<string, string> {
  const part = unzipSync(bytes)['word/comments.xml'];
  const out = new Map<string, string>();
  if (!part) return out;
  for (const m of strFromU8(part).matchAll(/<w:comment w:id="(\d+)" w:author="([^"]*)"[^>]*>([\s\S]*?)<\/w:comment>/g)) {
    if (own && m[2] !== COMMENT_AUTHOR) continue;
    out.set(m[1], decode([...m[3].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('\n')));
  }
  return out;
}

/** A note on the first occurrence of `words` in the paragraph that holds it. */
function noteOn(bytes: Uint8Array, name: string, words: string, text: string): DocxNote {
  const para = readTextDocument(bytes, name).paragraphs.find((x) => x.text.includes(words))!;
  const at = para.text.indexOf(words);
  return { paragraph: para.index, span: [at, at + words.length], text };
}

function expectOtherPartsIdentical(before: Uint8Array, after: Uint8Array): void {
  const a = unzipSync(before);
  const b = unzipSync(after);
  for (const name of Object.keys(a)) {
    if (CHANGED.has(name)) continue;
    expect(b[name]).toBeDefined();
    expect(Buffer.compare(Buffer.from(a[name]), Buffer.from(b[name]))).toBe(0);
  }
  expect(Object.keys(b).filter((n) => !(n in a))).toEqual(Object.keys(b).filter((n) => !(n in a) && CHANGED.has(n)));
}

describe.each(['周营镇-2023.docx', '周营镇-2023-lo.docx'])('%s', (name) => {
  const src = file(name);
  const keep = Buffer.from(src);
  const notes = [
    noteOn(src, name, '信访案件化解率达到100%', '错误：“信访案件化解率”写为100%，与受理数和化解数不符。'),
    noteOn(src, name, '关于2023年度法治政府建设情况的报告', '提示：标题。'),
    // a note on a word that a figure in the same paragraph follows: two comments in one paragraph
    noteOn(src, name, '连续多年', '待核实：“连续多年”没有数字。'),
  ];

  test('each comment sits on exactly the words of its finding, holding its message; the text reads as before', () => {
    const out = annotateDocx(src, name, notes);
    expect(out.written).toBe(3);
    expect(out.missed).toEqual([]);
    const on = commented(out.bytes);
    const said = comments(out.bytes);
    expect([...on.values()]).toEqual(expect.arrayContaining(['信访案件化解率达到100%', '关于2023年度法治政府建设情况的报告', '连续多年']));
    for (const [id, words] of on) {
      const n = notes.find((x) => words.startsWith(readTextDocument(src, name).paragraphs[x.paragraph - 1].text.slice(...x.span)))!;
      expect(said.get(id)).toBe(n.text);
    }
    expect(readTextDocument(out.bytes, name).paragraphs).toEqual(readTextDocument(src, name).paragraphs);
    expect(Buffer.compare(Buffer.from(src), keep)).toBe(0); // the original is never modified
  });

  test('every part but document.xml, comments, relationships and content types is byte-identical', () => {
    expectOtherPartsIdentical(src, annotateDocx(src, name, notes).bytes);
  });

  test('re-running on the annotated copy replaces the tool’s comments; no notes removes them', () => {
    const once = annotateDocx(src, name, notes).bytes;
    const twice = annotateDocx(once, name, notes);
    expect(twice.replaced).toBe(3);
    expect(comments(twice.bytes).size).toBe(3);
    expect([...commented(twice.bytes).values()].sort()).toEqual([...commented(once).values()].sort());
    const cleared = annotateDocx(once, name, []);
    expect(comments(cleared.bytes).size).toBe(0);
    expect(strFromU8(unzipSync(cleared.bytes)['word/document.xml'])).not.toMatch(/commentRange|commentReference/);
    expect(readTextDocument(cleared.bytes, name).paragraphs).toEqual(readTextDocument(src, name).paragraphs);
  });
});

describe('runs, revisions and the township’s own comments', () => {
  test('a span that starts and ends inside runs splits them there, keeping each run’s formatting', () => {
    const body = `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>全年化解率达9</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>8%，较上年</w:t></w:r></w:p>`;
    const src = docx(body);
    const out = annotateDocx(src, 'a.docx', [{ paragraph: 1, span: [2, 9], text: '错误：化解率' }]);
    expect([...commented(out.bytes).values()]).toEqual(['化解率达98%']);
    const xml = strFromU8(unzipSync(out.bytes)['word/document.xml']);
    // 全年 stays bold before the comment, 化解率达9 bold inside it; 8% italic inside, ，较上年 italic after
    expect(xml).toContain('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">全年</w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">化解率达9</w:t></w:r>');
    expect(xml).toContain('<w:t xml:space="preserve">8%</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">，较上年</w:t></w:r>');
  });

  test('deleted text inside the span is skipped, inserted text counted; escaped characters split at the right place', () => {
    const body = `<w:p><w:r><w:t>A&amp;B受理</w:t></w:r><w:del w:id="9"><w:r><w:delText>54</w:delText></w:r></w:del><w:ins w:id="8"><w:r><w:t>45</w:t></w:r></w:ins><w:r><w:t>件</w:t></w:r></w:p>`;
    const out = annotateDocx(docx(body), 'a.docx', [{ paragraph: 1, span: [3, 8], text: '受理45件' }]);
    expect([...commented(out.bytes).values()]).toEqual(['受理45件']);
    expect(readTextDocument(out.bytes, 'a.docx').paragraphs[0].text).toBe('A&B受理45件');
  });

  test('the township’s own comments are kept and new ids do not collide with theirs', () => {
    const body = `<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>化解率98%</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>`;
    const theirs = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="李四"><w:p><w:r><w:t>请核对</w:t></w:r></w:p></w:comment></w:comments>`;
    const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>`;
    const src = docx(body, [deflatedEntry('word/comments.xml', theirs), deflatedEntry('word/_rels/document.xml.rels', rels)]);
    const out = annotateDocx(src, 'a.docx', [{ paragraph: 1, span: [3, 6], text: '错误' }]);
    expect(comments(out.bytes, false)).toEqual(new Map([['0', '请核对'], ['1', '错误']]));
    expect(commented(out.bytes).get('1')).toBe('98%');
    const files = unzipSync(out.bytes);
    expect(strFromU8(files['word/_rels/document.xml.rels'])).toBe(rels); // the comments part was already there
    expect(comments(annotateDocx(out.bytes, 'a.docx', []).bytes, false)).toEqual(new Map([['0', '请核对']]));
  });

  test('a note on a paragraph or span the document does not have is returned, never dropped silently', () => {
    const out = annotateDocx(docx(p('化解率98%')), 'a.docx', [
      { paragraph: 5, span: [0, 2], text: 'x' },
      { paragraph: 1, span: [4, 40], text: 'y' },
    ]);
    expect(out.written).toBe(0);
    expect(out.missed.map((n) => n.text)).toEqual(['x', 'y']);
  });

  test('a new comments part is related from the document and typed in [Content_Types].xml', () => {
    const out = unzipSync(annotateDocx(docx(p('化解率98%')), 'a.docx', [{ paragraph: 1, span: [0, 3], text: 'z' }]).bytes);
    expect(strFromU8(out['word/_rels/document.xml.rels'])).toContain('relationships/comments" Target="comments.xml"');
    expect(strFromU8(out['[Content_Types].xml'])).toContain('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>');
  });
});
