import { Button, Field, Label, Select, Textfield } from '@digdir/designsystemet-react';
import type { ColumnKind } from '@tavla/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import css from './CreateMeasure.module.css';

/**
 * The form for a column's name and meaning (a `done` column never makes a measure late, [R1]):
 * renaming a column, or adding one. Enter saves, Escape
 * or "Avbryt" closes; an empty name or a name the document refuses shows why, keeps what was
 * typed, and changes nothing.
 */
export function ColumnForm({
  label,
  formLabel,
  submitText,
  initial = '',
  initialKind = null,
  onSubmit,
  onClose,
}: {
  /** The text field's label. */
  label: string;
  /** The form's accessible name (names the column for a rename). */
  formLabel: string;
  submitText: string;
  initial?: string;
  initialKind?: ColumnKind | null;
  /** Saves the name and what the column means; throws when the document refuses it. */
  onSubmit: (title: string, kind: ColumnKind | null) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial);
  const [kind, setKind] = useState<ColumnKind | ''>(initialKind ?? '');
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const value = title.trim();
    if (!value) {
      setError(t('board.columnNameRequired'));
      return;
    }
    try {
      onSubmit(value, kind === '' ? null : kind);
      onClose();
    } catch (err) {
      setError(t('board.columnSaveFailed', { message: err instanceof Error ? err.message : '' }));
    }
  }

  return (
    <form className={css.form} onSubmit={submit} aria-label={formLabel} data-testid="column-form">
      <Textfield
        data-size="sm"
        label={label}
        value={title}
        maxLength={200}
        autoFocus
        error={error ?? undefined}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      />
      <Field data-size="sm">
        <Label>{t('board.columnKind')}</Label>
        <Select value={kind} onChange={(e) => setKind(e.target.value as ColumnKind | '')}>
          <Select.Option value="">{t('board.columnKindNone')}</Select.Option>
          <Select.Option value="todo">{t('board.columnKindTodo')}</Select.Option>
          <Select.Option value="doing">{t('board.columnKindDoing')}</Select.Option>
          <Select.Option value="done">{t('board.columnKindDone')}</Select.Option>
        </Select>
      </Field>
      <div className={css.actions}>
        <Button type="submit" data-size="sm">
          {submitText}
        </Button>
        <Button type="button" variant="tertiary" data-size="sm" onClick={onClose}>
          {t('board.cancel')}
        </Button>
      </div>
    </form>
  );
}
