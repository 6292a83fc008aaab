import { Alert, Button } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useSession, useStructure } from '../sync/react';
import css from './MeasurePanel.module.css';
import { useForeignChanges } from './useForeignChanges';

/**
 * "Kari endret dette tiltaket", "Kari flyttet dette tiltaket til Pågår": the latest change by
 * someone else to the open measure. Holds its own state, as it is renewed on every keystroke
 * someone else types in the measure, and that must not re-render the panel around it.
 */
export function ConflictNotice({ measureId }: { measureId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const { columns } = useStructure(session);
  const [notice, dismiss] = useForeignChanges(session, measureId);
  if (!notice) return null;
  const text = t(`conflict.${notice.kind}`, {
    name: notice.name ?? t('conflict.someone'),
    column: columns.find((c) => c.id === notice.columnId)?.title ?? '',
  });
  return (
    <Alert data-color="info" data-size="sm" className={css.notice} data-testid="conflict-notice">
      <div role={notice.kind === 'changed' ? undefined : 'status'}>{text}</div>
      <Button variant="tertiary" data-size="sm" onClick={dismiss}>
        {t('conflict.dismiss')}
      </Button>
    </Alert>
  );
}
