import { Checkbox, Fieldset } from '@digdir/designsystemet-react';
import { setMeasureOwner } from '@tavla/domain';
import { useTranslation } from 'react-i18next';
import { memberName, useAgreementContext } from '../agreements/agreementContext';
import { useMeasureFields, useSession } from '../sync/react';
import css from './MeasurePanel.module.css';
import type { SectionProps } from './parts';

const FIELDS = ['owners'] as const;

/**
 * The measure's owners: a checkbox per member for editors (22 in a joint meeting), the names
 * for viewers. Subscribed on its own so that only a change of the owners re-renders it.
 */
export function OwnersField({ measureId, run }: SectionProps) {
  const { t } = useTranslation();
  const session = useSession();
  const m = useMeasureFields(session, measureId, FIELDS);
  const { canEdit, members } = useAgreementContext();
  if (!m) return null;
  const owners = m.owners;

  if (!canEdit) return owners.length ? owners.map((o) => memberName(members, o)).join(', ') : '—';
  if (members.length === 0) return null;
  // One owner at a time: a concurrent change of another owner, also one made offline, is kept
  // ([F11] in docs/document-format.md).
  const setOwner = (userId: string, on: boolean) =>
    run(() => setMeasureOwner(session.doc, measureId, userId, on, session.origin));
  return (
    <Fieldset data-size="sm">
      <Fieldset.Legend>{t('detail.owners')}</Fieldset.Legend>
      <div className={css.grid}>
        {members.map((mem) => (
          <Checkbox
            key={mem.userId}
            label={mem.name}
            description={mem.organisation?.name}
            checked={owners.includes(mem.userId)}
            onChange={(e) => setOwner(mem.userId, e.target.checked)}
          />
        ))}
      </div>
    </Fieldset>
  );
}
