import { Button, Textfield } from '@digdir/designsystemet-react';
import { type ColumnView, createMeasure } from '@tavla/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../sync/react';
import css from './CreateMeasure.module.css';
import { useReturnFocus } from './useReturnFocus';

/** "Nytt tiltak" at the bottom of a column: a button that opens a one-line form. */
export function CreateMeasure({
  focusAreaId,
  column,
  onCreated,
}: {
  focusAreaId: string;
  column: ColumnView;
  onCreated?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const buttonRef = useReturnFocus(open);

  function submit(e: FormEvent) {
    e.preventDefault();
    const value = title.trim();
    if (!value) {
      setError(t('board.newMeasureTitle'));
      return;
    }
    try {
      const id = createMeasure(
        session.doc,
        { focusAreaId, columnId: column.id, title: value },
        session.origin,
      );
      setTitle('');
      setError(null);
      onCreated?.(id);
    } catch (err) {
      setError(`${t('board.createFailed')} ${err instanceof Error ? err.message : ''}`);
    }
  }

  if (!open)
    return (
      <Button
        ref={buttonRef}
        variant="tertiary"
        data-size="sm"
        className={css.open}
        onClick={() => setOpen(true)}
        aria-label={t('board.newMeasureIn', { column: column.title })}
      >
        <span aria-hidden="true">+</span> {t('board.newMeasure')}
      </Button>
    );

  return (
    <form
      className={css.form}
      onSubmit={submit}
      aria-label={t('board.newMeasureIn', { column: column.title })}
    >
      <Textfield
        data-size="sm"
        label={t('board.newMeasureTitle')}
        value={title}
        maxLength={200}
        autoFocus
        error={error ?? undefined}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      <div className={css.actions}>
        <Button type="submit" data-size="sm">
          {t('board.create')}
        </Button>
        <Button
          type="button"
          variant="tertiary"
          data-size="sm"
          onClick={() => {
            setOpen(false);
            setTitle('');
            setError(null);
          }}
        >
          {t('board.cancel')}
        </Button>
      </div>
    </form>
  );
}
