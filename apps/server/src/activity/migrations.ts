import type { Migration } from '../db/database.js';

/**
 * The activity log of document changes ([AL1]-[AL5]): append-only, enforced by the database as
 * for `audit_events` (issue 5: "nothing in the log can be edited through the app").
 */
export const activityMigrations: Migration[] = [
  {
    id: 'activity-001-events',
    up(db) {
      db.exec(`
        CREATE TABLE activity_events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          agreement_id TEXT NOT NULL,
          at INTEGER NOT NULL,
          -- Who sent the change (the connection's user) and their name at the time.
          actor_id TEXT,
          actor_name TEXT,
          kind TEXT NOT NULL,
          measure_id TEXT,
          milestone_id TEXT,
          summary TEXT NOT NULL
        );
        CREATE INDEX activity_events_agreement ON activity_events (agreement_id, at, id);
        CREATE INDEX activity_events_measure ON activity_events (agreement_id, measure_id, at, id);
        CREATE TRIGGER activity_events_no_update BEFORE UPDATE ON activity_events
          BEGIN SELECT RAISE(ABORT, 'activity_events is append-only'); END;
        CREATE TRIGGER activity_events_no_delete BEFORE DELETE ON activity_events
          BEGIN SELECT RAISE(ABORT, 'activity_events is append-only'); END;
      `);
    },
  },
];
