/**
 * The county's list of townships that must report (乡镇名单: `merge --expect 乡镇名单.txt`, the page's 乡镇名单),
 * one parser for the CLI and the page. Pure: the adapters decode the file (a .txt in UTF-8 or GBK) or turn a
 * sheet into lines (listTextOfBook) and hand the text here.
 *
 * What real lists look like: one township a line, often numbered (`1、`, `1.`, full-width `１．`, `（1）`, `一、`),
 * sometimes with a title (`沈丘县应报送乡镇名单`) or a header row (`序号 乡镇`), sometimes in columns
 * (`1<TAB>周营镇<TAB>张三`, a .csv, a sheet), the office's full name (`周营镇人民政府`), `#` comments. The township
 * is the first cell that is not a number; titles and headers are left out; a line numbered but without a name,
 * and a township written twice, are problems naming the list and the line (the list is still used).
 */
import type { Workbook } from '../types';
import type { ExpectedList } from './consolidate';
import { townshipKey } from './rows';

export interface ExpectedProblem {
  /** 1-based line of the list (the row of a sheet). */
  line: number;
  /** A Chinese sentence naming the list and the line. */
  message: string;
}

export interface ParsedExpected {
  /** Null when no line names a township. */
  list: ExpectedList | null;
  problems: ExpectedProblem[];
}

/** A cell that only numbers the line: `1`, `1、`, `１．`, `(1)`, `（一）`, `第1`. */
const NUMBERING = /^(第?[0-9０-９]+|[(（][0-9０-９一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+(?=[、.．]))[、.．,，:：)）]?$/;
/** The numbering in front of a name in the same cell: `1、周营镇`, `１．周营镇`, `（1）周营镇`, `一、周营镇`, `1 周营镇`. */
const PREFIX = /^\s*(?:[0-9０-９]+\s*[、.．,，:：)）]?|[(（][0-9０-９一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．])\s*/;
/** Column headers and titles: `序号`, `乡镇`, `乡镇名称`, `单位名称`, `备注`…, or a title ending in 名单. */
const HEADER = /^(序号|编号|乡镇|乡镇名称|乡镇名单|乡镇（街道）|乡镇\(街道\)|乡（镇）|乡\(镇\)|乡镇街道|名称|单位|单位名称|报送单位|名单|备注|联系人|电话|联系电话)[：:]?$/;
const TITLE = /名单[：:]?$/;
/** Lines that close a list: `合计`, `共计40个乡镇`. */
const TOTAL = /^(合计|共计|总计|小计)/;

/** The cells of a line: tabs, commas, semicolons, `|`, or two or more spaces between them; empty ones kept in their place. */
function cellsOf(line: string): string[] {
  return line.split(/\t|[,，;；|｜]|\s{2,}|\u3000+/).map((c) => c.trim().replace(/^["“”']+|["“”']+$/g, '').trim());
}

/** A header naming the township column (`乡镇`, `乡镇名称` …, else `单位名称` …): the lines under it take their township from it. */
const TOWNSHIP_HEADER = /^(乡镇|乡镇名称|乡镇（街道）|乡镇\(街道\)|乡（镇）|乡\(镇\)|乡镇街道)[：:]?$/;
const UNIT_HEADER = /^(名称|单位|单位名称|报送单位)[：:]?$/;
/** A header of the numbering column. */
const NUMBER_HEADER = /^(序号|编号)[：:]?$/;

/** A header row's township column (a 乡镇 header before a 单位 one), or null when it names none among two or more cells. */
function headerOf(cells: string[], words: boolean): { cells: string[]; column: number; words: boolean } | null {
  if (cells.filter(Boolean).length < 2) return null;
  let column = cells.findIndex((c) => TOWNSHIP_HEADER.test(c));
  if (column < 0) column = cells.findIndex((c) => UNIT_HEADER.test(c));
  return column < 0 ? null : { cells, column, words };
}

/**
 * What a township's (or sub-district's) name ends with as lists write it: `周营镇`, `卞路口乡`, `槐店回族镇`,
 * `三里河街道`, `北城办事处`, `东城街道办事处`, `乌兰苏木`, a zone that reports as one (`产业集聚区管委会`), with or without
 * 人民政府. A line's text that does not (a heading `沈丘县辖22个乡镇（办事处）：`, `镇（12个）`, a contact) is no township.
 */
const TOWNSHIP_SHAPE = /(镇|乡|街道|办事处|苏木|管委会|管理委员会|农场|林场|集聚区|开发区)(人民政府|政府)?$/;
/** A heading of the list or of a group in it: ends with a colon, or counts its townships (`镇（12个）`). */
const HEADING = /([：:]|[（(][0-9０-９一二三四五六七八九十]+个[)）])$/;

/** Words of a heading before its colon: `辖20个乡镇、2个办事处`, `应报送单位如下`, `共有`, `包括`. */
const HEADING_WORDS = /[0-9０-９一二三四五六七八九十]+个|辖|共有|包括|如下|名单/;

function townshipShaped(cell: string): boolean {
  return TOWNSHIP_SHAPE.test(cell.replace(PREFIX, '').replace(/[。；;，,、.．\s\u3000]+$/g, ''));
}

/** A cell holding several townships one after another (`槐店回族镇、周营镇、北城办事处`): its names, or null. */
function roster(cell: string): string[] | null {
  const parts = cell.replace(PREFIX, '').split('、').map((x) => x.trim()).filter(Boolean);
  return parts.length >= 2 && parts.every(townshipShaped) ? parts : null;
}

/** The township a cell names (`1、周营镇人民政府。` → `周营镇`), or '' for a cell that only numbers the line. */
function nameOf(cell: string): string {
  if (NUMBERING.test(cell)) return '';
  return cell
    .replace(PREFIX, '')
    .replace(/[。；;，,、.．]+$/, '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/(人民政府|政府|办事处)$/, '')
    .trim();
}

/** `名单“乡镇名单.txt”中没有乡镇名称：请每行写一个乡镇。` (the CLI refuses such a list; the page keeps none). */
export function emptyListMessage(name: string): string {
  return `名单“${name}”中没有乡镇名称：请每行写一个乡镇。`;
}

/**
 * The townships of a list, in its order, each with its line; `name` is the list's file name (or `粘贴的名单`),
 * used in every message and in the county's findings.
 */
export function parseExpectedList(text: string, name: string): ParsedExpected {
  const entries: ExpectedList['entries'] = [];
  const problems: ExpectedProblem[] = [];
  const seen = new Map<string, number>();
  // the header row naming the township column (`序号 | 乡镇 | 联系人`): a contact beside an empty township is no township
  let header: { cells: string[]; column: number; words: boolean } | null = null;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      const content = raw.replace(/[#＃].*/, '');
      let cells = cellsOf(content);
      if (!cells.some(Boolean)) return;
      // a header row (`序号 乡镇`, `乡镇名称`) or a title (`沈丘县应报送乡镇名单`) is no township
      const words = content.trim().split(/[\s,，;；|｜]+/).filter(Boolean);
      if (words.every((c) => HEADER.test(c))) {
        header = headerOf(cells.filter(Boolean).length > 1 ? cells : words, cells.filter(Boolean).length <= 1);
        return;
      }
      // under a header written with single spaces, a line's cells are its words too
      if (header?.words) cells = content.trim().split(/\s+/);
      // `沈丘县辖20个乡镇、2个办事处：槐店回族镇、周营镇…`: a heading, then the townships after its colon
      const colon = Math.max(content.lastIndexOf('：'), content.lastIndexOf(':'));
      const before = colon >= 0 ? content.slice(0, colon) : '';
      if (!header && colon >= 0 && (HEADING_WORDS.test(before) || !townshipShaped(before))) {
        const rest = content.slice(colon + 1);
        if (!rest.trim()) return; // a heading alone
        cells = cellsOf(rest);
      } else if (!header && colon >= 0 && !townshipShaped(content.slice(colon + 1))) {
        // `周营镇：张三（联系人）`: the township before its colon, what follows it about the township
        cells = cellsOf(before);
      }
      const names = cells.map(nameOf);
      const first = names.findIndex(Boolean);
      // a title or a closing line (`合计`, `共计40个乡镇`) wherever it stands
      if (first >= 0 && (TITLE.test(names[first]) || TOTAL.test(names[first]))) return;
      // the header's column, on a line laid out as the header is (as many cells; not `1、周营镇` under 序号)
      const h: { cells: string[]; column: number } | null = header;
      const byColumn = h != null && cells.length >= h.cells.length && !(first >= 0 && first < h.column && NUMBER_HEADER.test(h.cells[first]));
      let found: string[];
      if (byColumn) found = [cells[h!.column] ?? ''];
      else {
        // a line of townships (`槐店回族镇、周营镇`, `周营镇，前营乡`): each of them; else its first township
        const filled = cells.filter((c) => nameOf(c));
        const each = filled.flatMap((c) => roster(c) ?? [c]);
        found = each.length >= 2 && each.every(townshipShaped) ? each : [filled.find(townshipShaped) ?? filled[0] ?? ''];
      }
      const add = (cell: string) => {
        const township = nameOf(cell);
        if (!township) {
          const what = byColumn && first >= 0 ? `的乡镇一栏是空的（“${cells.filter(Boolean).join(' ')}”）` : `只有序号“${content.trim()}”，没有乡镇名称`;
          problems.push({ line, message: `名单“${name}”第${line}行${what}，已跳过。` });
          return;
        }
        if (HEADER.test(township) || TITLE.test(township) || TOTAL.test(township)) return;
        if (!townshipShaped(cell)) {
          // `镇（12个）`, `…名单如下：`: a heading, said nowhere; anything else named, not taken for a township
          if (!HEADING.test(cell.trim())) problems.push({ line, message: `名单“${name}”第${line}行的“${cell.trim()}”不像乡镇（街道）的名称，已跳过；如确是乡镇，请写全称（如“周营镇”）。` });
          return;
        }
        const key = townshipKey(township);
        const earlier = seen.get(key);
        if (earlier != null) {
          problems.push({ line, message: `名单“${name}”第${line}行的“${township}”与第${earlier}行重复，只计一次。` });
          return;
        }
        seen.set(key, line);
        entries.push({ township, line });
      };
      found.forEach(add);
    });
  return { list: entries.length ? { name, entries } : null, problems };
}

/** Whether a list file is read as text (`.txt`, `.csv`: decoded and split into lines) rather than as a workbook. */
export function listIsText(name: string): boolean {
  return /\.(txt|csv)$/i.test(name);
}

/**
 * A list kept as a sheet (.xlsx, .xls, .ods, .csv): the first sheet with anything in it, one line a row, its cells
 * separated by tabs, for parseExpectedList (so a row's line is its row number).
 */
export function listTextOfBook(book: Workbook): string {
  const show = (c: unknown) => (c == null || typeof c === 'object' ? '' : String(c).replace(/[\t\r\n]+/g, ' '));
  const sheet =
    book.sheets.find((s) => s.visibility !== 'hidden' && s.visibility !== 'veryHidden' && s.rows.some((r) => r.some((c) => show(c).trim()))) ??
    book.sheets[0];
  if (!sheet) return '';
  const top = sheet.origin?.row ?? 0;
  return [...Array<string>(top).fill(''), ...sheet.rows.map((r) => r.map(show).join('\t'))].join('\n');
}
