/**
 * Texts of "Siden sist du var her" on an agreement's front page, in bokmål; nynorsk and English
 * are in messages.nn.ts and messages.en.ts, so each loads with its language only. Spread into
 * the language files (i18n/nb.ts, nn.ts, en.ts); the i18n test checks every language has every key.
 */
export const sinceLastNb = {
  sinceLast: {
    heading: 'Siden sist du var her ({{date}})',
    none: 'Ingen andre har endret noe siden sist du var her, {{date}}.',
    firstVisit: 'Neste gang du åpner avtalen, ser du her hva andre har endret siden nå.',
    loading: 'Henter endringer siden sist …',
    error: 'Kunne ikke hente hva andre har endret siden sist du var her.',
    showAll: 'Vis alle i aktivitetsloggen',
    more_one: 'og {{count}} tiltak til',
    more_other: 'og {{count}} tiltak til',
    maybeMore: 'Det kan være flere endringer enn dette.',
    changes_one: '{{count}} endring av {{actors}}',
    changes_other: '{{count}} endringer av {{actors}}',
    did: '{{actor}} {{what}}',
    what: {
      created: 'opprettet tiltaket',
      moved: 'flyttet det til {{to}}',
      movedAny: 'flyttet det',
      edited: 'endret {{fields}}',
      editedAny: 'endret det',
      archived: 'arkiverte det',
      restored: 'gjenopprettet det',
      statusAdded: 'satte status til {{health, lowercase}}',
      statusAddedPlain: 'publiserte en statusoppdatering',
      commented: 'kommenterte',
      linked: 'koblet det til milepælen «{{milestone}}»',
      unlinked: 'tok det ut av milepælen «{{milestone}}»',
      other: 'gjorde en endring',
    },
  },
};
