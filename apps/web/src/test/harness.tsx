import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { seedTromsvekstavtalen } from '@tavla/domain';
import { render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { AgreementContext, type AgreementContextValue } from '../agreements/agreementContext';
import type { Member, Role, User } from '../api/client';
import { SessionProvider } from '../sync/react';
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
export function seededSession(doc = new Y.Doc()): AgreementSession {
  seedTromsvekstavtalen(doc, { agreementId: 'tromsvekstavtalen', demoMeasures: true });
  return new AgreementSession({
    agreementId: 'tromsvekstavtalen',
    user: KARI,
    connect: false,
    persist: false,
    doc,
  });
}

export function renderInAgreement(
  ui: ReactNode,
  opts: { session?: AgreementSession; role?: Role } = {},
) {
  const session = opts.session ?? seededSession();
  const role = opts.role ?? 'admin';
  const ctx: AgreementContextValue = {
    agreementId: 'tromsvekstavtalen',
    title: 'Tromsvekstavtalen',
    role,
    canEdit: role !== 'viewer',
    me: KARI,
    members: MEMBERS,
  };
  const qc = new QueryClient();
  const result = render(
    <QueryClientProvider client={qc}>
      <AgreementContext.Provider value={ctx}>
        <SessionProvider session={session}>{ui}</SessionProvider>
      </AgreementContext.Provider>
    </QueryClientProvider>,
  );
  return { ...result, session };
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
