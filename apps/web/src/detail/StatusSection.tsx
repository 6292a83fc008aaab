import { Field, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { addStatusUpdate, type Health } from '@tavla/domain';
import { serverClock } from '../api/serverClock';
import { today } from '../board/dates';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgreementContext } from '../agreements/agreementContext';
import { HealthIcon } from '../board/icons';
import { formatDate } from '../i18n';
import { useMeasureFields, useSession } from '../sync/react';
import css from './MeasurePanel.module.css';
import { DetailSection, Entry, type SectionProps, TextEntryForm } from './parts';

/**
 * Statusoppdateringer: dated entries with health and a justification (required when the health
 * changes) and their author. The newest first; the card shows the latest.
 */
const FIELDS = ['health', 'statusUpdates'] as const;

export function StatusSection({ measureId, run }: SectionProps) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const m = useMeasureFields(session, measureId, FIELDS);
  const { canEdit, me } = useAgreementContext();
  const current = m?.health ?? 'green';
  const [health, setHealth] = useState<Health>(current);
  // Follow the measure's health when it changes (a status update by someone else).
  useEffect(() => setHealth(current), [current]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.resolvedLanguage ?? 'nb';
  if (!m) return null;
  const history = [...m.statusUpdates].reverse();

  function submit(e: FormEvent) {
    e.preventDefault();
    // A justification is required when the health changes; an update without any text and
    // without a change says nothing, so it is refused too.
    if (!text.trim()) {
      setError(t('detail.statusTextRequired'));
      return;
    }
    setError(null);
    run(() =>
      addStatusUpdate(
        session.doc,
        measureId,
        {
          health,
          text: text.trim(),
          authorId: me.id,
          authorName: me.name,
          // The day it is where the person is (the domain's default is the UTC day, which is
          // yesterday's until 01:00 or 02:00 in Norway), by the server's clock.
          date: today(new Date(serverClock.now())),
        },
        session.origin,
      ),
    );
    setText('');
  }

  return (
    <DetailSection headingId="status-h" title={t('detail.statusUpdates')}>
      <Paragraph data-size="sm" className={css.healthText}>
        <HealthIcon health={m.health} />
        {t('health.label')}: {t(`health.${m.health}`)}
      </Paragraph>
      {canEdit && (
        <TextEntryForm
          onSubmit={submit}
          aria-label={t('detail.newStatus')}
          label={t('detail.statusText')}
          description={t('detail.statusTextHelp')}
          value={text}
          error={error ?? undefined}
          onChange={setText}
          submitLabel={t('detail.publish')}
        >
          <Field data-size="sm">
            <Label>{t('detail.health')}</Label>
            <Select
              value={health}
              onChange={(e) => setHealth(e.target.value as Health)}
              width="auto"
            >
              <Select.Option value="green">{t('health.green')}</Select.Option>
              <Select.Option value="yellow">{t('health.yellow')}</Select.Option>
              <Select.Option value="red">{t('health.red')}</Select.Option>
            </Select>
          </Field>
        </TextEntryForm>
      )}
      {history.length === 0 ? (
        <Paragraph data-size="sm">{t('detail.noStatusUpdates')}</Paragraph>
      ) : (
        <ol className={css.list}>
          {history.map((s) => (
            <Entry
              key={s.id}
              meta={
                <>
                  <span className={css.healthText}>
                    <HealthIcon health={s.health} />
                    {t(`health.${s.health}`)}
                  </span>
                  <span>
                    {t('detail.byOn', { name: s.authorName, date: formatDate(s.date, lang) })}
                  </span>
                </>
              }
              text={s.text || undefined}
            />
          ))}
        </ol>
      )}
    </DetailSection>
  );
}
