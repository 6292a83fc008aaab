import { Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/client';
import type { WaitingEdits } from '../sync/session';
import css from './AgreementsPage.module.css';

/**
 * On an agreement of the list: edits of this person wait in this browser (sent in the
 * background, sync/sendWaiting.ts). Words and a shape, never colour alone; part of the link's
 * name, so it is heard with the agreement.
 */
export function WaitingNotice({ waiting, role }: { waiting: WaitingEdits; role: Role }) {
  const { t } = useTranslation();
  const { count } = waiting;
  // A viewer's edits are refused by the server ([A3]): "waiting to be sent" would never end.
  const text =
    role === 'viewer'
      ? t('agreements.waitingRefused', { count })
      : t(waiting.offline ? 'agreements.waitingOffline' : 'agreements.waiting', { count });
  return (
    <Paragraph
      data-size="sm"
      className={css.waiting}
      data-testid="agreement-waiting"
      data-count={count}
      data-offline={waiting.offline ? 'true' : undefined}
    >
      <span aria-hidden="true" className={css.waitingIcon}>
        ↻
      </span>
      <span>
        {text}
        {!waiting.kept && ` ${t('agreements.waitingTabOnly', { count })}`}
      </span>
    </Paragraph>
  );
}

/**
 * A polite live region that says when the edits that waited in an agreement have been sent
 * (its notice then goes away: seen, but not heard). Nothing is said for what waited when the
 * page opened: that is in the list.
 */
export function WaitingSentAnnouncer({
  waiting,
  titles,
}: {
  waiting: ReadonlyMap<string, WaitingEdits>;
  titles: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const before = useRef(waiting);
  const [said, setSaid] = useState('');
  useEffect(() => {
    const sent = [...before.current.keys()].filter((id) => !waiting.has(id) && titles.has(id));
    before.current = waiting;
    if (sent.length === 0) return;
    setSaid(sent.map((id) => t('agreements.waitingSent', { title: titles.get(id) })).join(' '));
  }, [waiting, titles, t]);
  return (
    <div role="status" className="visually-hidden" data-testid="agreements-waiting-status">
      {said}
    </div>
  );
}
