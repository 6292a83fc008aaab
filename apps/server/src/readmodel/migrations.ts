import type { Migration } from '../db/database.js';

/**
 * Tables of the read model ([RM1]): a projection of each agreement document, rebuilt from the
 * documents whenever it is missing or stale, so it may be dropped and recreated at any time.
 * Not the source of truth for anything.
 */
export const readModelMigrations: Migration[] = [
  {
    id: 'readmodel-001-tables',
    up(db) {
      db.exec(`
        -- One row per projected document. dirty = 1 from the first unprojected change until the
        -- projection caught up: a crash in between makes the next start rebuild it ([RM3]).
        CREATE TABLE rm_docs (
          agreement_id TEXT PRIMARY KEY,
          projection_version INTEGER NOT NULL,
          title TEXT NOT NULL,
          dirty INTEGER NOT NULL DEFAULT 0,
          projected_at INTEGER NOT NULL
        );
        CREATE TABLE rm_columns (
          agreement_id TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, kind TEXT,
          position INTEGER NOT NULL,
          PRIMARY KEY (agreement_id, id)
        );
        CREATE TABLE rm_focus_areas (
          agreement_id TEXT NOT NULL, id TEXT NOT NULL, number TEXT NOT NULL, title TEXT NOT NULL,
          position INTEGER NOT NULL,
          PRIMARY KEY (agreement_id, id)
        );
        CREATE TABLE rm_objectives (
          agreement_id TEXT NOT NULL, id TEXT NOT NULL, focus_area_id TEXT NOT NULL,
          code TEXT NOT NULL, title TEXT NOT NULL, position INTEGER NOT NULL,
          PRIMARY KEY (agreement_id, id)
        );
        CREATE TABLE rm_strategies (
          agreement_id TEXT NOT NULL, id TEXT NOT NULL, objective_id TEXT NOT NULL,
          title TEXT NOT NULL, position INTEGER NOT NULL,
          PRIMARY KEY (agreement_id, id)
        );
        CREATE TABLE rm_measures (
          agreement_id TEXT NOT NULL, id TEXT NOT NULL,
          focus_area_id TEXT NOT NULL, column_id TEXT NOT NULL, rank TEXT NOT NULL,
          title TEXT NOT NULL, party TEXT, objective_id TEXT, strategy_id TEXT,
          owners TEXT NOT NULL, start_date TEXT, due_date TEXT, health TEXT NOT NULL,
          archived INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
          PRIMARY KEY (agreement_id, id)
        );
        CREATE INDEX rm_measures_focus_area ON rm_measures (agreement_id, focus_area_id);
        CREATE TABLE rm_status_updates (
          agreement_id TEXT NOT NULL, id TEXT NOT NULL, measure_id TEXT NOT NULL,
          date TEXT NOT NULL, health TEXT NOT NULL, text TEXT NOT NULL,
          author_id TEXT NOT NULL, author_name TEXT NOT NULL, created_at TEXT NOT NULL,
          PRIMARY KEY (agreement_id, measure_id, id)
        );
        CREATE TABLE rm_milestones (
          agreement_id TEXT NOT NULL, id TEXT NOT NULL, focus_area_id TEXT NOT NULL,
          title TEXT NOT NULL, due_date TEXT NOT NULL, done INTEGER NOT NULL, done_at TEXT,
          created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
          PRIMARY KEY (agreement_id, id)
        );
        -- Across agreements by date: GET /api/milestones?from=&to=.
        CREATE INDEX rm_milestones_due ON rm_milestones (due_date, agreement_id);
        CREATE TABLE rm_milestone_measures (
          agreement_id TEXT NOT NULL, milestone_id TEXT NOT NULL, measure_id TEXT NOT NULL,
          position INTEGER NOT NULL,
          PRIMARY KEY (agreement_id, milestone_id, measure_id)
        );
      `);
    },
  },
];
