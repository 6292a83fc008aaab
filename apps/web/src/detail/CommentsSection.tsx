import { Paragraph } from '@digdir/designsystemet-react';
import { addComment } from '@tavla/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgreementContext } from '../agreements/agreementContext';
import { formatDateTime } from '../i18n';
import { useMeasureFields, useSession } from '../sync/react';
import css from './MeasurePanel.module.css';
import { DetailSection, Entry, type SectionProps, TextEntryForm } from './parts';

const FIELDS = ['comments'] as const;

export function CommentsSection({ measureId, run }: SectionProps) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const m = useMeasureFields(session, measureId, FIELDS);
  const { canEdit, me } = useAgreementContext();
  const [text, setText] = useState('');
  const lang = i18n.resolvedLanguage ?? 'nb';

  function send(e: FormEvent) {
    e.preventDefault();
    const v = text.trim();
    if (!v) return;
    run(() =>
      addComment(
        session.doc,
        measureId,
        { authorId: me.id, authorName: me.name, text: v },
        session.origin,
      ),
    );
    setText('');
  }

  if (!m) return null;
  return (
    <DetailSection headingId="comments-h" title={t('detail.comments')}>
      {m.comments.length === 0 ? (
        <Paragraph data-size="sm">{t('detail.noComments')}</Paragraph>
      ) : (
        <ol className={css.list}>
          {m.comments.map((c) => (
            <Entry
              key={c.id}
              meta={
                <>
                  <strong>{c.authorName}</strong>
                  <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, lang)}</time>
                </>
              }
              text={c.text}
            />
          ))}
        </ol>
      )}
      {canEdit && (
        <TextEntryForm
          onSubmit={send}
          label={t('detail.newComment')}
          value={text}
          onChange={setText}
          submitLabel={t('detail.send')}
        />
      )}
    </DetailSection>
  );
}
