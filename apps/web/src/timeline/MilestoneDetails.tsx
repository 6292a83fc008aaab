import { Dialog, Heading, Link as DsLink, Paragraph } from '@digdir/designsystemet-react';
import { isLate } from '@tavla/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useAgreementContext } from '../agreements/agreementContext';
import { today } from '../board/dates';
import { HealthIcon, LateIcon } from '../board/icons';
import { formatDate } from '../i18n';
import { MilestoneStateBadge } from '../milestones/MilestoneState';
import type { MilestoneInfo } from '../milestones/state';
import { useSession, useStructure } from '../sync/react';
import css from './MilestoneDetails.module.css';
import { SidePanel } from '../forms/SidePanel';

/** A selected milestone: its state, progress and measures, each opening on its board. */
export function MilestoneDetails({ info, onClose }: { info: MilestoneInfo; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'nb';
  const ctx = useAgreementContext();
  const session = useSession();
  const { focusAreas, columns } = useStructure(session);
  const ms = info.milestone;
  const fa = focusAreas.find((f) => f.id === ms.focusAreaId);
  const base = `/a/${encodeURIComponent(ctx.agreementId)}/fa/${encodeURIComponent(ms.focusAreaId)}`;
  const todayISO = today();
  return (
    <SidePanel
      onClose={onClose}
      closeButton={t('milestones.close')}
      className={css.dialog}
      aria-labelledby="ms-details-title"
      data-testid="milestone-details"
      data-milestone-id={ms.id}
    >
      <Dialog.Block>
        {fa && (
          <Paragraph data-size="xs" className={css.fa}>
            {t('overview.focusArea', { number: fa.number })} · {fa.title}
          </Paragraph>
        )}
        <Heading level={2} data-size="sm" id="ms-details-title">
          {ms.title}
        </Heading>
        <div className={css.facts}>
          <MilestoneStateBadge state={info.state} />
          <span>{t('milestones.due', { date: formatDate(ms.dueDate, lang, 'long') })}</span>
          {ms.done && ms.doneAt && (
            <span>{t('milestones.doneOn', { date: formatDate(ms.doneAt, lang, 'long') })}</span>
          )}
        </div>
        <Paragraph data-size="sm" className={css.why}>
          {t(`milestones.explain.${info.state}`, { red: info.red, late: info.late })}
        </Paragraph>
      </Dialog.Block>
      <Dialog.Block className={css.body}>
        <Heading level={3} data-size="2xs">
          {t('milestones.linked')} ·{' '}
          {t('milestones.progress', { done: info.done, total: info.total })}
        </Heading>
        {info.total > 0 && (
          <div
            className={css.bar}
            role="img"
            aria-label={t('milestones.progress', { done: info.done, total: info.total })}
          >
            <span style={{ width: `${(100 * info.done) / info.total}%` }} />
          </div>
        )}
        {info.measures.length === 0 ? (
          <Paragraph data-size="sm">{t('milestones.noLinked')}</Paragraph>
        ) : (
          <ul className={css.list} data-testid="milestone-measures">
            {info.measures.map((m) => {
              const late = isLate(m, todayISO, columns);
              return (
                <li key={m.id} className={css.item}>
                  <DsLink asChild>
                    <Link
                      href={`${base}?m=${encodeURIComponent(m.id)}`}
                      data-testid="milestone-measure-link"
                    >
                      {m.title}
                    </Link>
                  </DsLink>
                  <span className={css.meta}>
                    <span className={css.health}>
                      <HealthIcon health={m.health} /> {t(`health.${m.health}`)}
                    </span>
                    <span>{columns.find((c) => c.id === m.columnId)?.title}</span>
                    {late && (
                      <span className={css.late}>
                        <LateIcon /> {t('milestones.measureLate')}
                      </span>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
        <div className={css.links}>
          <DsLink asChild>
            <Link href={`${base}?grupper=milestone`}>{t('milestones.openBoardLanes')}</Link>
          </DsLink>
          {ctx.canEdit && (
            <DsLink asChild>
              <Link href={`${base}?milepael=${encodeURIComponent(ms.id)}`}>
                {t('milestones.editOnBoard')}
              </Link>
            </DsLink>
          )}
        </div>
      </Dialog.Block>
    </SidePanel>
  );
}
