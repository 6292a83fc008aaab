import {
  Alert,
  Button,
  Checkbox,
  Details,
  Dialog,
  Fieldset,
  Heading,
  Link as DsLink,
  Paragraph,
  Textfield,
} from '@digdir/designsystemet-react';
import {
  completeMilestone,
  createMilestone,
  isValidDate,
  linkMeasure,
  type MeasureView,
  milestoneTitle,
  reopenMilestone,
  unlinkMeasure,
  updateMilestone,
} from '@tavla/domain';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useAgreementContext } from '../agreements/agreementContext';
import { NewerFormatNotice } from '../agreements/NewerFormatNotice';
import { HealthIcon } from '../board/icons';
import { YTextField } from '../detail/YTextField';
import { BesideField, DateField } from '../forms/DateField';
import { formatDate } from '../i18n';
import { useAllMeasures, useSession, useStructure } from '../sync/react';
import css from './MilestonesDialog.module.css';
import { MilestoneStateBadge } from './MilestoneState';
import type { MilestoneInfo } from './state';
import { useMilestoneInfos } from './useMilestoneInfos';
import { SidePanel } from '../forms/SidePanel';
import { useEditError } from '../forms/useEditError';

/** The board's milestone dialog: create, edit, complete/reopen and link (loaded on first open). */
export default function MilestonesDialog({
  focusAreaId,
  onClose,
  initialOpenId,
}: {
  focusAreaId: string;
  onClose: () => void;
  initialOpenId?: string;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const ctx = useAgreementContext();
  const structure = useStructure(session);
  const infos = useMilestoneInfos(session);
  const focusArea = structure.focusAreas.find((f) => f.id === focusAreaId);
  const list = structure.milestones.filter((m) => m.focusAreaId === focusAreaId);
  const { error, run } = useEditError();
  const [status, setStatus] = useState<string | null>(null);

  return (
    <SidePanel
      onClose={onClose}
      closeButton={t('milestones.close')}
      className={css.dialog}
      aria-labelledby="milestones-dialog-title"
      data-testid="milestones-dialog"
    >
      <Dialog.Block>
        <Heading level={2} data-size="sm" id="milestones-dialog-title">
          {t('milestones.dialogTitle', {
            focusArea: focusArea ? `${focusArea.number} ${focusArea.title}` : '',
          })}
        </Heading>
        <Paragraph data-size="sm">
          <DsLink asChild>
            <Link href={`/a/${encodeURIComponent(ctx.agreementId)}/milepaeler`}>
              {t('milestones.openTimeline')}
            </Link>
          </DsLink>
        </Paragraph>
      </Dialog.Block>
      <Dialog.Block className={css.body}>
        <NewerFormatNotice />
        {error && (
          <Alert data-color="danger" data-size="sm" role="alert">
            {t('milestones.saveError', { message: error })}
          </Alert>
        )}
        <div role="status" className="visually-hidden">
          {status}
        </div>
        {ctx.canEdit && (
          <CreateMilestoneForm
            focusAreaId={focusAreaId}
            onCreated={(title) => setStatus(t('milestones.created', { title }))}
            run={run}
          />
        )}
        {list.length === 0 ? (
          <Paragraph data-size="sm">{t('milestones.none')}</Paragraph>
        ) : (
          <ul className={css.list} aria-label={t('milestones.title')}>
            {list.map((ms) => {
              const info = infos.get(ms.id);
              return info ? (
                <li key={ms.id}>
                  <MilestoneItem
                    info={info}
                    defaultOpen={ms.id === initialOpenId}
                    run={run}
                    canEdit={ctx.canEdit}
                  />
                </li>
              ) : null;
            })}
          </ul>
        )}
      </Dialog.Block>
    </SidePanel>
  );
}

function CreateMilestoneForm({
  focusAreaId,
  onCreated,
  run,
}: {
  focusAreaId: string;
  onCreated: (title: string) => void;
  run: (fn: () => void) => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [dateUsable, setDateUsable] = useState(true);
  const [tried, setTried] = useState(false);
  const titleError = tried && !title.trim() ? t('milestones.titleRequired') : undefined;
  const dateError = tried && !isValidDate(date) ? t('milestones.dateRequired') : undefined;
  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    const clean = title.trim();
    if (!clean || !isValidDate(date) || !dateUsable) return;
    run(() => {
      createMilestone(session.doc, { focusAreaId, title: clean, dueDate: date }, session.origin);
      onCreated(clean);
      setTitle('');
      setDate('');
      setTried(false);
    });
  }
  return (
    <form className={css.create} onSubmit={submit} aria-label={t('milestones.create')} noValidate>
      <Textfield
        data-size="sm"
        label={t('milestones.newTitle')}
        value={title}
        maxLength={200}
        error={titleError}
        onChange={(e) => setTitle(e.target.value)}
        data-testid="milestone-new-title"
      />
      <DateField
        label={t('milestones.date')}
        value={date}
        error={dateError}
        onChange={(iso) => setDate(iso ?? '')}
        onValidityChange={setDateUsable}
        data-testid="milestone-new-date"
        className={css.date}
      />
      <BesideField>
        <Button type="submit" data-size="sm">
          {t('milestones.create')}
        </Button>
      </BesideField>
    </form>
  );
}

function MilestoneItem({
  info,
  defaultOpen,
  run,
  canEdit,
}: {
  info: MilestoneInfo;
  defaultOpen: boolean;
  run: (fn: () => void) => void;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'nb';
  const session = useSession();
  const ms = info.milestone;
  const all = useAllMeasures(session);
  const faMeasures = useMemo(
    () => all.filter((m) => m.focusAreaId === ms.focusAreaId && !m.archived),
    [all, ms.focusAreaId],
  );
  const title = useMemo(() => {
    try {
      return milestoneTitle(session.doc, ms.id);
    } catch {
      return null;
    }
  }, [session, ms.id]);

  return (
    <Details defaultOpen={defaultOpen} data-testid="milestone-item" data-milestone-id={ms.id}>
      <Details.Summary>
        <span className={css.summary}>
          <span className={css.summaryTitle}>{ms.title}</span>
          <span className={css.meta}>{formatDate(ms.dueDate, lang)}</span>
          <MilestoneStateBadge state={info.state} />
          <span className={css.meta}>
            {t('milestones.progress', { done: info.done, total: info.total })}
          </span>
        </span>
      </Details.Summary>
      <Details.Content>
        <div className={css.editor}>
          {canEdit && title && (
            <YTextField
              ytext={title}
              origin={session.textOrigin}
              label={t('milestones.titleLabel')}
              maxLength={200}
              testId="milestone-title-input"
            />
          )}
          {canEdit ? (
            <div className={css.editRow}>
              <DateField
                label={t('milestones.date')}
                value={ms.dueDate}
                required
                onChange={(v) => {
                  if (v && isValidDate(v) && v !== ms.dueDate)
                    run(() => updateMilestone(session.doc, ms.id, { dueDate: v }, session.origin));
                }}
                data-testid="milestone-date-input"
                className={css.date}
              />
              {ms.done && ms.doneAt && (
                <BesideField>
                  <Paragraph data-size="sm">
                    {t('milestones.doneOn', { date: formatDate(ms.doneAt, lang, 'long') })}
                  </Paragraph>
                </BesideField>
              )}
              <BesideField>
                {ms.done ? (
                  <Button
                    variant="secondary"
                    data-size="sm"
                    onClick={() => run(() => reopenMilestone(session.doc, ms.id, session.origin))}
                    data-testid="milestone-reopen"
                  >
                    {t('milestones.reopen')}
                  </Button>
                ) : (
                  <Button
                    variant="secondary"
                    data-size="sm"
                    onClick={() => run(() => completeMilestone(session.doc, ms.id, session.origin))}
                    data-testid="milestone-complete"
                  >
                    {t('milestones.complete')}
                  </Button>
                )}
              </BesideField>
            </div>
          ) : (
            <div className={css.row}>
              <Paragraph data-size="sm">
                {t('milestones.due', { date: formatDate(ms.dueDate, lang, 'long') })}
              </Paragraph>
              {ms.done && ms.doneAt && (
                <Paragraph data-size="sm">
                  {t('milestones.doneOn', { date: formatDate(ms.doneAt, lang, 'long') })}
                </Paragraph>
              )}
            </div>
          )}
          {canEdit ? (
            <Fieldset data-size="sm">
              <Fieldset.Legend>{t('milestones.linked')}</Fieldset.Legend>
              {faMeasures.length === 0 && (
                <Paragraph data-size="sm">{t('milestones.noMeasures')}</Paragraph>
              )}
              {faMeasures.map((m) => (
                <Checkbox
                  key={m.id}
                  label={m.title || '…'}
                  checked={ms.measureIds.includes(m.id)}
                  onChange={(e) =>
                    run(() =>
                      e.target.checked
                        ? linkMeasure(session.doc, ms.id, m.id, session.origin)
                        : unlinkMeasure(session.doc, ms.id, m.id, session.origin),
                    )
                  }
                />
              ))}
            </Fieldset>
          ) : (
            <LinkedList measures={info.measures} />
          )}
        </div>
      </Details.Content>
    </Details>
  );
}

function LinkedList({ measures }: { measures: MeasureView[] }) {
  const { t } = useTranslation();
  if (measures.length === 0)
    return <Paragraph data-size="sm">{t('milestones.noLinked')}</Paragraph>;
  return (
    <ul className={css.measures} aria-label={t('milestones.linked')}>
      {measures.map((m) => (
        <li key={m.id} className={css.measureItem}>
          <HealthIcon health={m.health} />
          <span>{m.title}</span>
        </li>
      ))}
    </ul>
  );
}
