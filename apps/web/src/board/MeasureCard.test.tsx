import { listMeasures } from '@tavla/domain';
import { within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFilters } from '../filters/filterStore';
import { EMPTY_FILTERS } from '../filters/filters';
import { meeting, renderInAgreement, seededSession, spokenText } from '../test/harness';
import { BoardPage } from './BoardPage';
import { CARD_AVATARS } from './MeasureCard';

describe('MeasureCard in a joint meeting', () => {
  it('shows a few avatars and "+N" on a card that many people have open, the mover first', () => {
    useFilters.setState({ filters: EMPTY_FILTERS });
    const m = meeting(12);
    for (let i = 0; i < 12; i++) m.set(i, { openMeasureId: 'm-1-1' });
    m.set(7, { draggingMeasureId: 'm-1-1' });
    renderInAgreement(<BoardPage focusAreaId="fa-1" />, { session: m.session });
    const card = document.querySelector('[data-measure-id="m-1-1"]') as HTMLElement;
    const presence = within(card).getByTestId('card-presence');
    expect(presence.querySelectorAll('.ds-avatar')).toHaveLength(CARD_AVATARS - 1);
    const more = within(presence).getByTestId('card-presence-more');
    expect(more.textContent).toContain(`+${12 - (CARD_AVATARS - 1)}`);
    expect(spokenText(presence)).toBe(
      'Even Mikkelsen flytter tiltaket' +
        'Anne-Lise Kristiansen har tiltaket åpent' +
        'Bjørn Olav Pedersen har tiltaket åpent' +
        'og 9 andre har tiltaket åpent',
    );
  });
});

describe('MeasureCard milestone chips', () => {
  it('gives the whole milestone title on hover, with "(nådd)" for a reached one, and keeps the tick beside a cut title', () => {
    useFilters.setState({ filters: EMPTY_FILTERS });
    const session = seededSession();
    const measure = listMeasures(session.doc).find(
      (m) => m.title === 'Ungdomspanel for Tromsøregionen',
    );
    renderInAgreement(<BoardPage focusAreaId="fa-1" />, { session });
    const card = document.querySelector(`[data-measure-id="${measure?.id}"]`) as HTMLElement;
    const chips = [...card.querySelectorAll('li[data-done], li[title]')] as HTMLElement[];
    const reached = chips.find((c) => c.dataset.done !== undefined);
    expect(reached?.title).toBe('Ungdomspanelet har hatt første samling (nådd)');
    // The title is its own element (it is the part that gives way); the tick is not inside it.
    const title = within(reached as HTMLElement).getByText(
      'Ungdomspanelet har hatt første samling',
    );
    expect(title.tagName).toBe('SPAN');
    expect(title.textContent).not.toContain('✓');
    expect(reached?.textContent).toContain('✓');
    const open = chips.find((c) => c.dataset.done === undefined);
    expect(open?.title).toBe('Midtveisevaluering 2026');
  });
});
