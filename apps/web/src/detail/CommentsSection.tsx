import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { addComment, type MeasureView } from '@tavla/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgreementContext } from '../agreements/agreementContext';
import { formatDateTime } from '../i18n';
import { useSession } from '../sync/react';
import css from './MeasurePanel.module.css';

export function CommentsSection({
  measure: m,
  run,
}: {
  measure: MeasureView;
  run: (fn: () => void) => void;
}) {
  const { t, i18n } = useTranslation();
  const session = useSession();
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
        m.id,
        { authorId: me.id, authorName: me.name, text: v },
        session.origin,
      ),
    );
    setText('');
  }

  return (
    <section className={css.section} aria-labelledby="comments-h">
      <Heading level={3} data-size="2xs" id="comments-h">
        {t('detail.comments')}
      </Heading>
      {m.comments.length === 0 ? (
        <Paragraph data-size="sm">{t('detail.noComments')}</Paragraph>
      ) : (
        <ol className={css.list}>
          {m.comments.map((c) => (
            <li key={c.id} className={css.entry}>
              <div className={css.entryMeta}>
                <strong>{c.authorName}</strong>
                <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, lang)}</time>
              </div>
              <p className={css.entryText}>{c.text}</p>
            </li>
          ))}
        </ol>
      )}
      {canEdit && (
        <form onSubmit={send} className={css.section}>
          <Textfield
            data-size="sm"
            multiline
            rows={2}
            label={t('detail.newComment')}
            value={text}
            maxLength={5000}
            onChange={(e) => setText(e.target.value)}
          />
          <div>
            <Button type="submit" data-size="sm" variant="secondary">
              {t('detail.send')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
