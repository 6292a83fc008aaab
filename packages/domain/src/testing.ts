// Fixtures for the tests of code that reads the domain's views without a document (apps/server's
// activity events, apps/web's milestone states). Its own door, `@tavla/domain/testing`, so that
// no app code imports it by accident.
import type { MeasureView } from './types.js';

/**
 * A measure as `readMeasure` gives it, with the given fields and every other one empty, as for a
 * measure just created with only a title: no description, links, owners, dates or items; green,
 * not archived, rank `a0`, no timestamps.
 *
 * @example measureViewWith({ id: 'm1', focusAreaId: 'fa-1', columnId: 'col-idea', title: 'A' })
 */
export function measureViewWith(
  fields: Pick<MeasureView, 'id' | 'focusAreaId' | 'columnId' | 'title'> & Partial<MeasureView>,
): MeasureView {
  return {
    rank: 'a0',
    description: '',
    objectiveId: null,
    strategyId: null,
    party: null,
    owners: [],
    startDate: null,
    dueDate: null,
    health: 'green',
    archived: false,
    outcomeIds: [],
    checklist: [],
    comments: [],
    statusUpdates: [],
    createdAt: '',
    updatedAt: '',
    ...fields,
  };
}
