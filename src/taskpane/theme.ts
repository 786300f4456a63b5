/**
 * The pane follows the Office theme the user chose (File > Account > Office Theme): on Black or Dark Gray the pane
 * is dark too, instead of a white block beside a dark ribbon. Decided from the theme's body background colour,
 * which every Excel that has `Office.context.officeTheme` reports (`isDarkTheme` and `themeId` are newer).
 */

/** What `Office.context.officeTheme` says, as far as the pane needs it. */
export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
}

/** Relative luminance (WCAG 2) of `#RGB` / `#RRGGBB`; null when it is not such a colour. */
export function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => {
    const v = parseInt(h.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Is the user's Office theme dark? False when the host says nothing (the pane stays light). */
export function isDarkOfficeTheme(theme: OfficeThemeColors | null | undefined): boolean {
  const bg = theme?.bodyBackgroundColor;
  if (typeof bg !== 'string') return false;
  const l = luminance(bg);
  return l !== null && l < 0.2;
}
