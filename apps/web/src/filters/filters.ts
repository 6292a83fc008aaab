import { isLate, type ColumnView, type Health, type MeasureView, type Party } from '@tavla/domain';

export type GroupBy = 'none' | 'objective' | 'party' | 'owner' | 'milestone';
export const GROUP_BYS: readonly GroupBy[] = ['none', 'objective', 'party', 'owner', 'milestone'];

export interface Filters {
  text: string;
  party: Party | 'none' | '';
  /** A member's user id, or 'none': measures nobody owns. */
  owner: string;
  objective: string;
  health: Health | '';
  late: boolean;
  groupBy: GroupBy;
  showArchived: boolean;
  /** Only these measures (links from the manager overview: "the measures behind a number"). */
  ids: string[];
  /** Only measures in this column (per-column numbers of the manager overview). */
  column: string;
}

export const EMPTY_FILTERS: Filters = {
  text: '',
  party: '',
  owner: '',
  objective: '',
  health: '',
  late: false,
  groupBy: 'none',
  showArchived: false,
  ids: [],
  column: '',
};

/** URL query keys (short, readable, stable: links get shared). */
const KEYS = {
  text: 'q',
  party: 'part',
  owner: 'ansvarlig',
  objective: 'delmal',
  health: 'status',
  late: 'forsinket',
  groupBy: 'grupper',
  showArchived: 'arkiverte',
  ids: 'tiltak',
  column: 'kolonne',
} as const satisfies Record<keyof Filters, string>;

const PARTIES = ['county', 'ipr', 'joint', 'none'];
const HEALTHS = ['green', 'yellow', 'red'];

export function filtersFromSearch(search: string): Filters {
  const p = new URLSearchParams(search);
  const party = p.get(KEYS.party) ?? '';
  const health = p.get(KEYS.health) ?? '';
  const groupBy = p.get(KEYS.groupBy) ?? 'none';
  return {
    text: p.get(KEYS.text) ?? '',
    party: (PARTIES.includes(party) ? party : '') as Filters['party'],
    owner: p.get(KEYS.owner) ?? '',
    objective: p.get(KEYS.objective) ?? '',
    health: (HEALTHS.includes(health) ? health : '') as Filters['health'],
    late: p.get(KEYS.late) === '1',
    groupBy: ((GROUP_BYS as readonly string[]).includes(groupBy) ? groupBy : 'none') as GroupBy,
    showArchived: p.get(KEYS.showArchived) === '1',
    ids: (p.get(KEYS.ids) ?? '').split(',').filter(Boolean),
    column: p.get(KEYS.column) ?? '',
  };
}

/** Writes the filters into `search`, keeping other parameters (such as the open measure `m`). */
export function filtersToSearch(f: Filters, search: string): string {
  const p = new URLSearchParams(search);
  for (const k of Object.keys(KEYS) as (keyof Filters)[]) p.delete(KEYS[k]);
  if (f.text) p.set(KEYS.text, f.text);
  if (f.party) p.set(KEYS.party, f.party);
  if (f.owner) p.set(KEYS.owner, f.owner);
  if (f.objective) p.set(KEYS.objective, f.objective);
  if (f.health) p.set(KEYS.health, f.health);
  if (f.late) p.set(KEYS.late, '1');
  if (f.groupBy !== 'none') p.set(KEYS.groupBy, f.groupBy);
  if (f.showArchived) p.set(KEYS.showArchived, '1');
  if (f.ids.length) p.set(KEYS.ids, f.ids.join(','));
  if (f.column) p.set(KEYS.column, f.column);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function isFiltering(f: Filters): boolean {
  return !!(
    f.text ||
    f.party ||
    f.owner ||
    f.objective ||
    f.health ||
    f.late ||
    f.ids.length ||
    f.column
  );
}

/** Whether a measure passes the filters (archived ones only when asked for). */
export function matches(
  m: MeasureView,
  f: Filters,
  todayISO: string,
  columns?: readonly Pick<ColumnView, 'id' | 'kind'>[],
): boolean {
  if (m.archived && !f.showArchived) return false;
  if (f.party === 'none' ? m.party !== null : f.party && m.party !== f.party) return false;
  if (f.owner === 'none' ? m.owners.length > 0 : f.owner && !m.owners.includes(f.owner))
    return false;
  if (f.objective && m.objectiveId !== f.objective) return false;
  if (f.health && m.health !== f.health) return false;
  if (f.late && !isLate(m, todayISO, columns)) return false;
  if (f.ids.length && !f.ids.includes(m.id)) return false;
  if (f.column && m.columnId !== f.column) return false;
  if (f.text) {
    const needle = f.text.trim().toLocaleLowerCase('nb');
    if (needle && !`${m.title}\n${m.description}`.toLocaleLowerCase('nb').includes(needle))
      return false;
  }
  return true;
}
