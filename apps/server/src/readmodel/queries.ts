import {
  type AgreementSummaryModel,
  type ColumnKind,
  type Health,
  type HealthCounts,
  isLate,
  type MilestoneRow as MilestoneDto,
  milestoneState,
  type StatusUpdateRow as StatusLine,
} from '@tavla/domain';
import type { ColumnRow, MeasureRow, MilestoneRow, Projection } from './project.js';
import type { ReadModelStore } from './store.js';

/**
 * The answers of the read model's REST endpoints (contract: docs/api.md, rules
 * [RM5]; the shapes are shared with the web app in packages/domain/src/api.ts), computed from projected rows with the domain's rules (isLate, milestoneState)
 * so the server and the boards never disagree on what "late" or "at risk" means.
 */

export interface AgreementRef {
  id: string;
  title: string;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day it is at `now` in `timeZone` (IANA) as YYYY-MM-DD: the contract's `today`
 * (config TIME_ZONE). Lateness is a calendar matter of the people who read it.
 */
export function todayIn(timeZone: string, now = new Date()): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const columnKinds = (columns: ColumnRow[]) =>
  columns.map((c) => ({ id: c.id, kind: c.kind as ColumnKind | null }));

function isDone(m: MeasureRow, columns: ColumnRow[]): boolean {
  return columns.some((c) => c.id === m.columnId && c.kind === 'done');
}

function asDomain(m: MeasureRow) {
  return { ...m, health: m.health as Health };
}

/** One milestone as the API shows it; archived measures are left out everywhere. */
function milestoneDto(
  agreement: AgreementRef,
  m: MilestoneRow,
  focusArea: { number: string; title: string } | undefined,
  measuresById: ReadonlyMap<string, MeasureRow>,
  columns: ColumnRow[],
  today: string,
): MilestoneDto {
  const linked = m.measureIds
    .map((id) => measuresById.get(id))
    .filter((x): x is MeasureRow => x !== undefined && !x.archived);
  const kinds = columnKinds(columns);
  return {
    agreementId: agreement.id,
    agreementTitle: agreement.title,
    id: m.id,
    focusAreaId: m.focusAreaId,
    focusAreaNumber: focusArea?.number ?? '',
    focusAreaTitle: focusArea?.title ?? '',
    title: m.title,
    dueDate: m.dueDate,
    done: m.done,
    state: milestoneState(m, linked.map(asDomain), today, kinds),
    measureIds: linked.map((x) => x.id),
    measureCount: linked.length,
    measuresDone: linked.filter((x) => isDone(x, columns)).length,
    measuresRed: linked.filter((x) => x.health === 'red').length,
    measuresLate: linked.filter((x) => isLate(x, today, kinds)).length,
  };
}

/** GET /api/milestones: milestones of `agreements` due in [from, to], by due date then id. */
export function milestonesAcross(
  store: ReadModelStore,
  agreements: readonly AgreementRef[],
  range: { from?: string; to?: string },
  today: string,
): MilestoneDto[] {
  const byId = new Map(agreements.map((a) => [a.id, a]));
  const rows = store.milestonesBetween(
    agreements.map((a) => a.id),
    range.from ?? '0000-00-00',
    range.to ?? '9999-99-99',
  );
  const perAgreement = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = perAgreement.get(r.agreementId);
    if (list) list.push(r);
    else perAgreement.set(r.agreementId, [r]);
  }
  const out: MilestoneDto[] = [];
  for (const [agreementId, list] of perAgreement) {
    const agreement = byId.get(agreementId)!;
    const columns = store.columns(agreementId);
    const focusAreas = new Map(store.focusAreas(agreementId).map((f) => [f.id, f]));
    const ids = [...new Set(list.flatMap((m) => m.measureIds))];
    const measures = new Map(store.measuresByIds(agreementId, ids).map((m) => [m.id, m]));
    for (const m of list) {
      out.push(milestoneDto(agreement, m, focusAreas.get(m.focusAreaId), measures, columns, today));
    }
  }
  return out.sort(
    (a, b) => cmp(a.dueDate, b.dueDate) || cmp(a.id, b.id) || cmp(a.agreementId, b.agreementId),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function healthCounts(measures: readonly MeasureRow[]): HealthCounts {
  // The domain gives every measure a health (green when never set), so `none` stays 0 until
  // the document format can say "not assessed yet"; it is in the contract for that day.
  const counts: HealthCounts = { green: 0, yellow: 0, red: 0, none: 0 };
  for (const m of measures) {
    if (m.health === 'green' || m.health === 'yellow' || m.health === 'red') counts[m.health]++;
    else counts.none++;
  }
  return counts;
}

/** GET /api/agreements/:id/summary — the manager overview of one agreement (issue 4). */
export function agreementSummary(
  projection: Projection,
  agreement: AgreementRef,
  today: string,
  now = new Date(),
): AgreementSummaryModel {
  const { columns } = projection;
  const kinds = columnKinds(columns);
  const live = projection.measures.filter((m) => !m.archived);
  const allById = new Map(projection.measures.map((m) => [m.id, m]));
  const since = addDays(today, -14);
  const horizon = addDays(today, 90);
  const statusByMeasure = new Map<string, Projection['statusUpdates']>();
  for (const u of projection.statusUpdates) {
    const list = statusByMeasure.get(u.measureId);
    if (list) list.push(u);
    else statusByMeasure.set(u.measureId, [u]);
  }

  const focusAreas = projection.focusAreas.map((fa) => {
    const measures = live.filter((m) => m.focusAreaId === fa.id);
    const ids = (pred: (m: MeasureRow) => boolean) => measures.filter(pred).map((m) => m.id);
    const perColumn: Record<string, number> = {};
    for (const c of columns) perColumn[c.id] = 0;
    for (const m of measures) perColumn[m.columnId] = (perColumn[m.columnId] ?? 0) + 1;
    const late = ids((m) => isLate(m, today, kinds));
    const noOwner = ids((m) => m.owners.length === 0);
    const noObjective = ids((m) => m.objectiveId === null);
    // updatedAt is an ISO timestamp; comparing its date part with a date is exact.
    const changed = ids((m) => m.updatedAt.slice(0, 10) >= since);
    const milestones = projection.milestones
      .filter((ms) => ms.focusAreaId === fa.id && !ms.done)
      .map((ms) => milestoneDto(agreement, ms, fa, allById, columns, today));
    const objectives = projection.objectives
      .filter((o) => o.focusAreaId === fa.id)
      .map((o) => {
        const ofObjective = measures.filter((m) => m.objectiveId === o.id);
        return {
          id: o.id,
          code: o.code,
          title: o.title,
          health: healthCounts(ofObjective),
          strategies: projection.strategies
            .filter((s) => s.objectiveId === o.id)
            .map((s) => ({
              id: s.id,
              title: s.title,
              health: healthCounts(ofObjective.filter((m) => m.strategyId === s.id)),
            })),
          latestStatusUpdates: latestStatus(ofObjective, statusByMeasure),
        };
      });
    return {
      id: fa.id,
      number: fa.number,
      title: fa.title,
      measures: {
        total: measures.length,
        perColumn,
        perHealth: healthCounts(measures),
        late: late.length,
        noOwner: noOwner.length,
        noObjective: noObjective.length,
        changedLast14Days: changed.length,
      },
      measureIds: {
        late,
        noOwner,
        noObjective,
        changedLast14Days: changed,
        red: ids((m) => m.health === 'red'),
        yellow: ids((m) => m.health === 'yellow'),
        green: ids((m) => m.health === 'green'),
        none: ids((m) => !['green', 'yellow', 'red'].includes(m.health)),
      },
      milestones: {
        next90Days: milestones.filter((m) => m.dueDate >= today && m.dueDate <= horizon),
        overdue: milestones.filter((m) => m.dueDate < today),
      },
      objectives,
    };
  });

  return {
    agreementId: agreement.id,
    title: agreement.title,
    generatedAt: now.toISOString(),
    today,
    columns: columns.map((c) => ({ id: c.id, title: c.title, kind: c.kind })),
    focusAreas,
  };
}

/** The newest status update of each measure, newest first, at most `limit`. */
function latestStatus(
  measures: readonly MeasureRow[],
  statusByMeasure: ReadonlyMap<string, Projection['statusUpdates']>,
  limit = 5,
): StatusLine[] {
  const lines: (StatusLine & { createdAt: string })[] = [];
  for (const m of measures) {
    const updates = statusByMeasure.get(m.id);
    if (!updates || updates.length === 0) continue;
    const last = updates.reduce((a, b) =>
      (cmp(a.date, b.date) || cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id)) >= 0 ? a : b,
    );
    lines.push({
      measureId: m.id,
      measureTitle: m.title,
      date: last.date,
      health: last.health,
      text: last.text,
      authorName: last.authorName,
      createdAt: last.createdAt,
    });
  }
  lines.sort((a, b) => cmp(b.date, a.date) || cmp(b.createdAt, a.createdAt));
  return lines.slice(0, limit).map(({ createdAt: _, ...line }) => line);
}
