import { Heading } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import css from './forms.module.css';

/**
 * A titled part of a page (an h2 under the page's h1), named by its heading. `headingId` is the
 * heading's id, for a form in the section to be named by it too.
 */
export function PageSection({
  headingId,
  title,
  children,
}: {
  headingId: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section className={css.section} aria-labelledby={headingId}>
      <Heading level={2} data-size="sm" id={headingId}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
