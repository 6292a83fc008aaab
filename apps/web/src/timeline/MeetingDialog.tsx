import {
  Alert,
  Button,
  Dialog,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  Textarea,
  Textfield,
} from '@digdir/designsystemet-react';
import {
  createMeeting,
  deleteMeeting,
  isValidDate,
  LIMITS,
  type MeetingKind,
  type MeetingView,
  updateMeeting,
} from '@tavla/domain';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NewerFormatNotice } from '../agreements/NewerFormatNotice';
import { DateField } from '../forms/DateField';
import { useEditError } from '../forms/useEditError';
import { formatDate } from '../i18n';
import type { AgreementSession } from '../sync/session';
import css from './Timeline.module.css';

/** What the dialog edits of a meeting (no note: ''). */
interface MeetingFields {
  date: string;
  title: string;
  kind: MeetingKind;
  note: string;
}

/** The fields changed in the dialog that differ from the meeting as it is now, cleaned up. */
function changedFields(
  edits: Partial<MeetingFields>,
  live: MeetingFields,
): { date?: string; title?: string; kind?: MeetingKind; note?: string | null } {
  const patch: { date?: string; title?: string; kind?: MeetingKind; note?: string | null } = {};
  if (edits.date !== undefined && edits.date !== live.date) patch.date = edits.date;
  const title = edits.title?.trim();
  if (title !== undefined && title !== live.title) patch.title = title;
  if (edits.kind !== undefined && edits.kind !== live.kind) patch.kind = edits.kind;
  const note = edits.note?.trim();
  if (note !== undefined && note !== live.note) patch.note = note || null;
  return patch;
}

/**
 * A joint meeting (møte) on the timeline: a small dialog to add one (`meeting` undefined and
 * `meetingId` null), to edit or delete one (editors), or to read one (viewers, no inputs).
 * `meeting` is the live view from the document, so a meeting deleted by someone else while the
 * dialog is open says so instead of resurrecting it.
 */
export function MeetingDialog({
  session,
  meetingId,
  meeting,
  canEdit,
  defaultDate,
  onClose,
  onSaved,
}: {
  session: AgreementSession;
  meetingId: string | null;
  meeting: MeetingView | undefined;
  canEdit: boolean;
  /** Date proposed for a new meeting. */
  defaultDate?: string;
  onClose: () => void;
  /** After a save or delete, with a status text for a live region. */
  onSaved: (status: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'nb';
  const titleId = useId();
  const isNew = meetingId === null;
  const gone = !isNew && !meeting;
  // Only what this person changes in the dialog is theirs: the other fields show the meeting as
  // it is now, and saving writes only the changed ones, so that a date someone else moved while
  // this dialog was open is not put back by a save of the title.
  const [edits, setEdits] = useState<Partial<MeetingFields>>({});
  const live: MeetingFields = {
    date: meeting?.date ?? defaultDate ?? '',
    title: meeting?.title ?? '',
    kind: meeting?.kind ?? 'political',
    note: meeting?.note ?? '',
  };
  const { date, title, kind, note } = { ...live, ...edits };
  const edit = (patch: Partial<MeetingFields>) => setEdits((e) => ({ ...e, ...patch }));
  const [dateUsable, setDateUsable] = useState(true);
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { error, run } = useEditError();

  const titleError = tried && !title.trim() ? t('timeline.meetings.titleRequired') : undefined;
  const dateError = tried && !isValidDate(date) ? t('timeline.meetings.dateRequired') : undefined;

  function submit(e: FormEvent) {
    e.preventDefault();
    // Read-only since the dialog opened (a newer document format): nothing is written, and a
    // new meeting's form keeps what was typed in it.
    if (!canEdit) return;
    setTried(true);
    const clean = title.trim();
    if (!clean || !isValidDate(date) || !dateUsable) return;
    run(() => {
      if (isNew) {
        createMeeting(
          session.doc,
          { date, title: clean, kind, note: note.trim() || undefined },
          session.origin,
        );
        onSaved(t('timeline.meetings.created', { title: clean }));
      } else {
        updateMeeting(session.doc, meetingId, changedFields(edits, live), session.origin);
        onSaved(t('timeline.meetings.saved', { title: clean }));
      }
    });
  }

  const heading = isNew
    ? t('timeline.meetings.new')
    : canEdit && !gone
      ? t('timeline.meetings.edit')
      : (meeting?.title ?? t('timeline.meetings.view'));

  return (
    <Dialog
      open
      modal
      closedby="any"
      onClose={onClose}
      closeButton={t('timeline.meetings.close')}
      className={css.meetingDialog}
      aria-labelledby={titleId}
      data-testid="meeting-dialog"
    >
      <Dialog.Block>
        <Heading level={2} data-size="xs" id={titleId}>
          {heading}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <NewerFormatNotice />
        {error && (
          <Alert data-color="danger" data-size="sm" role="alert">
            {t('timeline.meetings.saveError', { message: error })}
          </Alert>
        )}
        {gone ? (
          <Alert data-color="info" data-size="sm" data-testid="meeting-gone">
            {t('timeline.meetings.gone')}
          </Alert>
        ) : !canEdit && meeting ? (
          <dl className={css.meetingForm} data-testid="meeting-readonly">
            <div>
              <dt>{t('timeline.meetings.kindLabel')}</dt>
              <dd>{t(`timeline.meetings.kind.${meeting.kind}`)}</dd>
            </div>
            <div>
              <dt>{t('timeline.meetings.date')}</dt>
              <dd>{formatDate(meeting.date, lang)}</dd>
            </div>
            {meeting.note && (
              <div>
                <dt>{t('timeline.meetings.noteLabel')}</dt>
                <dd>{meeting.note}</dd>
              </div>
            )}
          </dl>
        ) : (
          <form className={css.meetingForm} onSubmit={submit} noValidate aria-labelledby={titleId}>
            <DateField
              label={t('timeline.meetings.date')}
              value={date}
              error={dateError}
              onChange={(iso) => edit({ date: iso ?? '' })}
              onValidityChange={setDateUsable}
              data-testid="meeting-date"
            />
            <Field data-size="sm">
              <Label>{t('timeline.meetings.kindLabel')}</Label>
              <Select
                value={kind}
                onChange={(e) => edit({ kind: e.target.value as MeetingKind })}
                data-testid="meeting-kind"
              >
                <Select.Option value="political">
                  {t('timeline.meetings.kind.political')}
                </Select.Option>
                <Select.Option value="administrative">
                  {t('timeline.meetings.kind.administrative')}
                </Select.Option>
              </Select>
            </Field>
            <Textfield
              data-size="sm"
              label={t('timeline.meetings.title')}
              value={title}
              maxLength={LIMITS.title}
              error={titleError}
              onChange={(e) => edit({ title: e.target.value })}
              data-testid="meeting-title"
            />
            <Field data-size="sm">
              <Label>{t('timeline.meetings.note')}</Label>
              <Textarea
                rows={3}
                value={note}
                maxLength={LIMITS.meetingNote}
                onChange={(e) => edit({ note: e.target.value })}
                data-testid="meeting-note"
              />
            </Field>
            <div className={css.meetingActions}>
              {canEdit && (
                <Button type="submit" data-size="sm" data-testid="meeting-save">
                  {isNew ? t('timeline.meetings.create') : t('timeline.meetings.save')}
                </Button>
              )}
              <Button type="button" variant="secondary" data-size="sm" onClick={onClose}>
                {t('timeline.meetings.cancel')}
              </Button>
              {canEdit && !isNew && !confirming && (
                <Button
                  type="button"
                  variant="tertiary"
                  data-color="danger"
                  data-size="sm"
                  onClick={() => setConfirming(true)}
                  data-testid="meeting-delete"
                >
                  {t('timeline.meetings.delete')}
                </Button>
              )}
            </div>
            {canEdit && !isNew && confirming && (
              <Alert data-color="warning" data-size="sm">
                <Paragraph data-size="sm">
                  {t('timeline.meetings.confirmDelete', { title: meeting?.title ?? '' })}
                </Paragraph>
                <div className={css.meetingActions}>
                  <Button
                    type="button"
                    data-color="danger"
                    data-size="sm"
                    onClick={() =>
                      run(() => {
                        deleteMeeting(session.doc, meetingId, session.origin);
                        onSaved(t('timeline.meetings.deleted', { title: meeting?.title ?? '' }));
                      })
                    }
                    data-testid="meeting-delete-confirm"
                  >
                    {t('timeline.meetings.deleteConfirm')}
                  </Button>
                  <Button
                    type="button"
                    variant="secondary"
                    data-size="sm"
                    onClick={() => setConfirming(false)}
                  >
                    {t('timeline.meetings.keep')}
                  </Button>
                </div>
              </Alert>
            )}
          </form>
        )}
      </Dialog.Block>
    </Dialog>
  );
}
