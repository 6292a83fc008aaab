import {
  Button,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  Textfield,
} from '@digdir/designsystemet-react';
import { addStatusUpdate, type Health, type MeasureView } from '@tavla/domain';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgreementContext } from '../agreements/agreementContext';
import { HealthIcon } from '../board/icons';
import { formatDate } from '../i18n';
import { useSession } from '../sync/react';
import css from './MeasurePanel.module.css';

/**
 * Statusoppdateringer: dated entries with health and a justification (required when the health
 * changes) and their author. The newest first; the card shows the latest.
 */
export function StatusSection({
  measure: m,
  run,
}: {
  measure: MeasureView;
  run: (fn: () => void) => void;
}) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { canEdit, me } = useAgreementContext();
  const [health, setHealth] = useState<Health>(m.health);
  // Follow the measure's health when it changes (a status update by someone else).
  useEffect(() => setHealth(m.health), [m.health]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.resolvedLanguage ?? 'nb';
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
        m.id,
        { health, text: text.trim(), authorId: me.id, authorName: me.name },
        session.origin,
      ),
    );
    setText('');
  }

  return (
    <section className={css.section} aria-labelledby="status-h">
      <Heading level={3} data-size="2xs" id="status-h">
        {t('detail.statusUpdates')}
      </Heading>
      <Paragraph data-size="sm" className={css.healthText}>
        <HealthIcon health={m.health} />
        {t('health.label')}: {t(`health.${m.health}`)}
      </Paragraph>
      {canEdit && (
        <form onSubmit={submit} className={css.section} aria-label={t('detail.newStatus')}>
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
          <Textfield
            data-size="sm"
            multiline
            rows={2}
            label={t('detail.statusText')}
            description={t('detail.statusTextHelp')}
            value={text}
            maxLength={5000}
            error={error ?? undefined}
            onChange={(e) => setText(e.target.value)}
          />
          <div>
            <Button type="submit" data-size="sm" variant="secondary">
              {t('detail.publish')}
            </Button>
          </div>
        </form>
      )}
      {history.length === 0 ? (
        <Paragraph data-size="sm">{t('detail.noStatusUpdates')}</Paragraph>
      ) : (
        <ol className={css.list}>
          {history.map((s) => (
            <li key={s.id} className={css.entry}>
              <div className={css.entryMeta}>
                <span className={css.healthText}>
                  <HealthIcon health={s.health} />
                  {t(`health.${s.health}`)}
                </span>
                <span>
                  {t('detail.byOn', { name: s.authorName, date: formatDate(s.date, lang) })}
                </span>
              </div>
              {s.text && <p className={css.entryText}>{s.text}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
