import { act, screen, within } from '@testing-library/react';
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import { meeting, renderInAgreement, spokenText } from '../test/harness';
import { FocusAreaPeers } from './FocusAreaPeers';
import { AVATARS, PresenceBar } from './PresenceBar';

describe('PresenceBar in a joint meeting', () => {
  it('shows twenty people as a few avatars and "+N", with everyone listed behind it', () => {
    localStorage.clear();
    const m = meeting(19);
    renderInAgreement(<PresenceBar scope="board" focusAreaId="fa-1" />, { session: m.session });
    const bar = screen.getByTestId('presence');
    expect(bar.dataset.count).toBe('20');
    const shown = within(bar).getAllByTestId('presence-person');
    expect(shown).toHaveLength(AVATARS - 1);
    // Self first, named (for a screen reader and on hover) with the organisation.
    expect(spokenText(shown[0]!)).toBe('Kari Nordmann (deg), Troms fylkeskommune');
    const more = within(bar).getByTestId('presence-more');
    expect(more.textContent).toBe(`+${20 - (AVATARS - 1)}, Vis alle 20 som er til stede`);
    const list = within(bar).getByTestId('presence-list');
    expect(list.textContent).toContain('Til stede på tavla (20)');
    for (const name of [...m.names, 'Kari Nordmann'])
      expect(within(list).getByText(name, { exact: false })).toBeTruthy();
  });

  it('names each person when only a few are here', () => {
    localStorage.clear();
    const m = meeting(2);
    renderInAgreement(<PresenceBar scope="board" focusAreaId="fa-1" />, { session: m.session });
    const people = screen.getAllByTestId('presence-person').map(spokenText);
    expect(people).toEqual([
      'Kari Nordmann (deg)Troms fylkeskommune',
      'Anne-Lise Kristiansen',
      'Bjørn Olav Pedersen Tromsøregionens IPR',
    ]);
    expect(screen.queryByTestId('presence-more')).toBeNull();
  });

  it('keeps to avatars and a count on the board’s compact head, names and the hide switch in the list', () => {
    localStorage.clear();
    const m = meeting(2);
    renderInAgreement(<PresenceBar scope="board" focusAreaId="fa-1" compact />, {
      session: m.session,
    });
    const bar = screen.getByTestId('presence');
    const people = within(bar).getAllByTestId('presence-person').map(spokenText);
    expect(people).toEqual([
      'Kari Nordmann (deg), Troms fylkeskommune',
      'Anne-Lise Kristiansen',
      'Bjørn Olav Pedersen, Tromsøregionens IPR',
    ]);
    expect(within(bar).getByTestId('presence-more').textContent).toBe('3 til stede');
    const list = within(bar).getByTestId('presence-list');
    expect(list.textContent).toContain('Til stede på tavla (3)');
    // (The list is closed: in the accessibility tree once it opens.)
    expect(
      within(list).getByRole('switch', { name: 'Skjul min tilstedeværelse', hidden: true }),
    ).toBeTruthy();
    expect(list.textContent).not.toContain('Ingen andre er her nå.');
  });

  it('says so when nobody else is here, and when you are hidden, on the compact head', () => {
    localStorage.clear();
    const m = meeting(0);
    m.session.presence.setHidden(true);
    renderInAgreement(<PresenceBar scope="board" focusAreaId="fa-1" compact />, {
      session: m.session,
    });
    const bar = screen.getByTestId('presence');
    expect(within(bar).getByTestId('presence-more').textContent).toBe(
      'Bare du er her · du er skjult',
    );
    expect(within(bar).getByTestId('presence-list').textContent).toContain(
      'Ingen andre er her nå.',
    );
    localStorage.clear();
  });

  it('does not re-render when people only open, close or pick up cards', () => {
    localStorage.clear();
    const m = meeting(19);
    let commits = 0;
    renderInAgreement(
      <Profiler id="bar" onRender={() => commits++}>
        <PresenceBar scope="board" focusAreaId="fa-1" />
      </Profiler>,
      { session: m.session },
    );
    const before = commits;
    act(() => {
      m.set(3, { openMeasureId: 'm-1-1' });
      m.set(4, { draggingMeasureId: 'm-1-2' });
      m.set(3, { openMeasureId: null });
    });
    expect(commits).toBe(before);
    // Someone leaving the board is shown.
    act(() => m.set(5, { focusAreaId: 'fa-2' }));
    expect(commits).toBe(before + 1);
    expect(screen.getByTestId('presence').dataset.count).toBe('19');
  });
});

describe('FocusAreaPeers', () => {
  it('shows a few avatars and "+N" on a tile when many are on the board', () => {
    localStorage.clear();
    const m = meeting(19);
    renderInAgreement(<FocusAreaPeers focusAreaId="fa-1" />, { session: m.session });
    const tile = screen.getByTestId('focus-area-presence');
    expect(tile.querySelectorAll('.ds-avatar')).toHaveLength(4);
    const more = within(tile).getByTestId('focus-area-presence-more');
    expect(more.textContent).toBe('+15og 15 andre');
    expect(spokenText(more)).toBe('og 15 andre');
  });
});
