import type { sinceLastNb } from './messages';

export const sinceLastNn: typeof sinceLastNb = {
  sinceLast: {
    heading: 'Sidan sist du var her ({{date}})',
    none: 'Ingen andre har endra noko sidan sist du var her, {{date}}.',
    firstVisit: 'Neste gong du opnar avtalen, ser du her kva andre har endra sidan no.',
    loading: 'Hentar endringar sidan sist …',
    error: 'Kunne ikkje hente kva andre har endra sidan sist du var her.',
    showAll: 'Vis alle i aktivitetsloggen',
    more_one: 'og {{count}} tiltak til',
    more_other: 'og {{count}} tiltak til',
    maybeMore: 'Det kan vere fleire endringar enn dette.',
    changes_one: '{{count}} endring av {{actors}}',
    changes_other: '{{count}} endringar av {{actors}}',
    did: '{{actor}} {{what}}',
    what: {
      created: 'oppretta tiltaket',
      moved: 'flytta det til {{to}}',
      movedAny: 'flytta det',
      edited: 'endra {{fields}}',
      editedAny: 'endra det',
      archived: 'arkiverte det',
      restored: 'gjenoppretta det',
      statusAdded: 'sette status til {{health, lowercase}}',
      statusAddedPlain: 'publiserte ei statusoppdatering',
      commented: 'kommenterte',
      linked: 'kopla det til milepælen «{{milestone}}»',
      unlinked: 'tok det ut av milepælen «{{milestone}}»',
      other: 'gjorde ei endring',
    },
  },
};
