import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../admin/testing';
import { OverviewPage } from '../agreements/OverviewPage';
import { formatDateTime } from '../i18n';
import { renderInAgreement, seededSession } from '../test/harness';
import { visitTracker } from './lastVisit';
import { SinceLastVisit } from './SinceLastVisit';

const A = '/api/agreements/tromsvekstavtalen/activity';
const KEY = 'tavla.lastVisit:u-kari:tromsvekstavtalen';
const LAST = '2026-11-20T12:00:00.000Z';
const minutesLater = (minutes: number) =>
  new Date(Date.parse(LAST) + minutes * 60_000).toISOString();
const KARI = { id: 'u-kari', name: 'Kari Nordmann' };
const OLA = { id: 'u-ola', name: 'Ola Hansen' };

/** Kari was last here at LAST (the visit ended: she left). */
function lastHereAt(iso: string) {
  localStorage.setItem(KEY, JSON.stringify({ previous: null, seenAt: iso, open: false }));
}

describe('SinceLastVisit', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    visitTracker().leave();
    localStorage.clear();
    vi.unstubAllGlobals();
  });

  it('lists the measures others changed since the last visit, with links, and not Kari’s own', async () => {
    lastHereAt(LAST);
    const session = seededSession();
    const [m1, m2, m3] = session.store.allMeasures();
    stubApi([
      {
        path: A,
        body: {
          events: [
            {
              id: 'd9',
              at: minutesLater(90),
              actor: KARI,
              kind: 'measure.edited',
              measureId: m3!.id,
              summary: { title: m3!.title, fields: ['title'] },
            },
            {
              id: 'd8',
              at: minutesLater(60),
              actor: OLA,
              kind: 'measure.edited',
              measureId: m1!.id,
              summary: { title: m1!.title, fields: ['health'] },
            },
            {
              id: 'd7',
              at: minutesLater(50),
              actor: OLA,
              kind: 'measure.edited',
              measureId: m1!.id,
              summary: { title: m1!.title, fields: ['dueDate'] },
            },
            {
              id: 'd6',
              at: minutesLater(30),
              actor: { id: 'u-per', name: 'Per Persen' },
              kind: 'comment.added',
              measureId: m2!.id,
              summary: { title: m2!.title },
            },
            {
              id: 'd5',
              at: minutesLater(20),
              actor: OLA,
              kind: 'comment.added',
              measureId: m2!.id,
              summary: { title: m2!.title },
            },
            {
              id: 'd4',
              at: minutesLater(-10),
              actor: OLA,
              kind: 'comment.added',
              measureId: m3!.id,
              summary: { title: m3!.title },
            },
          ],
        },
      },
    ]);
    renderInAgreement(<OverviewPage />, { session });

    const section = await screen.findByRole('region', {
      name: `Siden sist du var her (${formatDateTime(LAST, 'nb')})`,
    });
    const items = within(section).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const first = within(items[0]!).getByRole('link', { name: m1!.title });
    expect(first.getAttribute('href')).toBe(
      `/a/tromsvekstavtalen/fa/${m1!.focusAreaId}?m=${m1!.id}`,
    );
    const fa = session.store.structure().focusAreas.find((f) => f.id === m1!.focusAreaId)!;
    expect(items[0]!.textContent).toContain(`Innsatsområde ${fa.number}`);
    expect(items[0]!.textContent).toContain('Ola Hansen endret frist og status');
    within(items[1]!).getByRole('link', { name: m2!.title });
    expect(items[1]!.textContent).toContain('2 endringer av Per Persen og Ola Hansen');
    // Kari's own change to m3 is not listed, nor Ola's from before her last visit.
    expect(within(section).queryByRole('link', { name: m3!.title })).toBeNull();
    expect(
      within(section)
        .getByRole('link', { name: 'Vis alle i aktivitetsloggen' })
        .getAttribute('href'),
    ).toBe('/a/tromsvekstavtalen/aktivitet');
  });

  it('lists at most ten measures, and says how many more', async () => {
    lastHereAt(LAST);
    const session = seededSession();
    const measures = session.store.allMeasures().slice(0, 12);
    stubApi([
      {
        path: A,
        body: {
          events: measures.map((m, i) => ({
            id: `d${i}`,
            at: minutesLater(100 - i),
            actor: OLA,
            kind: 'comment.added',
            measureId: m.id,
            summary: { title: m.title },
          })),
        },
      },
    ]);
    renderInAgreement(<SinceLastVisit />, { session });
    const section = await screen.findByTestId('since-last');
    expect(within(section).getAllByTestId('since-last-item')).toHaveLength(10);
    expect(section.textContent).toContain('og 2 tiltak til');
  });

  it('says in one line that nobody else changed anything', async () => {
    lastHereAt(LAST);
    const session = seededSession();
    const [m1] = session.store.allMeasures();
    stubApi([
      {
        path: A,
        body: {
          events: [
            {
              id: 'd2',
              at: minutesLater(5),
              actor: KARI,
              kind: 'comment.added',
              measureId: m1!.id,
              summary: { title: m1!.title },
            },
          ],
        },
      },
    ]);
    renderInAgreement(<SinceLastVisit />, { session });
    expect((await screen.findByTestId('since-last-none')).textContent).toBe(
      `Ingen andre har endret noe siden sist du var her, ${formatDateTime(LAST, 'nb')}.`,
    );
    expect(screen.queryByRole('heading')).toBeNull();
  });

  it('shows no list on the first visit in this browser, and asks the server nothing', async () => {
    const calls = stubApi([]);
    renderInAgreement(<SinceLastVisit />);
    expect((await screen.findByTestId('since-last-first')).textContent).toContain(
      'Neste gang du åpner avtalen',
    );
    expect(calls).toEqual([]);
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}')).toMatchObject({
      previous: null,
      open: true,
    });
  });

  it('keeps the previous visit while Kari is on the agreement', async () => {
    lastHereAt(LAST);
    stubApi([{ path: A, body: { events: [] } }]);
    const view = renderInAgreement(<SinceLastVisit />);
    await screen.findByTestId('since-last-none');
    view.unmount(); // to a board of the agreement and back
    renderInAgreement(<SinceLastVisit />);
    expect((await screen.findByTestId('since-last-none')).textContent).toContain(
      formatDateTime(LAST, 'nb'),
    );
  });

  it('shows the list fetched before in this visit when the network is gone', async () => {
    lastHereAt(LAST);
    const session = seededSession();
    const [m1] = session.store.allMeasures();
    const event = {
      id: 'd2',
      at: minutesLater(5),
      actor: OLA,
      kind: 'comment.added',
      measureId: m1!.id,
      summary: { title: m1!.title },
    };
    stubApi([{ path: A, body: { events: [event] } }]);
    const view = renderInAgreement(<SinceLastVisit />, { session });
    await screen.findByTestId('since-last-item');
    view.unmount();
    // A reload on the train: a new page (a new query cache), the same visit, no network.
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    renderInAgreement(<SinceLastVisit />, { session });
    expect(
      (await screen.findByTestId('since-last-item', {}, { timeout: 5000 })).textContent,
    ).toContain('Ola Hansen kommenterte');
  });

  it('says so in a short note when the activity cannot be fetched', async () => {
    lastHereAt(LAST);
    stubApi([{ path: A, status: 503, body: { error: { code: 'unavailable', message: 'x' } } }]);
    renderInAgreement(<SinceLastVisit />);
    expect((await screen.findByTestId('since-last-error', {}, { timeout: 5000 })).textContent).toBe(
      'Kunne ikke hente hva andre har endret siden sist du var her.',
    );
  });
});
