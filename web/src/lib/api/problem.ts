/**
 * RFC 9457 problem details as the Klima API writes them: validation failures carry an
 * `errors` object whose keys are camelCase field names and whose values are messages.
 */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: Record<string, string[] | string>;
  [extension: string]: unknown;
}

export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails | undefined;

  constructor(status: number, problem: ProblemDetails | undefined) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get isStale(): boolean {
    return this.status === 412;
  }
}

export function isProblemDetails(value: unknown): value is ProblemDetails {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.title === 'string' ||
    typeof v.status === 'number' ||
    typeof v.detail === 'string' ||
    typeof v.errors === 'object'
  );
}

/**
 * Server keys may arrive as "Name", "body.name", "$.name" or "members[0].personId";
 * the form fields are named by the camelCase of the last meaningful path segment
 * ("members[0].personId" stays as is so list fields can still be addressed).
 */
export function normaliseFieldKey(key: string): string {
  let k = key.trim().replace(/^\$\.?/, '');
  if (/^(body|command|request)\./i.test(k)) k = k.slice(k.indexOf('.') + 1);
  return k
    .split('.')
    .map((part) => (part.length > 0 ? part.charAt(0).toLowerCase() + part.slice(1) : part))
    .join('.');
}

export function fieldErrorsOf(problem: ProblemDetails | undefined): FieldErrors {
  const result: FieldErrors = {};
  if (!problem?.errors || typeof problem.errors !== 'object') return result;
  for (const [key, value] of Object.entries(problem.errors)) {
    const messages = Array.isArray(value) ? value.map(String) : [String(value)];
    const name = normaliseFieldKey(key);
    result[name] = [...(result[name] ?? []), ...messages];
  }
  return result;
}

/** Splits field errors into those a form shows next to a field and the rest. */
export function partitionFieldErrors(
  errors: FieldErrors,
  knownFields: readonly string[],
): { byField: FieldErrors; other: string[] } {
  const byField: FieldErrors = {};
  const other: string[] = [];
  for (const [key, messages] of Object.entries(errors)) {
    // "case.title" or "items[0].title" still belongs to the form's "title" field, and "scopes[1]"
    // (one entry of a list) to the form's "scopes".
    const field = knownFields.includes(key)
      ? key
      : knownFields.find((f) => key.endsWith(`.${f}`) || key.startsWith(`${f}[`));
    if (field) byField[field] = [...(byField[field] ?? []), ...messages];
    else other.push(...messages);
  }
  return { byField, other };
}

export async function toApiError(response: Response, body?: unknown): Promise<ApiError> {
  let problem: ProblemDetails | undefined;
  if (body !== undefined) {
    problem = isProblemDetails(body) ? body : undefined;
  } else {
    try {
      const parsed: unknown = await response.clone().json();
      problem = isProblemDetails(parsed) ? parsed : undefined;
    } catch {
      problem = undefined;
    }
  }
  return new ApiError(response.status, problem);
}
