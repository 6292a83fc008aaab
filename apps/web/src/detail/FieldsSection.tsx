import { Field, Heading, Label, Select } from '@digdir/designsystemet-react';
import { moveMeasure, type Party, updateMeasure } from '@tavla/domain';
import { useTranslation } from 'react-i18next';
import { useAgreementContext } from '../agreements/agreementContext';
import { HealthIcon } from '../board/icons';
import { DateField } from '../forms/DateField';
import { formatNorwegianDate } from '../forms/DateField.parse';
import { formatDate } from '../i18n';
import { useMeasureFields, useSession, useStructure } from '../sync/react';
import css from './MeasurePanel.module.css';
import { OwnersField } from './OwnersField';
import type { SectionProps } from './parts';

const FIELDS = [
  'focusAreaId',
  'columnId',
  'objectiveId',
  'strategyId',
  'party',
  'startDate',
  'dueDate',
  'health',
] as const;

/**
 * Column, delmål, strategy, party, owners, dates: selects for editors, a list for viewers. The
 * owners (a checkbox per member) subscribe on their own.
 */
export function FieldsSection({ measureId, run }: SectionProps) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const m = useMeasureFields(session, measureId, FIELDS);
  const { columns, objectives, strategies } = useStructure(session);
  const { canEdit } = useAgreementContext();
  const lang = i18n.resolvedLanguage ?? 'nb';
  if (!m) return null;
  const faObjectives = objectives.filter((o) => o.focusAreaId === m.focusAreaId);
  const objStrategies = strategies.filter((s) => s.objectiveId === m.objectiveId);
  const objective = objectives.find((o) => o.id === m.objectiveId);
  const strategy = strategies.find((s) => s.id === m.strategyId);
  const update = (patch: Parameters<typeof updateMeasure>[2]) =>
    run(() => updateMeasure(session.doc, measureId, patch, session.origin));

  if (!canEdit) {
    return (
      <dl className={css.dl}>
        <dt>{t('detail.column')}</dt>
        <dd>{columns.find((c) => c.id === m.columnId)?.title ?? '—'}</dd>
        <dt>{t('detail.objective')}</dt>
        <dd>{objective ? `${objective.code} ${objective.title}` : '—'}</dd>
        <dt>{t('detail.strategy')}</dt>
        <dd>{strategy?.title ?? '—'}</dd>
        <dt>{t('detail.party')}</dt>
        <dd>{m.party ? t(`party.${m.party}`) : t('party.none')}</dd>
        <dt>{t('detail.owners')}</dt>
        <dd>
          <OwnersField measureId={measureId} run={run} />
        </dd>
        <dt>{t('detail.startDate')}</dt>
        <dd>{m.startDate ? formatDate(m.startDate, lang, 'long') : '—'}</dd>
        <dt>{t('detail.dueDate')}</dt>
        <dd>{m.dueDate ? formatDate(m.dueDate, lang, 'long') : '—'}</dd>
        <dt>{t('detail.health')}</dt>
        <dd className={css.healthText}>
          <HealthIcon health={m.health} />
          {t(`health.${m.health}`)}
        </dd>
      </dl>
    );
  }

  return (
    <div className={css.section}>
      <div className={css.grid}>
        <Field data-size="sm">
          <Label>{t('detail.column')}</Label>
          <Select
            value={m.columnId}
            onChange={(e) =>
              run(() =>
                moveMeasure(
                  session.doc,
                  measureId,
                  { columnId: e.target.value, index: 0 },
                  session.origin,
                ),
              )
            }
          >
            {columns.map((c) => (
              <Select.Option key={c.id} value={c.id}>
                {c.title}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field data-size="sm">
          <Label>{t('detail.party')}</Label>
          <Select
            value={m.party ?? ''}
            onChange={(e) => update({ party: (e.target.value || null) as Party | null })}
          >
            <Select.Option value="">{t('party.none')}</Select.Option>
            <Select.Option value="county">{t('party.county')}</Select.Option>
            <Select.Option value="ipr">{t('party.ipr')}</Select.Option>
            <Select.Option value="joint">{t('party.joint')}</Select.Option>
          </Select>
        </Field>
        <Field data-size="sm">
          <Label>{t('detail.objective')}</Label>
          <Select
            value={m.objectiveId ?? ''}
            onChange={(e) => update({ objectiveId: e.target.value || null })}
          >
            <Select.Option value="">{t('detail.none')}</Select.Option>
            {faObjectives.map((o) => (
              <Select.Option key={o.id} value={o.id}>
                {o.code} {o.title}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field data-size="sm">
          <Label>{t('detail.strategy')}</Label>
          <Select
            value={m.strategyId ?? ''}
            disabled={!m.objectiveId}
            onChange={(e) => update({ strategyId: e.target.value || null })}
          >
            <Select.Option value="">{t('detail.none')}</Select.Option>
            {objStrategies.map((s) => (
              <Select.Option key={s.id} value={s.id}>
                {s.title}
              </Select.Option>
            ))}
          </Select>
        </Field>
        {/* Keyed by measure: what was typed for one measure is never written to the next. */}
        <DateField
          key={`start-${measureId}`}
          label={t('detail.startDate')}
          value={m.startDate}
          max={m.dueDate}
          maxMessage={t('dateField.startAfterDue', { date: formatNorwegianDate(m.dueDate) })}
          onChange={(startDate) => update({ startDate })}
          data-testid="measure-start-date"
        />
        <DateField
          key={`due-${measureId}`}
          label={t('detail.dueDate')}
          value={m.dueDate}
          min={m.startDate}
          minMessage={t('dateField.dueBeforeStart', { date: formatNorwegianDate(m.startDate) })}
          onChange={(dueDate) => update({ dueDate })}
          data-testid="measure-due-date"
        />
      </div>
      <OwnersField measureId={measureId} run={run} />
      <Heading level={3} data-size="2xs" className="visually-hidden">
        {t('detail.health')}
      </Heading>
    </div>
  );
}
