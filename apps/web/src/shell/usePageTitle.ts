import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The browser tab's text: the most specific part first, the app's name last. */
export function pageTitle(parts: readonly (string | null | undefined)[], appName: string): string {
  return [...parts.filter((p): p is string => !!p?.trim()), appName].join(' – ');
}

/**
 * Names the page in the browser tab and window list, e.g.
 * `usePageTitle([focusArea.title, agreement.title])` gives "Befolkningsutvikling – Tromsvekstavtalen
 * for Tromsøregionen – Tavla". WCAG 2.1 2.4.2 (Page Titled, level A): a single-page app that
 * leaves every page as "Tavla" fails it, and screen readers read the title first on navigation.
 * The title goes back to "Tavla" when the page unmounts (React runs the old page's cleanup before
 * the next page's effect). `null`: this component does not name the page now, a child does (a
 * parent's effect runs after its children's and would overwrite theirs).
 */
export function usePageTitle(parts: readonly (string | null | undefined)[] | null): void {
  const { t } = useTranslation();
  const appName = t('app.name');
  const title = parts ? pageTitle(parts, appName) : null;
  useEffect(() => {
    if (title === null) return;
    document.title = title;
    return () => {
      document.title = appName;
    };
  }, [title, appName]);
}
