import { Heading } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import css from './forms.module.css';

interface SectionProps {
  /** The heading's id, for a form in the section to be named by it too. */
  headingId: string;
  title: string;
  children: ReactNode;
}

/** A <section> named by its own heading, at the level and size the page's outline needs. */
export function TitledSection({
  headingId,
  title,
  children,
  level,
  size,
  className,
}: SectionProps & {
  level: 2 | 3;
  size: 'sm' | '2xs';
  className?: string;
}) {
  return (
    <section className={className} aria-labelledby={headingId}>
      <Heading level={level} data-size={size} id={headingId}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** A titled part of a page (an h2 under the page's h1). */
export function PageSection(props: SectionProps) {
  return <TitledSection {...props} level={2} size="sm" className={css.section} />;
}
