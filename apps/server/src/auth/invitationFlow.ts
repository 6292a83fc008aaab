import type { Invitation } from '../accounts/invitations.js';
import { AccountError, type User } from '../accounts/types.js';
import type { AuthService, Principal } from './service.js';

export type AcceptResult =
  | { ok: true; user: User; session: { secret: string; id: string; expiresAt: number } | null }
  | { ok: false; reason: 'not_found' | 'sign_in_required' | 'wrong_user' | 'details_required' };

/**
 * Accepts an invitation (issue 5). A person without an account chooses a name and password and
 * is signed in; a person with an account must be signed in as the invited address. The link is
 * consumed in the same transaction that creates the account and membership, so it works once.
 */
export async function acceptInvitation(
  service: AuthService,
  input: {
    secret: string;
    principal: Principal | null;
    name?: string;
    password?: string;
    userAgent?: string;
  },
): Promise<AcceptResult> {
  const { accounts, invitations } = service;
  /** In the transaction that consumed the invitation: the user joins, and it is marked accepted. */
  const join = (used: Invitation, userId: string) => {
    // An existing member keeps their role: role changes go through the members API.
    if (!accounts.roleFor(userId, used.agreementId)) {
      accounts.addMembership({
        agreementId: used.agreementId,
        userId,
        role: used.role,
        actorUserId: used.invitedBy,
      });
    }
    invitations.setAcceptedBy(used.id, userId);
    accounts.audit({
      kind: 'invitation.accepted',
      actorUserId: userId,
      agreementId: used.agreementId,
      detail: { invitationId: used.id },
    });
  };
  const invitation = invitations.find(input.secret);
  if (!invitation) return { ok: false, reason: 'not_found' };
  const existing = accounts.userByEmail(invitation.email);

  if (existing) {
    if (existing.disabledAt !== null) return { ok: false, reason: 'not_found' };
    if (!input.principal) return { ok: false, reason: 'sign_in_required' };
    if (input.principal.userId !== existing.id) return { ok: false, reason: 'wrong_user' };
    const accepted = service.db.transaction(() => {
      const used = invitations.consume(input.secret);
      if (!used) return false;
      join(used, existing.id);
      return true;
    })();
    return accepted
      ? { ok: true, user: existing, session: null }
      : { ok: false, reason: 'not_found' };
  }

  if (!input.name?.trim() || !input.password) return { ok: false, reason: 'details_required' };
  // Hash before the transaction: scrypt is async and must not hold the write lock.
  const passwordHash = await service.hashPassword(input.password);
  const name = input.name;
  let user: User | null;
  try {
    user = service.db.transaction(() => {
      const used = invitations.consume(input.secret);
      if (!used) return null;
      const created = accounts.createUser({
        email: used.email,
        name,
        organisationId: used.organisationId,
        passwordHash,
      });
      join(used, created.id);
      return created;
    })();
  } catch (err) {
    // The address got an account meanwhile: the transaction rolled back, the link still works.
    if (err instanceof AccountError && err.code === 'conflict') {
      return { ok: false, reason: 'sign_in_required' };
    }
    throw err;
  }
  if (!user) return { ok: false, reason: 'not_found' };
  return { ok: true, user, session: service.sessions.create(user.id, input.userAgent) };
}
