import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import page from '../shell/Page.module.css';
import { usePageTitle } from '../shell/usePageTitle';

/** Tilgjengelighetserklæring, as public-sector services in Norway must publish. */
export function AccessibilityPage() {
  const { t } = useTranslation();
  const sections = ['status', 'keyboard', 'language', 'contact'] as const;
  usePageTitle([t('a11y.title')]);
  return (
    <article className={page.narrow}>
      <Heading level={1} data-size="lg">
        {t('a11y.title')}
      </Heading>
      <Paragraph>{t('a11y.intro')}</Paragraph>
      {sections.map((s) => (
        <section key={s} aria-labelledby={`a11y-${s}`}>
          <Heading level={2} data-size="sm" id={`a11y-${s}`}>
            {t(`a11y.${s}Title`)}
          </Heading>
          <Paragraph>{t(`a11y.${s}`)}</Paragraph>
        </section>
      ))}
      <Paragraph data-size="sm">{t('a11y.updated')}</Paragraph>
    </article>
  );
}
