import {
  listColumns,
  listMeasures,
  listMilestones,
  type MeasureView,
  type MilestoneView,
  readMilestone,
  updateMeasure,
  updateMilestone,
} from '@tavla/domain';
import { measureViewWith } from '@tavla/domain/testing';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { computeLayout, NO_GROUP } from '../board/layout';
import { EMPTY_FILTERS } from '../filters/filters';
import { findOpenDialog, renderInAgreement, seededSession } from '../test/harness';
import { LinksSection } from '../detail/LinksSection';
import { MilestonesButton } from './MilestonesButton';
import MilestonesDialog from './MilestonesDialog';
import { MilestoneStateBadge } from './MilestoneState';
import { MILESTONE_STATES, milestoneInfos } from './state';

const TODAY = '2026-11-27';

function ms(p: Partial<MilestoneView>): MilestoneView {
  return {
    id: 'ms-x',
    focusAreaId: 'fa-1',
    title: 'X',
    dueDate: '2026-12-15',
    done: false,
    doneAt: null,
    measureIds: ['a'],
    createdAt: '',
    updatedAt: '',
    ...p,
  };
}

function measure(p: Partial<MeasureView>): MeasureView {
  return measureViewWith({ id: 'a', focusAreaId: 'fa-1', columnId: 'col-doing', title: 'A', ...p });
}

const COLUMNS = [
  { id: 'col-doing', kind: 'doing' as const },
  { id: 'col-done', kind: 'done' as const },
];

describe('milestone state', () => {
  it('is done, late, at risk or on track from the date and the linked measures', () => {
    const state = (m: MilestoneView, measures: MeasureView[]) =>
      milestoneInfos([m], measures, TODAY, COLUMNS).get(m.id)!.state;
    expect(state(ms({}), [measure({})])).toBe('on_track');
    expect(state(ms({}), [measure({ health: 'red' })])).toBe('at_risk');
    expect(state(ms({}), [measure({ dueDate: '2026-11-01' })])).toBe('at_risk');
    expect(state(ms({}), [measure({ health: 'red', archived: true })])).toBe('on_track');
    expect(state(ms({ dueDate: '2026-11-26' }), [measure({})])).toBe('late');
    expect(state(ms({ dueDate: '2026-11-26', done: true }), [measure({ health: 'red' })])).toBe(
      'done',
    );
  });

  it('counts progress of the linked measures', () => {
    const info = milestoneInfos(
      [ms({ measureIds: ['a', 'b', 'c', 'gone'] })],
      [
        measure({ id: 'a', columnId: 'col-done' }),
        measure({ id: 'b', health: 'red' }),
        measure({ id: 'c', archived: true }),
      ],
      TODAY,
      COLUMNS,
    ).get('ms-x')!;
    expect(info).toMatchObject({ total: 2, done: 1, red: 1, late: 0 });
  });

  it('renders each state with its own shape and in words', () => {
    const shapes = MILESTONE_STATES.map((s) => {
      const { container, unmount } = render(<MilestoneStateBadge state={s} />);
      const badge = within(container).getByTestId('milestone-state');
      const out = { text: badge.textContent, shape: badge.querySelector('[data-part]')!.tagName };
      unmount();
      return out;
    });
    expect(shapes).toEqual([
      { text: 'Nådd', shape: 'circle' },
      { text: 'I rute', shape: 'path' },
      { text: 'I faresonen', shape: 'path' },
      { text: 'Forsinket', shape: 'rect' },
    ]);
    // on track (diamond) and at risk (triangle) differ in outline too
    const d = (s: 'on_track' | 'at_risk') => {
      const { container, unmount } = render(<MilestoneStateBadge state={s} />);
      const v = container.querySelector('[data-part]')!.getAttribute('d');
      unmount();
      return v;
    };
    expect(d('on_track')).not.toBe(d('at_risk'));
  });
});

describe('milestone rows on the board', () => {
  it('has a row per milestone of the focus area in date order, and one for measures without', () => {
    const session = seededSession();
    const doc = session.doc;
    const layout = computeLayout(listMeasures(doc, { includeArchived: true }), {
      focusAreaId: 'fa-1',
      filters: { ...EMPTY_FILTERS, groupBy: 'milestone' },
      columns: listColumns(doc),
      objectives: [],
      milestones: listMilestones(doc),
      todayISO: TODAY,
      ownerName: (id) => id,
    });
    const fa1 = listMilestones(doc, { focusAreaId: 'fa-1' }).map((m) => m.id);
    const keys = layout.lanes.map((l) => l.key);
    expect(keys.slice(0, fa1.length)).toEqual(fa1); // listMilestones is by date
    const linked = new Set(
      listMilestones(doc, { focusAreaId: 'fa-1' }).flatMap((m) => m.measureIds),
    );
    const unlinked = listMeasures(doc, { focusAreaId: 'fa-1' }).filter((m) => !linked.has(m.id));
    if (unlinked.length) expect(keys[keys.length - 1]).toBe(NO_GROUP);
  });
});

describe('MilestonesDialog', () => {
  it('creates a milestone, moves its date, links a measure, completes and reopens it', () => {
    const session = seededSession();
    renderInAgreement(<MilestonesDialog focusAreaId="fa-2" onClose={() => {}} />, { session });
    const before = listMilestones(session.doc, { focusAreaId: 'fa-2' }).length;
    fireEvent.change(screen.getByLabelText('Tittel på ny milepæl'), {
      target: { value: 'Planforum har hatt første møte' },
    });
    const newDate = screen.getByTestId('milestone-new-date');
    fireEvent.change(newDate, { target: { value: '1.6.2026' } });
    fireEvent.blur(newDate); // as clicking the button does first
    fireEvent.click(screen.getByRole('button', { name: 'Legg til milepæl' }));
    const created = listMilestones(session.doc, { focusAreaId: 'fa-2' }).find(
      (m) => m.title === 'Planforum har hatt første møte',
    )!;
    expect(listMilestones(session.doc, { focusAreaId: 'fa-2' })).toHaveLength(before + 1);
    expect(created.dueDate).toBe('2026-06-01');

    const item = screen
      .getAllByTestId('milestone-item')
      .find((el) => el.dataset.milestoneId === created.id)!;
    const date = within(item).getByTestId('milestone-date-input') as HTMLInputElement;
    expect(date.value).toBe('01.06.2026');
    fireEvent.change(date, { target: { value: '15.09.2026' } });
    expect(readMilestone(session.doc, created.id)!.dueDate).toBe('2026-06-01'); // still typing
    fireEvent.keyDown(date, { key: 'Enter' });
    expect(readMilestone(session.doc, created.id)!.dueDate).toBe('2026-09-15');

    const m = listMeasures(session.doc, { focusAreaId: 'fa-2' })[0]!;
    fireEvent.click(within(item).getByRole('checkbox', { name: m.title }));
    expect(readMilestone(session.doc, created.id)!.measureIds).toEqual([m.id]);
    fireEvent.click(within(item).getByRole('checkbox', { name: m.title }));
    expect(readMilestone(session.doc, created.id)!.measureIds).toEqual([]);

    fireEvent.click(within(item).getByTestId('milestone-complete'));
    expect(readMilestone(session.doc, created.id)!.done).toBe(true);
    expect(within(item).getByTestId('milestone-state').textContent).toBe('Nådd');
    fireEvent.click(within(item).getByTestId('milestone-reopen'));
    expect(readMilestone(session.doc, created.id)!.done).toBe(false);
  });

  it('asks for a title and a date before creating', () => {
    const session = seededSession();
    renderInAgreement(<MilestonesDialog focusAreaId="fa-2" onClose={() => {}} />, { session });
    const before = listMilestones(session.doc).length;
    fireEvent.click(screen.getByRole('button', { name: 'Legg til milepæl' }));
    expect(listMilestones(session.doc)).toHaveLength(before);
    expect(screen.getByText('Skriv inn en tittel.')).toBeTruthy();
    expect(screen.getByText('Velg en gyldig dato.')).toBeTruthy();
  });

  it('takes a pasted ISO date for a new milestone, and refuses one that does not exist', () => {
    const session = seededSession();
    renderInAgreement(<MilestonesDialog focusAreaId="fa-2" onClose={() => {}} />, { session });
    const before = listMilestones(session.doc).length;
    const title = screen.getByLabelText('Tittel på ny milepæl');
    const date = screen.getByTestId('milestone-new-date') as HTMLInputElement;
    fireEvent.change(title, { target: { value: 'Regional plan vedtatt' } });
    fireEvent.change(date, { target: { value: '31.06.2026' } });
    // Enter in the date field: the date is read before the form is submitted.
    fireEvent.keyDown(date, { key: 'Enter' });
    fireEvent.submit(date.closest('form')!);
    expect(listMilestones(session.doc)).toHaveLength(before);
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Datoen finnes ikke: juni 2026 har 30 dager.')).toBeTruthy();
    expect(screen.queryByText('Velg en gyldig dato.')).toBeNull(); // one error at a time
    fireEvent.change(date, { target: { value: '2026-06-30' } });
    fireEvent.keyDown(date, { key: 'Enter' });
    fireEvent.submit(date.closest('form')!);
    const created = listMilestones(session.doc).find((m) => m.title === 'Regional plan vedtatt');
    expect(created?.dueDate).toBe('2026-06-30');
    expect(date.value).toBe(''); // the form is emptied for the next one
  });

  it('never writes a milestone date that is not a complete, valid one', () => {
    const session = seededSession();
    renderInAgreement(
      <MilestonesDialog focusAreaId="fa-1" onClose={() => {}} initialOpenId="ms-1-mid" />,
      { session },
    );
    const stored = readMilestone(session.doc, 'ms-1-mid')!.dueDate;
    const item = screen
      .getAllByTestId('milestone-item')
      .find((el) => el.dataset.milestoneId === 'ms-1-mid')!;
    const date = within(item).getByTestId('milestone-date-input') as HTMLInputElement;
    for (const text of ['', '1.13.2026', '29.02.2027', 'snart']) {
      fireEvent.change(date, { target: { value: text } });
      fireEvent.blur(date);
      expect(readMilestone(session.doc, 'ms-1-mid')!.dueDate).toBe(stored);
      expect(date.getAttribute('aria-invalid')).toBe('true');
    }
    expect(within(item).getByText(/Skriv datoen som dd\.mm\.åååå/)).toBeTruthy();
    // Someone else moves the milestone meanwhile: the text being fixed is kept ...
    act(() =>
      updateMilestone(
        session.doc,
        'ms-1-mid',
        { dueDate: '2027-01-15' },
        { source: 'connection', userId: 'u-ola' },
      ),
    );
    expect(date.value).toBe('snart');
    // ... and Escape shows their date.
    fireEvent.keyDown(date, { key: 'Escape' });
    expect(date.value).toBe('15.01.2027');
    expect(date.hasAttribute('aria-invalid')).toBe(false);
    act(() =>
      updateMilestone(
        session.doc,
        'ms-1-mid',
        { dueDate: '2027-02-01' },
        { source: 'connection', userId: 'u-ola' },
      ),
    );
    expect(date.value).toBe('01.02.2027');
  });

  it('updates a milestone state live when a linked measure turns red', () => {
    const session = seededSession();
    // Independent of the day the test runs: the milestone and its measures lie in the future.
    updateMilestone(session.doc, 'ms-3-mid', { dueDate: '2099-12-01' });
    for (const id of readMilestone(session.doc, 'ms-3-mid')!.measureIds)
      updateMeasure(session.doc, id, { dueDate: null, health: 'green' });
    renderInAgreement(<MilestonesDialog focusAreaId="fa-3" onClose={() => {}} />, { session });
    const item = () =>
      screen.getAllByTestId('milestone-item').find((el) => el.dataset.milestoneId === 'ms-3-mid')!;
    expect(within(item()).getByTestId('milestone-state').textContent).toBe('I rute');
    const id = readMilestone(session.doc, 'ms-3-mid')!.measureIds[0]!;
    act(() =>
      updateMeasure(session.doc, id, { health: 'red' }, { source: 'connection', userId: 'u-ola' }),
    );
    expect(within(item()).getByTestId('milestone-state').textContent).toBe('I faresonen');
  });

  it('gives a viewer the milestones without any edit affordance', () => {
    renderInAgreement(<MilestonesDialog focusAreaId="fa-1" onClose={() => {}} />, {
      role: 'viewer',
    });
    expect(screen.queryByRole('button', { name: 'Legg til milepæl' })).toBeNull();
    expect(screen.queryByTestId('milestone-complete')).toBeNull();
    expect(screen.queryByTestId('milestone-date-input')).toBeNull();
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.getAllByTestId('milestone-item').length).toBeGreaterThan(0);
  });
});

describe('milestones from the board and the measure panel', () => {
  it('opens the dialog on the milestone a link names (?milepael=<id>) and drops the parameter on close', async () => {
    history.replaceState(null, '', '/a/tromsvekstavtalen/fa/fa-1?milepael=ms-1-mid');
    renderInAgreement(<MilestonesButton focusAreaId="fa-1" />);
    const dialog = await findOpenDialog('milestones-dialog');
    const item = within(dialog)
      .getAllByTestId('milestone-item')
      .find((el) => el.dataset.milestoneId === 'ms-1-mid')!;
    expect(item.hasAttribute('open')).toBe(true);
    expect(screen.getByTestId('milestones-button').textContent).toMatch(/Milepæler \(3\)/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lukk' }));
    await waitFor(() => expect(location.search).toBe(''));
  });

  it('shows each linked milestone’s state in the measure panel, and links from there', () => {
    const session = seededSession();
    updateMilestone(session.doc, 'ms-1-mid', { dueDate: '2099-12-01' }); // not late on any day
    updateMeasure(session.doc, 'm-1-2', { health: 'red' }); // a linked measure is red: at risk
    renderInAgreement(<LinksSection measureId="m-1-1" run={(fn) => fn()} />, { session });
    const box = screen.getByRole('checkbox', { name: /Midtveisevaluering 2026/ });
    expect((box as HTMLInputElement).checked).toBe(true);
    expect(screen.getAllByTestId('milestone-state').map((b) => b.textContent)).toContain(
      'I faresonen',
    );
    fireEvent.click(screen.getByRole('checkbox', { name: /Sluttevaluering 2028/ }));
    expect(readMilestone(session.doc, 'ms-1-final')!.measureIds).toContain('m-1-1');
  });
});
