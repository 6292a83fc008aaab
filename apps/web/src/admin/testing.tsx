import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';

/** One stubbed REST route: method + path (query string ignored unless the pattern has one). */
export interface Route {
  method?: string;
  path: string | RegExp;
  status?: number;
  body?: unknown | ((req: { url: string; body: unknown }) => unknown);
}

export interface Call {
  method: string;
  url: string;
  body: unknown;
}

/** Stubs global fetch with the routes (first match wins); unmatched calls answer 404. */
export function stubApi(routes: Route[]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const method = (init?.method ?? 'GET').toUpperCase();
      const url = String(input);
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, url, body });
      const path = url.split('?')[0] ?? url;
      const route = routes.find(
        (r) =>
          (r.method ?? 'GET').toUpperCase() === method &&
          (typeof r.path === 'string' ? r.path === path : r.path.test(url)),
      );
      if (!route)
        return new Response(JSON.stringify({ error: { code: 'not_found', message: url } }), {
          status: 404,
          headers: { 'content-type': 'application/json' },
        });
      const status = route.status ?? 200;
      if (status === 204) return new Response(null, { status });
      const payload = typeof route.body === 'function' ? route.body({ url, body }) : route.body;
      return new Response(JSON.stringify(payload ?? {}), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return calls;
}

export function renderWithClient(ui: ReactNode) {
  const qc = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return { ...render(<QueryClientProvider client={qc}>{ui}</QueryClientProvider>), qc };
}

export const ME = {
  user: {
    id: 'u-kari',
    email: 'koordinator@fylke.example',
    name: 'Kari Nordmann',
    organisation: { id: 'troms', name: 'Troms fylkeskommune', kind: 'county' },
  },
  isInstanceAdmin: true,
};

export const MEMBERS = [
  {
    userId: 'u-kari',
    name: 'Kari Nordmann',
    email: 'koordinator@fylke.example',
    organisation: { id: 'troms', name: 'Troms fylkeskommune', kind: 'county' },
    role: 'admin',
  },
  {
    userId: 'u-ola',
    name: 'Ola Hansen',
    email: 'radgiver@ipr.example',
    organisation: { id: 'ipr', name: 'Tromsøregionens IPR', kind: 'ipr' },
    role: 'editor',
  },
];
