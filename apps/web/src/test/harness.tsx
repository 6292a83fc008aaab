import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ROOT, SCHEMA_VERSION, seedTromsvekstavtalen } from '@tavla/domain';
import { render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { expect } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  AgreementContext,
  type AgreementContextValue,
  canEditAgreement,
} from '../agreements/agreementContext';
import type { Member, Role, User } from '../api/client';
import { SessionProvider, useNewerFormat } from '../sync/react';
import { AgreementSession } from '../sync/session';

export const KARI: User = {
  id: 'u-kari',
  email: 'koordinator@fylke.example',
  name: 'Kari Nordmann',
  organisation: { id: 'troms', name: 'Troms fylkeskommune', kind: 'county' },
};

export const MEMBERS: Member[] = [
  {
    userId: 'u-kari',
    name: 'Kari Nordmann',
    email: KARI.email,
    organisation: KARI.organisation,
    role: 'admin',
  },
  {
    userId: 'u-ola',
    name: 'Ola Hansen',
    email: 'radgiver@ipr.example',
    organisation: null,
    role: 'editor',
  },
];

/** A seeded Tromsvekstavtalen document in an offline session (no server, no IndexedDB). */
export function seededSession(doc = new Y.Doc(), awareness?: Awareness): AgreementSession {
  seedTromsvekstavtalen(doc, { agreementId: 'tromsvekstavtalen', demoMeasures: true });
  return new AgreementSession({
    agreementId: 'tromsvekstavtalen',
    user: KARI,
    connect: false,
    persist: false,
    doc,
    awareness,
  });
}

/**
 * What a newer Tavla sends once its server has migrated the document: `meta.schemaVersion`
 * above this build's, as an update from another client. Raw Yjs on purpose: no operation of
 * this build may write a newer version ([F1]).
 */
export function newerFormatUpdate(doc: Y.Doc): Uint8Array {
  const newer = new Y.Doc();
  Y.applyUpdate(newer, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(newer);
  newer.getMap(ROOT.meta).set('schemaVersion', SCHEMA_VERSION + 1);
  return Y.encodeStateAsUpdate(newer, before);
}

const MEETING_NAMES = [
  'Anne-Lise Kristiansen',
  'Bjørn Olav Pedersen',
  'Siri Johansen',
  'Tor Eirik Berg',
  'Marit Lund-Henriksen',
  'Håkon Isaksen',
  'Ragnhild Nilsen',
  'Even Mikkelsen',
  'Guro Karlsen',
  'Øystein Solberg',
  'Ingvild Andreassen',
  'Per Arne Jakobsen',
  'Hanne Strøm',
  'Jon Magnus Eliassen',
  'Lene Hansen Birkeland',
  'Mats Eriksen',
  'Åse Hågensen',
  'Knut Sverre Olsen',
  'Elisabeth Rasmussen',
];

export interface Meeting {
  session: AgreementSession;
  /** The others' names, in the order of `others`. */
  names: string[];
  /** Changes what other person `i` shares (as their web client would) and delivers it. */
  set(
    i: number,
    patch: {
      focusAreaId?: string | null;
      openMeasureId?: string | null;
      draggingMeasureId?: string | null;
      typingMeasureId?: string | null;
    },
  ): void;
}

/**
 * A joint meeting: Kari's offline session plus `others` people on board `fa-1`, whose
 * awareness states reach Kari's as they would over the socket (y-protocols' own encoding).
 */
export function meeting(others: number): Meeting {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const session = seededSession(doc, awareness);
  session.presence.set({ focusAreaId: 'fa-1' });
  const names = MEETING_NAMES.slice(0, others);
  const states = names.map((name, i) => ({
    awareness: new Awareness(new Y.Doc()),
    state: {
      user: { id: `u-${i}`, name, organisation: i % 2 ? 'Tromsøregionens IPR' : null },
      focusAreaId: 'fa-1' as string | null,
      openMeasureId: null as string | null,
      draggingMeasureId: null as string | null,
    },
  }));
  const deliver = (i: number) => {
    const a = states[i]!.awareness;
    a.setLocalState(states[i]!.state);
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(a, [a.clientID]), 'net');
  };
  for (let i = 0; i < states.length; i++) deliver(i);
  return {
    session,
    names,
    set(i, patch) {
      states[i]!.state = { ...states[i]!.state, ...patch };
      deliver(i);
    },
  };
}

export function renderInAgreement(
  ui: ReactNode,
  opts: { session?: AgreementSession; role?: Role } = {},
) {
  const session = opts.session ?? seededSession();
  const role = opts.role ?? 'admin';
  const qc = new QueryClient();
  const result = render(
    <QueryClientProvider client={qc}>
      <TestAgreementScope session={session} role={role}>
        {ui}
      </TestAgreementScope>
    </QueryClientProvider>,
  );
  return { ...result, session };
}

/** The agreement's context as AgreementScope gives it, live from the session (newer format). */
function TestAgreementScope({
  session,
  role,
  children,
}: {
  session: AgreementSession;
  role: Role;
  children: ReactNode;
}) {
  const newerFormat = useNewerFormat(session);
  const ctx: AgreementContextValue = {
    agreementId: 'tromsvekstavtalen',
    title: 'Tromsvekstavtalen',
    role,
    canEdit: canEditAgreement(role, newerFormat),
    newerFormat,
    me: KARI,
    members: MEMBERS,
  };
  return (
    <AgreementContext.Provider value={ctx}>
      <SessionProvider session={session}>{children}</SessionProvider>
    </AgreementContext.Provider>
  );
}

/**
 * The dialog with `testId`, once it is open. A lazily loaded dialog is committed outside of
 * act(), and Designsystemet opens it (showModal) in an effect after that: until then it is in
 * the DOM but closed, and role queries inside it find nothing.
 */
export async function findOpenDialog(testId: string, timeout = 10_000): Promise<HTMLElement> {
  const dialog = await screen.findByTestId(testId, {}, { timeout });
  await waitFor(() => expect(dialog.hasAttribute('open')).toBe(true), { timeout });
  return dialog;
}

/** The text a screen reader reads: without what is aria-hidden (avatars' initials, icons). */
export function spokenText(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}
