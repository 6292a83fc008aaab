import { Button, Textfield } from '@digdir/designsystemet-react';
import type { FormEvent, ReactNode } from 'react';
import { TitledSection } from '../forms/PageSection';
import css from './MeasurePanel.module.css';

/** Runs a change to the measure (in the panel's undo scope). */
export type Run = (fn: () => void) => void;

/**
 * What every section of the measure panel gets: the id, not the measure. Each section reads
 * only the fields it shows (`useMeasureFields`), so a change elsewhere in the measure (someone
 * typing in the title) does not re-render it.
 */
export interface SectionProps {
  measureId: string;
  run: Run;
}

/** A titled section of the measure panel (an h3 under the measure's h2). */
export function DetailSection(props: { headingId: string; title: string; children: ReactNode }) {
  return <TitledSection {...props} level={3} size="2xs" className={css.section} />;
}

/** A dated, signed entry in a list (a comment, a status update). */
export function Entry({ meta, text }: { meta: ReactNode; text?: string }) {
  return (
    <li className={css.entry}>
      <div className={css.entryMeta}>{meta}</div>
      {text !== undefined && <p className={css.entryText}>{text}</p>}
    </li>
  );
}

/** The form under a list of entries: a few lines of text (and any fields before it) to add. */
export function TextEntryForm({
  onSubmit,
  'aria-label': ariaLabel,
  children,
  label,
  description,
  value,
  error,
  onChange,
  submitLabel,
}: {
  onSubmit: (e: FormEvent) => void;
  'aria-label'?: string;
  /** Fields before the text. */
  children?: ReactNode;
  label: string;
  description?: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  submitLabel: string;
}) {
  return (
    <form onSubmit={onSubmit} className={css.section} aria-label={ariaLabel}>
      {children}
      <Textfield
        data-size="sm"
        multiline
        rows={2}
        label={label}
        description={description}
        value={value}
        maxLength={5000}
        error={error}
        onChange={(e) => onChange(e.target.value)}
      />
      <div>
        <Button type="submit" data-size="sm" variant="secondary">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
