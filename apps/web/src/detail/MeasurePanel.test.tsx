import {
  addComment,
  listColumns,
  listMeasures,
  measureText,
  moveMeasure,
  readMeasure,
  setClock,
  setMeasureOutcome,
  setMeasureOwner,
  updateMeasure,
} from '@tavla/domain';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { FunctionComponent } from 'react';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { AgreementSession } from '../sync/session';
import { meeting, renderInAgreement, seededSession } from '../test/harness';
import { MeasurePanel } from './MeasurePanel';

// Counts every render of the panel's sections, whatever caused it (the panel above, or the
// section's own subscription): the wrapper calls the real component as a function, so the
// section's hooks run in, and re-render, the wrapper.
const renders = vi.hoisted(() => ({}) as Record<string, number>);
function counted<P extends object>(name: string, real: FunctionComponent<P>): FunctionComponent<P> {
  return (props: P) => {
    renders[name] = (renders[name] ?? 0) + 1;
    return real(props);
  };
}
vi.mock('./FieldsSection', async (original) => {
  const real = await original<typeof import('./FieldsSection')>();
  return { ...real, FieldsSection: counted('fields', real.FieldsSection) };
});
vi.mock('./OwnersField', async (original) => {
  const real = await original<typeof import('./OwnersField')>();
  return { ...real, OwnersField: counted('owners', real.OwnersField) };
});
vi.mock('./StatusSection', async (original) => {
  const real = await original<typeof import('./StatusSection')>();
  return { ...real, StatusSection: counted('status', real.StatusSection) };
});
vi.mock('./ChecklistSection', async (original) => {
  const real = await original<typeof import('./ChecklistSection')>();
  return { ...real, ChecklistSection: counted('checklist', real.ChecklistSection) };
});
vi.mock('./CommentsSection', async (original) => {
  const real = await original<typeof import('./CommentsSection')>();
  return { ...real, CommentsSection: counted('comments', real.CommentsSection) };
});
vi.mock('./LinksSection', async (original) => {
  const real = await original<typeof import('./LinksSection')>();
  return { ...real, LinksSection: counted('milestones', real.LinksSection) };
});

const SECTIONS = ['fields', 'owners', 'status', 'checklist', 'comments', 'milestones'] as const;
const rendersNow = () => Object.fromEntries(SECTIONS.map((s) => [s, renders[s] ?? 0]));

/**
 * Another person's client with the same document: each of its transactions reaches Kari's
 * document as one update, the way the websocket provider applies it.
 */
function otherClient(session: AgreementSession): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(session.doc));
  doc.on('update', (update: Uint8Array) => act(() => Y.applyUpdate(session.doc, update, 'net')));
  return doc;
}

describe('MeasurePanel', () => {
  it('tells who moved the open measure, and where to, when someone else moves it', () => {
    const { session } = renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />);
    const target = listColumns(session.doc).find(
      (c) => c.id !== listMeasures(session.doc).find((m) => m.id === 'm-1-1')!.columnId,
    )!;
    act(() =>
      moveMeasure(
        session.doc,
        'm-1-1',
        { columnId: target.id, index: 0 },
        { source: 'connection', userId: 'u-ola' },
      ),
    );
    const notice = screen.getByTestId('conflict-notice');
    // No awareness in this offline session, so the author is unknown: "Noen".
    expect(notice.textContent).toContain(`Noen flyttet dette tiltaket til ${target.title}`);
    fireEvent.click(within(notice).getByRole('button', { name: 'Lukk melding' }));
    expect(screen.queryByTestId('conflict-notice')).toBeNull();
  });

  it('does not report its own changes as conflicts', () => {
    const { session } = renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />);
    const target = listColumns(session.doc)[3]!;
    act(() => moveMeasure(session.doc, 'm-1-1', { columnId: target.id, index: 0 }, session.origin));
    expect(screen.queryByTestId('conflict-notice')).toBeNull();
  });

  it("moves the measure's updatedAt when the person types in it, at most once a minute", () => {
    let now = Date.parse('2027-05-03T08:00:00.000Z');
    const restore = setClock(() => new Date(now));
    try {
      const { session } = renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />);
      const title = screen.getByTestId('measure-title-input') as HTMLInputElement;
      const description = screen.getByTestId('measure-description-input') as HTMLTextAreaElement;
      const typeInto = (el: HTMLInputElement | HTMLTextAreaElement, value: string) => {
        el.value = value;
        el.setSelectionRange(value.length, value.length);
        fireEvent.input(el);
      };
      const updatedAt = () => readMeasure(session.doc, 'm-1-1')?.updatedAt;
      typeInto(title, `${title.value}!`);
      expect(updatedAt()).toBe('2027-05-03T08:00:00.000Z');
      now += 30_000;
      typeInto(description, description.value.slice(0, -1)); // a deletion, within the minute
      expect(updatedAt()).toBe('2027-05-03T08:00:00.000Z');
      now += 30_000;
      typeInto(description, description.value.slice(0, -1));
      expect(updatedAt()).toBe('2027-05-03T08:01:00.000Z');
    } finally {
      restore();
    }
  });

  it('edits the start date and due date as dd.mm.åååå, writing only complete dates', () => {
    const session = seededSession();
    updateMeasure(session.doc, 'm-1-1', { startDate: '2026-01-15', dueDate: '2026-06-30' });
    renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />, { session });
    const start = screen.getByLabelText('Startdato') as HTMLInputElement;
    const due = screen.getByLabelText('Frist') as HTMLInputElement;
    const stored = () => {
      const m = readMeasure(session.doc, 'm-1-1')!;
      return [m.startDate, m.dueDate];
    };
    expect([start.value, due.value]).toEqual(['15.01.2026', '30.06.2026']);
    fireEvent.change(due, { target: { value: '1.9.26' } });
    expect(stored()).toEqual(['2026-01-15', '2026-06-30']);
    fireEvent.blur(due);
    expect(stored()).toEqual(['2026-01-15', '2026-09-01']);
    expect(due.value).toBe('01.09.2026');
    // A start after the due date is refused at the field (the document would refuse it too).
    fireEvent.change(start, { target: { value: '2.9.2026' } });
    fireEvent.blur(start);
    expect(stored()).toEqual(['2026-01-15', '2026-09-01']);
    expect(screen.getByText('Startdatoen kan ikke være etter fristen (01.09.2026).')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull(); // no "not saved" alert for the whole panel
    fireEvent.keyDown(start, { key: 'Escape' });
    expect(start.value).toBe('15.01.2026');
    // Emptied: no start date.
    fireEvent.change(start, { target: { value: '' } });
    fireEvent.keyDown(start, { key: 'Enter' });
    expect(stored()).toEqual([null, '2026-09-01']);
  });

  it('shows dates changed by someone else, but not over what the person is typing', () => {
    const { session } = renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />);
    const ola = otherClient(session);
    const start = screen.getByLabelText('Startdato') as HTMLInputElement;
    const due = screen.getByLabelText('Frist') as HTMLInputElement;
    updateMeasure(ola, 'm-1-1', { startDate: '2026-02-01', dueDate: '2026-12-31' });
    expect([start.value, due.value]).toEqual(['01.02.2026', '31.12.2026']);
    fireEvent.focus(due);
    fireEvent.change(due, { target: { value: '15.11.20' } });
    updateMeasure(ola, 'm-1-1', { startDate: '2026-03-01', dueDate: '2027-01-31' });
    expect([start.value, due.value]).toEqual(['01.03.2026', '15.11.20']);
    fireEvent.change(due, { target: { value: '15.11.2026' } });
    fireEvent.blur(due);
    expect(readMeasure(session.doc, 'm-1-1')!.dueDate).toBe('2026-11-15');
    Y.applyUpdate(ola, Y.encodeStateAsUpdate(session.doc)); // Ola has seen Kari's date
    updateMeasure(ola, 'm-1-1', { dueDate: '2026-10-01' });
    expect(due.value).toBe('01.10.2026');
  });

  it('requires a justification when the health changes', () => {
    const { session } = renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />);
    const panel = screen.getByTestId('measure-panel');
    const before = listMeasures(session.doc).find((m) => m.id === 'm-1-1')!;
    const next = before.health === 'red' ? 'green' : 'red';
    fireEvent.change(within(panel).getByLabelText('Status', { selector: 'select' }), {
      target: { value: next },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Publiser statusoppdatering' }));
    expect(
      within(panel).getAllByText('Skriv en kort begrunnelse når statusen endres.').length,
    ).toBeGreaterThan(0);
    expect(listMeasures(session.doc).find((m) => m.id === 'm-1-1')!.health).toBe(before.health);
    fireEvent.change(within(panel).getByLabelText(/Begrunnelse/), {
      target: { value: 'Finansiering mangler' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Publiser statusoppdatering' }));
    const after = listMeasures(session.doc).find((m) => m.id === 'm-1-1')!;
    expect(after.health).toBe(next);
    expect(after.statusUpdates.at(-1)).toMatchObject({
      text: 'Finansiering mangler',
      authorName: 'Kari Nordmann',
    });
  });

  it('dates a status update by the day it is in Norway, also just after midnight', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Europe/Oslo';
    // 00:30 on 6 March in Tromsø is still 5 March in UTC.
    vi.useFakeTimers({ now: Date.parse('2026-03-05T23:30:00Z'), toFake: ['Date'] });
    try {
      const { session } = renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />);
      const panel = screen.getByTestId('measure-panel');
      fireEvent.change(within(panel).getByLabelText(/Begrunnelse/), {
        target: { value: 'Møtet gikk sent' },
      });
      fireEvent.click(within(panel).getByRole('button', { name: 'Publiser statusoppdatering' }));
      const update = readMeasure(session.doc, 'm-1-1')!.statusUpdates.at(-1)!;
      expect(update).toMatchObject({ text: 'Møtet gikk sent', date: '2026-03-06' });
      expect(within(panel).getByText(/6\. mars 2026/)).toBeTruthy();
    } finally {
      vi.useRealTimers();
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('sums up many people on the measure in one line, the one moving it first', () => {
    const m = meeting(12);
    for (let i = 0; i < 12; i++) m.set(i, { openMeasureId: 'm-1-1' });
    m.set(4, { draggingMeasureId: 'm-1-1' });
    renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />, {
      session: m.session,
    });
    expect(screen.getByTestId('panel-presence').textContent).toBe(
      'Marit Lund-Henriksen flytter tiltaket · ' +
        'Anne-Lise Kristiansen, Bjørn Olav Pedersen og 9 andre har tiltaket åpent',
    );
    act(() => {
      for (let i = 2; i < 12; i++) m.set(i, { openMeasureId: null, draggingMeasureId: null });
    });
    expect(screen.getByTestId('panel-presence').textContent).toBe(
      'Anne-Lise Kristiansen og Bjørn Olav Pedersen har tiltaket åpent',
    );
  });

  it('says who is typing, and names them for a change that only deletes', () => {
    const m = meeting(3);
    for (let i = 0; i < 3; i++) m.set(i, { openMeasureId: 'm-1-1' });
    m.set(1, { typingMeasureId: 'm-1-1' });
    const { session } = renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />, {
      session: m.session,
    });
    expect(screen.getByTestId('panel-presence').textContent).toBe(
      'Bjørn Olav Pedersen skriver · Anne-Lise Kristiansen og Siri Johansen har tiltaket åpent',
    );
    // Another client deletes a character: the update names no writer (a deletion adds no
    // struct), so the one person typing in the measure is named.
    const other = otherClient(session);
    measureText(other, 'm-1-1', 'title').delete(0, 1);
    expect(screen.getByTestId('conflict-notice').textContent).toContain(
      'Bjørn Olav Pedersen endret dette tiltaket',
    );
    // Two people typing: no guess.
    act(() => m.set(2, { typingMeasureId: 'm-1-1' }));
    measureText(other, 'm-1-1', 'title').delete(0, 1);
    expect(screen.getByTestId('conflict-notice').textContent).toContain(
      'Noen endret dette tiltaket',
    );
    expect(screen.getByTestId('panel-presence').textContent).toBe(
      'Bjørn Olav Pedersen og Siri Johansen skriver · Anne-Lise Kristiansen har tiltaket åpent',
    );
  });

  it('does not re-render its fields when people only open and close the measure', () => {
    const m = meeting(19);
    renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />, {
      session: m.session,
    });
    const before = rendersNow();
    act(() => {
      for (let i = 0; i < 19; i++) m.set(i, { openMeasureId: 'm-1-1' });
      for (let i = 0; i < 19; i += 2) m.set(i, { openMeasureId: null });
    });
    expect(screen.getByTestId('panel-presence').textContent).toContain('og 7 andre');
    expect(rendersNow()).toEqual(before);
  });

  it('re-renders none of its sections while someone else types in the title or description', () => {
    const { session } = renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />);
    const ola = otherClient(session);
    const before = rendersNow();
    const title = measureText(ola, 'm-1-1', 'title');
    const description = measureText(ola, 'm-1-1', 'description');
    for (const ch of ' for hele regionen') title.insert(title.length, ch);
    for (const ch of ' Oppstart i mai.') description.insert(description.length, ch);

    const panel = screen.getByTestId('measure-panel');
    // The fields follow their Y.Text, the heading its title, and the notice says who did it.
    expect((screen.getByTestId('measure-title-input') as HTMLInputElement).value).toBe(
      'Ungdomspanel for Tromsøregionen for hele regionen',
    );
    expect((screen.getByTestId('measure-description-input') as HTMLTextAreaElement).value).toMatch(
      / Oppstart i mai\.$/,
    );
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe(
      'Ungdomspanel for Tromsøregionen for hele regionen',
    );
    expect(screen.getByTestId('conflict-notice').textContent).toContain(
      'Noen endret dette tiltaket',
    );
    expect(rendersNow()).toEqual(before);
  });

  it('re-renders the owners, and only them, when someone else changes the owners', () => {
    const { session } = renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />);
    const ola = otherClient(session);
    const owners = within(screen.getByRole('group', { name: 'Ansvarlige' }));
    expect((owners.getByRole('checkbox', { name: /Ola Hansen/ }) as HTMLInputElement).checked).toBe(
      false,
    );
    const before = rendersNow();
    updateMeasure(ola, 'm-1-1', { owners: ['u-ola'] });
    expect((owners.getByRole('checkbox', { name: /Ola Hansen/ }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect(rendersNow()).toEqual({ ...before, owners: before.owners! + 1 });
  });

  it('keeps both owners and both outcome links when Ola, offline, ticks others at the same time', () => {
    const { session } = renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />);
    // Ola's replica, offline (on the train): it gets nothing from Kari's until it reconnects.
    const ola = new Y.Doc();
    Y.applyUpdate(ola, Y.encodeStateAsUpdate(session.doc));
    const owners = within(screen.getByRole('group', { name: 'Ansvarlige' }));
    const box = (name: RegExp) => owners.getByRole('checkbox', { name }) as HTMLInputElement;
    const outcome = (n: number) =>
      screen.getByRole('checkbox', { name: new RegExp(`^${n}\\. `) }) as HTMLInputElement;
    const linked = readMeasure(session.doc, 'm-1-1')!.outcomeIds;
    const free = [1, 2, 4, 5].filter((n) => !linked.includes(`out-${n}`));
    fireEvent.click(box(/Kari Nordmann/));
    fireEvent.click(outcome(free[0]!));
    setMeasureOwner(ola, 'm-1-1', 'u-ola', true);
    setMeasureOutcome(ola, 'm-1-1', `out-${free[1]}`, true);
    // Back online: the replicas exchange what the other is missing.
    const toOla = Y.encodeStateAsUpdate(session.doc, Y.encodeStateVector(ola));
    act(() => Y.applyUpdate(session.doc, Y.encodeStateAsUpdate(ola), 'net'));
    Y.applyUpdate(ola, toOla);
    expect(box(/Kari Nordmann/).checked).toBe(true);
    expect(box(/Ola Hansen/).checked).toBe(true);
    expect(outcome(free[0]!).checked).toBe(true);
    expect(outcome(free[1]!).checked).toBe(true);
    for (const doc of [session.doc, ola]) {
      expect(readMeasure(doc, 'm-1-1')).toMatchObject({
        owners: ['u-kari', 'u-ola'],
        outcomeIds: [...linked, `out-${free[0]}`, `out-${free[1]}`],
      });
    }
  });

  it('re-renders the comments, and only them, when someone else comments', () => {
    const { session } = renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />);
    const ola = otherClient(session);
    const before = rendersNow();
    addComment(ola, 'm-1-1', { authorId: 'u-ola', authorName: 'Ola Hansen', text: 'Bra møte!' });
    expect(screen.getByText('Bra møte!')).toBeTruthy();
    expect(rendersNow()).toEqual({ ...before, comments: before.comments! + 1 });
  });
});
