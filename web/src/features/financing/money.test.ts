import { describe, expect, it } from 'vitest';
import { amountToInput, amountToJson, kroner, parseAmount, sumOre, toOre } from './money';

describe('parseAmount', () => {
  it.each([
    ['860.000', '860000'],
    ['860000', '860000'],
    ['1.234,56', '1234.56'],
    ['1234,5', '1234.5'],
    ['0,01', '0.01'],
    ['  800 000 kr. ', '800000'],
    ['10.000.000.000,00', '10000000000.00'],
  ])('reads Danish %s as %s', (text, value) => {
    expect(parseAmount(text, 'da')).toEqual({ ok: true, value });
  });

  it.each([
    ['860,000', '860000'],
    ['1,234.56', '1234.56'],
    ['DKK 72727.27', '72727.27'],
  ])('reads English %s as %s', (text, value) => {
    expect(parseAmount(text, 'en')).toEqual({ ok: true, value });
  });

  it('refuses a separator it would have to guess', () => {
    // In Danish the dot groups thousands; "1234.56" is neither grouping nor a decimal comma.
    expect(parseAmount('1234.56', 'da')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmount('1.23', 'da')).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses more than two decimals, text and (unless allowed) negatives', () => {
    expect(parseAmount('1,234', 'da')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseAmount('tolv', 'da')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmount('', 'da')).toEqual({ ok: false, reason: 'empty' });
    expect(parseAmount('-500', 'da')).toEqual({ ok: false, reason: 'negative' });
    expect(parseAmount('-500,25', 'da', { allowNegative: true })).toEqual({ ok: true, value: '-500.25' });
  });
});

describe('exact amounts', () => {
  it('sends a canonical amount as the same digits', () => {
    expect(JSON.stringify({ amount: amountToJson('72727.27') })).toBe('{"amount":72727.27}');
    expect(JSON.stringify({ amount: amountToJson('9999999999.99') })).toBe('{"amount":9999999999.99}');
    expect(JSON.stringify({ amount: amountToJson('0.10') })).toBe('{"amount":0.1}');
  });

  it('adds in øre, so tenths of a krone do not drift', () => {
    // 0.1 + 0.2 in doubles is 0.30000000000000004.
    expect(sumOre([0.1, 0.2])).toBe(30);
    expect(kroner(sumOre([0.1, 0.2]))).toBe(0.3);
    expect(sumOre([860000, 900000, 72727.27])).toBe(183272727);
    expect(toOre(-400.5)).toBe(-40050);
  });

  it('writes an amount back as the user would type it', () => {
    expect(amountToInput(860000, 'da')).toBe('860.000');
    expect(amountToInput(72727.27, 'da')).toBe('72.727,27');
    expect(amountToInput(0.5, 'da')).toBe('0,50');
    expect(amountToInput(1234567.8, 'en')).toBe('1,234,567.80');
    expect(amountToInput(-400, 'da')).toBe('-400');
    expect(amountToInput(null, 'da')).toBe('');
  });
});
