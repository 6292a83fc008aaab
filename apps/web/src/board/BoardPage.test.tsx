import {
  archiveMeasure,
  createMeasure,
  listColumns,
  listMeasures,
  moveMeasure,
  readMeasure,
} from '@tavla/domain';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFilters } from '../filters/filterStore';
import { EMPTY_FILTERS } from '../filters/filters';
import { findOpenDialog, renderInAgreement, seededSession } from '../test/harness';
// The panel is lazy in the app; load it up front so tests do not wait on the import.
import '../detail/MeasurePanel';
import { BoardPage } from './BoardPage';
import { rereadCardDisplay } from './cardDisplay';
import { PAGE } from './Column';

function cardsIn(columnId: string): string[] {
  const col = document.querySelector(`[data-testid="column"][data-column-id="${columnId}"]`);
  if (!col) throw new Error(`no column ${columnId}`);
  return [...col.querySelectorAll<HTMLElement>('[data-testid="measure-card"]')].map(
    (c) => c.dataset.measureId!,
  );
}

function reset() {
  useFilters.setState({ filters: EMPTY_FILTERS });
}

describe('BoardPage', () => {
  it('renders the columns and the cards of its focus area from the document', () => {
    reset();
    const session = seededSession();
    renderInAgreement(<BoardPage focusAreaId="fa-1" />, { session });
    const columns = listColumns(session.doc);
    expect(screen.getAllByTestId('column').map((c) => c.dataset.columnId)).toEqual(
      columns.map((c) => c.id),
    );
    for (const c of columns) {
      const expected = listMeasures(session.doc, { focusAreaId: 'fa-1', columnId: c.id }).map(
        (m) => m.id,
      );
      expect(cardsIn(c.id)).toEqual(expected);
    }
    // a card shows its title, delmål code and health in words
    const m = listMeasures(session.doc, { focusAreaId: 'fa-1' })[0]!;
    const card = document.querySelector(`[data-measure-id="${m.id}"]`) as HTMLElement;
    expect(within(card).getByRole('button', { name: m.title })).toBeTruthy();
    expect(card.textContent).toMatch(/Delmål 1\.\d/);
    expect(card.textContent).toMatch(/På sporet|Noe risiko|Kritisk/);
  });

  it('creates a measure in a column through the form', () => {
    reset();
    const { session } = renderInAgreement(<BoardPage focusAreaId="fa-1" />);
    const col = listColumns(session.doc)[0]!;
    fireEvent.click(screen.getByRole('button', { name: `Nytt tiltak i ${col.title}` }));
    fireEvent.change(screen.getByLabelText('Tittel på nytt tiltak'), {
      target: { value: 'Nytt kulturtiltak' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Opprett' }));
    const created = listMeasures(session.doc, { focusAreaId: 'fa-1', columnId: col.id }).find(
      (m) => m.title === 'Nytt kulturtiltak',
    );
    expect(created).toBeTruthy();
    expect(cardsIn(col.id)).toContain(created!.id);
  });

  it('moves a card to another column when someone else moves it, and back with undo of own moves only', () => {
    reset();
    const { session } = renderInAgreement(<BoardPage focusAreaId="fa-1" />);
    const [first, second] = listColumns(session.doc);
    const m = listMeasures(session.doc, { focusAreaId: 'fa-1', columnId: first!.id })[0]!;
    // a remote move (foreign origin) re-lays out the board
    act(() =>
      moveMeasure(
        session.doc,
        m.id,
        { columnId: second!.id, index: 0 },
        { source: 'connection', userId: 'u-ola' },
      ),
    );
    expect(cardsIn(second!.id)[0]).toBe(m.id);
    // undo has nothing of ours to undo
    expect(session.undo.canUndo()).toBe(false);
    // our own move is undoable with Ctrl+Z
    act(() => moveMeasure(session.doc, m.id, { columnId: first!.id, index: 0 }, session.origin));
    expect(cardsIn(first!.id)).toContain(m.id);
    act(() => {
      fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    });
    expect(readMeasure(session.doc, m.id)!.columnId).toBe(second!.id);
  });

  it('opens the detail panel, moves the measure with the column select and archives it', async () => {
    reset();
    const { session } = renderInAgreement(<BoardPage focusAreaId="fa-1" />);
    const [first, , third] = listColumns(session.doc);
    const m = listMeasures(session.doc, { focusAreaId: 'fa-1', columnId: first!.id })[0]!;
    fireEvent.click(screen.getByRole('button', { name: m.title }));
    const panel = await findOpenDialog('measure-panel');
    fireEvent.change(within(panel).getByLabelText('Kolonne'), { target: { value: third!.id } });
    expect(readMeasure(session.doc, m.id)!.columnId).toBe(third!.id);
    expect(cardsIn(third!.id)).toContain(m.id);
    fireEvent.click(within(panel).getByRole('button', { name: 'Arkiver' }));
    expect(readMeasure(session.doc, m.id)!.archived).toBe(true);
    expect(cardsIn(third!.id)).not.toContain(m.id);
  });

  it('renders a long column in pages, with a button for more', () => {
    reset();
    const session = seededSession();
    for (let i = 0; i < 40; i++)
      createMeasure(
        session.doc,
        { focusAreaId: 'fa-1', columnId: 'col-idea', title: `Tiltak ${i}` },
        session.origin,
      );
    renderInAgreement(<BoardPage focusAreaId="fa-1" />, { session });
    const total = listMeasures(session.doc, { focusAreaId: 'fa-1', columnId: 'col-idea' }).length;
    expect(cardsIn('col-idea')).toHaveLength(PAGE);
    fireEvent.click(
      screen.getByRole('button', { name: `Vis ${Math.min(PAGE, total - PAGE)} til` }),
    );
    expect(cardsIn('col-idea')).toHaveLength(Math.min(total, 2 * PAGE));
  });

  it('renders the card opened by a link however far down its long column', async () => {
    reset();
    const session = seededSession();
    let last = '';
    for (let i = 0; i < 2 * PAGE + 5; i++)
      last = createMeasure(
        session.doc,
        { focusAreaId: 'fa-1', columnId: 'col-idea', title: `Tiltak ${i}` },
        session.origin,
      );
    history.replaceState(null, '', `/a/tromsvekstavtalen/fa/fa-1?m=${last}`);
    try {
      renderInAgreement(<BoardPage focusAreaId="fa-1" />, { session });
      await findOpenDialog('measure-panel');
      // Rendered (the first PAGE cards are, before more are asked for), so that it can be
      // scrolled into the column's view and take the focus back when the panel closes.
      expect(cardsIn('col-idea')).toContain(last);
    } finally {
      history.replaceState(null, '', '/');
    }
  });

  it('reorders columns with the move buttons', () => {
    reset();
    const { session } = renderInAgreement(<BoardPage focusAreaId="fa-1" />);
    const [first, second] = listColumns(session.doc);
    fireEvent.click(
      screen.getByRole('button', { name: `Flytt kolonnen «${first!.title}» til høyre` }),
    );
    expect(
      listColumns(session.doc)
        .map((c) => c.id)
        .slice(0, 2),
    ).toEqual([second!.id, first!.id]);
    expect(screen.getAllByTestId('column')[1]!.dataset.columnId).toBe(first!.id);
  });

  it('renames a column and adds one, for every board of the agreement', () => {
    reset();
    const { session } = renderInAgreement(<BoardPage focusAreaId="fa-1" />);
    const [first] = listColumns(session.doc);
    fireEvent.click(
      screen.getByRole('button', { name: `Gi kolonnen «${first!.title}» nytt navn` }),
    );
    const name = screen.getByLabelText('Navn på kolonnen') as HTMLInputElement;
    expect(name.value).toBe(first!.title);
    expect((screen.getByLabelText('Hva betyr kolonnen?') as HTMLSelectElement).value).toBe(
      first!.kind ?? '',
    );
    // An empty name is refused with a reason and changes nothing.
    fireEvent.change(name, { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lagre' }));
    expect(screen.getByText('Skriv et navn på kolonnen.')).toBeTruthy();
    expect(listColumns(session.doc)[0]!.title).toBe(first!.title);
    fireEvent.change(name, { target: { value: 'Forslag' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lagre' }));
    expect(listColumns(session.doc)[0]!.title).toBe('Forslag');
    expect(screen.getAllByTestId('column')[0]!.querySelector('h2')!.textContent).toBe('Forslag');
    expect(screen.queryByTestId('column-form')).toBeNull();
    // Focus goes back to the button that opened the form.
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Gi kolonnen «Forslag» nytt navn' }),
    );

    const before = listColumns(session.doc).length;
    fireEvent.click(screen.getByRole('button', { name: 'Legg til kolonne' }));
    fireEvent.change(screen.getByLabelText('Navn på kolonnen'), { target: { value: 'Avsluttet' } });
    fireEvent.change(screen.getByLabelText('Hva betyr kolonnen?'), { target: { value: 'done' } });
    fireEvent.click(screen.getByRole('button', { name: 'Opprett' }));
    const after = listColumns(session.doc);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ title: 'Avsluttet', kind: 'done' });
    const shown = screen.getAllByTestId('column');
    expect(shown.at(-1)!.dataset.columnId).toBe(after.at(-1)!.id);
    // Escape closes the form without adding anything.
    fireEvent.click(screen.getByRole('button', { name: 'Legg til kolonne' }));
    fireEvent.keyDown(screen.getByLabelText('Navn på kolonnen'), { key: 'Escape' });
    expect(screen.queryByTestId('column-form')).toBeNull();
    expect(listColumns(session.doc)).toHaveLength(before + 1);
  });

  it('shows archived measures on request and restores them', () => {
    reset();
    const session = seededSession();
    const m = listMeasures(session.doc, { focusAreaId: 'fa-1' })[0]!;
    archiveMeasure(session.doc, m.id, session.origin);
    renderInAgreement(<BoardPage focusAreaId="fa-1" />, { session });
    expect(document.querySelector(`[data-measure-id="${m.id}"]`)).toBeNull();
    const view = screen.getByTestId('view-options');
    expect(view.textContent).toBe('Visning');
    fireEvent.click(view);
    fireEvent.click(
      within(screen.getByTestId('view-options-panel')).getByLabelText('Vis arkiverte'),
    );
    // The button says the board shows more than usual, and the address keeps it.
    expect(view.textContent).toBe('Visning: arkiverte');
    expect(view.dataset.on).toBe('arkiverte');
    expect(location.search).toContain('arkiverte');
    const card = document.querySelector(`[data-measure-id="${m.id}"]`) as HTMLElement;
    expect(card.textContent).toContain('Arkivert');
    fireEvent.click(within(card).getByRole('button', { name: `Gjenopprett «${m.title}»` }));
    expect(readMeasure(session.doc, m.id)!.archived).toBe(false);
  });

  it('shows compact cards on request, kept in this browser for every board', () => {
    reset();
    const session = seededSession();
    const m = listMeasures(session.doc, { focusAreaId: 'fa-1' }).find(
      (x) => x.statusUpdates.length > 0 && x.checklist.length > 0,
    )!;
    const full = renderInAgreement(<BoardPage focusAreaId="fa-1" />, { session });
    const card = () => document.querySelector(`[data-measure-id="${m.id}"]`) as HTMLElement;
    expect(card().textContent).toContain('Siste status');
    expect(card().textContent).toMatch(/punkter ferdig/);
    const chips = () => card().querySelectorAll('li').length;
    expect(chips()).toBeGreaterThan(0);
    fireEvent.click(screen.getByTestId('view-options'));
    const compact = within(screen.getByTestId('view-options-panel')).getByLabelText(
      'Kompakte kort',
    );
    // Said what it does, for a screen reader too.
    expect(compact.getAttribute('aria-describedby')).toBeTruthy();
    fireEvent.click(compact);
    expect(screen.getByTestId('view-options').textContent).toBe('Visning: kompakte kort');
    // The title, its tags, health, due date and owners stay; status, milestones, checklist go.
    expect(card().textContent).toContain(m.title);
    expect(card().textContent).not.toContain('Siste status');
    expect(card().textContent).not.toMatch(/punkter ferdig/);
    expect(chips()).toBe(0);
    // Not a filter: the address others are sent is unchanged.
    expect(location.search).not.toContain('kompakt');
    // Another board, another visit: still compact, from this browser's storage.
    full.unmount();
    rereadCardDisplay();
    renderInAgreement(<BoardPage focusAreaId="fa-1" />, { session });
    expect(card().textContent).not.toContain('Siste status');
    expect(screen.getByTestId('view-options').textContent).toBe('Visning: kompakte kort');
    // Turned off in another tab of this browser: this board follows.
    localStorage.removeItem('tavla.board.compactCards');
    act(() => {
      window.dispatchEvent(new StorageEvent('storage', { key: 'tavla.board.compactCards' }));
    });
    expect(card().textContent).toContain('Siste status');
    expect(screen.getByTestId('view-options').textContent).toBe('Visning');
  });

  it('gives a viewer the same board without any edit affordance', async () => {
    reset();
    const { session } = renderInAgreement(<BoardPage focusAreaId="fa-1" />, { role: 'viewer' });
    expect(screen.getAllByTestId('measure-card').length).toBeGreaterThan(0);
    expect(screen.queryAllByTestId('drag-handle')).toEqual([]);
    expect(screen.queryByRole('button', { name: /Nytt tiltak/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Angre|Gjør om/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Flytt kolonnen/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /nytt navn|Legg til kolonne/ })).toBeNull();
    expect(screen.getByTestId('read-only-notice')).toBeTruthy();
    const m = listMeasures(session.doc, { focusAreaId: 'fa-1' })[0]!;
    fireEvent.click(screen.getByRole('button', { name: m.title }));
    const panel = await findOpenDialog('measure-panel');
    expect(within(panel).queryAllByRole('textbox')).toEqual([]);
    expect(within(panel).queryAllByRole('combobox')).toEqual([]);
    expect(within(panel).queryAllByRole('checkbox')).toEqual([]);
    expect(within(panel).queryByRole('button', { name: 'Arkiver' })).toBeNull();
  });

  it('filters by party and text and groups rows into swimlanes', () => {
    reset();
    const { session } = renderInAgreement(<BoardPage focusAreaId="fa-1" />);
    const all = listMeasures(session.doc, { focusAreaId: 'fa-1' });
    fireEvent.change(screen.getByLabelText('Part'), { target: { value: 'ipr' } });
    const shown = screen.getAllByTestId('measure-card').map((c) => c.dataset.measureId);
    expect(shown.sort()).toEqual(
      all
        .filter((m) => m.party === 'ipr')
        .map((m) => m.id)
        .sort(),
    );
    expect(location.search).toContain('part=ipr');
    fireEvent.change(screen.getByLabelText('Part'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Grupper rader etter'), { target: { value: 'party' } });
    const lanes = screen.getAllByTestId('swimlane').map((l) => l.getAttribute('aria-label'));
    expect(lanes.length).toBeGreaterThan(1);
    expect(lanes).toContain('IPR');
  });
});

describe('BoardPage while a filter is on', () => {
  it('says an empty column is empty because of the filter, and the search clear button clears the search', () => {
    reset();
    renderInAgreement(<BoardPage focusAreaId="fa-1" />);
    expect(screen.queryAllByText('Ingen tiltak passer filteret')).toHaveLength(0);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Søk' }), {
      target: { value: 'finnes ikke i noe tiltak' },
    });
    const columns = screen.getAllByTestId('column');
    for (const c of columns)
      expect(within(c).getByText('Ingen tiltak passer filteret')).toBeTruthy();
    // Not "Nullstill filter": that is the button that resets every filter, beside the count.
    fireEvent.click(screen.getByRole('button', { name: 'Tøm søkefeltet' }));
    expect(useFilters.getState().filters.text).toBe('');
    expect(screen.queryAllByText('Ingen tiltak passer filteret')).toHaveLength(0);
  });
});
