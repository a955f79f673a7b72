/**
 * Vietnamese lunisolar calendar (âm lịch): Hồ Ngọc Đức's algorithm
 * (https://www.informatik.uni-leipzig.de/~duc/amlich/), which finds new moons and the sun's
 * longitude with Meeus' series and evaluates them at local midnight of the given time zone.
 *
 * The Vietnamese calendar is computed at UTC+7 (`tz = 7`, the default). The Chinese calendar uses
 * UTC+8, so the two differ in some years (e.g. Tết 1985: 21/01 in Vietnam, 20/02 in China).
 * Accurate for 1900–2100 (checked against published Tết dates).
 */

/** A lunar date; `leap` is true inside a leap (nhuận) month. */
export interface LunarDate {
  readonly day: number;
  readonly month: number;
  readonly year: number;
  readonly leap: boolean;
}

/** A Gregorian (solar) date. */
export interface SolarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const SYNODIC_MONTH = 29.530588853;
const JD_1900_NEW_MOON = 2415021.076998695;
const DEG = Math.PI / 180;

/** Julian day number of a Gregorian date (Julian calendar before 1582-10-15). */
export function jdFromDate(day: number, month: number, year: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const jd =
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045;
  return jd < 2299161 ? day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083 : jd;
}

/** Gregorian date of a Julian day number. */
export function jdToDate(jd: number): SolarDate {
  let b = 0;
  let c = jd + 32082;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((b * 146097) / 4);
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: b * 100 + d - 4800 + Math.floor(m / 10),
  };
}

/** Julian date (UT) of the k-th new moon after 1900-01-01 (Meeus, ch. 49, abridged). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * DEG * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(DEG * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(DEG * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DEG * 2 * F) - 0.0051 * Math.sin(DEG * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DEG * (M - Mpr)) + 0.0004 * Math.sin(DEG * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DEG * (2 * F - M)) - 0.0006 * Math.sin(DEG * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DEG * (2 * F - Mpr)) + 0.0005 * Math.sin(DEG * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Sun's apparent longitude in radians, normalised to [0, 2π), at Julian date `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(DEG * 2 * M) + 0.00029 * Math.sin(DEG * 3 * M);
  const L = (L0 + DL) * DEG;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** Solar-term sector (0–11, 30° each) of the sun at local midnight starting day `dayNumber`. */
function sunSector(dayNumber: number, tz: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - tz / 24) / Math.PI) * 6);
}

/** Julian day number (local) of the k-th new moon. */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoon(k) + 0.5 + tz / 24);
}

/** Julian day number of the start of lunar month 11 (the month containing the winter solstice) of `year`. */
function lunarMonth11(year: number, tz: number): number {
  const off = jdFromDate(31, 12, year) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, tz);
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** Index (counted from month 11) of the leap month in a 13-month lunar year starting at `a11`. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - JD_1900_NEW_MOON) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** Lunar date of a Gregorian date; `tz` is the time zone in hours (7 for Vietnam). */
export function solarToLunar(year: number, month: number, day: number, tz = 7): LunarDate {
  const dayNumber = jdFromDate(day, month, year);
  // The estimate of k can be off by one lunation (e.g. 2054-05-07 in the original code gave day 0):
  // walk until newMoonDay(k) ≤ dayNumber < newMoonDay(k + 1).
  let k = Math.floor((dayNumber - JD_1900_NEW_MOON) / SYNODIC_MONTH);
  while (newMoonDay(k + 1, tz) <= dayNumber) k++;
  while (newMoonDay(k, tz) > dayNumber) k--;
  const monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11(year, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1, tz);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1, tz);
  }
  const diff = Math.floor((monthStart - a11) / 29);
  let lunarMonth = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: dayNumber - monthStart + 1, month: lunarMonth, year: lunarYear, leap };
}

/** Julian day number of day 1 of a lunar month, or `undefined` if `leap` is asked of a non-leap month. */
function lunarMonthStart(
  lunarMonth: number,
  lunarYear: number,
  leap: boolean,
  tz: number,
): number | undefined {
  const [a11, b11] =
    lunarMonth < 11
      ? [lunarMonth11(lunarYear - 1, tz), lunarMonth11(lunarYear, tz)]
      : [lunarMonth11(lunarYear, tz), lunarMonth11(lunarYear + 1, tz)];
  const k = Math.floor(0.5 + (a11 - JD_1900_NEW_MOON) / SYNODIC_MONTH);
  let off = lunarMonth - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && lunarMonth !== leapMonth) return undefined;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return undefined;
  }
  return newMoonDay(k + off, tz);
}

/**
 * Gregorian date of a lunar date; `tz` is the time zone in hours (7 for Vietnam).
 * @throws RangeError when the lunar month is not a leap month but `leap` is true, when the
 *   day does not exist in that month (e.g. 30 of a 29-day month), or for out-of-range numbers.
 */
export function lunarToSolar(
  lunarDay: number,
  lunarMonth: number,
  lunarYear: number,
  leap = false,
  tz = 7,
): SolarDate {
  const valid =
    Number.isInteger(lunarDay) &&
    lunarDay >= 1 &&
    lunarDay <= 30 &&
    Number.isInteger(lunarMonth) &&
    lunarMonth >= 1 &&
    lunarMonth <= 12 &&
    Number.isInteger(lunarYear);
  const start = valid ? lunarMonthStart(lunarMonth, lunarYear, leap, tz) : undefined;
  if (start === undefined) {
    throw new RangeError(
      `No such lunar date: ${lunarDay}/${lunarMonth}${leap ? ' (nhuận)' : ''}/${lunarYear}`,
    );
  }
  const jd = start + lunarDay - 1;
  if (lunarDay === 30) {
    const solar = jdToDate(jd);
    if (solarToLunar(solar.year, solar.month, solar.day, tz).day !== 30) {
      throw new RangeError(`Lunar month ${lunarMonth}/${lunarYear} has only 29 days`);
    }
  }
  return jdToDate(jd);
}
