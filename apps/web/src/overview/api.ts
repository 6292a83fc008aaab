import type { AgreementSummaryModel, MilestoneRow } from '@tavla/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../api/client';
import type { AgreementSession } from '../sync/session';

// The answers' shapes, shared with the server (packages/domain/src/api.ts).
export type {
  AgreementSummaryModel,
  FocusAreaSummary,
  HealthCounts,
  MilestoneRow,
  ObjectiveSummary,
  StatusUpdateRow,
} from '@tavla/domain';

export const overviewKeys = {
  summary: (id: string) => ['agreements', id, 'summary'] as const,
  milestones: (from: string, to: string) => ['milestones', from, to] as const,
};

export function useAgreementSummary(agreementId: string) {
  return useQuery({
    queryKey: overviewKeys.summary(agreementId),
    queryFn: () =>
      api<AgreementSummaryModel>(`/api/agreements/${encodeURIComponent(agreementId)}/summary`),
    staleTime: 10_000,
    retry: 1,
  });
}

export function useMilestonesAcross(from: string, to: string) {
  return useQuery({
    queryKey: overviewKeys.milestones(from, to),
    queryFn: () =>
      api<{ milestones: MilestoneRow[] }>(
        `/api/milestones?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      ).then((r) => r.milestones),
    staleTime: 30_000,
  });
}

/**
 * The read model follows the document within a second of an edit: when this agreement's
 * document changes, ask for the summary (and the milestones) again a little later.
 */
export function useRefetchOnDocChange(
  session: AgreementSession,
  agreementId: string,
  delayMs = 1500,
): void {
  const qc = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void qc.invalidateQueries({ queryKey: overviewKeys.summary(agreementId) });
        void qc.invalidateQueries({ queryKey: ['milestones'] });
      }, delayMs);
    };
    session.doc.on('update', onUpdate);
    return () => {
      session.doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [session, agreementId, qc, delayMs]);
}

/** Board of a focus area with filters in the URL (see filters/filters.ts for the keys). */
export function boardHref(
  agreementId: string,
  focusAreaId: string,
  params: Record<string, string> = {},
): string {
  const q = new URLSearchParams(params).toString();
  return `/a/${encodeURIComponent(agreementId)}/fa/${encodeURIComponent(focusAreaId)}${q ? `?${q}` : ''}`;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
