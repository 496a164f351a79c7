import type { ProblemDetails } from '@/lib/api/problem';
import type { AllocationMethod, ModelChange, RoutingRule, RuleStep, RuleStepInput, StepRole } from './api';

// ---------------------------------------------------------------------------------------
// Model document import: what a dry run says, grouped for people to read.
// ---------------------------------------------------------------------------------------

export interface ChangeGroup {
  /** The kind of element ("interest", "body", "routingRule" ...), as the API names it. */
  element: string;
  changes: ModelChange[];
}

/**
 * A dry run's changes split into what would be created and what would be changed, each grouped by element kind in
 * the order the document lists them (bodies before rules), and within a kind in document order.
 */
export function groupChanges(changes: readonly ModelChange[]): { created: ChangeGroup[]; changed: ChangeGroup[] } {
  const group = (action: string): ChangeGroup[] => {
    const groups: ChangeGroup[] = [];
    for (const change of [...changes].filter((c) => c.action === action).sort((a, b) => comparePaths(a.path, b.path))) {
      let g = groups.find((x) => x.element === change.element);
      if (!g) groups.push((g = { element: change.element, changes: [] }));
      g.changes.push(change);
    }
    return groups;
  };
  return { created: group('create'), changed: group('change') };
}

export interface PathError {
  path: string;
  messages: string[];
}

/** Every error of a refused import keyed by its JSON path ("$.bodies[3].seats[0].organisation"), in document order. */
export function errorsByPath(problem: ProblemDetails | undefined): PathError[] {
  if (!problem?.errors || typeof problem.errors !== 'object') return [];
  return Object.entries(problem.errors)
    .map(([path, value]) => ({ path, messages: Array.isArray(value) ? value.map(String) : [String(value)] }))
    .sort((a, b) => comparePaths(a.path, b.path));
}

/** Orders JSON paths as a reader meets them: "$.a[2]" before "$.a[10]", a parent before its children. */
export function comparePaths(a: string, b: string): number {
  const split = (p: string) => p.split(/[.[\]]+/).filter(Boolean);
  const pa = split(a);
  const pb = split(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** A file's text read as a model document: a JSON object, or the reason it is not one. */
export function readDocumentText(text: string): { ok: true; document: Record<string, unknown> } | { ok: false; reason: 'json' | 'object' } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'json' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, reason: 'object' };
  return { ok: true, document: parsed as Record<string, unknown> };
}

// ---------------------------------------------------------------------------------------
// Allocation keys: shares as people write them.
// ---------------------------------------------------------------------------------------

/**
 * A percentage as typed ("50", "33,33", "33.33", "12,5 %") in exact basis points (5000, 3333, 3333, 1250); null when it
 * is not a percentage between 0 and 100 with at most two decimals.
 */
export function percentToBasisPoints(text: string): number | null {
  const t = text.replace(/\s|%/g, '').replace(',', '.');
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10000 ? bp : null;
}

/** Basis points as a percentage for a form field: 3333 -> "33,33" (da) / "33.33" (en); 5000 -> "50". */
export function basisPointsToPercent(bp: number, language: 'da' | 'en' = 'da'): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  if (rest === 0) return String(whole);
  const decimals = String(rest).padStart(2, '0').replace(/0$/, '');
  return `${whole}${language === 'en' ? '.' : ','}${decimals}`;
}

/** A whole number of inhabitants as typed ("119.862", "119 862", "119862"); null otherwise. */
export function parsePopulation(text: string): number | null {
  const t = text.replace(/[\s.]/g, '');
  return /^\d{1,12}$/.test(t) ? Number(t) : null;
}

export interface ShareRow {
  payerId: string;
  /** The weight as typed: a percentage for fixed shares, inhabitants for population, nothing for equal split. */
  weight: string;
}

export type ShareProblem = { row: number; problem: 'payer' | 'weight' | 'duplicate' } | { row: null; problem: 'sum' | 'none' };

/** The shares of a key form as the API takes them, or what is wrong with them (checked before sending). */
export function sharesOf(
  method: AllocationMethod,
  rows: readonly ShareRow[],
): { ok: true; shares: { payerId: string; weight: number | null }[] } | { ok: false; problems: ShareProblem[] } {
  const problems: ShareProblem[] = [];
  const filled = rows.map((r, i) => ({ ...r, i })).filter((r) => r.payerId || r.weight.trim());
  if (filled.length === 0) return { ok: false, problems: [{ row: null, problem: 'none' }] };
  const seen = new Set<string>();
  const shares = filled.map((r) => {
    if (!r.payerId) problems.push({ row: r.i, problem: 'payer' });
    else if (seen.has(r.payerId)) problems.push({ row: r.i, problem: 'duplicate' });
    seen.add(r.payerId);
    let weight: number | null = null;
    if (method === 'fixedShares') weight = percentToBasisPoints(r.weight);
    else if (method === 'population') weight = parsePopulation(r.weight);
    if (method !== 'equalSplit' && weight === null) problems.push({ row: r.i, problem: 'weight' });
    return { payerId: r.payerId, weight };
  });
  if (method === 'fixedShares' && problems.length === 0 && shares.reduce((a, s) => a + (s.weight ?? 0), 0) !== 10000) {
    problems.push({ row: null, problem: 'sum' });
  }
  return problems.length ? { ok: false, problems } : { ok: true, shares };
}

/** Each share's part of the whole in basis points (for showing "25,00 %" beside a population), exact to the basis point. */
export function shareFractions(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return weights.map(() => 0);
  return weights.map((w) => Math.round((w * 10000) / total));
}

// ---------------------------------------------------------------------------------------
// Routing rules: a rule's steps as form rows and back.
// ---------------------------------------------------------------------------------------

/** The one fan-out the API knows: each member municipality's council decides. */
export const FAN_OUT_COUNCILS = 'memberCouncils';
/** How the form's body select names the fan-out (it is not a body). */
export const FAN_OUT_OPTION = `fanOut:${FAN_OUT_COUNCILS}`;

export interface StepRow {
  key: number;
  stageOrdinal: string;
  stageName: string;
  /** A body id, or FAN_OUT_OPTION. */
  target: string;
  role: StepRole;
  authoritative: boolean;
  deadlineDays: string;
  note: string;
}

export interface RuleForm {
  code: string;
  name: string;
  description: string;
  interest: string;
  /** '' = any case, 'yes' / 'no' = only cases that do / do not need the councils' decision. */
  council: '' | 'yes' | 'no';
  priority: string;
  sourceReference: string;
  steps: StepRow[];
}

export function emptyStep(key: number, stageOrdinal = 1): StepRow {
  return { key, stageOrdinal: String(stageOrdinal), stageName: '', target: '', role: 'decision', authoritative: true, deadlineDays: '', note: '' };
}

export function emptyRule(priority = 100): RuleForm {
  return { code: '', name: '', description: '', interest: '', council: '', priority: String(priority), sourceReference: '', steps: [emptyStep(1)] };
}

export function ruleToForm(rule: RoutingRule): RuleForm {
  return {
    code: rule.code,
    name: rule.name,
    description: rule.description ?? '',
    interest: rule.interest ?? '',
    council: rule.requiresCouncilDecision == null ? '' : rule.requiresCouncilDecision ? 'yes' : 'no',
    priority: String(rule.priority),
    sourceReference: rule.sourceReference ?? '',
    steps: rule.steps.map((s: RuleStep, i) => ({
      key: i + 1,
      stageOrdinal: String(s.stageOrdinal),
      stageName: s.stageName,
      target: s.fanOut ? `fanOut:${s.fanOut}` : (s.bodyId ?? ''),
      role: s.role,
      authoritative: s.authoritative,
      deadlineDays: s.deadlineDays == null ? '' : String(s.deadlineDays),
      note: s.note ?? '',
    })),
  };
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());
const intOrNaN = (s: string) => (/^-?\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);

/**
 * The body the API takes from a rule form. Numbers that are not whole numbers are sent as NaN-free nulls only where
 * the field is optional; a priority or stage that is not a number is reported by the form before sending.
 */
export function formToRule(form: RuleForm) {
  const steps: RuleStepInput[] = form.steps.map((s) => {
    const fanOut = s.target.startsWith('fanOut:') ? s.target.slice('fanOut:'.length) : null;
    return {
      stageOrdinal: intOrNaN(s.stageOrdinal),
      stageName: s.stageName.trim(),
      bodyId: fanOut ? null : s.target || null,
      fanOut,
      fanOutPartyKind: fanOut ? 'municipality' : null,
      role: s.role,
      authoritative: s.authoritative,
      deadlineDays: s.deadlineDays.trim() === '' ? null : intOrNaN(s.deadlineDays),
      note: blankToNull(s.note),
    };
  });
  return {
    name: form.name.trim(),
    description: blankToNull(form.description),
    interest: form.interest || null,
    requiresCouncilDecision: form.council === '' ? null : form.council === 'yes',
    priority: intOrNaN(form.priority),
    sourceReference: blankToNull(form.sourceReference),
    steps,
  };
}

/** Form fields that are not whole numbers where the API needs one: "priority", "steps[1].stageOrdinal" ... */
export function numberProblems(form: RuleForm): string[] {
  const body = formToRule(form);
  const problems: string[] = [];
  if (Number.isNaN(body.priority)) problems.push('priority');
  body.steps.forEach((s, i) => {
    if (Number.isNaN(s.stageOrdinal)) problems.push(`steps[${i}].stageOrdinal`);
    if (s.deadlineDays !== null && Number.isNaN(s.deadlineDays)) problems.push(`steps[${i}].deadlineDays`);
  });
  return problems;
}

/** A rule's steps by stage (stage ordinal order), the steps of one stage side by side. */
export function stagesOf(steps: readonly RuleStep[]): { ordinal: number; name: string; steps: RuleStep[] }[] {
  const stages: { ordinal: number; name: string; steps: RuleStep[] }[] = [];
  for (const step of [...steps].sort((a, b) => a.stageOrdinal - b.stageOrdinal)) {
    let stage = stages.find((s) => s.ordinal === step.stageOrdinal);
    if (!stage) stages.push((stage = { ordinal: step.stageOrdinal, name: step.stageName, steps: [] }));
    stage.steps.push(step);
  }
  return stages;
}

/** Live rules first by priority (the order the API tries them), then the retired ones. */
export function sortRules(rules: readonly RoutingRule[]): RoutingRule[] {
  return [...rules].sort((a, b) => {
    const ra = a.retiredAt ? 1 : 0;
    const rb = b.retiredAt ? 1 : 0;
    return ra - rb || a.priority - b.priority || a.code.localeCompare(b.code);
  });
}
