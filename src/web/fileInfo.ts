/**
 * What the page says about an opened file beside its name: its number when the same name is open already
 * (`周营镇.xlsx (2)`), and whether the name's township or year differs from what the workbook itself says.
 */

/** `name`, or `name (2)`, `name (3)` … when files of that name are open already. */
export function numberedName(name: string, open: string[]): string {
  const base = (n: string) => n.replace(/ \(\d+\)$/, '');
  const same = open.filter((n) => base(n) === name).length;
  return same ? `${name} (${same + 1})` : name;
}

/** A township's name in a file name: the longest run of Chinese ending in 镇, 乡 or 街道 (`周营镇-2023-指标` → 周营镇). */
const PLACE_RE = /[\u4e00-\u9fff]{1,8}?(?:街道|镇|乡)/g;
const YEAR_RE = /(?:^|[^\d])((?:19|20)\d{2})(?!\d)/g;

export interface NameMismatch {
  unit?: { inName: string; unit: string };
  year?: { inName: number; year: number };
}

/**
 * Where the file name and the content disagree: a township named in the file name that the workbook's 单位 does not
 * contain (nor it the name's), a year in the name that is neither the report year nor one before it (a file named for
 * the year it is sent in, 2024, may hold 2023's figures). null when they agree or the content does not say.
 */
export function nameMismatch(file: string, unit: string | null, year: number | null): NameMismatch | null {
  const stem = file.replace(/\.[A-Za-z]{2,4}$/, '').replace(/ \(\d+\)$/, '');
  const out: NameMismatch = {};
  const places = [...stem.matchAll(PLACE_RE)].map((m) => m[0]);
  // `关于周营镇` names 周营镇: any tail of three characters or more that the unit holds (or that holds the unit) agrees
  const agrees = (p: string, u: string) => {
    for (let i = 0; i <= p.length - 3 || i === 0; i++) if (u.includes(p.slice(i)) || p.slice(i).includes(u)) return true;
    return false;
  };
  if (unit && places.length && !places.some((p) => agrees(p, unit))) out.unit = { inName: places[0], unit };
  const years = [...stem.matchAll(YEAR_RE)].map((m) => Number(m[1]));
  if (year != null && years.length && !years.some((y) => y === year || y === year + 1)) out.year = { inName: years[0], year };
  return out.unit || out.year ? out : null;
}
