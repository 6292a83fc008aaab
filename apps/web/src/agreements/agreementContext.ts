import { createContext, useContext } from 'react';
import type { Member, Role, User } from '../api/client';

export interface AgreementContextValue {
  agreementId: string;
  title: string;
  role: Role;
  /**
   * False for viewers, and for everyone while the document is of a newer format than this
   * build (`newerFormat`): no edit affordances are rendered at all.
   */
  canEdit: boolean;
  /**
   * The document is of a newer format than this build supports ([F1]): Tavla was updated while
   * the page was open. Read-only until the page is reloaded (NewerFormatNotice says so).
   */
  newerFormat: boolean;
  me: User;
  members: Member[];
}

/**
 * Whether edit affordances are shown: never to viewers, and to nobody while the document is of
 * a newer format, where every operation of this build would be refused ([F1]).
 *
 * @example canEditAgreement('editor', false) // true
 */
export function canEditAgreement(role: Role, newerFormat: boolean): boolean {
  return role !== 'viewer' && !newerFormat;
}

export const AgreementContext = createContext<AgreementContextValue | null>(null);

export function useAgreementContext(): AgreementContextValue {
  const v = useContext(AgreementContext);
  if (!v) throw new Error('useAgreementContext outside an agreement');
  return v;
}

/** Display name for a user id: members first, then the id itself. */
export function memberName(members: Member[], userId: string): string {
  return members.find((m) => m.userId === userId)?.name ?? userId;
}
