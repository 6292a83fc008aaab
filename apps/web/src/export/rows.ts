/**
 * The tables of "Last ned til Excel": one row per measure, one row per milestone, built from the
 * document as the page has it (the session's snapshots), with the labels the board, the timeline
 * and the manager overview show. Lateness and a milestone's state come from the same rules they
 * use ([R1] `isLate`, [R2] through `milestoneInfos`), not computed again here. Pure: csv.ts
 * turns a table into a file.
 */
import {
  type ColumnView,
  compareRanked,
  type FocusAreaView,
  isLate,
  type MeasureView,
  type MilestoneView,
  type ObjectiveView,
  type StrategyView,
} from '@tavla/domain';
import type { TFunction } from 'i18next';
import { today } from '../board/dates';
import { milestoneInfos } from '../milestones/state';
import { excelDate } from './csv';

/** What the tables are made of: the session's structure and every measure, archived too. */
export interface ExportSource {
  focusAreas: readonly FocusAreaView[];
  objectives: readonly ObjectiveView[];
  strategies: readonly StrategyView[];
  columns: readonly ColumnView[];
  milestones: readonly MilestoneView[];
  measures: readonly MeasureView[];
}

export interface ExportOptions {
  /** YYYY-MM-DD in the person's own time zone (board/dates `today`), for lateness. */
  todayISO: string;
  /** Archived measures too (the board's "Vis arkiverte"); then a column says which they are. */
  includeArchived: boolean;
  /** A user id's display name (agreementContext `memberName`). */
  ownerName: (userId: string) => string;
  t: TFunction;
}

export interface Table {
  header: string[];
  rows: string[][];
}

/** "1 Befolkningsutvikling", "1.1 Attraktiv for unge": number or code, then title. */
function numbered(number: string, title: string): string {
  return number ? `${number} ${title}` : title;
}

function yesNo(t: TFunction, value: boolean): string {
  return value ? t('excelExport.yes') : t('excelExport.no');
}

/** The calendar date, in the person's own time zone, of a timestamp; '' for none. */
function localDate(timestamp: string): string {
  const d = new Date(timestamp);
  return Number.isNaN(d.getTime()) ? '' : excelDate(today(d));
}

/** Board order: focus area, then column (left to right), then the card's place in it ([O1]). */
function boardOrder(src: ExportSource) {
  const fa = new Map(src.focusAreas.map((f, i) => [f.id, i]));
  const col = new Map(src.columns.map((c, i) => [c.id, i]));
  const at = (m: Map<string, number>, id: string) => m.get(id) ?? m.size;
  return (a: MeasureView, b: MeasureView) =>
    at(fa, a.focusAreaId) - at(fa, b.focusAreaId) ||
    at(col, a.columnId) - at(col, b.columnId) ||
    compareRanked(a, b);
}

/** The measures the export holds, in board order. */
function measuresOf(src: ExportSource, includeArchived: boolean): MeasureView[] {
  return src.measures.filter((m) => includeArchived || !m.archived).sort(boardOrder(src));
}

/**
 * One row per measure of every focus area, in board order; archived measures only when asked
 * for (then with a last column "Arkivert").
 */
export function measureTable(src: ExportSource, opts: ExportOptions): Table {
  const { t, todayISO } = opts;
  const focusAreas = new Map(src.focusAreas.map((f) => [f.id, f]));
  const objectives = new Map(src.objectives.map((o) => [o.id, o]));
  const strategies = new Map(src.strategies.map((s) => [s.id, s]));
  const columns = new Map(src.columns.map((c) => [c.id, c]));
  const h = (key: string) => t(`excelExport.measureColumns.${key}`);
  const header = [
    h('focusArea'),
    h('objective'),
    h('strategy'),
    h('measure'),
    h('description'),
    h('party'),
    h('owners'),
    h('column'),
    h('health'),
    h('startDate'),
    h('dueDate'),
    h('late'),
    h('checklist'),
    h('milestones'),
    h('latestStatus'),
    h('updated'),
  ];
  if (opts.includeArchived) header.push(h('archived'));

  // Under each measure the milestones that link it, by due date ([O4]).
  const milestonesOf = new Map<string, MilestoneView[]>();
  for (const ms of [...src.milestones].sort(byDate))
    for (const id of ms.measureIds) milestonesOf.set(id, [...(milestonesOf.get(id) ?? []), ms]);

  const rows = measuresOf(src, opts.includeArchived).map((m) => {
    const fa = focusAreas.get(m.focusAreaId);
    const objective = m.objectiveId ? objectives.get(m.objectiveId) : undefined;
    const strategy = m.strategyId ? strategies.get(m.strategyId) : undefined;
    const done = m.checklist.filter((c) => c.done).length;
    const latest = m.statusUpdates[m.statusUpdates.length - 1];
    const row = [
      fa ? numbered(fa.number, fa.title) : '',
      objective ? numbered(objective.code, objective.title) : '',
      strategy?.title ?? '',
      m.title || t('card.untitled'),
      m.description,
      m.party ? t(`party.${m.party}`) : '',
      m.owners.map(opts.ownerName).join(', '),
      columns.get(m.columnId)?.title ?? '',
      t(`health.${m.health}`),
      excelDate(m.startDate),
      excelDate(m.dueDate),
      yesNo(t, isLate(m, todayISO, src.columns)),
      m.checklist.length > 0 ? t('excelExport.checklist', { done, total: m.checklist.length }) : '',
      (milestonesOf.get(m.id) ?? [])
        .map((ms) => t('excelExport.dated', { title: ms.title, date: excelDate(ms.dueDate) }))
        .join('; '),
      latest
        ? t('excelExport.statusUpdate', {
            text: latest.text,
            date: excelDate(latest.date),
            name: latest.authorName,
          })
        : '',
      localDate(m.updatedAt),
    ];
    if (opts.includeArchived) row.push(yesNo(t, m.archived));
    return row;
  });
  return { header, rows };
}

/**
 * One row per milestone, by focus area and then date ([O4]), with its state as the timeline
 * names it and its linked measures (those not archived, as on the timeline; archived ones too,
 * marked, when asked for).
 */
export function milestoneTable(src: ExportSource, opts: ExportOptions): Table {
  const { t } = opts;
  const h = (key: string) => t(`excelExport.milestoneColumns.${key}`);
  const header = [
    h('focusArea'),
    h('milestone'),
    h('date'),
    h('state'),
    h('done'),
    h('measureCount'),
    h('measures'),
  ];
  const infos = milestoneInfos(src.milestones, src.measures, opts.todayISO, src.columns);
  const measures = new Map(src.measures.map((m) => [m.id, m]));
  const faIndex = new Map(src.focusAreas.map((f, i) => [f.id, i]));
  const at = (id: string) => faIndex.get(id) ?? faIndex.size;
  const ordered = [...src.milestones].sort(
    (a, b) => at(a.focusAreaId) - at(b.focusAreaId) || byDate(a, b),
  );
  const rows = ordered.map((ms) => {
    const fa = src.focusAreas[at(ms.focusAreaId)];
    const info = infos.get(ms.id);
    const linked = opts.includeArchived
      ? ms.measureIds.flatMap((id) => measures.get(id) ?? [])
      : (info?.measures ?? []);
    const titles = linked.map((m) => {
      const title = m.title || t('card.untitled');
      return m.archived ? t('excelExport.archivedTitle', { title }) : title;
    });
    return [
      fa ? numbered(fa.number, fa.title) : '',
      ms.title,
      excelDate(ms.dueDate),
      info ? t(`milestones.state.${info.state}`) : '',
      yesNo(t, ms.done),
      String(linked.length),
      titles.join('; '),
    ];
  });
  return { header, rows };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Milestones by due date, then id ([O4]). */
function byDate(a: MilestoneView, b: MilestoneView): number {
  return cmp(a.dueDate, b.dueDate) || cmp(a.id, b.id);
}
