import type { Health } from '@tavla/domain';
import type { Database } from '../db/database.js';
import {
  type ColumnRow,
  type MeasureRow,
  type MeasureRows,
  type MeasureTitle,
  type MilestoneRow,
  PROJECTION_VERSION,
  type Projection,
  type StatusUpdateRow,
  type StructureRows,
} from './project.js';

const STRUCTURE_TABLES = [
  'rm_columns',
  'rm_focus_areas',
  'rm_objectives',
  'rm_strategies',
  'rm_milestones',
  'rm_milestone_measures',
] as const;
const ALL_TABLES = [...STRUCTURE_TABLES, 'rm_measures', 'rm_status_updates'] as const;

interface MeasureDbRow {
  id: string;
  focus_area_id: string;
  column_id: string;
  rank: string;
  title: string;
  party: string | null;
  objective_id: string | null;
  strategy_id: string | null;
  owners: string;
  start_date: string | null;
  due_date: string | null;
  health: string;
  archived: number;
  created_at: string;
  updated_at: string;
}

interface MilestoneDbRow {
  agreement_id: string;
  id: string;
  focus_area_id: string;
  title: string;
  due_date: string;
  done: number;
  done_at: string | null;
  created_at: string;
  updated_at: string;
}

const toMeasure = (r: MeasureDbRow): MeasureRow => ({
  id: r.id,
  focusAreaId: r.focus_area_id,
  columnId: r.column_id,
  rank: r.rank,
  title: r.title,
  party: r.party,
  objectiveId: r.objective_id,
  strategyId: r.strategy_id,
  owners: JSON.parse(r.owners) as string[],
  startDate: r.start_date,
  dueDate: r.due_date,
  health: r.health,
  archived: r.archived === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A milestone row of any agreement, with its links, as stored. */
export interface StoredMilestone extends MilestoneRow {
  agreementId: string;
}

/**
 * The read model's SQL side: writes a projection (whole or in part) in ONE transaction per
 * call, and reads it back. Runs its migrations (see readmodel/migrations.ts) beforehand.
 */
export class ReadModelStore {
  readonly #db: Database;
  readonly #s;
  readonly #writeFull: (agreementId: string, p: Projection) => void;
  readonly #writePart: (
    agreementId: string,
    measures: ReadonlyMap<string, MeasureRows | null>,
    structure: StructureRows | null,
    titles: ReadonlyMap<string, MeasureTitle>,
  ) => string[];

  constructor(db: Database) {
    this.#db = db;
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      doc: db.prepare<[string], { projection_version: number; dirty: number; title: string }>(
        'SELECT projection_version, dirty, title FROM rm_docs WHERE agreement_id = ?',
      ),
      upsertDoc: p(
        `INSERT INTO rm_docs (agreement_id, projection_version, title, dirty, projected_at)
         VALUES (?, ?, ?, 0, ?)
         ON CONFLICT (agreement_id) DO UPDATE SET projection_version = excluded.projection_version,
           title = excluded.title, dirty = 0, projected_at = excluded.projected_at`,
      ),
      touchDoc: p('UPDATE rm_docs SET dirty = 0, projected_at = ? WHERE agreement_id = ?'),
      markDirty: p('UPDATE rm_docs SET dirty = 1 WHERE agreement_id = ?'),
      deleteAll: Object.fromEntries(
        ALL_TABLES.map((t) => [t, p(`DELETE FROM ${t} WHERE agreement_id = ?`)]),
      ) as Record<(typeof ALL_TABLES)[number], ReturnType<typeof p>>,
      deleteMeasure: p('DELETE FROM rm_measures WHERE agreement_id = ? AND id = ?'),
      updateTitle: p(
        'UPDATE rm_measures SET title = ?, updated_at = ? WHERE agreement_id = ? AND id = ?',
      ),
      deleteStatus: p('DELETE FROM rm_status_updates WHERE agreement_id = ? AND measure_id = ?'),
      insertColumn: p(
        'INSERT INTO rm_columns (agreement_id, id, title, kind, position) VALUES (?, ?, ?, ?, ?)',
      ),
      insertFocusArea: p(
        'INSERT INTO rm_focus_areas (agreement_id, id, number, title, position) VALUES (?, ?, ?, ?, ?)',
      ),
      insertObjective: p(
        `INSERT INTO rm_objectives (agreement_id, id, focus_area_id, code, title, position)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      insertStrategy: p(
        `INSERT INTO rm_strategies (agreement_id, id, objective_id, title, position)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      insertMilestone: p(
        `INSERT INTO rm_milestones (agreement_id, id, focus_area_id, title, due_date, done, done_at,
           created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertLink: p(
        `INSERT OR IGNORE INTO rm_milestone_measures (agreement_id, milestone_id, measure_id, position)
         VALUES (?, ?, ?, ?)`,
      ),
      insertMeasure: p(
        `INSERT INTO rm_measures (agreement_id, id, focus_area_id, column_id, rank, title, party,
           objective_id, strategy_id, owners, start_date, due_date, health, archived, created_at,
           updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertStatus: p(
        `INSERT OR IGNORE INTO rm_status_updates (agreement_id, id, measure_id, date, health, text,
           author_id, author_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      columns: db.prepare<[string], ColumnRow>(
        'SELECT id, title, kind, position FROM rm_columns WHERE agreement_id = ? ORDER BY position',
      ),
      focusAreas: db.prepare<
        [string],
        { id: string; number: string; title: string; position: number }
      >(
        'SELECT id, number, title, position FROM rm_focus_areas WHERE agreement_id = ? ORDER BY position',
      ),
      objectives: db.prepare<
        [string],
        { id: string; focus_area_id: string; code: string; title: string; position: number }
      >(
        `SELECT id, focus_area_id, code, title, position FROM rm_objectives
         WHERE agreement_id = ? ORDER BY position`,
      ),
      strategies: db.prepare<
        [string],
        { id: string; objective_id: string; title: string; position: number }
      >(
        `SELECT id, objective_id, title, position FROM rm_strategies
         WHERE agreement_id = ? ORDER BY position`,
      ),
      measures: db.prepare<[string], MeasureDbRow>(
        'SELECT * FROM rm_measures WHERE agreement_id = ? ORDER BY id',
      ),
      measuresByIds: db.prepare<[string, string], MeasureDbRow>(
        `SELECT * FROM rm_measures WHERE agreement_id = ?
         AND id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      ),
      statusUpdates: db.prepare<
        [string],
        {
          id: string;
          measure_id: string;
          date: string;
          health: Health; // written from StatusUpdateRow only
          text: string;
          author_id: string;
          author_name: string;
          created_at: string;
        }
      >('SELECT * FROM rm_status_updates WHERE agreement_id = ? ORDER BY measure_id, id'),
      milestones: db.prepare<[string], MilestoneDbRow>(
        'SELECT * FROM rm_milestones WHERE agreement_id = ? ORDER BY due_date, id',
      ),
      milestonesBetween: db.prepare<[string, string, string], MilestoneDbRow>(
        `SELECT * FROM rm_milestones
         WHERE agreement_id IN (SELECT value FROM json_each(?)) AND due_date >= ? AND due_date <= ?
         ORDER BY due_date, id, agreement_id`,
      ),
      links: db.prepare<[string], { milestone_id: string; measure_id: string }>(
        `SELECT milestone_id, measure_id FROM rm_milestone_measures WHERE agreement_id = ?
         ORDER BY milestone_id, position`,
      ),
      linksOf: db.prepare<[string, string], { milestone_id: string; measure_id: string }>(
        `SELECT milestone_id, measure_id FROM rm_milestone_measures WHERE agreement_id = ?
         AND milestone_id IN (SELECT value FROM json_each(?)) ORDER BY milestone_id, position`,
      ),
    };

    const insertStructure = (a: string, s: StructureRows) => {
      for (const c of s.columns) this.#s.insertColumn.run(a, c.id, c.title, c.kind, c.position);
      for (const f of s.focusAreas) {
        this.#s.insertFocusArea.run(a, f.id, f.number, f.title, f.position);
      }
      for (const o of s.objectives) {
        this.#s.insertObjective.run(a, o.id, o.focusAreaId, o.code, o.title, o.position);
      }
      for (const st of s.strategies) {
        this.#s.insertStrategy.run(a, st.id, st.objectiveId, st.title, st.position);
      }
      for (const m of s.milestones) {
        this.#s.insertMilestone.run(
          a,
          m.id,
          m.focusAreaId,
          m.title,
          m.dueDate,
          m.done ? 1 : 0,
          m.doneAt,
          m.createdAt,
          m.updatedAt,
        );
        m.measureIds.forEach((id, i) => {
          this.#s.insertLink.run(a, m.id, id, i);
        });
      }
    };
    const insertMeasure = (a: string, m: MeasureRow) =>
      this.#s.insertMeasure.run(
        a,
        m.id,
        m.focusAreaId,
        m.columnId,
        m.rank,
        m.title,
        m.party,
        m.objectiveId,
        m.strategyId,
        JSON.stringify(m.owners),
        m.startDate,
        m.dueDate,
        m.health,
        m.archived ? 1 : 0,
        m.createdAt,
        m.updatedAt,
      );
    const insertStatus = (a: string, u: StatusUpdateRow) =>
      this.#s.insertStatus.run(
        a,
        u.id,
        u.measureId,
        u.date,
        u.health,
        u.text,
        u.authorId,
        u.authorName,
        u.createdAt,
      );

    this.#writeFull = db.transaction((a: string, proj: Projection) => {
      for (const t of ALL_TABLES) this.#s.deleteAll[t].run(a);
      insertStructure(a, proj);
      for (const m of proj.measures) insertMeasure(a, m);
      for (const u of proj.statusUpdates) insertStatus(a, u);
      this.#s.upsertDoc.run(a, PROJECTION_VERSION, proj.title, Date.now());
    });
    this.#writePart = db.transaction(
      (
        a: string,
        measures: ReadonlyMap<string, MeasureRows | null>,
        structure: StructureRows | null,
        titles: ReadonlyMap<string, MeasureTitle>,
      ) => {
        const missing: string[] = [];
        for (const [id, t] of titles) {
          if (this.#s.updateTitle.run(t.title, t.updatedAt, a, id).changes === 0) missing.push(id);
        }
        if (structure) {
          for (const t of STRUCTURE_TABLES) this.#s.deleteAll[t].run(a);
          insertStructure(a, structure);
        }
        for (const [id, rows] of measures) {
          this.#s.deleteMeasure.run(a, id);
          this.#s.deleteStatus.run(a, id);
          if (!rows) continue;
          insertMeasure(a, rows.measure);
          for (const u of rows.statusUpdates) insertStatus(a, u);
        }
        if (structure) this.#s.upsertDoc.run(a, PROJECTION_VERSION, structure.title, Date.now());
        else this.#s.touchDoc.run(Date.now(), a);
        return missing;
      },
    );
  }

  /** Replaces the agreement's whole projection. */
  writeFull(agreementId: string, projection: Projection): void {
    this.#writeFull(agreementId, projection);
  }

  /**
   * Replaces the rows of the given measures (null: the measure is gone) and, when given, all
   * structure rows; sets just the title and updatedAt of the measures in `titles` ([RM7]).
   * Only valid on top of a complete projection of the same document. Returns the ids in
   * `titles` that had no row (to be projected whole).
   */
  writePart(
    agreementId: string,
    measures: ReadonlyMap<string, MeasureRows | null>,
    structure: StructureRows | null,
    titles: ReadonlyMap<string, MeasureTitle> = new Map(),
  ): string[] {
    return this.#writePart(agreementId, measures, structure, titles);
  }

  /** Records that the document changed and the projection has not caught up yet ([RM3]). */
  markDirty(agreementId: string): void {
    this.#s.markDirty.run(agreementId);
  }

  /** Whether the agreement's projection exists, is of this version and caught up. */
  isFresh(agreementId: string): boolean {
    const row = this.#s.doc.get(agreementId);
    return row !== undefined && row.projection_version === PROJECTION_VERSION && row.dirty === 0;
  }

  has(agreementId: string): boolean {
    return this.#s.doc.get(agreementId) !== undefined;
  }

  /** The stored projection of one agreement, in the shape of `projectDoc` (rows sorted). */
  read(agreementId: string): Projection {
    const links = new Map<string, string[]>();
    for (const l of this.#s.links.all(agreementId)) {
      const list = links.get(l.milestone_id) ?? [];
      list.push(l.measure_id);
      links.set(l.milestone_id, list);
    }
    return {
      title: this.#s.doc.get(agreementId)?.title ?? '',
      columns: this.#s.columns.all(agreementId),
      focusAreas: this.#s.focusAreas.all(agreementId),
      objectives: this.#s.objectives.all(agreementId).map((o) => ({
        id: o.id,
        focusAreaId: o.focus_area_id,
        code: o.code,
        title: o.title,
        position: o.position,
      })),
      strategies: this.#s.strategies.all(agreementId).map((s) => ({
        id: s.id,
        objectiveId: s.objective_id,
        title: s.title,
        position: s.position,
      })),
      milestones: this.#s.milestones
        .all(agreementId)
        .map((m) => toMilestone(m, links.get(m.id) ?? [])),
      measures: this.#s.measures.all(agreementId).map(toMeasure),
      statusUpdates: this.#s.statusUpdates.all(agreementId).map((u) => ({
        id: u.id,
        measureId: u.measure_id,
        date: u.date,
        health: u.health,
        text: u.text,
        authorId: u.author_id,
        authorName: u.author_name,
        createdAt: u.created_at,
      })),
    };
  }

  /** Milestones of the given agreements due in [from, to] (inclusive), with their links. */
  milestonesBetween(agreementIds: readonly string[], from: string, to: string): StoredMilestone[] {
    const rows = this.#s.milestonesBetween.all(JSON.stringify(agreementIds), from, to);
    const byAgreement = new Map<string, MilestoneDbRow[]>();
    for (const r of rows) {
      const list = byAgreement.get(r.agreement_id) ?? [];
      list.push(r);
      byAgreement.set(r.agreement_id, list);
    }
    const links = new Map<string, string[]>();
    for (const [a, list] of byAgreement) {
      for (const l of this.#s.linksOf.all(a, JSON.stringify(list.map((m) => m.id)))) {
        const key = `${a}\u0000${l.milestone_id}`;
        const ids = links.get(key) ?? [];
        ids.push(l.measure_id);
        links.set(key, ids);
      }
    }
    return rows.map((r) => ({
      agreementId: r.agreement_id,
      ...toMilestone(r, links.get(`${r.agreement_id}\u0000${r.id}`) ?? []),
    }));
  }

  columns(agreementId: string): ColumnRow[] {
    return this.#s.columns.all(agreementId);
  }

  focusAreas(agreementId: string) {
    return this.#s.focusAreas.all(agreementId);
  }

  measuresByIds(agreementId: string, ids: readonly string[]): MeasureRow[] {
    if (ids.length === 0) return [];
    return this.#s.measuresByIds.all(agreementId, JSON.stringify(ids)).map(toMeasure);
  }

  /** Ids of every projected agreement. */
  agreements(): string[] {
    return (
      this.#db.prepare('SELECT agreement_id FROM rm_docs ORDER BY agreement_id').all() as {
        agreement_id: string;
      }[]
    ).map((r) => r.agreement_id);
  }
}

function toMilestone(m: MilestoneDbRow, measureIds: string[]): MilestoneRow {
  return {
    id: m.id,
    focusAreaId: m.focus_area_id,
    title: m.title,
    dueDate: m.due_date,
    done: m.done === 1,
    doneAt: m.done_at,
    createdAt: m.created_at,
    updatedAt: m.updated_at,
    measureIds,
  };
}
