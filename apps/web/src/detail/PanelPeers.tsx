import { Paragraph } from '@digdir/designsystemet-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Peer } from '../presence/presence';
import { usePeersOnMeasure } from '../presence/usePresence';
import css from './MeasurePanel.module.css';

/** Viewers named in full before the line says "and N others". */
const NAMED_VIEWERS = 3;

/**
 * One line about the others on this measure: "Ola Hansen flytter tiltaket · Per Olsen skriver ·
 * Kari Nordmann, Siri Johansen og 12 andre har tiltaket åpent". In a joint meeting one sentence per person
 * filled the panel's head with a paragraph of names.
 */
export function peersOnMeasureText(
  peers: Peer[],
  measureId: string,
  t: TFunction,
  lang: string,
): string {
  const draggers = peers.filter((p) => p.draggingMeasureId === measureId);
  const typists = peers.filter(
    (p) => p.draggingMeasureId !== measureId && p.typingMeasureId === measureId,
  );
  const viewers = peers
    .filter((p) => p.draggingMeasureId !== measureId && p.typingMeasureId !== measureId)
    .map((p) => p.name);
  const parts = draggers.map((p) => t('presence.dragging', { name: p.name }));
  if (typists.length > 0) {
    const names = new Intl.ListFormat(lang, { type: 'conjunction' }).format(
      typists.map((p) => p.name),
    );
    parts.push(t('presence.typing', { name: names, count: typists.length }));
  }
  if (viewers.length > NAMED_VIEWERS) {
    const named = viewers.slice(0, NAMED_VIEWERS - 1);
    parts.push(
      t('presence.viewingMany', { names: named.join(', '), count: viewers.length - named.length }),
    );
  } else if (viewers.length > 0) {
    const names = new Intl.ListFormat(lang, { type: 'conjunction' }).format(viewers);
    parts.push(t('presence.viewing', { name: names }));
  }
  return parts.join(' · ');
}

/**
 * Who else has the measure open, subscribed on its own: people opening and closing the card
 * must re-render this line only, not the whole panel with its fields and lists.
 */
export function PanelPeers({ measureId }: { measureId: string }) {
  const { t, i18n } = useTranslation();
  const peers = usePeersOnMeasure(measureId);
  if (peers.length === 0) return null;
  return (
    <Paragraph data-size="xs" className={css.peers} data-testid="panel-presence">
      {peersOnMeasureText(peers, measureId, t, i18n.resolvedLanguage ?? 'nb')}
    </Paragraph>
  );
}
