import {
  type QueryClient,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { announceSignOut } from '../auth/signOutChannel';
import { useUi } from '../shell/uiStore';
import { ApiError, endpoints, type User } from './client';
import { forgetOffline, rememberOffline, withOfflineCopy } from './offlineCopy';

export const keys = {
  me: ['me'] as const,
  agreements: ['agreements'] as const,
  agreement: (id: string) => ['agreements', id] as const,
  members: (id: string) => ['agreements', id, 'members'] as const,
};

/**
 * The signed-in user, or null when there is no session (401 is an answer, not an error). With no
 * network at all, the person last seen here (api/offlineCopy.ts): a board reloaded on a train
 * opens from the browser's copy, and the server checks the session again when it is reachable.
 */
export const meQuery = queryOptions({
  queryKey: keys.me,
  queryFn: async (): Promise<User | null> => {
    try {
      return await withOfflineCopy('me', endpoints.me);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        forgetOffline();
        return null;
      }
      throw e;
    }
  },
  staleTime: 5 * 60_000,
});

export function useMe() {
  return useQuery(meQuery);
}

/**
 * The agreements the person may open. With no network, the list last seen here: the front page
 * opened on a train says which agreements have edits waiting to be sent (sync/sendWaiting.ts).
 */
export function useAgreements() {
  return useQuery({
    queryKey: keys.agreements,
    queryFn: () => withOfflineCopy('agreements', endpoints.agreements),
    staleTime: 60_000,
  });
}

export const agreementQuery = (id: string) =>
  queryOptions({
    queryKey: keys.agreement(id),
    queryFn: () => withOfflineCopy(`agreement:${id}`, () => endpoints.agreement(id)),
    staleTime: 60_000,
    retry: (n, e) => !(e instanceof ApiError && (e.status === 404 || e.status === 401)) && n < 2,
  });

export function useAgreement(id: string) {
  return useQuery(agreementQuery(id));
}

export const membersQuery = (id: string) =>
  queryOptions({
    queryKey: keys.members(id),
    queryFn: () => withOfflineCopy(`members:${id}`, () => endpoints.members(id)),
    staleTime: 5 * 60_000,
  });

export function useMembers(id: string) {
  return useQuery(membersQuery(id));
}

/**
 * Asks for what the page at `path` will need before React has rendered anything (main.tsx):
 * who is signed in and, under /a/:agreementId, the agreement and its members. On a cold open
 * of a board these three answers were asked for one after the other as components mounted,
 * and the live document waits for them (~140 ms before its websocket opened). Errors are
 * left to the components, which ask again as before.
 */
export function prefetchForPath(qc: QueryClient, path: string): void {
  void qc.prefetchQuery(meQuery);
  const agreementId = /^\/a\/([a-z0-9-]{1,64})(?:\/|$)/.exec(path)?.[1];
  if (!agreementId) return;
  void qc.prefetchQuery(agreementQuery(agreementId));
  void qc.prefetchQuery(membersQuery(agreementId));
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ email, password }: { email: string; password: string }) =>
      endpoints.login(email, password),
    onSuccess: (user) => {
      // Drop the previous person's data but keep the `me` query alive: observers stay attached.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
      useUi.getState().setSignedOutByUser(false);
      forgetOffline(); // nothing of a previous person's answers stays
      rememberOffline('me', user);
      qc.setQueryData(keys.me, user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: endpoints.logout,
    onMutate: () => {
      useUi.getState().setSignedOutByUser(true);
      announceSignOut();
    },
    onSettled: () => {
      forgetOffline();
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
      qc.setQueryData(keys.me, null);
    },
  });
}
