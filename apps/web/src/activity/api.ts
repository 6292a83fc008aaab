import type { ActivityPage } from '@tavla/domain';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../api/client';

export type { ActivityEvent, ActivityPage } from '@tavla/domain';

export function fetchActivity(
  agreementId: string,
  opts: { limit: number; before?: string | number; measureId?: string },
): Promise<ActivityPage> {
  const q = new URLSearchParams({ limit: String(opts.limit) });
  if (opts.before !== undefined) q.set('before', String(opts.before));
  if (opts.measureId) q.set('measureId', opts.measureId);
  return api<ActivityPage>(`/api/agreements/${encodeURIComponent(agreementId)}/activity?${q}`);
}

export const activityKey = (agreementId: string, measureId?: string) =>
  ['agreements', agreementId, 'activity', measureId ?? null] as const;

/** Newest first, one page at a time ("Vis flere" loads the next). */
export function useActivity(
  agreementId: string,
  opts: { measureId?: string; limit?: number } = {},
) {
  const limit = opts.limit ?? 25;
  return useInfiniteQuery({
    queryKey: activityKey(agreementId, opts.measureId),
    queryFn: ({ pageParam }) =>
      fetchActivity(agreementId, { limit, before: pageParam, measureId: opts.measureId }),
    initialPageParam: undefined as string | number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 5_000,
  });
}
