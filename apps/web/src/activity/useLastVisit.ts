import { useEffect, useSyncExternalStore } from 'react';
import { useLocation } from 'wouter';
import { useMe } from '../api/queries';
import { type Visit, visitTracker } from './lastVisit';

/** The agreement a path belongs to (`/a/<id>` and every page under it), if any. */
export function agreementOfPath(path: string): string | null {
  const id = /^\/a\/([^/?#]+)/.exec(path)?.[1];
  if (!id) return null;
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

/**
 * Follows which agreement this tab is on, from the address: begins a visit on arriving at an
 * agreement's pages and ends it on leaving them or signing out. Mounted once, in App.
 */
export function AgreementVisits() {
  const [path] = useLocation();
  const userId = useMe().data?.id;
  const agreementId = agreementOfPath(path);
  useEffect(() => {
    const tracker = visitTracker();
    if (userId && agreementId) tracker.enter(userId, agreementId);
    else tracker.leave();
  }, [userId, agreementId]);
  return null;
}

/**
 * This person's visit to the agreement, with the previous visit's time (`previous`, null on the
 * first visit in this browser); undefined until the visit has begun. Begins it if need be (the
 * same as AgreementVisits does), so the front page also works where that is not mounted.
 */
export function useLastVisit(agreementId: string, userId: string): Visit | undefined {
  const tracker = visitTracker();
  useEffect(() => tracker.enter(userId, agreementId), [tracker, userId, agreementId]);
  const visit = useSyncExternalStore(tracker.subscribe, tracker.get);
  return visit && visit.userId === userId && visit.agreementId === agreementId ? visit : undefined;
}
