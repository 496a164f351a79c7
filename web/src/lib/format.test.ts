import { afterEach, describe, expect, it } from 'vitest';
import i18n from './i18n';
import { dayAfter, dayBefore, formatDate, formatMoney, today } from './format';

afterEach(() => void i18n.changeLanguage('da'));

describe('format', () => {
  it('formats a date-only value on its own day in Danish and English', async () => {
    expect(formatDate('2023-02-10')).toMatch(/10\. feb\.? 2023/);
    await i18n.changeLanguage('en');
    expect(formatDate('2023-02-10')).toBe('10 Feb 2023');
  });
  it('formats DKK amounts', async () => {
    expect(formatMoney(1600000).replace(/\s/g, ' ')).toBe('1.600.000,00 kr.'.replace(',00', ''));
    await i18n.changeLanguage('en');
    expect(formatMoney('860000').replace(/\s/g, ' ')).toBe('DKK 860,000');
  });
  it('leaves empty values empty', () => {
    expect(formatDate(null)).toBe('');
    expect(formatMoney(undefined)).toBe('');
  });
  it('gives today as yyyy-mm-dd', () => {
    expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('dayAfter', () => {
  it('turns an entered last day into the end of a half-open period, across months, years and leap days', () => {
    expect(dayAfter('2023-06-30')).toBe('2023-07-01');
    expect(dayAfter('2023-12-31')).toBe('2024-01-01');
    expect(dayAfter('2024-02-28')).toBe('2024-02-29');
    expect(dayAfter('2023-02-28')).toBe('2023-03-01');
    expect(dayBefore(dayAfter('2024-02-29'))).toBe('2024-02-29');
  });
});
