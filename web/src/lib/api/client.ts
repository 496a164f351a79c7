import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, toApiError } from './problem';
import { csrfToken, notifyUnauthorized, UNSAFE_METHODS } from '../csrf';
import i18n from '../i18n';

/** Same-origin: the API serves the SPA, and `npm run dev` proxies `/api`. */
export const api = createClient<paths>({
  // Same origin: '' in the browser. Under Node (Vitest) a Request needs an absolute URL,
  // so the document's own origin is spelled out; it is the same origin either way.
  baseUrl: sameOrigin(),
  // Resolved per call (not captured at start-up) so tests can stub fetch.
  fetch: (request: Request) => globalThis.fetch(request),
});

function sameOrigin(): string {
  const isNode = typeof process !== 'undefined' && !!process.versions?.node;
  return isNode && typeof location !== 'undefined' ? location.origin : '';
}

const session: Middleware = {
  onRequest({ request }) {
    if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
    // The server says its messages (errors, route explanations) in the language the screen is in, not the browser's.
    request.headers.set('Accept-Language', i18n.language === 'en' ? 'en' : 'da');
    const token = csrfToken();
    if (token && UNSAFE_METHODS.has(request.method)) request.headers.set('X-CSRF-TOKEN', token);
    return request;
  },
  onResponse({ response, request }) {
    // A 401 from anything but the login itself means the session is gone.
    if (response.status === 401 && !request.url.includes('/api/auth/')) notifyUnauthorized();
    return response;
  },
};
api.use(session);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Unwraps an openapi-fetch result: returns the data or throws an ApiError carrying the
 * problem details, so TanStack Query sees failures as failures.
 */
export async function unwrap<T>(promise: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await promise;
  if (!response.ok || error !== undefined) {
    throw await toApiError(response, error === undefined ? undefined : error);
  }
  return data as T;
}

/** Like unwrap, but also returns the ETag header so updates can send If-Match. */
export async function unwrapWithEtag<T>(
  promise: Promise<FetchResult<T>>,
): Promise<{ data: T; etag: string | null }> {
  const result = await promise;
  const data = await unwrap(Promise.resolve(result));
  return { data, etag: result.response.headers.get('ETag') };
}

/** Follows a `next` link of a paginated list (absolute or same-origin relative URL). */
export async function fetchNext<T>(next: string): Promise<T> {
  const origin = globalThis.location?.origin ?? 'http://localhost';
  const url = new URL(next, origin);
  // Only ever follow the path and query on this origin: behind the dev proxy the API
  // writes its own host into `next`, which the browser must not call directly.
  const target = new URL(url.pathname + url.search, origin).toString();
  const response = await globalThis.fetch(target, {
    headers: { Accept: 'application/json', 'Accept-Language': i18n.language === 'en' ? 'en' : 'da' },
  });
  if (response.status === 401) notifyUnauthorized();
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

export { ApiError };
