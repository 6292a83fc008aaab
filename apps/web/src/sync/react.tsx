import type { MeasureView } from '@tavla/domain';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { ConnectionState } from './connection';
import type { Structure } from './docStore';
import { sameValue } from './sameValue';
import { sendWaitingEdits } from './sendWaiting';
import {
  type AgreementSession,
  acquireSession,
  releaseSession,
  type SessionUser,
  subscribeSessions,
  type WaitingEdits,
  waitingEditsOf,
} from './session';
import { subscribeWaiting } from './waitingIndex';

/** Thin React layer over the framework-free session: hooks only subscribe. */

const SessionContext = createContext<AgreementSession | null>(null);

export function SessionProvider({
  session,
  children,
}: {
  session: AgreementSession;
  children: ReactNode;
}) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): AgreementSession {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export function useOptionalSession(): AgreementSession | null {
  return useContext(SessionContext);
}

/** Opens (or reuses) the session of an agreement for as long as the component is mounted. */
export function useAgreementSession(
  agreementId: string,
  user: SessionUser | null,
): AgreementSession | null {
  const [session, setSession] = useState<AgreementSession | null>(null);
  const userId = user?.id;
  const userName = user?.name ?? '';
  // Depend on plain strings: a refetched /api/me gives new objects for the same person, and
  // reopening the session for that would flash the whole board.
  const orgId = user?.organisation?.id ?? '';
  const orgName = user?.organisation?.name ?? '';
  const orgKind = user?.organisation?.kind ?? '';
  useEffect(() => {
    if (!userId) return;
    const organisation = orgId ? { id: orgId, name: orgName, kind: orgKind } : null;
    const s = acquireSession({ agreementId, user: { id: userId, name: userName, organisation } });
    setSession(s);
    return () => {
      releaseSession(s);
      setSession(null);
    };
  }, [agreementId, userId, userName, orgId, orgName, orgKind]);
  return session;
}

/**
 * Sends what waits in the offline copies of the signed-in person (sync/sendWaiting.ts) when the
 * app starts with them signed in, and each time they sign in (again): `user` becomes someone.
 * `signedOut` is called when the server says they are not signed in after all (4401).
 */
export function useSendWaitingEdits(user: SessionUser | null, signedOut: () => void): void {
  const userId = user?.id;
  const userName = user?.name ?? '';
  const orgId = user?.organisation?.id ?? '';
  const orgName = user?.organisation?.name ?? '';
  const orgKind = user?.organisation?.kind ?? '';
  const signedOutRef = useRef(signedOut);
  signedOutRef.current = signedOut;
  useEffect(() => {
    if (!userId) return;
    const organisation = orgId ? { id: orgId, name: orgName, kind: orgKind } : null;
    return sendWaitingEdits(
      { id: userId, name: userName, organisation },
      { signedOut: () => signedOutRef.current() },
    );
  }, [userId, userName, orgId, orgName, orgKind]);
}

const NO_WAITING: ReadonlyMap<string, WaitingEdits> = new Map();

function subscribeWaitingEdits(listener: () => void): () => void {
  const stops = [subscribeSessions(listener), subscribeWaiting(listener)];
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    for (const stop of stops) stop();
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

function sameWaiting(a: ReadonlyMap<string, WaitingEdits>, b: ReadonlyMap<string, WaitingEdits>) {
  if (a.size !== b.size) return false;
  for (const [id, w] of a) {
    const v = b.get(id);
    if (!v || v.count !== w.count || v.kept !== w.kept || v.offline !== w.offline) return false;
  }
  return true;
}

/**
 * Per agreement, the person's edits that wait in this browser (`waitingEditsOf`): follows the
 * sessions of this tab, the offline copies (also changed by other tabs) and the network.
 */
export function useWaitingEdits(userId: string | null): ReadonlyMap<string, WaitingEdits> {
  const [cache] = useState(() => ({ userId, value: NO_WAITING }));
  return useSyncExternalStore(subscribeWaitingEdits, () => {
    const next = userId ? waitingEditsOf(userId) : NO_WAITING;
    if (cache.userId !== userId || !sameWaiting(cache.value, next)) {
      cache.userId = userId;
      cache.value = next;
    }
    return cache.value;
  });
}

/**
 * While edits wait to be sent (offline), closing or reloading the tab asks first. They are kept
 * in this browser either way, but nobody else gets them until Tavla is opened here again (and
 * sends them, sendWaiting.ts).
 */
export function useWarnBeforeLeavingUnsent(session: AgreementSession | null): void {
  useEffect(() => {
    if (!session) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (session.connection.get().unsynced === 0) return;
      e.preventDefault();
      e.returnValue = ''; // older browsers need it set to ask
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [session]);
}

export function useConnection(session: AgreementSession): ConnectionState {
  return useSyncExternalStore(session.connection.subscribe, session.connection.get);
}

/**
 * Whether the server refused edits of ours because we may only read now (the connection's
 * `refused`, [A3]); re-renders only when that changes.
 */
export function useRefusedEdits(session: AgreementSession): boolean {
  return useSyncExternalStore(
    session.connection.subscribe,
    () => session.connection.get().refused === true,
  );
}

const NEVER = () => () => {};
const NOT_NEWER = () => false;

/**
 * Whether the open document is of a newer format than this build supports (the session's
 * `newerFormat`); false while there is no session yet.
 */
export function useNewerFormat(session: AgreementSession | null): boolean {
  return useSyncExternalStore(
    session?.newerFormat.subscribe ?? NEVER,
    session?.newerFormat.get ?? NOT_NEWER,
  );
}

export function useStructure(session: AgreementSession): Structure {
  const store = session.store;
  return useSyncExternalStore(store.subscribeStructure, store.structure);
}

/** One measure: re-renders only when a transaction touched this measure. */
export function useMeasure(session: AgreementSession, id: string): MeasureView | undefined {
  const store = session.store;
  return useSyncExternalStore(
    (l) => store.subscribeMeasure(id, l),
    () => store.measure(id),
  );
}

/**
 * Only `fields` of one measure, for a part of the page that shows just those (a section of the
 * detail panel): re-renders when a transaction touched this measure and one of the fields now
 * has another value, so another person typing in the title leaves the owners list alone.
 * Compared by value, as every read builds new arrays. Pass `fields` as a module constant.
 *
 * @example const m = useMeasureFields(session, id, ['owners'] as const) // m?.owners
 */
export function useMeasureFields<K extends keyof MeasureView>(
  session: AgreementSession,
  id: string,
  fields: readonly K[],
): Pick<MeasureView, K> | undefined {
  const store = session.store;
  const subscribe = useCallback((l: () => void) => store.subscribeMeasure(id, l), [store, id]);
  const [cache] = useState(() => ({
    read: false,
    source: undefined as MeasureView | undefined,
    fields,
    value: undefined as Pick<MeasureView, K> | undefined,
  }));
  return useSyncExternalStore(subscribe, () => {
    const m = store.measure(id);
    if (cache.read && cache.source === m && cache.fields === fields) return cache.value;
    cache.value = m && pickChanged(cache.value, m, fields);
    cache.read = true;
    cache.source = m;
    cache.fields = fields;
    return cache.value;
  });
}

/** `fields` of `m`, keeping `prev` (or each of its unchanged fields) where the value is the same. */
function pickChanged<K extends keyof MeasureView>(
  prev: Pick<MeasureView, K> | undefined,
  m: MeasureView,
  fields: readonly K[],
): Pick<MeasureView, K> {
  const out = {} as Pick<MeasureView, K>;
  let changed = false;
  for (const f of fields) {
    const same = prev !== undefined && f in prev && sameValue(prev[f], m[f]);
    out[f] = same ? prev[f] : m[f];
    changed ||= !same;
  }
  return prev && !changed ? prev : out;
}

/** All measures; re-renders on any measure change (overview counts, filters). */
export function useAllMeasures(session: AgreementSession): MeasureView[] {
  const store = session.store;
  return useSyncExternalStore(store.subscribeMeasures, store.allMeasures);
}

/**
 * A value derived from all measures that keeps its identity while `equal` says it is unchanged,
 * so the board does not re-render when only a card's text changed.
 */
export function useDerivedMeasures<T>(
  session: AgreementSession,
  derive: (all: MeasureView[]) => T,
  equal: (a: T, b: T) => boolean,
): T {
  const store = session.store;
  const [cache] = useState(() => ({ version: -1, deriveRef: derive, value: undefined as T }));
  return useSyncExternalStore(store.subscribeMeasures, () => {
    if (cache.version === store.measuresVersion && cache.deriveRef === derive) return cache.value;
    const next = derive(store.allMeasures());
    const keep = cache.version !== -1 && equal(cache.value, next);
    cache.version = store.measuresVersion;
    cache.deriveRef = derive;
    if (!keep) cache.value = next;
    return cache.value;
  });
}

export function useAwarenessStates(
  awareness: Awareness | null,
): Map<number, Record<string, unknown>> {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!awareness) return;
    const onChange = () => setTick((n) => n + 1);
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness]);
  return (awareness?.getStates() as Map<number, Record<string, unknown>> | undefined) ?? new Map();
}
