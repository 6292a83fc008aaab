import type { Health, MeetingKind, Party } from '../types.js';

/**
 * Demo measures and milestones: plausible work under Tromsvekstavtalen, spread over columns,
 * parties and health, so that every view has something to show. Not part of the agreement text.
 */
export interface DemoMeasure {
  id: string;
  focusArea: string;
  strategy: string;
  columnId: string;
  title: string;
  description: string;
  party: Party;
  health: Health;
  startDate?: string;
  dueDate?: string;
  outcomes?: number[];
  checklist?: Array<[string, boolean]>;
  status?: { date: string; health: Health; text: string; author: DemoAuthor };
  comment?: { text: string; author: DemoAuthor; createdAt: string };
  /**
   * Who is responsible ("Ansvarlig"): demo people, written as the user ids the seed is given for
   * them (`demoPeople`), so that the owner chips, filter and grouping show something in the demo.
   */
  owners?: DemoAuthor[];
}

/** The demo people who write status updates and comments and own measures. */
export type DemoAuthor = 'kari' | 'ola';
/**
 * Their names, and the placeholder author ids their status updates and comments carry when the
 * seed is not given their real user ids (`demoPeople`: the domain's own tests, other callers).
 */
export const DEMO_AUTHORS: Record<DemoAuthor, { authorId: string; authorName: string }> = {
  kari: { authorId: 'seed-kari', authorName: 'Kari Nordmann' },
  ola: { authorId: 'seed-ola', authorName: 'Ola Hansen' },
};

export const DEMO_MEASURES: DemoMeasure[] = [
  {
    id: 'm-1-1',
    focusArea: '1',
    strategy: 'str-1.1-4',
    columnId: 'col-doing',
    title: 'Ungdomspanel for Tromsøregionen',
    description:
      'Et felles ungdomspanel med representanter fra alle fem kommunene, som gir innspill til regionale planer og tiltak.',
    party: 'ipr',
    owners: ['ola'],
    health: 'green',
    startDate: '2025-09-01',
    dueDate: '2026-06-30',
    outcomes: [3],
    checklist: [
      ['Mandat vedtatt i IPR', true],
      ['Representanter oppnevnt i alle kommuner', true],
      ['Første samling gjennomført', false],
    ],
    status: {
      date: '2026-02-10',
      health: 'green',
      text: 'Alle kommunene har oppnevnt representanter.',
      author: 'ola',
    },
  },
  {
    id: 'm-1-2',
    focusArea: '1',
    strategy: 'str-1.1-3',
    columnId: 'col-planned',
    title: 'Videreføring av tiltak etter Europeisk ungdomshovedstad 2026',
    description:
      'Plan for hvilke tiltak fra ungdomshovedstadsåret som videreføres i regionkommunene etter 2026.',
    party: 'joint',
    owners: ['kari', 'ola'],
    health: 'yellow',
    dueDate: '2026-12-31',
    outcomes: [4],
    status: {
      date: '2026-09-15',
      health: 'yellow',
      text: 'Finansiering av videreføringen er ikke avklart.',
      author: 'kari',
    },
  },
  {
    id: 'm-1-3',
    focusArea: '1',
    strategy: 'str-1.1-2',
    columnId: 'col-idea',
    title: 'Kartlegging av kollektivtilbudet mellom kommunene i regionen',
    description: 'Oversikt over ruter, frekvens og reisetid mellom tettstedene og Tromsø.',
    party: 'county',
    health: 'green',
    outcomes: [5],
  },
  {
    id: 'm-1-4',
    focusArea: '1',
    strategy: 'str-1.2-3',
    columnId: 'col-doing',
    title: 'Felles velkomstprogram for tilflyttere',
    description:
      'Et felles opplegg for mottak av nye innbyggere og arbeidsinnvandrere i regionkommunene.',
    party: 'ipr',
    owners: ['ola'],
    health: 'red',
    startDate: '2025-10-01',
    dueDate: '2026-09-30',
    outcomes: [7],
    status: {
      date: '2026-10-05',
      health: 'red',
      text: 'Forsinket: prosjektleder sluttet, stillingen lyses ut på nytt.',
      author: 'ola',
    },
    comment: {
      text: 'Kan fylkeskommunen bidra med midler til en midlertidig prosjektleder?',
      author: 'ola',
      createdAt: '2026-10-05T09:30:00.000Z',
    },
  },
  {
    id: 'm-1-5',
    focusArea: '1',
    strategy: 'str-1.2-1',
    columnId: 'col-done',
    title: 'Dialogmøter om kompetansebehov med videregående skoler og næringsliv',
    description: 'Årlige møter mellom skolene, næringslivet og kommunene om fremtidige behov.',
    party: 'county',
    owners: ['kari'],
    health: 'green',
    dueDate: '2025-12-15',
    outcomes: [2],
  },
  {
    id: 'm-2-1',
    focusArea: '2',
    strategy: 'str-2.2-1',
    columnId: 'col-doing',
    title: 'Felles kunnskapsgrunnlag om sirkulær økonomi',
    description:
      'Kartlegging av ressursstrømmer og muligheter for sirkulær økonomi og grønn industri i Tromsøregionen.',
    party: 'joint',
    owners: ['kari'],
    health: 'yellow',
    startDate: '2025-11-01',
    dueDate: '2026-12-15',
    outcomes: [12],
    checklist: [
      ['Oppdragsbeskrivelse', true],
      ['Innhenting av data fra kommunene', false],
      ['Rapport', false],
    ],
    status: {
      date: '2026-09-01',
      health: 'yellow',
      text: 'Datainnhentingen tar lengre tid enn planlagt.',
      author: 'kari',
    },
  },
  {
    id: 'm-2-2',
    focusArea: '2',
    strategy: 'str-2.1-2',
    columnId: 'col-done',
    title: 'Regionalt planforum for kommunale planprosesser',
    description: 'Faste møter der kommunene legger fram planer tidlig for regionale myndigheter.',
    party: 'county',
    owners: ['kari'],
    health: 'green',
    dueDate: '2025-11-30',
    outcomes: [9],
  },
  {
    id: 'm-2-3',
    focusArea: '2',
    strategy: 'str-2.1-1',
    columnId: 'col-planned',
    title: 'Erfaringsnettverk for kommuneplanleggere',
    description:
      'Nettverk for erfaringsdeling om innbyggermedvirkning og bærekraftsmålene i planarbeidet.',
    party: 'ipr',
    owners: ['ola'],
    health: 'green',
    dueDate: '2027-03-31',
    outcomes: [3, 9],
  },
  {
    id: 'm-2-4',
    focusArea: '2',
    strategy: 'str-2.2-2',
    columnId: 'col-idea',
    title: 'Kartlegging av arealer egnet for grønn industri',
    description: 'Felles oversikt over næringsarealer, kraftbehov og infrastruktur.',
    party: 'joint',
    health: 'green',
    outcomes: [12],
  },
  {
    id: 'm-2-5',
    focusArea: '2',
    strategy: 'str-2.2-3',
    columnId: 'col-planned',
    title: 'Ladeinfrastruktur for nullutslippskjøretøy i distriktene',
    description: 'Plan for hurtiglading langs hovedvegene i regionkommunene.',
    party: 'county',
    owners: ['kari'],
    health: 'red',
    dueDate: '2026-10-01',
    outcomes: [11],
    status: {
      date: '2026-10-20',
      health: 'red',
      text: 'Tilskuddsordningen er utsatt; ny framdriftsplan kommer.',
      author: 'kari',
    },
  },
  {
    id: 'm-3-1',
    focusArea: '3',
    strategy: 'str-3.1-2',
    columnId: 'col-doing',
    title: 'Klimastatus for kommunene i Tromsøregionen',
    description: 'Felles klimaregnskap og status for klimatiltak i de fem kommunene.',
    party: 'ipr',
    owners: ['ola'],
    health: 'green',
    startDate: '2026-01-15',
    dueDate: '2027-02-28',
    outcomes: [10],
  },
  {
    id: 'm-3-2',
    focusArea: '3',
    strategy: 'str-3.1-1',
    columnId: 'col-planned',
    title: 'Felles klimarisikoanalyse for samfunnssikkerhet og beredskap',
    description: 'Konsekvenser av klimaendringene for infrastruktur, næringsliv og beredskap.',
    party: 'joint',
    owners: ['ola', 'kari'],
    health: 'yellow',
    dueDate: '2026-12-15',
    outcomes: [10],
  },
  {
    id: 'm-3-3',
    focusArea: '3',
    strategy: 'str-3.1-2',
    columnId: 'col-idea',
    title: 'Felles klimakrav i offentlige innkjøp',
    description: 'Samordnede krav til lavutslipp i kommunenes og fylkeskommunens anskaffelser.',
    party: 'joint',
    health: 'green',
    outcomes: [11],
  },
  {
    id: 'm-3-4',
    focusArea: '3',
    strategy: 'str-3.1-3',
    columnId: 'col-done',
    title: 'Søknad om EU-midler til felles utviklingsprosjekt',
    description: 'Søknad til Interreg Aurora om et prosjekt for grønn omstilling i kystkommunene.',
    party: 'county',
    owners: ['kari'],
    health: 'green',
    dueDate: '2026-03-01',
    outcomes: [8],
  },
  {
    id: 'm-4-1',
    focusArea: '4',
    strategy: 'str-4-2',
    columnId: 'col-doing',
    title: 'Besøksforvaltningsplan for utfartsområdene i regionen',
    description: 'Helhetlig plan for hvilke områder som utvikles for besøk og hvilke som skjermes.',
    party: 'joint',
    owners: ['kari', 'ola'],
    health: 'yellow',
    startDate: '2026-01-01',
    dueDate: '2027-06-30',
    outcomes: [14],
  },
  {
    id: 'm-4-2',
    focusArea: '4',
    strategy: 'str-4-1',
    columnId: 'col-planned',
    title: 'Kollektivtilbud til populære utfartsområder',
    description: 'Prøveordning med buss til utfartsområder i vintersesongen.',
    party: 'county',
    owners: ['kari'],
    health: 'green',
    dueDate: '2027-05-01',
    outcomes: [13],
  },
  {
    id: 'm-4-3',
    focusArea: '4',
    strategy: 'str-4-2',
    columnId: 'col-idea',
    title: 'Avklare ansvar for brøyting og drift av parkeringsplasser i utfartsområdene',
    description: 'Ansvarsfordeling mellom kommunene, fylkeskommunen og grunneiere.',
    party: 'ipr',
    owners: ['ola'],
    health: 'red',
    dueDate: '2026-10-15',
    outcomes: [14],
  },
  {
    id: 'm-4-4',
    focusArea: '4',
    strategy: 'str-4-2',
    columnId: 'col-idea',
    title: 'Digital informasjon om arktisk natur til besøkende',
    description: 'Digitale løsninger, skilt og guidede opplevelser om natur og ferdsel.',
    party: 'joint',
    health: 'green',
  },
];

export interface DemoMilestone {
  id: string;
  focusArea: string;
  title: string;
  dueDate: string;
  measureIds: string[];
  doneAt?: string;
}

function evaluations(fa: string, mid: string[], final: string[]): DemoMilestone[] {
  return [
    {
      id: `ms-${fa}-mid`,
      focusArea: fa,
      title: 'Midtveisevaluering 2026',
      dueDate: '2026-12-01',
      measureIds: mid,
    },
    {
      id: `ms-${fa}-final`,
      focusArea: fa,
      title: 'Sluttevaluering 2028',
      dueDate: '2028-12-01',
      measureIds: final,
    },
  ];
}

export const DEMO_MILESTONES: DemoMilestone[] = [
  ...evaluations('1', ['m-1-1', 'm-1-2', 'm-1-4'], ['m-1-3']),
  {
    id: 'ms-1-1',
    focusArea: '1',
    title: 'Ungdomspanelet har hatt første samling',
    dueDate: '2026-04-30',
    measureIds: ['m-1-1'],
    doneAt: '2026-04-22T14:00:00.000Z',
  },
  ...evaluations('2', ['m-2-1', 'm-2-5'], ['m-2-3', 'm-2-4']),
  {
    id: 'ms-2-1',
    focusArea: '2',
    title: 'Regionalt planforum etablert',
    dueDate: '2025-11-30',
    measureIds: ['m-2-2'],
    doneAt: '2025-11-20T12:00:00.000Z',
  },
  ...evaluations('3', ['m-3-1', 'm-3-2'], ['m-3-3']),
  {
    id: 'ms-3-1',
    focusArea: '3',
    title: 'Klimastatus lagt fram for politisk møte',
    dueDate: '2027-04-30',
    measureIds: ['m-3-1'],
  },
  ...evaluations('4', ['m-4-1', 'm-4-3'], ['m-4-2', 'm-4-4']),
  {
    id: 'ms-4-1',
    focusArea: '4',
    title: 'Ansvarsfordeling for utfartsområdene avklart',
    dueDate: '2026-11-01',
    measureIds: ['m-4-3'],
  },
];

export interface DemoMeeting {
  id: string;
  date: string;
  title: string;
  kind: MeetingKind;
  note?: string;
}

const POLITICAL_NOTE =
  'Politisk og administrativ ledelse i fylkeskommunen og IPR. IPR kaller inn (avtalen 5.1).';

function political(year: number, half: 1 | 2, date: string): DemoMeeting {
  return {
    id: `mt-pol-${year}-${half}`,
    date,
    title: `Politisk møte ${half === 1 ? 'vår' : 'høst'} ${year}`,
    kind: 'political',
    note: POLITICAL_NOTE,
  };
}

/**
 * Demo meetings: the twice-yearly political meetings (spring and autumn, from the autumn after
 * the agreement was adopted in June 2025 to 2028) and a few administrative meetings (5.2).
 * Dates are plausible Thursdays/Wednesdays, not decided ones.
 */
export const DEMO_MEETINGS: DemoMeeting[] = [
  political(2025, 2, '2025-10-23'),
  political(2026, 1, '2026-04-23'),
  political(2026, 2, '2026-10-22'),
  political(2027, 1, '2027-04-22'),
  political(2027, 2, '2027-10-21'),
  political(2028, 1, '2028-04-27'),
  political(2028, 2, '2028-10-26'),
  {
    id: 'mt-adm-1',
    date: '2025-09-10',
    title: 'Administrativt samarbeidsmøte',
    kind: 'administrative',
    note: 'Oppstart av handlingsplan 2025–2026.',
  },
  {
    id: 'mt-adm-2',
    date: '2026-02-11',
    title: 'Administrativt samarbeidsmøte',
    kind: 'administrative',
  },
  {
    id: 'mt-adm-3',
    date: '2026-09-09',
    title: 'Administrativt samarbeidsmøte',
    kind: 'administrative',
    note: 'Forberede midtveisevalueringen.',
  },
  {
    id: 'mt-adm-4',
    date: '2027-02-10',
    title: 'Administrativt samarbeidsmøte',
    kind: 'administrative',
  },
];
