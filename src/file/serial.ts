/** Excel's date serial numbers: days since 1899-12-30 (the 1900 system) or since 1904-01-01 (the 1904 system). */
const MS_PER_DAY = 24 * 3600 * 1000;
const DAYS_1970 = 25569; // 1970-01-01 in the 1900 system
const DAYS_1904 = 1462; // 1904-01-01 in the 1900 system

/**
 * A UTC time (ms since 1970) as a serial of the workbook's date system, to the millisecond — the count ExcelJS
 * also uses. For a date before 1 March 1900 Excel's own serial is one less (it counts a 29 February 1900 that
 * never was): `excelSerial` says so.
 */
export function msToSerial(ms: number, date1904: boolean): number {
  const serial = DAYS_1970 + ms / MS_PER_DAY - (date1904 ? DAYS_1904 : 0);
  return Math.round(serial * MS_PER_DAY) / MS_PER_DAY;
}

/** A UTC time as Excel itself numbers it, its phantom 29 February 1900 included. */
export function excelSerial(ms: number, date1904: boolean): number {
  const serial = msToSerial(ms, date1904);
  return !date1904 && serial < 61 ? serial - 1 : serial;
}
