import {
  completeMilestone,
  createMeeting,
  deleteMeeting,
  listMeetings,
  listMilestones,
  readMeeting,
  reopenMilestone,
  updateMeeting,
  updateMilestone,
} from '@tavla/domain';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderInAgreement, seededSession } from '../test/harness';
import { position } from './scale';
import TimelinePage from './TimelinePage';

// The timeline is a large DOM (two print copies too) and zooming animates over frames: jsdom on
// a busy machine needs more than the default 5 s.
vi.setConfig({ testTimeout: 20_000 });

const TODAY = '2026-11-27';
const P1 = { start: '2025-01-01', end: '2026-12-31' };
const remote = { source: 'connection', userId: 'u-ola' } as const;

function marker(id: string, scope: ParentNode = screen.getByTestId('timeline')): HTMLElement {
  const el = scope.querySelector<HTMLElement>(
    `[data-testid="timeline-milestone"][data-milestone-id="${id}"]`,
  );
  if (!el) throw new Error(`no marker for ${id}`);
  return el;
}

/** Opens a meeting's dialog from its mark on the timeline. */
function openMeeting(id: string): void {
  const mark = screen
    .getByTestId('timeline')
    .querySelector<HTMLElement>(`[data-meeting-id="${id}"]`);
  if (!mark) throw new Error(`no mark for meeting ${id}`);
  fireEvent.click(within(mark).getByTestId('meeting-open'));
}

function lanes(): HTMLElement[] {
  return within(screen.getByTestId('timeline')).getAllByTestId('timeline-lane');
}

describe('TimelinePage (milepælsoversikt)', () => {
  it('has one lane per focus area and places milestones at their dates in the period', () => {
    const session = seededSession();
    renderInAgreement(<TimelinePage todayISO={TODAY} />, { session });
    expect(lanes().map((l) => l.dataset.focusAreaId)).toEqual(['fa-1', 'fa-2', 'fa-3', 'fa-4']);
    // The current plan (2025–2026) is chosen because today is in it.
    expect(screen.getByRole('radio', { name: 'Handlingsplan 2025–2026' })).toBeTruthy();
    const mid = marker('ms-1-mid', lanes()[0]!);
    expect(Number(mid.dataset.x)).toBeCloseTo(position(P1, '2026-12-01'), 3);
    expect(mid.closest('li')!.style.left).toBe(`${(position(P1, '2026-12-01') * 100).toFixed(3)}%`);
    // Earlier milestones sit further left.
    expect(Number(marker('ms-1-1').dataset.x)).toBeLessThan(Number(mid.dataset.x));
    // A milestone of 2027 is not on the 2025–2026 timeline.
    expect(screen.getByTestId('timeline').querySelector('[data-milestone-id="ms-3-1"]')).toBeNull();
    // ... but its lane says there are milestones in other periods (ms-3-1 and the final evaluation).
    expect(lanes()[2]!.textContent).toMatch(/\+ 2 milepæler i andre perioder/);
  });

  it('shows the today line at today and the evaluation point', () => {
    renderInAgreement(<TimelinePage todayISO={TODAY} />);
    const line = within(screen.getByTestId('timeline')).getByTestId('today-line');
    expect(Number(line.dataset.x)).toBeCloseTo(position(P1, TODAY), 3);
    expect(within(screen.getByTestId('timeline')).getByTestId('event-today').textContent).toMatch(
      /I dag, 27\. nov\. 2026/,
    );
    expect(
      within(screen.getByTestId('timeline')).getByTestId('event-evaluation').textContent,
    ).toMatch(/Midtveisevaluering 2026/);
  });

  it('shows state by shape and words, not colour alone', () => {
    renderInAgreement(<TimelinePage todayISO={TODAY} />);
    const done = marker('ms-1-1');
    expect(done.dataset.state).toBe('done');
    expect(done.textContent).toMatch(/Nådd.*0 av 1 tiltak ferdige/);
    expect(done.querySelector('svg circle')).toBeTruthy();
    const late = marker('ms-4-1'); // 2026-11-01, before today, not done
    expect(late.dataset.state).toBe('late');
    expect(late.textContent).toMatch(/Forsinket/);
    expect(late.querySelector('svg rect')).toBeTruthy();
  });

  it('follows edits made elsewhere at once (date moved, completed, reopened)', () => {
    const session = seededSession();
    renderInAgreement(<TimelinePage todayISO={TODAY} />, { session });
    const before = Number(marker('ms-4-1').dataset.x);
    act(() => updateMilestone(session.doc, 'ms-4-1', { dueDate: '2025-06-15' }, remote));
    const after = Number(marker('ms-4-1').dataset.x);
    expect(after).toBeCloseTo(position(P1, '2025-06-15'), 3);
    expect(after).toBeLessThan(before);
    act(() => completeMilestone(session.doc, 'ms-4-1', remote));
    expect(marker('ms-4-1').dataset.state).toBe('done');
    act(() => reopenMilestone(session.doc, 'ms-4-1', remote));
    expect(marker('ms-4-1').dataset.state).toBe('late');
    // Moved out of the period: it leaves the timeline.
    act(() => updateMilestone(session.doc, 'ms-4-1', { dueDate: '2027-03-01' }, remote));
    expect(screen.getByTestId('timeline').querySelector('[data-milestone-id="ms-4-1"]')).toBeNull();
  });

  it('expands a focus area into its delmål rows', () => {
    renderInAgreement(<TimelinePage todayISO={TODAY} />);
    const toggle = within(lanes()[0]!).getByTestId('lane-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(lanes()[0]!).queryAllByTestId('timeline-objective-row')).toHaveLength(0);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const rows = within(lanes()[0]!).getAllByTestId('timeline-objective-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^1\.1/),
      expect.stringMatching(/^1\.2/),
    ]);
    // ms-1-1 links m-1-1 (delmål 1.1) only.
    expect(rows[0]!.querySelector('[data-milestone-id="ms-1-1"]')).toBeTruthy();
    expect(rows[1]!.querySelector('[data-milestone-id="ms-1-1"]')).toBeNull();
  });

  it('zooms from the whole period to a quarter with buttons and keys', async () => {
    renderInAgreement(<TimelinePage todayISO={TODAY} />);
    const level = screen.getByTestId('zoom-level');
    const canvas = screen.getByTestId('timeline').firstElementChild as HTMLElement;
    expect(level.textContent).toBe('Viser 24 måneder');
    expect(screen.getByRole('button', { name: 'Zoom ut' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Zoom inn' }));
    expect(level.textContent).toBe('Viser 12 måneder');
    await waitFor(() => expect(canvas.dataset.zoom).toBe('2'), { timeout: 4000 });
    const region = screen.getByRole('region', { name: 'Tidslinje for handlingsplan 2025–2026' });
    fireEvent.keyDown(region, { key: '+' });
    fireEvent.keyDown(region, { key: '+' });
    expect(level.textContent).toBe('Viser 3 måneder');
    await waitFor(() => expect(canvas.dataset.zoom).toBe('8'), { timeout: 4000 });
    expect(screen.getByRole('button', { name: 'Zoom inn' })).toHaveProperty('disabled', true);
    fireEvent.keyDown(region, { key: '0' });
    expect(level.textContent).toBe('Viser 24 måneder');
    await waitFor(() => expect(canvas.dataset.zoom).toBe('1'), { timeout: 4000 });
    fireEvent.click(screen.getByRole('button', { name: 'K3 2025: zoom inn på kvartalet' }));
    expect(level.textContent).toBe('Viser 3 måneder');
  });

  it('selecting a milestone lists its measures, each opening on its board', () => {
    const session = seededSession();
    renderInAgreement(<TimelinePage todayISO={TODAY} />, { session });
    fireEvent.click(marker('ms-1-mid'));
    expect(marker('ms-1-mid').getAttribute('aria-pressed')).toBe('true');
    const details = screen.getByTestId('milestone-details');
    const ms = listMilestones(session.doc).find((m) => m.id === 'ms-1-mid')!;
    const links = within(details).getAllByTestId('milestone-measure-link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(
      ms.measureIds.map((id) => `/a/tromsvekstavtalen/fa/fa-1?m=${id}`),
    );
    expect(details.textContent).toMatch(/I faresonen/);
  });

  it('opens on the milestone a link names, in its period, and forgets it when closed', () => {
    history.replaceState(null, '', '/a/tromsvekstavtalen/milepaeler?milepael=ms-3-1');
    renderInAgreement(<TimelinePage todayISO={TODAY} />);
    expect(screen.getByTestId('timeline').dataset.planId).toBe('ap-2027-2028');
    const details = screen.getByTestId('milestone-details');
    expect(details.dataset.milestoneId).toBe('ms-3-1');
    expect(marker('ms-3-1').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(within(details).getByRole('button', { name: 'Lukk' }));
    expect(location.search).toBe('');
    expect(screen.queryByTestId('milestone-details')).toBeNull();
  });

  it('switches to the other action plan period', () => {
    renderInAgreement(<TimelinePage todayISO={TODAY} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Handlingsplan 2027–2028' }));
    const tl = screen.getByTestId('timeline');
    expect(tl.dataset.planId).toBe('ap-2027-2028');
    expect(tl.querySelector('[data-milestone-id="ms-3-1"]')).toBeTruthy();
    expect(within(tl).queryByTestId('today-line')).toBeNull();
    expect(within(tl).getByTestId('event-evaluation').textContent).toMatch(/Sluttevaluering 2028/);
    // Meetings come from the document: a milestone whose title says "møte" is not one.
    const meetings = within(tl).getAllByTestId('event-meeting');
    expect(meetings.map((m) => m.dataset.meetingId)).toEqual([
      'mt-adm-4',
      'mt-pol-2027-1',
      'mt-pol-2027-2',
      'mt-pol-2028-1',
      'mt-pol-2028-2',
    ]);
    expect(meetings.some((m) => /30\. apr\. 2027/.test(m.textContent ?? ''))).toBe(false);
  });

  it('has a print copy of every action plan period, each page with the legend and when it was printed', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-27T08:05:00Z'));
    renderInAgreement(<TimelinePage todayISO={TODAY} />);
    expect(screen.getAllByTestId('timeline-print').map((e) => e.dataset.planId)).toEqual([
      'ap-2025-2026',
      'ap-2027-2028',
    ]);
    // A handout for a political meeting says what the marks mean and how fresh it is.
    expect(screen.getAllByRole('list', { name: 'Tegnforklaring' })).toHaveLength(3);
    const printed = screen.getAllByTestId('timeline-printed-at');
    expect(printed).toHaveLength(2);
    const opened = printed[0]!.textContent;
    expect(opened).toMatch(/^Skrevet ut 27\. nov\. 2026/);
    // Printed later in the day: the time of that print, not of the page's opening.
    vi.setSystemTime(new Date('2026-11-27T14:40:00Z'));
    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    const later = screen.getAllByTestId('timeline-printed-at')[1]!.textContent;
    expect(later).toMatch(/^Skrevet ut 27\. nov\. 2026/);
    expect(later).not.toBe(opened);
    vi.useRealTimers();
  });

  it('shows a viewer exactly the same timeline', () => {
    const strip = (html: string) => html.replace(/ (id|aria-labelledby)="[^"]*"/g, '');
    const a = renderInAgreement(<TimelinePage todayISO={TODAY} />, { role: 'editor' });
    const editorHtml = strip(screen.getByTestId('timeline').outerHTML);
    a.unmount();
    renderInAgreement(<TimelinePage todayISO={TODAY} />, { role: 'viewer' });
    expect(strip(screen.getByTestId('timeline').outerHTML)).toBe(editorHtml);
  });

  it('marks the document’s meetings in the period by kind, with shape and words', () => {
    renderInAgreement(<TimelinePage todayISO={TODAY} />);
    const tl = screen.getByTestId('timeline');
    const events = within(tl).getAllByTestId('event-meeting');
    expect(events.map((e) => [e.dataset.meetingId, e.dataset.meetingKind])).toEqual([
      ['mt-adm-1', 'administrative'],
      ['mt-pol-2025-2', 'political'],
      ['mt-adm-2', 'administrative'],
      ['mt-pol-2026-1', 'political'],
      ['mt-adm-3', 'administrative'],
      ['mt-pol-2026-2', 'political'],
    ]);
    const spring = events[3]!;
    expect(spring.style.left).toBe(`${(position(P1, '2026-04-23') * 100).toFixed(3)}%`);
    // The kind is a shape (diamond/ring) and words, not a colour.
    expect(spring.querySelector('[data-meeting-kind="political"]')).toBeTruthy();
    expect(spring.textContent).toBe('Politisk møte: Politisk møte vår 2026, 23. apr. 2026');
    expect(events[0]!.textContent).toMatch(
      /^Administrativt møte: Administrativt samarbeidsmøte, 10\. sep\. 2025/,
    );
    expect(spring.getAttribute('title')).toMatch(/IPR kaller inn/);
    // The legend names both shapes.
    const legend = screen.getAllByRole('list', { name: 'Tegnforklaring' })[0]!;
    expect(legend.textContent).toMatch(/Politisk møte.*Administrativt møte/);
    // The print copies carry the meetings too.
    const print = screen.getAllByTestId('timeline-print')[1]!;
    expect(within(print).getAllByTestId('event-meeting')).toHaveLength(5);
  });

  it('follows meetings added, moved and deleted elsewhere at once', () => {
    const session = seededSession();
    renderInAgreement(<TimelinePage todayISO={TODAY} />, { session });
    const ids = () =>
      within(screen.getByTestId('timeline'))
        .getAllByTestId('event-meeting')
        .map((e) => e.dataset.meetingId);
    act(() => {
      createMeeting(
        session.doc,
        { id: 'mt-x', date: '2025-06-20', title: 'Ekstra møte', kind: 'political' },
        remote,
      );
    });
    expect(ids()[0]).toBe('mt-x');
    act(() => updateMeeting(session.doc, 'mt-x', { date: '2026-12-20' }, remote));
    expect(ids().at(-1)).toBe('mt-x');
    act(() => deleteMeeting(session.doc, 'mt-x', remote));
    expect(ids()).not.toContain('mt-x');
    // Moved out of the period, a meeting leaves this timeline.
    act(() => updateMeeting(session.doc, 'mt-adm-1', { date: '2027-09-01' }, remote));
    expect(ids()).not.toContain('mt-adm-1');
  });

  it('lets an editor add a meeting in a small dialog', async () => {
    const session = seededSession();
    renderInAgreement(<TimelinePage todayISO={TODAY} />, { session, role: 'editor' });
    fireEvent.click(screen.getByTestId('meeting-add'));
    const dialog = await screen.findByTestId('meeting-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Nytt møte' })).toBeTruthy();
    // Today is proposed; an empty title is refused and nothing is written.
    const date = within(dialog).getByLabelText('Dato') as HTMLInputElement;
    expect(date.value).toBe(TODAY.split('-').reverse().join('.')); // dd.mm.åååå
    const before = listMeetings(session.doc).length;
    fireEvent.click(within(dialog).getByTestId('meeting-save'));
    expect(within(dialog).getByText('Skriv en tittel.')).toBeTruthy();
    expect(listMeetings(session.doc)).toHaveLength(before);
    // A date that does not exist is refused, and the meeting is not added on the earlier date.
    fireEvent.change(within(dialog).getByLabelText('Tittel'), {
      target: { value: 'Møte i Lyngen' },
    });
    fireEvent.change(date, { target: { value: '31.6.2026' } });
    fireEvent.blur(date);
    fireEvent.click(within(dialog).getByTestId('meeting-save'));
    expect(listMeetings(session.doc)).toHaveLength(before);
    expect(within(dialog).getByText('Datoen finnes ikke: juni 2026 har 30 dager.')).toBeTruthy();
    fireEvent.change(date, { target: { value: '18.6.26' } });
    fireEvent.blur(date);
    expect(date.value).toBe('18.06.2026');
    fireEvent.change(within(dialog).getByLabelText('Tittel'), {
      target: { value: 'Møte i Lyngen' },
    });
    fireEvent.change(within(dialog).getByLabelText('Type møte'), {
      target: { value: 'administrative' },
    });
    fireEvent.change(within(dialog).getByLabelText('Merknad (valgfritt)'), {
      target: { value: 'Sted: Lyngseidet' },
    });
    fireEvent.click(within(dialog).getByTestId('meeting-save'));
    const added = listMeetings(session.doc).find((m) => m.title === 'Møte i Lyngen');
    expect(added).toMatchObject({
      date: '2026-06-18',
      kind: 'administrative',
      note: 'Sted: Lyngseidet',
    });
    expect(screen.queryByTestId('meeting-dialog')).toBeNull();
    expect(screen.getByTestId('meeting-status').textContent).toBe(
      'Møtet «Møte i Lyngen» er lagt til.',
    );
    const mark = screen
      .getByTestId('timeline')
      .querySelector<HTMLElement>(`[data-meeting-id="${added!.id}"]`);
    expect(mark?.dataset.meetingKind).toBe('administrative');
  });

  it('lets an editor edit and delete a meeting from its mark', async () => {
    const session = seededSession();
    renderInAgreement(<TimelinePage todayISO={TODAY} />, { session, role: 'editor' });
    const open = () => openMeeting('mt-pol-2026-1');
    open();
    let dialog = await screen.findByTestId('meeting-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Endre møte' })).toBeTruthy();
    expect((within(dialog).getByLabelText('Tittel') as HTMLInputElement).value).toBe(
      'Politisk møte vår 2026',
    );
    const date = within(dialog).getByLabelText('Dato') as HTMLInputElement;
    expect(date.value).toBe('23.04.2026');
    fireEvent.change(date, { target: { value: '2026-05-07' } }); // pasted ISO
    fireEvent.blur(date);
    expect(date.value).toBe('07.05.2026');
    fireEvent.change(within(dialog).getByLabelText('Merknad (valgfritt)'), {
      target: { value: '' },
    });
    fireEvent.click(within(dialog).getByTestId('meeting-save'));
    expect(readMeeting(session.doc, 'mt-pol-2026-1')).toMatchObject({
      date: '2026-05-07',
      note: null,
      kind: 'political',
    });
    open();
    dialog = await screen.findByTestId('meeting-dialog');
    fireEvent.click(within(dialog).getByTestId('meeting-delete'));
    expect(readMeeting(session.doc, 'mt-pol-2026-1')).toBeDefined();
    fireEvent.click(within(dialog).getByTestId('meeting-delete-confirm'));
    expect(readMeeting(session.doc, 'mt-pol-2026-1')).toBeUndefined();
    expect(
      screen.getByTestId('timeline').querySelector('[data-meeting-id="mt-pol-2026-1"]'),
    ).toBeNull();
    expect(screen.getByTestId('meeting-status').textContent).toMatch(/er slettet/);
  });

  it('saves only what was changed in the dialog, keeping what others changed meanwhile', async () => {
    const session = seededSession();
    renderInAgreement(<TimelinePage todayISO={TODAY} />, { session, role: 'editor' });
    openMeeting('mt-pol-2026-1');
    const dialog = await screen.findByTestId('meeting-dialog');
    fireEvent.change(within(dialog).getByLabelText('Tittel'), {
      target: { value: 'Politisk møte vår 2026 (flyttet)' },
    });
    // Meanwhile someone else moves the meeting and changes its note.
    act(() =>
      updateMeeting(
        session.doc,
        'mt-pol-2026-1',
        { date: '2026-05-14', note: 'Nytt sted: rådhuset' },
        remote,
      ),
    );
    // The fields this person has not touched follow; the one they typed in does not.
    expect((within(dialog).getByLabelText('Dato') as HTMLInputElement).value).toBe('14.05.2026');
    expect(
      (within(dialog).getByLabelText('Merknad (valgfritt)') as HTMLTextAreaElement).value,
    ).toBe('Nytt sted: rådhuset');
    expect((within(dialog).getByLabelText('Tittel') as HTMLInputElement).value).toBe(
      'Politisk møte vår 2026 (flyttet)',
    );
    fireEvent.click(within(dialog).getByTestId('meeting-save'));
    expect(readMeeting(session.doc, 'mt-pol-2026-1')).toMatchObject({
      title: 'Politisk møte vår 2026 (flyttet)',
      date: '2026-05-14',
      note: 'Nytt sted: rådhuset',
      kind: 'political',
    });
  });

  it('writes nothing when a meeting is saved unchanged', async () => {
    const session = seededSession();
    renderInAgreement(<TimelinePage todayISO={TODAY} />, { session, role: 'editor' });
    openMeeting('mt-pol-2026-1');
    const dialog = await screen.findByTestId('meeting-dialog');
    const before = readMeeting(session.doc, 'mt-pol-2026-1');
    // Typed and typed back (spaces around are not a change either).
    const title = within(dialog).getByLabelText('Tittel');
    fireEvent.change(title, { target: { value: 'Noe annet' } });
    fireEvent.change(title, { target: { value: ' Politisk møte vår 2026 ' } });
    let updates = 0;
    session.doc.on('update', () => updates++);
    fireEvent.click(within(dialog).getByTestId('meeting-save'));
    expect(updates).toBe(0);
    expect(readMeeting(session.doc, 'mt-pol-2026-1')).toEqual(before);
    expect(screen.queryByTestId('meeting-dialog')).toBeNull();
  });

  it('says so when the open meeting is deleted by someone else', async () => {
    const session = seededSession();
    renderInAgreement(<TimelinePage todayISO={TODAY} />, { session, role: 'editor' });
    openMeeting('mt-adm-2');
    const dialog = await screen.findByTestId('meeting-dialog');
    act(() => deleteMeeting(session.doc, 'mt-adm-2', remote));
    expect(within(dialog).getByTestId('meeting-gone')).toBeTruthy();
    expect(within(dialog).queryByTestId('meeting-save')).toBeNull();
  });

  it('gives a viewer the meetings read-only', async () => {
    renderInAgreement(<TimelinePage todayISO={TODAY} />, { role: 'viewer' });
    expect(screen.queryByTestId('meeting-add')).toBeNull();
    openMeeting('mt-pol-2026-1');
    const dialog = await screen.findByTestId('meeting-dialog');
    expect(within(dialog).getByTestId('meeting-readonly').textContent).toMatch(
      /Politisk møte.*23\. apr\. 2026.*IPR kaller inn/,
    );
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    expect(within(dialog).queryByTestId('meeting-delete')).toBeNull();
  });
});
