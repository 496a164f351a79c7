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
