import { describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { initials, Presence, TYPING_IDLE_MS, uniquePeople } from './presence';

function pair() {
  const a = new Awareness(new Y.Doc());
  const b = new Awareness(new Y.Doc());
  const sync = () => {
    applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [a.clientID]), 'net');
    applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [b.clientID]), 'net');
  };
  return { a, b, sync };
}

describe('Presence', () => {
  it('shows who is here, on which board and with which card open', () => {
    localStorage.clear();
    const { a, b, sync } = pair();
    const kari = new Presence(a, { id: 'u-kari', name: 'Kari Nordmann' });
    const ola = new Presence(b, { id: 'u-ola', name: 'Ola Hansen' });
    kari.set({ focusAreaId: 'fa-1', openMeasureId: 'm-1-1' });
    ola.set({ focusAreaId: 'fa-1', draggingMeasureId: 'm-1-2' });
    sync();
    const seenByOla = ola.peers.get();
    expect(seenByOla.map((p) => [p.name, p.self])).toEqual([
      ['Kari Nordmann', false],
      ['Ola Hansen', true],
    ]);
    expect(seenByOla[0]).toMatchObject({ focusAreaId: 'fa-1', openMeasureId: 'm-1-1' });
    expect(kari.peers.get().find((p) => !p.self)).toMatchObject({ draggingMeasureId: 'm-1-2' });
    expect(ola.nameOf(a.clientID)).toBe('Kari Nordmann');
  });

  it('shows typing from the first keystroke until a pause, telling others only twice', () => {
    vi.useFakeTimers();
    try {
      localStorage.clear();
      const { a, b, sync } = pair();
      const kari = new Presence(a, { id: 'u-kari', name: 'Kari Nordmann' });
      const ola = new Presence(b, { id: 'u-ola', name: 'Ola Hansen' });
      const sent: unknown[] = [];
      a.on('change', (_: unknown, origin: unknown) => {
        if (origin === 'local') sent.push(a.getLocalState()?.typingMeasureId);
      });
      for (let i = 0; i < 10; i++) {
        kari.typing('m-1-1');
        vi.advanceTimersByTime(TYPING_IDLE_MS / 2);
      }
      sync();
      expect(ola.typistOf('m-1-1')).toBe('Kari Nordmann');
      expect(kari.typistOf('m-1-1')).toBeNull(); // not oneself
      vi.advanceTimersByTime(TYPING_IDLE_MS);
      sync();
      expect(ola.typistOf('m-1-1')).toBeNull();
      expect(sent).toEqual(['m-1-1', null]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('disappears for others when hidden, and remembers the choice', () => {
    localStorage.clear();
    const { a, b, sync } = pair();
    const kari = new Presence(a, { id: 'u-kari', name: 'Kari Nordmann' });
    const ola = new Presence(b, { id: 'u-ola', name: 'Ola Hansen' });
    sync();
    expect(ola.peers.get()).toHaveLength(2);
    kari.setHidden(true);
    sync();
    expect(ola.peers.get().map((p) => p.name)).toEqual(['Ola Hansen']);
    expect(a.getLocalState()).toBeNull();
    expect(
      new Presence(new Awareness(new Y.Doc()), { id: 'u-kari', name: 'Kari' }).hidden.get(),
    ).toBe(true);
    localStorage.clear();
  });

  it('lists a person with several tabs once, self first, with initials', () => {
    const base = {
      organisation: null,
      focusAreaId: null,
      openMeasureId: null,
      draggingMeasureId: null,
      typingMeasureId: null,
    };
    const people = uniquePeople([
      { ...base, clientId: 1, userId: 'u-ola', name: 'Ola Hansen', self: false },
      { ...base, clientId: 2, userId: 'u-kari', name: 'Kari Nordmann', self: true },
      { ...base, clientId: 3, userId: 'u-ola', name: 'Ola Hansen', self: false },
    ]);
    expect(people.map((p) => p.userId)).toEqual(['u-kari', 'u-ola']);
    expect(initials('Kari Nordmann')).toBe('KN');
    expect(initials('Ingrid')).toBe('I');
  });
});
