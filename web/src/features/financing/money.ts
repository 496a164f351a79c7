/**
 * Kroner in the browser without floating-point arithmetic.
 *
 * The API keeps money as integer øre and shows it as a decimal DKK amount with at most two
 * decimals (a JSON number, e.g. 860000.00). Here:
 * - what a person types is read as text into a canonical decimal string ("1234.56"), never
 *   through parseFloat on a locale-dependent string;
 * - sums are taken in integer øre (exact for any |sum| below 2^53 øre, about 90 trillion kr.);
 * - a number is only ever divided back into kroner to be formatted for display.
 */

export type AmountLanguage = 'da' | 'en';

export type ParsedAmount =
  | { ok: true; value: string }
  | { ok: false; reason: 'empty' | 'format' | 'decimals' | 'negative' };

const SPACES = /[\s\u00a0\u202f]/g;
const CURRENCY = /^(?:dkk|kr\.?)|(?:dkk|kr\.?)$/gi;

/**
 * Reads an amount typed in the user's language into a canonical decimal string
 * ("-1234.5", "800000"). Danish: "1.234,56", "1234,56", "800.000"; English: "1,234.56",
 * "1234.56", "800,000". A separator that could be either (Danish "1234.56") is refused
 * rather than guessed. At most two decimals (whole øre).
 */
export function parseAmount(
  text: string,
  language: AmountLanguage,
  { allowNegative = false }: { allowNegative?: boolean } = {},
): ParsedAmount {
  let s = text.replace(SPACES, '').replace(CURRENCY, '');
  if (s === '') return { ok: false, reason: 'empty' };
  let sign = '';
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    sign = '-';
    s = s.slice(1);
  }
  const decimal = language === 'da' ? ',' : '.';
  const group = language === 'da' ? '.' : ',';
  const [whole = '', fraction, ...rest] = s.split(decimal);
  if (rest.length > 0) return { ok: false, reason: 'format' };
  const groups = whole.split(group);
  // Grouping is optional, but where it is used every group after the first has three digits.
  const grouped = groups.length > 1;
  if (grouped && (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))) {
    return { ok: false, reason: 'format' };
  }
  const digits = groups.join('');
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'format' };
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return { ok: false, reason: 'format' };
  if (fraction !== undefined && fraction.length > 2) return { ok: false, reason: 'decimals' };
  const integer = digits.replace(/^0+(?=\d)/, '');
  const isZero = /^0+$/.test(integer) && !/[1-9]/.test(fraction ?? '');
  if (sign && !isZero && !allowNegative) return { ok: false, reason: 'negative' };
  return { ok: true, value: `${isZero ? '' : sign}${integer}${fraction ? `.${fraction}` : ''}` };
}

/**
 * The JSON number for a canonical amount. The contract types money as a JSON number; a
 * decimal with at most 15 significant digits survives the trip through a double unchanged
 * (JSON.stringify writes back the same digits), and amounts are bounded by the API to
 * ±10,000,000,000.00 (13 digits). The check below makes that guarantee explicit.
 */
export function amountToJson(canonical: string): number {
  const n = Number(canonical);
  if (!Number.isFinite(n) || normalise(String(n)) !== normalise(canonical)) {
    throw new RangeError(`The amount ${canonical} cannot be sent exactly.`);
  }
  return n;
}

function normalise(decimal: string): string {
  const negative = decimal.startsWith('-');
  let [whole = '0', fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  whole = whole.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && body !== '0' ? `-${body}` : body;
}

/**
 * The exact øre of an amount the API sent (a JSON number with at most two decimals), read
 * from its shortest decimal spelling rather than by multiplying a double.
 */
export function toOre(amount: number): number {
  const text = String(amount);
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new RangeError(`${text} is not an amount of whole øre.`);
  const [, sign, whole, fraction = ''] = match;
  const ore = Number(`${whole}${fraction.padEnd(2, '0')}`);
  if (!Number.isSafeInteger(ore)) throw new RangeError(`${text} is too large to add up exactly.`);
  return sign ? -ore : ore;
}

/** Adds amounts in øre; returns øre. */
export function sumOre(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) total += toOre(a);
  return total;
}

/** Kroner for display only (e.g. formatMoney or a chart value), from exact øre. */
export function kroner(ore: number): number {
  return ore / 100;
}

/** An amount from the API as the user would type it: "860.000" / "72.727,27" (da), "860,000" (en). */
export function amountToInput(amount: number | null | undefined, language: AmountLanguage): string {
  if (amount === null || amount === undefined) return '';
  const ore = toOre(amount);
  const negative = ore < 0;
  const abs = String(Math.abs(ore)).padStart(3, '0');
  const whole = abs.slice(0, -2);
  const fraction = abs.slice(-2);
  const group = language === 'da' ? '.' : ',';
  const decimal = language === 'da' ? ',' : '.';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${negative ? '-' : ''}${grouped}${fraction === '00' ? '' : `${decimal}${fraction}`}`;
}

/** FTE with two decimals as exact hundredths (FTE is a decimal like money). */
export function toHundredths(fte: number): number {
  return toOre(fte);
}
