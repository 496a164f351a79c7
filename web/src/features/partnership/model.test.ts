import { describe, expect, it } from 'vitest';
import type { RoutingRule } from './api';
import {
  basisPointsToPercent,
  comparePaths,
  emptyRule,
  errorsByPath,
  FAN_OUT_OPTION,
  formToRule,
  groupChanges,
  numberProblems,
  parsePopulation,
  percentToBasisPoints,
  readDocumentText,
  ruleToForm,
  shareFractions,
  sharesOf,
  sortRules,
  stagesOf,
} from './model';

describe('dry-run result grouping', () => {
  it('splits created from changed and groups each by element kind in document order', () => {
    const groups = groupChanges([
      { action: 'create', path: '$.routingRules[0]', element: 'routingRule', key: 'r1' },
      { action: 'change', path: '$.interests[10]', element: 'interest', key: 'late', fields: ['name'] },
      { action: 'create', path: '$.interests[5]', element: 'interest', key: 'new-one' },
      { action: 'change', path: '$.interests[2]', element: 'interest', key: 'early', fields: ['description'] },
      { action: 'create', path: '$.bodies[1]', element: 'body', key: 'b' },
    ]);
    expect(groups.created.map((g) => [g.element, g.changes.map((c) => c.key)])).toEqual([
      ['body', ['b']],
      ['interest', ['new-one']],
      ['routingRule', ['r1']],
    ]);
    // $.interests[2] before $.interests[10]: indices compare as numbers, not as text.
    expect(groups.changed).toEqual([
      {
        element: 'interest',
        changes: [
          { action: 'change', path: '$.interests[2]', element: 'interest', key: 'early', fields: ['description'] },
          { action: 'change', path: '$.interests[10]', element: 'interest', key: 'late', fields: ['name'] },
        ],
      },
    ]);
  });

  it('has no groups when nothing would change', () => {
    expect(groupChanges([])).toEqual({ created: [], changed: [] });
  });

  it('lists every validation error by JSON path in document order', () => {
    const errors = errorsByPath({
      status: 422,
      errors: {
        '$.routingRules[4].interest': ["No interest 'municipal' in the document."],
        '$.bodies[10].code': ['Required.'],
        '$.bodies[2].seats[0].organisation': ["No organisation 'nowhere' in the document."],
        '$.interests[1].code': 'A code is lower-case letters, digits and dashes.',
      },
    });
    expect(errors.map((e) => e.path)).toEqual([
      '$.bodies[2].seats[0].organisation',
      '$.bodies[10].code',
      '$.interests[1].code',
      '$.routingRules[4].interest',
    ]);
    expect(errors[2]!.messages).toEqual(['A code is lower-case letters, digits and dashes.']);
    expect(errorsByPath(undefined)).toEqual([]);
  });

  it('orders a parent before its children', () => {
    expect(comparePaths('$.bodies[1]', '$.bodies[1].seats[0]')).toBeLessThan(0);
    expect(comparePaths('$', '$.model')).toBeLessThan(0);
  });

  it('reads a file as a JSON object, or says why not', () => {
    expect(readDocumentText('{"formatVersion":1}')).toEqual({ ok: true, document: { formatVersion: 1 } });
    expect(readDocumentText('{"formatVersion":')).toEqual({ ok: false, reason: 'json' });
    expect(readDocumentText('[1,2]')).toEqual({ ok: false, reason: 'object' });
    expect(readDocumentText('null')).toEqual({ ok: false, reason: 'object' });
  });
});

describe('allocation key shares', () => {
  it('reads percentages exactly into basis points', () => {
    expect(percentToBasisPoints('50')).toBe(5000);
    expect(percentToBasisPoints('33,33')).toBe(3333);
    expect(percentToBasisPoints('33.33')).toBe(3333);
    expect(percentToBasisPoints('12,5 %')).toBe(1250);
    expect(percentToBasisPoints('100')).toBe(10000);
    expect(percentToBasisPoints('100,01')).toBeNull();
    expect(percentToBasisPoints('1,234')).toBeNull();
    expect(percentToBasisPoints('-5')).toBeNull();
    expect(percentToBasisPoints('')).toBeNull();
  });

  it('writes basis points back as the percentage typed', () => {
    expect(basisPointsToPercent(5000)).toBe('50');
    expect(basisPointsToPercent(3333)).toBe('33,33');
    expect(basisPointsToPercent(1250)).toBe('12,5');
    expect(basisPointsToPercent(1205, 'en')).toBe('12.05');
    expect(percentToBasisPoints(basisPointsToPercent(1205))).toBe(1205);
  });

  it('reads a population with Danish thousands separators', () => {
    expect(parsePopulation('119.862')).toBe(119862);
    expect(parsePopulation('119 862')).toBe(119862);
    expect(parsePopulation('1,5')).toBeNull();
    expect(parsePopulation('')).toBeNull();
  });

  it('turns rows into the API shares, checking what the browser can check', () => {
    expect(sharesOf('fixedShares', [{ payerId: 'a', weight: '60' }, { payerId: 'b', weight: '40' }])).toEqual({
      ok: true,
      shares: [
        { payerId: 'a', weight: 6000 },
        { payerId: 'b', weight: 4000 },
      ],
    });
    expect(sharesOf('fixedShares', [{ payerId: 'a', weight: '60' }, { payerId: 'b', weight: '30' }])).toEqual({
      ok: false,
      problems: [{ row: null, problem: 'sum' }],
    });
    expect(sharesOf('equalSplit', [{ payerId: 'a', weight: '' }, { payerId: '', weight: '' }, { payerId: 'b', weight: '' }])).toEqual({
      ok: true,
      shares: [
        { payerId: 'a', weight: null },
        { payerId: 'b', weight: null },
      ],
    });
    expect(sharesOf('population', [{ payerId: 'a', weight: 'many' }, { payerId: 'a', weight: '10' }])).toEqual({
      ok: false,
      problems: [
        { row: 0, problem: 'weight' },
        { row: 1, problem: 'duplicate' },
      ],
    });
    expect(sharesOf('population', [{ payerId: '', weight: '' }])).toEqual({ ok: false, problems: [{ row: null, problem: 'none' }] });
    expect(sharesOf('population', [{ payerId: '', weight: '5' }])).toEqual({ ok: false, problems: [{ row: 0, problem: 'payer' }] });
  });

  it('shows each weight as its part of the whole', () => {
    expect(shareFractions([1, 1, 2])).toEqual([2500, 2500, 5000]);
    expect(shareFractions([0, 0])).toEqual([0, 0]);
  });
});

const rule: RoutingRule = {
  id: 'r',
  governanceModelId: 'm',
  code: 'joint-with-councils',
  name: 'Fælles interesse med beslutning i alle kommunalbestyrelser',
  description: null,
  interest: 'joint',
  requiresCouncilDecision: true,
  priority: 10,
  sourceReference: 'SAG-2023-01121',
  version: 3,
  retiredAt: null,
  steps: [
    { stageOrdinal: 5, stageName: 'Kommunalbestyrelserne', bodyId: null, fanOut: 'memberCouncils', fanOutPartyKind: 'municipality', role: 'decision', authoritative: true, deadlineDays: 60 },
    { stageOrdinal: 4, stageName: 'Politisk behandling', bodyId: 'brn', role: 'decision', authoritative: true, deadlineDays: 30, note: 'Parallel' },
    { stageOrdinal: 4, stageName: 'Politisk behandling', bodyId: 'kkr', role: 'decision', authoritative: true, deadlineDays: 30, note: 'Parallel' },
  ],
};

describe('routing rule form', () => {
  it('round-trips a rule through the form into the body the API takes', () => {
    const form = ruleToForm(rule);
    expect(form.council).toBe('yes');
    expect(form.steps[0]!.target).toBe(FAN_OUT_OPTION);
    const body = formToRule(form);
    expect(body).toEqual({
      name: rule.name,
      description: null,
      interest: 'joint',
      requiresCouncilDecision: true,
      priority: 10,
      sourceReference: 'SAG-2023-01121',
      steps: [
        { stageOrdinal: 5, stageName: 'Kommunalbestyrelserne', bodyId: null, fanOut: 'memberCouncils', fanOutPartyKind: 'municipality', role: 'decision', authoritative: true, deadlineDays: 60, note: null },
        { stageOrdinal: 4, stageName: 'Politisk behandling', bodyId: 'brn', fanOut: null, fanOutPartyKind: null, role: 'decision', authoritative: true, deadlineDays: 30, note: 'Parallel' },
        { stageOrdinal: 4, stageName: 'Politisk behandling', bodyId: 'kkr', fanOut: null, fanOutPartyKind: null, role: 'decision', authoritative: true, deadlineDays: 30, note: 'Parallel' },
      ],
    });
  });

  it('sends "any interest" and "either way" as nulls', () => {
    const body = formToRule({ ...emptyRule(20), name: ' Ny ', steps: [{ ...emptyRule().steps[0]!, target: 'body-1', stageName: 'Beslutning' }] });
    expect(body.interest).toBeNull();
    expect(body.requiresCouncilDecision).toBeNull();
    expect(body.name).toBe('Ny');
    expect(body.priority).toBe(20);
    expect(body.steps[0]).toMatchObject({ bodyId: 'body-1', fanOut: null, deadlineDays: null });
  });

  it('names the fields that are not whole numbers', () => {
    const form = { ...emptyRule(), priority: 'ti', steps: [{ ...emptyRule().steps[0]!, stageOrdinal: '1,5', deadlineDays: 'x' }] };
    expect(numberProblems(form)).toEqual(['priority', 'steps[0].stageOrdinal', 'steps[0].deadlineDays']);
    expect(numberProblems(emptyRule())).toEqual([]);
  });

  it('groups steps by stage and lists live rules by priority before retired ones', () => {
    expect(stagesOf(rule.steps).map((s) => [s.ordinal, s.steps.length])).toEqual([
      [4, 2],
      [5, 1],
    ]);
    const retired = { ...rule, id: 'x', code: 'old', priority: 1, retiredAt: '2026-01-01T00:00:00Z' };
    const later = { ...rule, id: 'y', code: 'later', priority: 50 };
    expect(sortRules([later, retired, rule]).map((r) => r.code)).toEqual(['joint-with-councils', 'later', 'old']);
  });
});
