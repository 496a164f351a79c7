export const da = {
  app: {
    name: 'Klima',
    tagline: 'Styring og finansiering af klimapartnerskaber',
    skipToContent: 'Gå til indhold',
    mainNav: 'Hovedmenu',
  },
  nav: {
    map: 'Styringsmodel',
    bodies: 'Organer',
    people: 'Personer',
    organisations: 'Organisationer',
    cases: 'Sager',
    financing: 'Økonomi',
  },
  language: {
    label: 'Sprog',
    da: 'Dansk',
    en: 'English',
  },
  common: {
    loading: 'Henter …',
    empty: 'Der er intet at vise.',
    loadMore: 'Vis flere',
    save: 'Gem',
    cancel: 'Annuller',
    reload: 'Genindlæs',
    back: 'Tilbage',
    name: 'Navn',
    kind: 'Type',
    none: '—',
    required: 'påkrævet',
    notFound: 'Siden findes ikke.',
    home: 'Til forsiden',
    search: 'Søg',
    filter: 'Filtrér',
    clear: 'Nulstil',
    open: 'Åbn',
    yes: 'Ja',
    no: 'Nej',
  },
  errors: {
    title: 'Der opstod en fejl',
    stale: 'Oplysningerne er ændret af en anden, siden du hentede dem. Genindlæs siden og prøv igen.',
    conflict: 'Handlingen er i konflikt med de nuværende data.',
    notFound: 'Det efterspurgte findes ikke.',
    network: 'Kunne ikke få forbindelse til serveren.',
    validation: 'Ret de markerede felter.',
    unknown: 'Noget gik galt. Prøv igen.',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof da>;
