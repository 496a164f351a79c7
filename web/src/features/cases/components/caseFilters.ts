/**
 * The case list's filters as they live in the URL (so a filtered list can be shared and
 * bookmarked). The parameter names are the API's, in camelCase: q, interest, status,
 * bodyId, currentBodyId ("where is it now"), overdue=true.
 */
export const CASE_STATES = ['open', 'approved', 'rejected', 'concluded', 'unrouted'] as const;
export type CaseStateFilter = (typeof CASE_STATES)[number];

export interface CaseFilters {
  q?: string;
  interest?: string;
  status?: CaseStateFilter;
  bodyId?: string;
  currentBodyId?: string;
  overdue?: boolean;
}

export const FILTER_KEYS = ['q', 'interest', 'status', 'bodyId', 'currentBodyId', 'overdue'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads the filters from a query string. A value the API would refuse (a mistyped status or
 * id in an edited link) is left out, so the form shows what is actually applied.
 */
export function filtersFromParams(params: URLSearchParams): CaseFilters {
  const filters: CaseFilters = {};
  const q = params.get('q')?.trim();
  if (q) filters.q = q;
  const interest = params.get('interest')?.trim();
  if (interest) filters.interest = interest;
  const status = params.get('status');
  if (status && (CASE_STATES as readonly string[]).includes(status)) filters.status = status as CaseStateFilter;
  const bodyId = params.get('bodyId');
  if (bodyId && UUID.test(bodyId)) filters.bodyId = bodyId.toLowerCase();
  const currentBodyId = params.get('currentBodyId');
  if (currentBodyId && UUID.test(currentBodyId)) filters.currentBodyId = currentBodyId.toLowerCase();
  if (params.get('overdue') === 'true') filters.overdue = true;
  return filters;
}

/** Sets one filter in a copy of the query string; an empty value removes the parameter. */
export function withFilter(params: URLSearchParams, key: FilterKey, value: string | boolean): URLSearchParams {
  const next = new URLSearchParams(params);
  const text = typeof value === 'boolean' ? (value ? 'true' : '') : value;
  if (text) next.set(key, text);
  else next.delete(key);
  return next;
}

/** The query string without any filter (other parameters stay). */
export function withoutFilters(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of FILTER_KEYS) next.delete(key);
  return next;
}

export function hasFilters(filters: CaseFilters): boolean {
  return Object.values(filters).some((v) => v !== undefined && v !== '' && v !== false);
}
