import { afterEach, describe, expect, it } from 'vitest';
import i18n from './i18n';
import { codeName, humanise, nameOf } from './codes';
import { formatFte, formatPeriod, formatPeriodLabel } from './format';

afterEach(() => void i18n.changeLanguage('da'));

describe('periods as people say them', () => {
  it('names half-years, quarters and months in Danish and English', async () => {
    expect(formatPeriodLabel('2024-H1')).toBe('1. halvår 2024');
    expect(formatPeriodLabel('2023-H2')).toBe('2. halvår 2023');
    expect(formatPeriodLabel('2024-Q3')).toBe('3. kvartal 2024');
    expect(formatPeriodLabel('2024-03')).toBe('marts 2024');
    expect(formatPeriodLabel('2024')).toBe('2024');
    await i18n.changeLanguage('en');
    expect(formatPeriodLabel('2024-H1')).toBe('first half of 2024');
    expect(formatPeriodLabel('2024-Q3')).toBe('Q3 2024');
    expect(formatPeriodLabel('2024-03')).toBe('March 2024');
  });

  it('leaves a label it does not know as it came', () => {
    expect(formatPeriodLabel('2024-H3')).toBe('2024-H3');
    expect(formatPeriodLabel('2024-13')).toBe('2024-13');
    expect(formatPeriodLabel(null)).toBe('');
  });

  it('shows a half-open period with its last day, not the exclusive end', () => {
    expect(formatPeriod('2026-07-01', '2027-01-01')).toBe('2. halvår 2026');
    expect(formatPeriod('2026-07-01', '2026-10-01')).toMatch(/^1\. jul\.? 2026 – 30\. sep\.? 2026$/);
    expect(formatPeriod('2023-07-01', '2026-07-01')).toMatch(/^1\. jul\.? 2023 – 30\. jun\.? 2026$/);
    expect(formatPeriod('2024-01-01', '2025-01-01')).toBe('2024');
    expect(formatPeriod('2024-01-01', '2024-07-01')).toBe('1. halvår 2024');
  });

  it('says "fra" for an open end and "til og med" for an open start', async () => {
    expect(formatPeriod('2019-01-01', null)).toMatch(/^fra 1\. jan\.? 2019$/);
    expect(formatPeriod(null, '2023-07-01')).toMatch(/^til og med 30\. jun\.? 2023$/);
    await i18n.changeLanguage('en');
    expect(formatPeriod('2019-01-01', null)).toBe('from 1 Jan 2019');
    expect(formatPeriod('2026-07-01', '2026-10-01')).toBe('1 Jul 2026 – 30 Sept 2026'.replace('Sept', new Intl.DateTimeFormat('en-GB', { month: 'short' }).format(new Date(Date.UTC(2026, 8, 15)))));
  });

  it('counts FTE in årsværk with a decimal comma', async () => {
    expect(formatFte(1)).toBe('1 årsværk');
    expect(formatFte(1.5)).toBe('1,5 årsværk');
    await i18n.changeLanguage('en');
    expect(formatFte(1.5)).toBe('1.5 FTE');
  });
});

describe('codes by their names', () => {
  it('names system codes from the message files in both languages', async () => {
    expect(codeName('bodyKinds', 'workingGroup')).toBe('Arbejdsgruppe');
    expect(codeName('costTypes', 'salaries')).toBe('Løn');
    expect(codeName('auditEntityTypes', 'case_step')).toBe('Sagstrin');
    await i18n.changeLanguage('en');
    expect(codeName('bodyKinds', 'workingGroup')).toBe('Working group');
    expect(codeName('auditEntityTypes', 'case_step')).toBe('Case step');
  });

  it('never shows an unknown code as snake_case or camelCase', () => {
    expect(codeName('auditEntityTypes', 'some_new_table')).toBe('Some new table');
    expect(humanise('max-1-per-organisation')).toBe('Max 1 per organisation');
    expect(humanise('climateSecretariat')).toBe('Climate secretariat');
  });

  it('looks data codes up in the list the API gave', () => {
    const payers = [
      { id: 'p1', code: 'brn', name: 'Business Region North Denmark (BRN)' },
      { id: 'p2', code: 'region', name: 'Region Nordjylland' },
    ];
    expect(nameOf('brn', payers)).toBe('Business Region North Denmark (BRN)');
    expect(nameOf('p2', payers)).toBe('Region Nordjylland');
    expect(nameOf('joint', undefined)).toBe('Joint');
  });
});
