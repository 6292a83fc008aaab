import type { ApiTokenInfo, SessionInfo } from '@tavla/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { keys } from '../api/queries';
import { closeAllSessions } from '../sync/session';
import { announceSignOut } from '../auth/signOutChannel';
import { useUi } from '../shell/uiStore';
import { forgetOffline } from '../api/offlineCopy';

export type { SessionInfo } from '@tavla/domain';
export type TokenInfo = ApiTokenInfo;

const enc = encodeURIComponent;

export const accountEndpoints = {
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    api<void>('/api/me/password', { method: 'POST', body }),
  sessions: () => api<{ sessions: SessionInfo[] }>('/api/me/sessions').then((r) => r.sessions),
  endSession: (id: string) => api<void>(`/api/me/sessions/${enc(id)}`, { method: 'DELETE' }),
  logoutEverywhere: () => api<void>('/api/auth/logout-everywhere', { method: 'POST', body: {} }),
  tokens: () => api<{ tokens: TokenInfo[] }>('/api/tokens').then((r) => r.tokens),
  createToken: (name: string) =>
    api<TokenInfo & { token: string }>('/api/tokens', { method: 'POST', body: { name } }),
  revokeToken: (id: string) => api<void>(`/api/tokens/${enc(id)}`, { method: 'DELETE' }),
};

export const accountKeys = {
  sessions: ['account', 'sessions'] as const,
  tokens: ['account', 'tokens'] as const,
};

export function useMySessions() {
  return useQuery({ queryKey: accountKeys.sessions, queryFn: accountEndpoints.sessions });
}

export function useMyTokens() {
  return useQuery({ queryKey: accountKeys.tokens, queryFn: accountEndpoints.tokens });
}

/** Forget everything of this person in the browser after their session ended (as logout does). */
export function useSignedOut() {
  const qc = useQueryClient();
  return async () => {
    useUi.getState().setSignedOutByUser(true); // the login form says "logged out", nothing more
    announceSignOut();
    forgetOffline();
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
    qc.setQueryData(keys.me, null);
    await closeAllSessions({ clearCache: true });
  };
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: accountEndpoints.changePassword,
    // The server ends every other session: the list shrinks.
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

export function useEndSession() {
  const qc = useQueryClient();
  const signedOut = useSignedOut();
  return useMutation({
    mutationFn: (s: SessionInfo) => accountEndpoints.endSession(s.id),
    onSuccess: async (_r, s) => {
      if (s.current) await signedOut();
      else await qc.invalidateQueries({ queryKey: accountKeys.sessions });
    },
  });
}

export function useLogoutEverywhere() {
  const signedOut = useSignedOut();
  return useMutation({
    mutationFn: accountEndpoints.logoutEverywhere,
    onSuccess: () => signedOut(),
  });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: accountEndpoints.createToken,
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.tokens }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: TokenInfo) => accountEndpoints.revokeToken(token.id),
    onSettled: () => qc.invalidateQueries({ queryKey: accountKeys.tokens }),
  });
}

/** "Firefox on Windows" from a user agent string; pieces unknown are null. */
export function describeUserAgent(ua: string | null): {
  browser: string | null;
  os: string | null;
} {
  if (!ua) return { browser: null, os: null };
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /(Chrome|Chromium|CriOS)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : /curl|python|node|undici|axios/i.test(ua)
              ? (/(curl|python|node|undici|axios)/i.exec(ua)?.[1] ?? null)
              : null;
  const os = /iPhone|iPad|iPod/.test(ua)
    ? 'iOS'
    : /Android/.test(ua)
      ? 'Android'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : null;
  return { browser, os };
}
