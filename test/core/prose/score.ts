/**
 * Figure-mention precision and recall of the prose reader on the three annotated reports (annotations.ts):
 * shared by the test and `npm run bench`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readMentions, type Mention } from '../../../src/core/prose';
import type { TextDocument } from '../../../src/core/prose/types';
import { REPORTS, type Annotated } from './annotations';

/** The reports beside this file (jest), or in the source tree when run compiled from build/ (`npm run bench`). */
export const REPORT_DIR = [path.join(__dirname, 'reports'), path.resolve(__dirname, '..', '..', '..', '..', 'test', 'core', 'prose', 'reports')].find((d) =>
  fs.existsSync(d),
) ?? path.join(__dirname, 'reports');

/** A .txt report as the text reader gives it: one paragraph per non-empty line, numbered from 1. */
export function txtDocument(file: string): TextDocument {
  const text = fs.readFileSync(path.join(REPORT_DIR, file), 'utf8').replace(/^\uFEFF/, '');
  const paragraphs = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((t, i) => ({ index: i + 1, text: t }));
  return { name: file, paragraphs };
}

export interface Miss {
  file: string;
  fig: string;
  at: string;
  want: string;
  got: string;
}

export interface Score {
  /** Annotated mentions of an indicator, reader mentions placed on one, and those right in indicator, value, approximation and period. */
  annotated: number;
  placed: number;
  right: number;
  /** Reader mentions placed on an indicator the annotation does not give (a confident wrong reading). */
  wrong: Miss[];
  /** Annotated indicator mentions the reader did not read right. */
  missed: Miss[];
  precision: number;
  recall: number;
}

function located(doc: TextDocument, a: Annotated): { paragraph: number; start: number; end: number } {
  const p = doc.paragraphs.find((x) => x.text.includes(a.at));
  if (!p) throw new Error(`annotation not found in text: ${a.at}`);
  if (p.text.indexOf(a.at) !== p.text.lastIndexOf(a.at)) throw new Error(`annotation not unique: ${a.at}`);
  const at = p.text.indexOf(a.at);
  const off = a.at.indexOf(a.fig);
  if (off < 0) throw new Error(`figure ${a.fig} not in ${a.at}`);
  return { paragraph: p.index, start: at + off, end: at + off + a.fig.length };
}

function right(m: Mention, a: Annotated): boolean {
  return m.indicator === a.id && m.value === a.value && m.approx === a.approx && m.period.kind === a.period;
}

/** One line for the test and the bench. */
export function scoreLine(s: Score): string {
  return `prose figure mentions on 3 real reports: precision ${(s.precision * 100).toFixed(1)}% (${s.right}/${s.placed}), recall ${(s.recall * 100).toFixed(1)}% (${s.right}/${s.annotated}), confidently wrong ${s.wrong.length}`;
}

export function scoreReports(): Score {
  let annotated = 0;
  let placed = 0;
  let ok = 0;
  const wrong: Miss[] = [];
  const missed: Miss[] = [];
  for (const r of REPORTS) {
    const doc = txtDocument(r.file);
    const mentions = readMentions(doc, { year: r.year });
    const spots = r.mentions.map((a) => ({ a, ...located(doc, a) }));
    const overlaps = (m: Mention, s: (typeof spots)[number]) => m.paragraph === s.paragraph && m.span[0] < s.end && m.span[1] > s.start;
    for (const m of mentions) {
      if (!m.indicator) continue;
      placed++;
      const s = spots.find((x) => overlaps(m, x));
      if (s && right(m, s.a)) ok++;
      else if (!s || s.a.id !== m.indicator) {
        wrong.push({ file: r.file, fig: m.text, at: m.quote.slice(0, 40), want: s ? s.a.id : 'none', got: `${m.indicator} ${m.value}` });
      }
    }
    for (const s of spots) {
      if (s.a.id === 'none') continue;
      annotated++;
      const got = mentions.filter((m) => overlaps(m, s));
      if (!got.some((m) => right(m, s.a))) {
        missed.push({ file: r.file, fig: s.a.fig, at: s.a.at, want: `${s.a.id} ${s.a.value}${s.a.approx ? '≈' : ''} ${s.a.period}`, got: got.map((m) => `${m.indicator ?? m.none} ${m.value}${m.approx ? '≈' : ''} ${m.period.kind}`).join('; ') || '—' });
      }
    }
  }
  return { annotated, placed, right: ok, wrong, missed, precision: placed ? ok / placed : 1, recall: annotated ? ok / annotated : 1 };
}
