import { createContext, useContext } from 'react';
import type { Member, Role, User } from '../api/client';

export interface AgreementContextValue {
  agreementId: string;
  title: string;
  role: Role;
  /** False for viewers: no edit affordances are rendered at all. */
  canEdit: boolean;
  me: User;
  members: Member[];
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
