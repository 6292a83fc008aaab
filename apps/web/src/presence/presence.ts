import type { Awareness } from 'y-protocols/awareness';
import { Observable } from '../sync/connection';

/** What this client shares about itself (never stored: awareness is memory-only on every side). */
export interface LocalPresence {
  focusAreaId?: string | null;
  openMeasureId?: string | null;
  draggingMeasureId?: string | null;
  /** The measure whose title or description this person is typing in (see Presence.typing). */
  typingMeasureId?: string | null;
}

/** How long after their last keystroke a person still shows as typing ("Kari skriver"). */
export const TYPING_IDLE_MS = 3000;

export interface Peer {
  clientId: number;
  userId: string;
  name: string;
  organisation: string | null;
  focusAreaId: string | null;
  openMeasureId: string | null;
  draggingMeasureId: string | null;
  typingMeasureId: string | null;
  self: boolean;
}

const HIDE_KEY = 'tavla.presence.hidden';

function readHidden(): boolean {
  try {
    return globalThis.localStorage?.getItem(HIDE_KEY) === '1';
  } catch {
    return false;
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** Reads one awareness state; the server overwrites `user` with the session's identity. */
export function peerFromState(
  clientId: number,
  state: Record<string, unknown>,
  self: number,
): Peer | null {
  const user = state.user as { id?: unknown; name?: unknown; organisation?: unknown } | undefined;
  if (!user || typeof user.id !== 'string') return null;
  const org = user.organisation as { name?: unknown } | string | null | undefined;
  return {
    clientId,
    userId: user.id,
    name: typeof user.name === 'string' ? user.name : '?',
    organisation: typeof org === 'string' ? org : str(org?.name),
    focusAreaId: str(state.focusAreaId),
    openMeasureId: str(state.openMeasureId),
    draggingMeasureId: str(state.draggingMeasureId),
    typingMeasureId: str(state.typingMeasureId),
    self: clientId === self,
  };
}

/**
 * Presence over Yjs awareness: who is here, on which board, with which card open or in hand.
 * Hiding sets the local state to null, which tells every peer we left.
 */
export class Presence {
  readonly peers = new Observable<Peer[]>([]);
  readonly hidden = new Observable<boolean>(readHidden());
  private local: LocalPresence = {};
  private readonly onChange = () => this.refresh();
  /**
   * Not on any page of the agreement: the session only sends edits that waited in the offline
   * copy (sync/sendWaiting.ts). The others must not see this person "here" meanwhile.
   */
  private absent: boolean;

  constructor(
    readonly awareness: Awareness | null,
    private readonly user: { id: string; name: string; organisation?: unknown },
    { absent = false }: { absent?: boolean } = {},
  ) {
    this.absent = absent;
    if (!awareness) return;
    awareness.on('change', this.onChange);
    this.publish();
    this.refresh();
  }

  set(patch: LocalPresence): void {
    this.local = { ...this.local, ...patch };
    this.publish();
  }

  private typingTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * This person typed in measure `measureId`: the others see "Kari skriver" until TYPING_IDLE_MS
   * pass without a keystroke. Awareness changes only when typing starts and stops, not per key.
   */
  typing(measureId: string): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => {
      this.typingTimer = null;
      this.set({ typingMeasureId: null });
    }, TYPING_IDLE_MS);
    if (this.local.typingMeasureId !== measureId) this.set({ typingMeasureId: measureId });
  }

  /**
   * The one other person typing in `measureId` now, if exactly one is: who made a change that
   * names no writer (a deletion adds nothing to the document that says who made it).
   */
  typistOf(measureId: string): string | null {
    const typists = this.peers.get().filter((p) => !p.self && p.typingMeasureId === measureId);
    const people = new Set(typists.map((p) => p.userId));
    return people.size === 1 ? typists[0]!.name : null;
  }

  /** A page of the agreement took the session: shown to the others from now on. */
  arrive(): void {
    if (!this.absent) return;
    this.absent = false;
    this.publish();
  }

  setHidden(hidden: boolean): void {
    try {
      globalThis.localStorage?.setItem(HIDE_KEY, hidden ? '1' : '0');
    } catch {
      // the choice then lasts for this page only
    }
    this.hidden.set(hidden);
    this.publish();
  }

  /** The person behind a Yjs client id, if they are (or were just) present. */
  nameOf(clientId: number): string | null {
    const st = this.awareness?.getStates().get(clientId) as Record<string, unknown> | undefined;
    const p = st ? peerFromState(clientId, st, -1) : null;
    return p?.name ?? this.recent.get(clientId) ?? null;
  }

  /** Names of peers that recently left, so "Kari flyttet ..." still works just after they go. */
  private recent = new Map<number, string>();

  private publish(): void {
    const a = this.awareness;
    if (!a) return;
    if (this.hidden.get() || this.absent) {
      a.setLocalState(null);
      return;
    }
    a.setLocalState({
      // The server overwrites `user` from the session; we fill it in so our own entry reads well.
      user: {
        id: this.user.id,
        name: this.user.name,
        organisation: this.user.organisation ?? null,
      },
      focusAreaId: this.local.focusAreaId ?? null,
      openMeasureId: this.local.openMeasureId ?? null,
      draggingMeasureId: this.local.draggingMeasureId ?? null,
      typingMeasureId: this.local.typingMeasureId ?? null,
    });
  }

  private refresh(): void {
    const a = this.awareness;
    if (!a) return;
    const out: Peer[] = [];
    for (const [id, st] of a.getStates()) {
      const p = peerFromState(id, st as Record<string, unknown>, a.clientID);
      if (p) {
        out.push(p);
        this.recent.set(id, p.name);
      }
    }
    out.sort((x, y) => x.name.localeCompare(y.name, 'nb') || x.clientId - y.clientId);
    this.peers.set(out);
  }

  destroy(): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.awareness?.off('change', this.onChange);
  }
}

/** One entry per person (a person may have several tabs open), self first. */
export function uniquePeople(peers: Peer[]): Peer[] {
  const byUser = new Map<string, Peer>();
  for (const p of peers) {
    const prev = byUser.get(p.userId);
    if (!prev || (p.self && !prev.self)) byUser.set(p.userId, p);
  }
  return [...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self));
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = parts[0]![0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]![0] ?? '') : '';
  return (first + last).toUpperCase();
}

/**
 * The first people to show as avatars and how many more there are. When all but one fit, the
 * last one is shown too: "+1" would take the room of the avatar it stands for.
 */
export function capped<T>(items: T[], max: number): { shown: T[]; more: number } {
  if (items.length <= max) return { shown: items, more: 0 };
  const shown = items.slice(0, Math.max(0, max - 1));
  return { shown, more: items.length - shown.length };
}
