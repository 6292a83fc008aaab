/**
 * The text of Tromsvekstavtalen for Tromsøregionen (/work/shared/seed/tromsvekstavtalen.txt),
 * word for word. PDF extraction artefacts are cleaned up and nothing else: words hyphenated
 * over a line break are joined ("Tromsøregio-"/"nen" -> "Tromsøregionen"), compounds broken
 * over two lines are joined ("areal"/"planarbeid" -> "arealplanarbeid", "Tromsø"/"regionen",
 * "næ-"/"rings utvikling" -> "næringsutvikling"), real hyphens stay ("samfunns- og"), and the
 * text's own spelling is kept ("samfunns, og arealplanlegging", "innbyggermedvirking").
 * Ids are fixed so that seeding is deterministic and idempotent.
 */

export const AGREEMENT_TITLE = 'Tromsvekstavtalen for Tromsøregionen';

export const PARTIES = [
  {
    id: 'county',
    name: 'Troms fylkeskommune',
    fullName: 'Troms fylkeskommune',
    members: [] as string[],
  },
  {
    id: 'ipr',
    name: 'Tromsøregionens IPR',
    fullName: 'Tromsøregionens interkommunale politiske råd',
    members: ['Tromsø', 'Balsfjord', 'Karlsøy', 'Lyngen', 'Storfjord'],
  },
] as const;

export interface SeedStrategy {
  title: string;
  description?: string;
}
export interface SeedObjective {
  code: string;
  title: string;
  strategies: SeedStrategy[];
}
export interface SeedFocusArea {
  number: string;
  title: string;
  description: string;
  objectives: SeedObjective[];
}

export const FOCUS_AREAS: SeedFocusArea[] = [
  {
    number: '1',
    title: 'Befolkningsutvikling',
    description:
      'Innsatsområde 1 har et helhetlig blikk på utviklingen i Tromsøregionen, med stor demografisk variasjon innad regionen.',
    objectives: [
      {
        code: '1.1',
        title:
          'Tromsøregionen skal være et attraktivt sted der unge mennesker ønsker å studere, bo og arbeide.',
        strategies: [
          {
            title:
              'Samarbeid for å utvikle hele Tromsøregionen, der by og tettsteder fungerer som drivkrefter for hele sitt omland.',
          },
          {
            title:
              'Godt kollektivtilbud og mobilitet innad Tromsøregionen, innenfor rammene av regional transportplan Troms.',
          },
          {
            title:
              'Ringvirkninger av europeisk ungdomshovedstad 2026 for Tromsøregionen og fylket for øvrig.',
          },
          { title: 'Støtte og tilrettelegge for ungdomsmedvirkning.' },
        ],
      },
      {
        code: '1.2',
        title: 'Arbeidslivet i Tromsøregionen har tilgang på arbeidskraft med rett kompetanse.',
        strategies: [
          {
            title:
              'Legge fremtidige arbeids- og næringslivsbehov til grunn for utdanningstilbudene.',
          },
          {
            title:
              'Videreutvikle fleksible opplæringsmodeller innen videregående opplæring og høyere yrkesfaglig utdanning.',
          },
          { title: 'Videreutvikle samarbeidet for å ivareta tilflyttere til Tromsøregionen.' },
        ],
      },
    ],
  },
  {
    number: '2',
    title:
      'Behovet for styrket samfunns- og arealplanarbeid, inkludert tilrettelegging for grønne industriområder',
    description:
      'Innsatsområde 2 omhandler samfunns, og arealplanlegging som fundament for klimatilpasning og tilrettelegging for verdiskaping i forbindelse med det grønne skiftet.',
    objectives: [
      {
        code: '2.1',
        title:
          'Bidra til å styrke planarbeidet som fundament for bærekraftig samfunns- og næringsutvikling i Tromsøregionen.',
        strategies: [
          {
            title:
              'Erfaringsdeling og styrket kunnskapsgrunnlag i planarbeidet, herunder samarbeid omkring bærekraftsmålene og tilrettelegging for sterk innbyggermedvirkning.',
          },
          {
            title:
              'Samhandling, medvirkning og koordinering i regionale og kommunale planprosesser.',
          },
        ],
      },
      {
        code: '2.2',
        title:
          'Samarbeid om identifisering og utvikling av grønt industripotensiale i Tromsøregionen.',
        strategies: [
          {
            title:
              'Utarbeidelse av felles kunnskapsgrunnlag knyttet til sirkulær økonomi og potensialet for grønn industri i Tromsøregionen.',
          },
          {
            title:
              'Koordinering, videreutvikling og kunnskapsbygging om næringsutviklingen i Tromsøregionen.',
          },
          { title: 'Tilrettelegge for transportmidler med nullutslipp.' },
        ],
      },
    ],
  },
  {
    number: '3',
    title:
      'Grønn omstilling og kommunenes rolle i arbeidet med klimatilpasning og omstilling til lavutslippssamfunn',
    description:
      'Innsatsområde 3 handler om kommunal sektors arbeid med klimatilpasning og reduksjon av klimagassutslipp, gjennom rollen som planmyndighet, innkjøper, samfunnsutvikler og tilrettelegger for næringsutvikling.',
    objectives: [
      {
        code: '3.1',
        title: 'Bidra til at Tromsøregionen er en ledende aktør i det grønne skiftet.',
        strategies: [
          {
            title:
              'Felles kunnskap om konsekvenser av klimaendringene i Tromsøregionen, for samfunns- og næringsliv, sikkerhet og beredskapsarbeid.',
          },
          {
            title:
              'Tilrettelegge for samarbeid omkring klimastatus for kommunene i Tromsøregionen, og tilrettelegge for felles fremtidige tiltak.',
          },
          {
            title:
              'Samarbeid om utviklingsprosjekter basert på fortrinn, muligheter og utfordringer i Tromsøregionen.',
          },
        ],
      },
    ],
  },
  {
    number: '4',
    title: 'Reiseliv',
    description:
      'Innsatsområde 4 handler om å danne et godt grunnlag for en positiv samfunns- og næringsutvikling gjennom å planlegge og styre både turisme og friluftsliv som balanserer sosiale behov, miljøhensyn og økonomisk verdiskaping.',
    objectives: [
      {
        code: '4',
        title:
          'Tromsøregionen oppnår en bærekraftig og forutsigbar besøksforvaltning for reiselivet.',
        strategies: [
          { title: 'Økt bruk av kollektivtransport i reiselivet, der dette er mulig.' },
          {
            title: 'Helhetlig planlegging for bærekraftig besøksforvaltning.',
            description: [
              'Dette innebærer en balansert tilrettelegging, hvor enkelte områder utvikles for besøk, mens andre skjermes for å bevare naturverdier og lokal trivsel. Inkludert i arbeidet vil følgende stå sentralt:',
              '– Kunnskapsutveksling og deling av beste praksis og erfaringer innen arealplanlegging og bærekraftig besøksforvaltning.',
              '– Identifisere attraktive områder for turister, vurdert opp mot hensynet til lokalbefolkning, klima, naturmangfold, transport og infrastrukturbehov.',
              '– Utrede og tydeliggjøre ansvarsfordeling for vedlikehold, brøyting og annen infrastrukturrelatert drift i utfartsområdene.',
              '– Vurdere nye metoder for å informere besøkende om arktisk natur, herunder digitale løsninger, skilt og guidede opplevelser.',
            ].join('\n'),
          },
        ],
      },
    ],
  },
];

/** "Langsiktige resultater", in the agreement's order. */
export const OUTCOMES: string[] = [
  'Sterkere politisk påvirkningskraft nasjonalt.',
  'Øke sysselsetting og positiv befolkningsutvikling i hele Tromsøregionen.',
  'Innovative verktøy for innbyggermedvirking.',
  'Videreføring av tiltak iverksatt som følge av Tromsø som ungdomshovedstad.',
  'Forenkle mobilitet innad og ut av regionen.',
  'Attraktive lokalsamfunn med god tilgang til sosiale og kulturelle møteplasser.',
  'Godt integreringsarbeid overfor tilflyttere, som igjen velger å bli i regionen.',
  'Samarbeid om utviklingsprosjekter som oppnår støtte nasjonalt og internasjonalt.',
  'Oppdaterte samfunns- og arealplaner og mer effektive planprosesser lokalt og regionalt.',
  'Økt kunnskap om virkningene av ulike klimatiltak i fylkeskommuner og kommunene.',
  'Felles tiltak for å redusere klimaavtrykk.',
  'Grønne industrietableringer i Tromsøregionen.',
  'Økt andel besøkende som benytter seg av kollektivtilbud.',
  'Utarbeidelse og implementering av helhetlige besøksforvaltningsplaner.',
];

export const ACTION_PLANS = [
  {
    id: 'ap-2025-2026',
    title: 'Handlingsplan 2025–2026',
    startYear: 2025,
    endYear: 2026,
    startDate: '2025-01-01',
    endDate: '2026-12-31',
    evaluationKind: 'midterm',
    evaluationTitle: 'Midtveisevaluering 2026',
    evaluationYear: 2026,
    evaluationDescription:
      'Det legges opp til en midtveisevaluering av Tromsvekstavtalen for Tromsøregionen i 2026, der fylkeskommunen og Tromsøregionen IPR vurderer fremdrift i forhold til handlingsplan for 2025–2026. Eventuelle nødvendige justeringer innarbeides i handlingsplan 2027–2028.',
  },
  {
    id: 'ap-2027-2028',
    title: 'Handlingsplan 2027–2028',
    startYear: 2027,
    endYear: 2028,
    startDate: '2027-01-01',
    endDate: '2028-12-31',
    evaluationKind: 'final',
    evaluationTitle: 'Sluttevaluering 2028',
    evaluationYear: 2028,
    evaluationDescription:
      'Sluttevaluering gjennomføres i 2028, der både kvantitative resultater og kvalitative tilbakemeldinger samles og gjennomgås av Troms fylkeskommune og Tromsøregionens IPR.',
  },
] as const;

/** Id helpers: the seed's ids are part of its contract (tests and demo links use them). */
export const seedIds = {
  focusArea: (n: string) => `fa-${n}`,
  objective: (code: string) => `obj-${code}`,
  strategy: (code: string, i: number) => `str-${code}-${i}`,
  outcome: (n: number) => `out-${n}`,
};
