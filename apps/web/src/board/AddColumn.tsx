import { Button } from '@digdir/designsystemet-react';
import { createColumn } from '@tavla/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../sync/react';
import css from './Column.module.css';
import { ColumnForm } from './ColumnForm';
import { useReturnFocus } from './useReturnFocus';

/**
 * "Legg til kolonne" after the last column: the agreement's workflow columns are shared by all
 * its boards, so a column added here appears on every focus area's board, for everyone, at once.
 */
export function AddColumn() {
  const { t } = useTranslation();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const button = useReturnFocus(open);

  return (
    <div className={css.addColumn} data-testid="add-column">
      {open ? (
        <ColumnForm
          label={t('board.columnName')}
          formLabel={t('board.addColumn')}
          submitText={t('board.create')}
          onSubmit={(title, kind) => {
            createColumn(session.doc, { title, kind }, session.origin);
          }}
          onClose={() => setOpen(false)}
        />
      ) : (
        <Button ref={button} variant="tertiary" data-size="sm" onClick={() => setOpen(true)}>
          <span aria-hidden="true">+</span> {t('board.addColumn')}
        </Button>
      )}
    </div>
  );
}
