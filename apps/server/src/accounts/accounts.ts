import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AuditLog, type AuditEntry } from './audit.js';
import {
  AccountError,
  type AgreementSummary,
  type Member,
  type Organisation,
  type OrganisationKind,
  type Role,
  type User,
} from './types.js';

interface UserRow {
  id: string;
  email: string;
  name: string;
  organisation_id: string | null;
  password_hash: string | null;
  is_instance_admin: number;
  created_at: number;
  disabled_at: number | null;
  org_name: string | null;
  org_kind: OrganisationKind | null;
}

const USER_SELECT = `
  SELECT u.id, u.email, u.name, u.organisation_id, u.password_hash, u.is_instance_admin,
         u.created_at, u.disabled_at, o.name AS org_name, o.kind AS org_kind
  FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id`;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    organisation:
      row.organisation_id && row.org_name && row.org_kind
        ? { id: row.organisation_id, name: row.org_name, kind: row.org_kind }
        : null,
    isInstanceAdmin: row.is_instance_admin === 1,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

/**
 * Trimmed, lower-cased and in Unicode normal form C: e-mail addresses are unique regardless of
 * case, and "å" typed as one character or as "a" + a combining ring (as some keyboards and
 * copy-pasted text produce) is the same address (RFC 6530 §10.1 asks for NFC). Every lookup,
 * every stored address and the login rate limit's per-account key go through this.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase().normalize('NFC');
}

/** Agreement ids appear in URLs (/ws/:id): short, lowercase, dash-separated. */
export const AGREEMENT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export interface CreateUserInput {
  email: string;
  name: string;
  organisationId?: string | null;
  /** Already hashed (see auth/password.ts); null: the user cannot sign in yet. */
  passwordHash: string | null;
  isInstanceAdmin?: boolean;
  id?: string;
}

/**
 * Organisations, users, agreements and memberships in SQLite (prepared statements). No
 * password logic here: callers hash first. Membership changes go through `onMembershipChange`
 * so the auth module can tell the sync layer (issue 5: a removal takes effect at once).
 */
export class Accounts {
  readonly #db: Database;
  readonly #now: () => number;
  readonly #onMembershipChange: (userId: string, agreementId: string, role: Role | null) => void;
  readonly #s;
  /** Append-only record of administrative and security events. */
  readonly auditLog: AuditLog;

  constructor(
    db: Database,
    options: {
      now?: () => number;
      onMembershipChange?: (userId: string, agreementId: string, role: Role | null) => void;
    } = {},
  ) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
    this.#onMembershipChange = options.onMembershipChange ?? (() => {});
    this.auditLog = new AuditLog(db, this.#now);
    this.#s = {
      orgById: db.prepare<[string], Organisation>(
        'SELECT id, name, kind FROM organisations WHERE id = ?',
      ),
      orgByName: db.prepare<[string], Organisation>(
        'SELECT id, name, kind FROM organisations WHERE name = ?',
      ),
      insertOrg: db.prepare(
        'INSERT INTO organisations (id, name, kind, parent_id, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      listOrgs: db.prepare<[], Organisation>(
        'SELECT id, name, kind FROM organisations ORDER BY kind, name',
      ),
      userById: db.prepare<[string], UserRow>(`${USER_SELECT} WHERE u.id = ?`),
      userByEmail: db.prepare<[string], UserRow>(`${USER_SELECT} WHERE u.email = ?`),
      insertUser: db.prepare(
        `INSERT INTO users (id, email, name, organisation_id, password_hash, is_instance_admin,
           created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      setPassword: db.prepare(
        'UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?',
      ),
      setDisabled: db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?'),
      agreementById: db.prepare<[string], { id: string; title: string; created_at: number }>(
        'SELECT id, title, created_at FROM agreements WHERE id = ?',
      ),
      insertAgreement: db.prepare(
        'INSERT INTO agreements (id, title, created_at) VALUES (?, ?, ?)',
      ),
      listAgreements: db.prepare<[], { id: string; title: string }>(
        'SELECT id, title FROM agreements ORDER BY title, id',
      ),
      role: db.prepare<[string, string], { role: Role }>(
        `SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.user_id = ? AND m.agreement_id = ? AND u.disabled_at IS NULL`,
      ),
      agreementsOf: db.prepare<[string], AgreementSummary>(
        `SELECT a.id, a.title, m.role FROM memberships m JOIN agreements a ON a.id = m.agreement_id
         WHERE m.user_id = ? ORDER BY a.title, a.id`,
      ),
      adminCount: db.prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.agreement_id = ? AND m.role = 'admin' AND u.disabled_at IS NULL`,
      ),
      membershipsOf: db.prepare<[string], { agreement_id: string }>(
        'SELECT agreement_id FROM memberships WHERE user_id = ?',
      ),
      members: db.prepare<
        [string],
        UserRow & { role: Role }
      >(`SELECT u.id, u.email, u.name, u.organisation_id, u.password_hash, u.is_instance_admin,
           u.created_at, u.disabled_at, o.name AS org_name, o.kind AS org_kind, m.role
         FROM memberships m JOIN users u ON u.id = m.user_id
         LEFT JOIN organisations o ON o.id = u.organisation_id
         WHERE m.agreement_id = ? AND u.disabled_at IS NULL ORDER BY u.name, u.email`),
      upsertMembership: db.prepare(
        `INSERT INTO memberships (agreement_id, user_id, role, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (agreement_id, user_id) DO UPDATE SET role = excluded.role,
           updated_at = excluded.updated_at`,
      ),
      deleteMembership: db.prepare(
        'DELETE FROM memberships WHERE agreement_id = ? AND user_id = ?',
      ),
    };
  }

  // --- organisations ---------------------------------------------------------------------

  createOrganisation(input: {
    name: string;
    kind: OrganisationKind;
    id?: string;
    parentId?: string | null;
  }): Organisation {
    const id = input.id ?? randomUUID();
    try {
      this.#s.insertOrg.run(id, input.name, input.kind, input.parentId ?? null, this.#now());
    } catch (err) {
      throw uniqueViolation(err, `organisation "${input.name}" already exists`);
    }
    return { id, name: input.name, kind: input.kind };
  }

  organisationByName(name: string): Organisation | null {
    return this.#s.orgByName.get(name) ?? null;
  }

  organisation(id: string): Organisation | null {
    return this.#s.orgById.get(id) ?? null;
  }

  listOrganisations(): Organisation[] {
    return this.#s.listOrgs.all();
  }

  // --- users -----------------------------------------------------------------------------

  createUser(input: CreateUserInput): User {
    const id = input.id ?? randomUUID();
    const email = normaliseEmail(input.email);
    const name = input.name.trim();
    if (!email.includes('@')) throw new AccountError('invalid', 'invalid e-mail address');
    if (!name) throw new AccountError('invalid', 'name is required');
    if (input.organisationId && !this.organisation(input.organisationId)) {
      throw new AccountError('not_found', 'unknown organisation');
    }
    const now = this.#now();
    try {
      this.#s.insertUser.run(
        id,
        email,
        name,
        input.organisationId ?? null,
        input.passwordHash,
        input.isInstanceAdmin ? 1 : 0,
        now,
        input.passwordHash ? now : null,
      );
    } catch (err) {
      throw uniqueViolation(err, 'a user with this e-mail address already exists');
    }
    return this.user(id)!;
  }

  user(id: string): User | null {
    const row = this.#s.userById.get(id);
    return row ? toUser(row) : null;
  }

  userByEmail(email: string): User | null {
    const row = this.#s.userByEmail.get(normaliseEmail(email));
    return row ? toUser(row) : null;
  }

  /** For the login check only. */
  credentialsByEmail(email: string): { user: User; passwordHash: string | null } | null {
    const row = this.#s.userByEmail.get(normaliseEmail(email));
    return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
  }

  passwordHashOf(userId: string): string | null {
    return this.#s.userById.get(userId)?.password_hash ?? null;
  }

  setPasswordHash(userId: string, passwordHash: string): void {
    this.#s.setPassword.run(passwordHash, this.#now(), userId);
  }

  /** Disables (or re-enables) an account; a disabled user has no role anywhere. */
  setDisabled(userId: string, disabled: boolean, actorUserId: string | null = null): void {
    const agreements = this.#s.membershipsOf.all(userId).map((r) => r.agreement_id);
    this.#s.setDisabled.run(disabled ? this.#now() : null, userId);
    this.audit({
      actorUserId,
      subjectUserId: userId,
      kind: disabled ? 'user.disabled' : 'user.enabled',
    });
    for (const agreementId of agreements) {
      this.#onMembershipChange(
        userId,
        agreementId,
        disabled ? null : this.roleFor(userId, agreementId),
      );
    }
  }

  /** Appends an administrative/security event (see AuditLog). */
  audit(event: AuditEntry): void {
    this.auditLog.append(event);
  }

  // --- agreements and memberships --------------------------------------------------------

  createAgreement(input: { id: string; title: string }): { id: string; title: string } {
    if (!AGREEMENT_ID_PATTERN.test(input.id)) {
      throw new AccountError('invalid', 'agreement id: lowercase letters, digits and dashes');
    }
    const title = input.title.trim();
    if (!title) throw new AccountError('invalid', 'title is required');
    try {
      this.#s.insertAgreement.run(input.id, title, this.#now());
    } catch (err) {
      throw uniqueViolation(err, `agreement "${input.id}" already exists`);
    }
    return { id: input.id, title };
  }

  agreement(id: string): { id: string; title: string; createdAt: number } | null {
    const row = this.#s.agreementById.get(id);
    return row ? { id: row.id, title: row.title, createdAt: row.created_at } : null;
  }

  /** All agreements (for instance administrators and the storage side's seeding). */
  listAllAgreements(): { id: string; title: string }[] {
    return this.#s.listAgreements.all();
  }

  /** The user's role in the agreement; null for non-members, unknown ids and disabled users. */
  roleFor(userId: string, agreementId: string): Role | null {
    return this.#s.role.get(userId, agreementId)?.role ?? null;
  }

  /** Active admins of the agreement (the last one may not be demoted or removed). */
  adminCount(agreementId: string): number {
    return this.#s.adminCount.get(agreementId)?.n ?? 0;
  }

  agreementsOf(userId: string): AgreementSummary[] {
    const user = this.#s.userById.get(userId);
    if (!user || user.disabled_at !== null) return [];
    return this.#s.agreementsOf.all(userId);
  }

  members(agreementId: string): Member[] {
    return this.#s.members.all(agreementId).map((row) => {
      const user = toUser(row);
      return {
        userId: user.id,
        name: user.name,
        email: user.email,
        organisation: user.organisation,
        role: row.role,
      };
    });
  }

  /** Adds a member or changes their role. Records who did it. */
  addMembership(input: {
    agreementId: string;
    userId: string;
    role: Role;
    actorUserId?: string | null;
  }): void {
    if (!this.agreement(input.agreementId))
      throw new AccountError('not_found', 'unknown agreement');
    if (!this.user(input.userId)) throw new AccountError('not_found', 'unknown user');
    const before = this.roleFor(input.userId, input.agreementId);
    if (before === input.role) return;
    const now = this.#now();
    this.#db.transaction(() => {
      this.#s.upsertMembership.run(input.agreementId, input.userId, input.role, now, now);
      this.audit({
        actorUserId: input.actorUserId ?? null,
        agreementId: input.agreementId,
        subjectUserId: input.userId,
        kind: before ? 'membership.role_changed' : 'membership.added',
        detail: { from: before, to: input.role },
      });
    })();
    this.#onMembershipChange(input.userId, input.agreementId, input.role);
  }

  removeMembership(input: {
    agreementId: string;
    userId: string;
    actorUserId?: string | null;
  }): boolean {
    const removed = this.#db.transaction(() => {
      const { changes } = this.#s.deleteMembership.run(input.agreementId, input.userId);
      if (changes > 0) {
        this.audit({
          actorUserId: input.actorUserId ?? null,
          agreementId: input.agreementId,
          subjectUserId: input.userId,
          kind: 'membership.removed',
        });
      }
      return changes > 0;
    })();
    if (removed) this.#onMembershipChange(input.userId, input.agreementId, null);
    return removed;
  }
}

function uniqueViolation(err: unknown, message: string): unknown {
  if (
    err instanceof Error &&
    'code' in err &&
    (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  ) {
    return new AccountError('conflict', message);
  }
  return err;
}
