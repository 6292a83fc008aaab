import type { sinceLastNb } from './messages';

export const sinceLastEn: typeof sinceLastNb = {
  sinceLast: {
    heading: 'Since you were last here ({{date}})',
    none: 'Nobody else has changed anything since you were last here, {{date}}.',
    firstVisit: 'Next time you open the agreement, this shows what others have changed since now.',
    loading: 'Fetching changes since your last visit …',
    error: 'Could not fetch what others have changed since your last visit.',
    showAll: 'Show all in the activity log',
    more_one: 'and {{count}} more measure',
    more_other: 'and {{count}} more measures',
    maybeMore: 'There may be more changes than these.',
    changes_one: '{{count}} change by {{actors}}',
    changes_other: '{{count}} changes by {{actors}}',
    did: '{{actor}} {{what}}',
    what: {
      created: 'created the measure',
      moved: 'moved it to {{to}}',
      movedAny: 'moved it',
      edited: 'changed {{fields}}',
      editedAny: 'changed it',
      archived: 'archived it',
      restored: 'restored it',
      statusAdded: 'set the status to {{health, lowercase}}',
      statusAddedPlain: 'published a status update',
      commented: 'commented',
      linked: 'linked it to the milestone “{{milestone}}”',
      unlinked: 'took it out of the milestone “{{milestone}}”',
      other: 'made a change',
    },
  },
};
