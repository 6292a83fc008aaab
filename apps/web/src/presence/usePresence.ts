import { useRef, useSyncExternalStore } from 'react';
import { useOptionalSession } from '../sync/react';
import type { Peer } from './presence';

const EMPTY: Peer[] = [];

function samePeers(a: Peer[], b: Peer[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (p, i) =>
        p.clientId === b[i]!.clientId &&
        p.name === b[i]!.name &&
        p.organisation === b[i]!.organisation &&
        p.focusAreaId === b[i]!.focusAreaId &&
        p.openMeasureId === b[i]!.openMeasureId &&
        p.draggingMeasureId === b[i]!.draggingMeasureId &&
        p.typingMeasureId === b[i]!.typingMeasureId,
    )
  );
}

/**
 * Peers matching `pick`, with a stable array while `same` says the matching peers are unchanged
 * (by default: every field; a component that shows fewer fields passes its own comparison, so
 * that awareness changes it does not show do not re-render it).
 */
export function usePeers(
  pick: (p: Peer) => boolean,
  same: (a: Peer[], b: Peer[]) => boolean = samePeers,
): Peer[] {
  const session = useOptionalSession();
  const cache = useRef<{ src: Peer[] | null; value: Peer[] }>({ src: null, value: EMPTY });
  const obs = session?.presence.peers;
  return useSyncExternalStore(obs ? obs.subscribe : noopSubscribe, () => {
    if (!obs) return EMPTY;
    const src = obs.get();
    if (src === cache.current.src) return cache.current.value;
    const next = src.filter(pick);
    cache.current = {
      src,
      value: same(next, cache.current.value) ? cache.current.value : next,
    };
    return cache.current.value;
  });
}

/** Other people who have this card open or are dragging it. */
export function usePeersOnMeasure(measureId: string): Peer[] {
  return usePeers(
    (p) => !p.self && (p.openMeasureId === measureId || p.draggingMeasureId === measureId),
  );
}

function noopSubscribe(): () => void {
  return () => {};
}
