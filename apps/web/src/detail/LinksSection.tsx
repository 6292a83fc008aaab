import { Checkbox, Fieldset, Paragraph } from '@digdir/designsystemet-react';
import { linkMeasure, setMeasureOutcome, unlinkMeasure } from '@tavla/domain';
import { useTranslation } from 'react-i18next';
import { useAgreementContext } from '../agreements/agreementContext';
import { MilestoneIcon } from '../board/icons';
import { formatDate } from '../i18n';
import { MilestoneStateBadge } from '../milestones/MilestoneState';
import { useMilestoneStates } from '../milestones/useMilestoneInfos';
import { useMeasureFields, useSession, useStructure } from '../sync/react';
import css from './MeasurePanel.module.css';
import { DetailSection, type SectionProps } from './parts';

const FIELDS = ['focusAreaId', 'outcomeIds'] as const;

/** Linked milestones (of this focus area) and long-term results (outcomes). */
export function LinksSection({ measureId, run }: SectionProps) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const m = useMeasureFields(session, measureId, FIELDS);
  const { milestones, outcomes } = useStructure(session);
  const { canEdit } = useAgreementContext();
  const focusAreaId = m?.focusAreaId ?? '';
  const states = useMilestoneStates(session, focusAreaId);
  const lang = i18n.resolvedLanguage ?? 'nb';
  if (!m) return null;
  const faMilestones = milestones.filter((ms) => ms.focusAreaId === focusAreaId);
  const linked = faMilestones.filter((ms) => ms.measureIds.includes(measureId));
  const linkedOutcomes = outcomes.filter((o) => m.outcomeIds.includes(o.id));

  if (!canEdit) {
    return (
      <>
        <DetailSection headingId="ms-h" title={t('detail.milestones')}>
          {linked.length === 0 ? (
            <Paragraph data-size="sm">—</Paragraph>
          ) : (
            <ul className={css.list}>
              {linked.map((ms) => (
                <li key={ms.id}>
                  <MilestoneIcon /> {ms.title} ({formatDate(ms.dueDate, lang)}){' '}
                  <MilestoneStateBadge state={states.get(ms.id) ?? 'on_track'} />
                </li>
              ))}
            </ul>
          )}
        </DetailSection>
        <DetailSection headingId="oc-h" title={t('detail.outcomes')}>
          {linkedOutcomes.length === 0 ? (
            <Paragraph data-size="sm">—</Paragraph>
          ) : (
            <ul className={css.list}>
              {linkedOutcomes.map((o) => (
                <li key={o.id}>
                  {o.number}. {o.title}
                </li>
              ))}
            </ul>
          )}
        </DetailSection>
      </>
    );
  }

  return (
    <>
      <Fieldset data-size="sm">
        <Fieldset.Legend>{t('detail.milestones')}</Fieldset.Legend>
        {faMilestones.length === 0 && (
          <Paragraph data-size="sm">{t('detail.noMilestones')}</Paragraph>
        )}
        {faMilestones.map((ms) => (
          <Checkbox
            key={ms.id}
            label={ms.title}
            description={
              <>
                {formatDate(ms.dueDate, lang)}{' '}
                <MilestoneStateBadge state={states.get(ms.id) ?? 'on_track'} />
              </>
            }
            checked={ms.measureIds.includes(measureId)}
            onChange={(e) =>
              run(() =>
                e.target.checked
                  ? linkMeasure(session.doc, ms.id, measureId, session.origin)
                  : unlinkMeasure(session.doc, ms.id, measureId, session.origin),
              )
            }
          />
        ))}
      </Fieldset>
      {outcomes.length > 0 && (
        <Fieldset data-size="sm">
          <Fieldset.Legend>{t('detail.outcomes')}</Fieldset.Legend>
          {outcomes.map((o) => (
            <Checkbox
              key={o.id}
              label={`${o.number}. ${o.title}`}
              checked={m.outcomeIds.includes(o.id)}
              // One link at a time: a concurrent change of another link, also one made
              // offline, is kept ([F11] in docs/document-format.md).
              onChange={(e) =>
                run(() =>
                  setMeasureOutcome(session.doc, measureId, o.id, e.target.checked, session.origin),
                )
              }
            />
          ))}
        </Fieldset>
      )}
    </>
  );
}
