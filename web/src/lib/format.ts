import i18n from './i18n';

function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'da-DK';
}

/** "2023-02-10" -> "10. feb. 2023" (da) / "10 Feb 2023" (en). Date-only values stay on their day. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Copenhagen' }).format(d);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Copenhagen',
  }).format(d);
}

/** Money as the API sends it (a decimal DKK amount): "1.600.000 kr." / "DKK 1,600,000". */
export function formatMoney(amount: number | string | null | undefined, currency = 'DKK'): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const n = typeof amount === 'string' ? Number(amount) : amount;
  if (!Number.isFinite(n)) return String(amount);
  return new Intl.NumberFormat(locale(), {
    style: 'currency',
    currency,
    maximumFractionDigits: Number.isInteger(n) ? 0 : 2,
  }).format(n);
}

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined) return '';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
}

/** Today as yyyy-mm-dd in Copenhagen (for "as of" pickers and default dates). */
export function today(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(new Date());
  return parts;
}

const HALF_DA = ['1. halvår', '2. halvår'];
const HALF_EN = ['first half of', 'second half of'];

/**
 * A budget period label as people say it: "2024-H1" -> "1. halvår 2024" / "first half of 2024",
 * "2024-Q3" -> "3. kvartal 2024" / "Q3 2024", "2024-03" -> "marts 2024" / "March 2024", "2024" -> "2024".
 * Anything else is returned as it came.
 */
export function formatPeriodLabel(label: string | null | undefined): string {
  if (!label) return '';
  const en = i18n.language === 'en';
  let m = /^(\d{4})-H([12])$/.exec(label);
  if (m) return `${(en ? HALF_EN : HALF_DA)[Number(m[2]) - 1]} ${m[1]}`;
  m = /^(\d{4})-Q([1-4])$/.exec(label);
  if (m) return en ? `Q${m[2]} ${m[1]}` : `${m[2]}. kvartal ${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(label);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15)),
    );
  }
  return label;
}

/** The day before a yyyy-mm-dd date (for showing the last day of a half-open period). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A half-open period [from, to) as people say it, with its last day:
 * ("2026-07-01", "2027-01-01") -> "1. jul. 2026 – 31. dec. 2026"; no end -> "fra 1. jul. 2026";
 * no start -> "til og med 31. dec. 2026". A period that is exactly a calendar half-year or year is
 * named as such ("1. halvår 2024", "2024").
 */
export function formatPeriod(from: string | null | undefined, to: string | null | undefined): string {
  const en = i18n.language === 'en';
  if (from && to) {
    const y = from.slice(0, 4);
    const next = String(Number(y) + 1);
    if (from === `${y}-01-01` && to === `${next}-01-01`) return y;
    if (from === `${y}-01-01` && to === `${y}-07-01`) return formatPeriodLabel(`${y}-H1`);
    if (from === `${y}-07-01` && to === `${next}-01-01`) return formatPeriodLabel(`${y}-H2`);
    return `${formatDate(from)} – ${formatDate(dayBefore(to))}`;
  }
  if (from) return `${en ? 'from' : 'fra'} ${formatDate(from)}`;
  if (to) return `${en ? 'until' : 'til og med'} ${formatDate(dayBefore(to))}`;
  return '';
}

/** An FTE figure: "1 årsværk" / "1.5 FTE" (Danish decimal comma). */
export function formatFte(fte: number | null | undefined): string {
  if (fte === null || fte === undefined) return '';
  return `${formatNumber(fte, 2)} ${i18n.language === 'en' ? 'FTE' : 'årsværk'}`;
}
