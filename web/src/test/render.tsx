import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { vi } from 'vitest';

/** Renders routes at a URL with a fresh query client (no retries). */
export function renderRoutes(routes: RouteObject[], url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const result = render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...result, router, client };
}

export function renderWithQuery(ui: ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

export interface Recorded {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

type Handler = (req: Recorded) => Response | Promise<Response>;

/** Stubs fetch with a list of [method, path regex, handler]; records every request. */
export function mockFetch(routes: [string, RegExp, Handler][]) {
  const calls: Recorded[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url, 'http://localhost');
    let body: unknown = undefined;
    const text = await request.clone().text();
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const rec: Recorded = { method: request.method, url: url.pathname + url.search, headers: request.headers, body };
    calls.push(rec);
    for (const [method, pattern, handler] of routes) {
      if (method === request.method && pattern.test(url.pathname)) return handler(rec);
    }
    return json({ title: 'Not Found', status: 404 }, 404);
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json',
      ...headers,
    },
  });
}
