import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { hashSecret, randomSecret } from '../auth/secrets.js';
import { normaliseEmail } from './accounts.js';
import type { InvitationView } from '@tavla/domain';
import type { Role } from './types.js';

/** A pending invitation as the API shows it to an agreement's admins. */
export type Invitation = InvitationView;

interface InvitationRow {
  id: string;
  agreement_id: string;
  email: string;
  role: Role;
  organisation_id: string | null;
  invited_by: string | null;
  created_at: number;
  expires_at: number;
}

const COLUMNS =
  'id, agreement_id, email, role, organisation_id, invited_by, created_at, expires_at';

const toInvitation = (row: InvitationRow): Invitation => ({
  id: row.id,
  agreementId: row.agreement_id,
  email: row.email,
  role: row.role,
  organisationId: row.organisation_id,
  invitedBy: row.invited_by,
  createdAt: new Date(row.created_at).toISOString(),
  expiresAt: new Date(row.expires_at).toISOString(),
});

/**
 * One-time, expiring invitations to an agreement (issue 5). The link carries a 256-bit secret;
 * the table keeps its SHA-256. An invitation is pending until accepted, revoked or expired;
 * `consume` marks it accepted atomically, so a link works once even under concurrent clicks.
 */
export class Invitations {
  readonly #s;

  constructor(
    db: Database,
    private readonly times: { ttlMs: number; now: () => number },
  ) {
    const pending = 'accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?';
    this.#s = {
      insert: db.prepare(
        `INSERT INTO invitations (id, agreement_id, email, role, organisation_id, token_hash,
           invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      revokePendingFor: db.prepare(
        `UPDATE invitations SET revoked_at = ? WHERE agreement_id = ? AND email = ? AND ${pending}`,
      ),
      byHash: db.prepare<[string, number], InvitationRow>(
        `SELECT ${COLUMNS} FROM invitations WHERE token_hash = ? AND ${pending}`,
      ),
      consume: db.prepare<[number, string, number], InvitationRow>(
        `UPDATE invitations SET accepted_at = ? WHERE token_hash = ? AND ${pending}
         RETURNING ${COLUMNS}`,
      ),
      setAcceptedBy: db.prepare('UPDATE invitations SET accepted_by = ? WHERE id = ?'),
      list: db.prepare<[string, number], InvitationRow>(
        `SELECT ${COLUMNS} FROM invitations WHERE agreement_id = ? AND ${pending}
         ORDER BY created_at, id`,
      ),
      revoke: db.prepare(
        `UPDATE invitations SET revoked_at = ? WHERE id = ? AND agreement_id = ? AND ${pending}`,
      ),
    };
  }

  /** Creates an invitation (replacing a pending one for the same address); returns the secret once. */
  create(input: {
    agreementId: string;
    email: string;
    role: Role;
    organisationId?: string | null;
    invitedBy: string | null;
  }): Invitation & { secret: string } {
    const now = this.times.now();
    const email = normaliseEmail(input.email);
    const id = randomUUID();
    const secret = randomSecret();
    this.#s.revokePendingFor.run(now, input.agreementId, email, now);
    this.#s.insert.run(
      id,
      input.agreementId,
      email,
      input.role,
      input.organisationId ?? null,
      hashSecret(secret),
      input.invitedBy,
      now,
      now + this.times.ttlMs,
    );
    return {
      id,
      agreementId: input.agreementId,
      email,
      role: input.role,
      organisationId: input.organisationId ?? null,
      invitedBy: input.invitedBy,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.times.ttlMs).toISOString(),
      secret,
    };
  }

  /** The pending invitation for a link secret, or null (unknown, used, revoked or expired). */
  find(secret: string): Invitation | null {
    if (!/^[\w-]{43}$/.test(secret)) return null;
    const row = this.#s.byHash.get(hashSecret(secret), this.times.now());
    return row ? toInvitation(row) : null;
  }

  /** Marks the invitation used; null when someone else used it first (or it ended). */
  consume(secret: string): Invitation | null {
    if (!/^[\w-]{43}$/.test(secret)) return null;
    const now = this.times.now();
    const row = this.#s.consume.get(now, hashSecret(secret), now);
    return row ? toInvitation(row) : null;
  }

  setAcceptedBy(id: string, userId: string): void {
    this.#s.setAcceptedBy.run(userId, id);
  }

  listPending(agreementId: string): Invitation[] {
    return this.#s.list.all(agreementId, this.times.now()).map(toInvitation);
  }

  revoke(agreementId: string, id: string): boolean {
    const now = this.times.now();
    return this.#s.revoke.run(now, id, agreementId, now).changes > 0;
  }
}
