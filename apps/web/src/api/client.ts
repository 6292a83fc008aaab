/** Thin JSON client for the server's REST API (same origin; the session cookie goes along). */
import type { AgreementSummary, Member, PublicUser } from '@tavla/domain';
import { serverClock } from './serverClock';

// The API's shapes, shared with the server (packages/domain/src/api.ts).
export type {
  AgreementSummary,
  Member,
  Organisation,
  OrganisationKind,
  Role,
} from '@tavla/domain';
export type User = PublicUser;

/** An HTTP error with the server's `{ error: { code, message } }` body, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  let res: Response;
  const sentAt = Date.now();
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers:
        init.body !== undefined
          ? { 'content-type': 'application/json', accept: 'application/json' }
          : { accept: 'application/json' },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  // The answer's headers are here: the server stamped `serverTime` before this moment.
  const receivedAt = Date.now();
  if (res.status === 204) return undefined as T;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (res.ok && body !== null && typeof body === 'object' && 'serverTime' in body)
    serverClock.observe(body.serverTime, sentAt, receivedAt);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? res.statusText,
    );
  }
  return body as T;
}

export const endpoints = {
  me: () => api<{ user: User }>('/api/me').then((r) => r.user),
  login: (email: string, password: string) =>
    api<{ user: User }>('/api/auth/login', { method: 'POST', body: { email, password } }).then(
      (r) => r.user,
    ),
  logout: () => api<void>('/api/auth/logout', { method: 'POST', body: {} }),
  agreements: () =>
    api<{ agreements: AgreementSummary[] }>('/api/agreements').then((r) => r.agreements),
  agreement: (id: string) => api<AgreementSummary>(`/api/agreements/${encodeURIComponent(id)}`),
  members: (id: string) =>
    api<{ members: Member[] }>(`/api/agreements/${encodeURIComponent(id)}/members`).then(
      (r) => r.members,
    ),
};
