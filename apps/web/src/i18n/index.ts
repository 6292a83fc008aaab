import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { nb } from './nb';

export const LANGUAGES = ['nb', 'nn', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Bokmål ships with the app; nynorsk and English load when chosen (each is a sizeable share of
 * the board page's JavaScript budget).
 */
const loaders: Record<Exclude<Language, 'nb'>, () => Promise<Record<string, unknown>>> = {
  nn: () => import('./nn').then((m) => m.nn),
  en: () => import('./en').then((m) => m.en),
};

export async function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'nb' || i18next.hasResourceBundle(lang, 'translation')) return;
  const messages = await loaders[lang]();
  i18next.addResourceBundle(lang, 'translation', messages, true, true);
}

const STORAGE_KEY = 'tavla.language';

/** The person's chosen language (per browser), bokmål when nothing is chosen. */
export function storedLanguage(): Language {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (v && (LANGUAGES as readonly string[]).includes(v)) return v as Language;
  } catch {
    // storage can be blocked (private mode); fall back to the default
  }
  return 'nb';
}

export async function setLanguage(lang: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore: the choice then lasts for this page only
  }
  await loadLanguage(lang);
  await i18next.changeLanguage(lang);
}

i18next.on('languageChanged', (lng) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
});

void i18next.use(initReactI18next).init({
  resources: { nb: { translation: nb } },
  lng: 'nb',
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

// "har nå rollen {{role, lowercase}}": a role's name starts with a capital where it stands alone
// (a select, a table), but not in the middle of a Norwegian sentence ("rollen lesetilgang").
i18next.services.formatter?.add('lowercase', (value: unknown, lng: string | undefined) =>
  String(value).toLocaleLowerCase(lng),
);

export { i18next };

/** Resolves when the person's chosen language is loaded and active (awaited before first render). */
export const i18nReady: Promise<void> =
  storedLanguage() === 'nb'
    ? Promise.resolve()
    : setLanguage(storedLanguage()).catch(() => undefined);

/**
 * Intl formatters by language and options. Creating one is costly (locale negotiation, ICU
 * data): a board of 150 cards with due dates spent ~15 ms of its first render doing it per card.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), options);
    formatters.set(key, f);
  }
  return f;
}

/** Formats an ISO date (YYYY-MM-DD) for the current language, e.g. "3. mars 2026". */
export function formatDate(iso: string, lang: string, style: 'short' | 'long' = 'short'): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  const date = new Date(Date.UTC(y, m - 1, d));
  return formatter(lang, {
    day: 'numeric',
    month: style === 'long' ? 'long' : 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

export function formatDateTime(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * Locales for Intl, best first. Some ICU builds (e.g. Debian's Chromium) lack nynorsk data, so
 * nn falls back to Norwegian bokmål formats rather than to American English.
 */
export function locale(lang: string): string[] {
  if (lang === 'en') return ['en-GB', 'en'];
  if (lang === 'nn') return ['nn-NO', 'nn', 'no', 'nb-NO'];
  return ['nb-NO', 'no'];
}
