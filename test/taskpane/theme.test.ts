import { isDarkOfficeTheme, luminance } from '../../src/taskpane/theme';

describe('the pane follows the Office theme', () => {
  test.each([
    ['Black', '#262626', true],
    ['Dark Gray', '#444444', true],
    ['a darker grey', '#666666', true],
    ['White', '#FFFFFF', false],
    ['Colorful', '#F3F2F1', false],
    ['short form', '#333', true],
  ])('%s (%s): dark %s', (_name, bg, dark) => {
    expect(isDarkOfficeTheme({ bodyBackgroundColor: bg })).toBe(dark);
  });

  test('a host that says nothing, or something that is not a colour, keeps the pane light', () => {
    expect(isDarkOfficeTheme(undefined)).toBe(false);
    expect(isDarkOfficeTheme(null)).toBe(false);
    expect(isDarkOfficeTheme({})).toBe(false);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: 'transparent' })).toBe(false);
    expect(luminance('#GGGGGG')).toBeNull();
  });

  test('luminance is WCAG’s: black 0, white 1, mid grey about a fifth', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#ffffff')).toBeCloseTo(1, 10);
    expect(luminance('#777777')).toBeCloseTo(0.184, 3);
  });
});
