import { Button, Checkbox, Textfield } from '@digdir/designsystemet-react';
import { addChecklistItem, removeChecklistItem, setChecklistItem } from '@tavla/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgreementContext } from '../agreements/agreementContext';
import { useMeasureFields, useSession } from '../sync/react';
import css from './MeasurePanel.module.css';
import { DetailSection, type SectionProps } from './parts';

const FIELDS = ['checklist'] as const;

export function ChecklistSection({ measureId, run }: SectionProps) {
  const { t } = useTranslation();
  const session = useSession();
  const m = useMeasureFields(session, measureId, FIELDS);
  const { canEdit } = useAgreementContext();
  const [text, setText] = useState('');

  function add(e: FormEvent) {
    e.preventDefault();
    const v = text.trim();
    if (!v) return;
    run(() => addChecklistItem(session.doc, measureId, v, session.origin));
    setText('');
  }

  if (!m || (!canEdit && m.checklist.length === 0)) return null;
  return (
    <DetailSection headingId="checklist-h" title={t('detail.checklist')}>
      <ul className={css.list}>
        {m.checklist.map((item) => (
          <li key={item.id} className={css.row}>
            {canEdit ? (
              <>
                <Checkbox
                  data-size="sm"
                  label={item.text}
                  checked={item.done}
                  onChange={(e) =>
                    run(() =>
                      setChecklistItem(
                        session.doc,
                        measureId,
                        item.id,
                        { done: e.target.checked },
                        session.origin,
                      ),
                    )
                  }
                />
                <Button
                  variant="tertiary"
                  data-size="sm"
                  icon
                  aria-label={t('detail.remove', { text: item.text })}
                  onClick={() =>
                    run(() => removeChecklistItem(session.doc, measureId, item.id, session.origin))
                  }
                >
                  <span aria-hidden="true">✕</span>
                </Button>
              </>
            ) : (
              <span>
                <span aria-hidden="true">{item.done ? '☑' : '☐'} </span>
                <span className="visually-hidden">{item.done ? '✓ ' : ''}</span>
                {item.text}
              </span>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form onSubmit={add} className={css.inline}>
          <Textfield
            data-size="sm"
            label={t('detail.checklistNew')}
            value={text}
            maxLength={500}
            onChange={(e) => setText(e.target.value)}
          />
          <Button type="submit" data-size="sm" variant="secondary">
            {t('detail.add')}
          </Button>
        </form>
      )}
    </DetailSection>
  );
}
