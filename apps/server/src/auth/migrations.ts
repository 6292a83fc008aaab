import type { Database } from 'better-sqlite3';
import { normaliseEmail } from '../accounts/accounts.js';

export interface Migration {
  id: string;
  up(db: Database): void;
}

/**
 * Schema of accounts and access. Times are integer milliseconds since the epoch (UTC), so that
 * expiry checks are plain comparisons. Ids are prefixed `auth-` so they never collide with the
 * storage side's ids in the shared `schema_migrations` table.
 */
export const authMigrations: Migration[] = [
  {
    id: 'auth-0001-accounts',
    up(db) {
      db.exec(`
        CREATE TABLE organisations (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL CHECK (kind IN ('county', 'ipr', 'municipality')),
          -- a municipality's regional council (the IPR); issue 5 lists the IPR's members
          parent_id TEXT REFERENCES organisations(id),
          created_at INTEGER NOT NULL
        );
        CREATE TABLE users (
          id TEXT PRIMARY KEY,
          email TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
          name TEXT NOT NULL,
          organisation_id TEXT REFERENCES organisations(id),
          -- NULL: no password yet (e.g. invited, issue 5); such a user cannot sign in
          password_hash TEXT,
          is_instance_admin INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL,
          password_changed_at INTEGER,
          disabled_at INTEGER
        );
        CREATE TABLE sessions (
          -- SHA-256 of the cookie value: a copy of the database does not sign anyone in
          id TEXT PRIMARY KEY,
          user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL,
          last_seen_at INTEGER NOT NULL,
          revoked_at INTEGER,
          user_agent TEXT
        );
        CREATE INDEX sessions_user ON sessions(user_id);
        CREATE TABLE api_tokens (
          id TEXT PRIMARY KEY,
          user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          name TEXT NOT NULL,
          token_hash TEXT NOT NULL UNIQUE,
          created_at INTEGER NOT NULL,
          last_used_at INTEGER,
          revoked_at INTEGER
        );
        CREATE INDEX api_tokens_user ON api_tokens(user_id);
        CREATE TABLE agreements (
          id TEXT PRIMARY KEY,
          title TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE TABLE memberships (
          agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
          user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          PRIMARY KEY (agreement_id, user_id)
        );
        CREATE INDEX memberships_user ON memberships(user_id);
      `);
    },
  },
  {
    // Issue 5 (invitations, traceable administration). Tables now so that the shape is settled.
    id: 'auth-0002-invitations-and-audit',
    up(db) {
      db.exec(`
        CREATE TABLE invitations (
          id TEXT PRIMARY KEY,
          agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
          email TEXT NOT NULL CHECK (email = lower(email)),
          role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
          -- SHA-256 of the one-time link secret
          token_hash TEXT NOT NULL UNIQUE,
          invited_by TEXT REFERENCES users(id) ON DELETE SET NULL,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL,
          accepted_at INTEGER,
          accepted_by TEXT REFERENCES users(id) ON DELETE SET NULL,
          revoked_at INTEGER
        );
        CREATE INDEX invitations_agreement ON invitations(agreement_id);
        -- Append-only record of administrative and security events (who did what, when).
        -- Nothing in the app updates or deletes rows here.
        CREATE TABLE audit_events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at INTEGER NOT NULL,
          actor_user_id TEXT,
          agreement_id TEXT,
          subject_user_id TEXT,
          kind TEXT NOT NULL,
          detail TEXT
        );
        CREATE INDEX audit_events_agreement ON audit_events(agreement_id, at);
      `);
    },
  },
  {
    // The organisation a new person joins when accepting (chosen by the inviting admin).
    id: 'auth-0003-invitation-organisation',
    up(db) {
      db.exec(
        'ALTER TABLE invitations ADD COLUMN organisation_id TEXT REFERENCES organisations(id)',
      );
    },
  },
  {
    // Issue 5: "nothing in the log can be edited through the app" — enforced by the database.
    id: 'auth-0004-audit-append-only',
    up(db) {
      db.exec(`
        CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
          BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
        CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
          BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
      `);
    },
  },
  {
    // Addresses stored before normaliseEmail took Unicode normal form C: an address saved with a
    // combining character ("a" + U+030A for "å") would no longer be found by a login that now
    // normalises what is typed. SQLite cannot normalise Unicode, so this runs in JavaScript. An
    // address whose normal form another user (or another pending invitation to the same
    // invitation) already has is left as it was: two accounts are never merged silently, and
    // both stay reachable for an instance admin by name.
    id: 'auth-0005-email-unicode-nfc',
    up(db) {
      const rewrite = (
        rows: { id: string; email: string }[],
        taken: (email: string, id: string) => boolean,
        update: (email: string, id: string) => void,
      ) => {
        for (const row of rows) {
          const email = normaliseEmail(row.email);
          if (email !== row.email && !taken(email, row.id)) update(email, row.id);
        }
      };
      const userTaken = db.prepare<[string, string]>(
        'SELECT 1 FROM users WHERE email = ? AND id <> ?',
      );
      const setUserEmail = db.prepare<[string, string]>('UPDATE users SET email = ? WHERE id = ?');
      rewrite(
        db.prepare<[], { id: string; email: string }>('SELECT id, email FROM users').all(),
        (email, id) => userTaken.get(email, id) !== undefined,
        (email, id) => setUserEmail.run(email, id),
      );
      // Invitations have no unique address: a pending one is found by its link, and a new
      // invitation to the same address revokes the older one (accounts/invitations.ts).
      const setInvitationEmail = db.prepare<[string, string]>(
        'UPDATE invitations SET email = ? WHERE id = ?',
      );
      rewrite(
        db.prepare<[], { id: string; email: string }>('SELECT id, email FROM invitations').all(),
        () => false,
        (email, id) => setInvitationEmail.run(email, id),
      );
    },
  },
];

/**
 * Applies the auth migrations that are not yet recorded in `schema_migrations` (the table the
 * storage side uses too), each in its own transaction. Idempotent: safe to call on every start
 * and after `runMigrations(db, authMigrations)` of db/database.ts.
 */
export function migrateAuth(db: Database, migrations: Migration[] = authMigrations): void {
  // Same definition as db/database.ts `runMigrations`, whichever of the two runs first.
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)',
  );
  const applied = db.prepare<[string], { id: string }>(
    'SELECT id FROM schema_migrations WHERE id = ?',
  );
  const record = db.prepare<[string, number]>(
    'INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)',
  );
  for (const migration of migrations) {
    db.transaction(() => {
      if (applied.get(migration.id)) return;
      migration.up(db);
      record.run(migration.id, Date.now());
    }).immediate();
  }
}
