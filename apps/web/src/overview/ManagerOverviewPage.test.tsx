import { listColumns, listMeasures } from '@tavla/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeLayout } from '../board/layout';
import { filtersFromSearch } from '../filters/filters';
import { renderInAgreement, seededSession } from '../test/harness';
import type { AgreementSummaryModel, MilestoneRow } from './api';
import ManagerOverviewPage from './ManagerOverviewPage';

const row: MilestoneRow = {
  agreementId: 'tromsvekstavtalen',
  agreementTitle: 'Tromsvekstavtalen',
  id: 'ms-1-mid',
  focusAreaId: 'fa-1',
  focusAreaNumber: '1',
  focusAreaTitle: 'Befolkningsutvikling',
  title: 'Midtveisevaluering 2026',
  dueDate: '2026-12-01',
  done: false,
  state: 'at_risk',
  measureIds: ['m-1-1', 'm-1-2', 'm-1-4'],
  measureCount: 3,
  measuresDone: 0,
  measuresRed: 1,
  measuresLate: 1,
};

const summary: AgreementSummaryModel = {
  agreementId: 'tromsvekstavtalen',
  title: 'Tromsvekstavtalen',
  generatedAt: '2026-11-27T08:00:00.000Z',
  today: '2026-11-27',
  columns: [
    { id: 'col-idea', title: 'Idé', kind: 'todo' },
    { id: 'col-done', title: 'Ferdig', kind: 'done' },
  ],
  focusAreas: [
    {
      id: 'fa-1',
      number: '1',
      title: 'Befolkningsutvikling',
      measures: {
        total: 5,
        perColumn: { 'col-idea': 2, 'col-done': 3 },
        perHealth: { green: 3, yellow: 1, red: 1, none: 0 },
        late: 2,
        noOwner: 2,
        noObjective: 1,
        changedLast14Days: 1,
      },
      measureIds: {
        late: ['m-1-1', 'm-1-3'],
        noOwner: ['m-1-2', 'm-1-5'],
        noObjective: ['m-1-5'],
        changedLast14Days: ['m-1-4'],
        red: ['m-1-3'],
        yellow: ['m-1-2'],
        green: ['m-1-1', 'm-1-4', 'm-1-5'],
        none: [],
      },
      milestones: { next90Days: [row], overdue: [] },
      objectives: [
        {
          id: 'obj-1.1',
          code: '1.1',
          title: 'Attraktiv for unge',
          health: { green: 2, yellow: 1, red: 0, none: 0 },
          strategies: [
            { id: 'str-1', title: 'Ungdom', health: { green: 1, yellow: 1, red: 0, none: 0 } },
          ],
          latestStatusUpdates: [
            {
              measureId: 'm-1-2',
              measureTitle: 'Ungdomspanel',
              date: '2026-11-20',
              health: 'yellow',
              text: 'Forsinket oppstart',
              authorName: 'Ola Hansen',
            },
          ],
        },
      ],
    },
  ],
};

function stubFetch() {
  const calls: string[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    calls.push(url);
    const body = url.includes('/summary')
      ? summary
      : url.startsWith('/api/milestones')
        ? { milestones: [row] }
        : { error: { code: 'not_found', message: 'nope' } };
    return new Response(JSON.stringify(body), {
      status: url.includes('/summary') || url.startsWith('/api/milestones') ? 200 : 404,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

function numberLink(area: HTMLElement, label: RegExp): HTMLAnchorElement {
  return within(area).getByRole('link', { name: label }) as HTMLAnchorElement;
}

describe('ManagerOverviewPage (lederoversikt)', () => {
  it('reads the summary and cross-agreement milestones from the read model', async () => {
    const calls = stubFetch();
    renderInAgreement(<ManagerOverviewPage />);
    await screen.findAllByTestId('overview-focus-area');
    expect(calls).toContain('/api/agreements/tromsvekstavtalen/summary');
    expect(calls.some((c) => /^\/api\/milestones\?from=\d{4}-\d\d-\d\d&to=/.test(c))).toBe(true);
    await screen.findByTestId('across-milestones');
  });

  it('links every number to the board filtered to the measures behind it', async () => {
    stubFetch();
    renderInAgreement(<ManagerOverviewPage />);
    const [area] = await screen.findAllByTestId('overview-focus-area');
    const base = '/a/tromsvekstavtalen/fa/fa-1';
    expect(numberLink(area!, /^Forsinket 2 tiltak – Innsatsområde 1/).getAttribute('href')).toBe(
      `${base}?forsinket=1`,
    );
    expect(numberLink(area!, /^Uten ansvarlig 2 tiltak/).getAttribute('href')).toBe(
      `${base}?tiltak=m-1-2%2Cm-1-5`,
    );
    expect(numberLink(area!, /^Uten delmål 1 tiltak/).getAttribute('href')).toBe(
      `${base}?tiltak=m-1-5`,
    );
    expect(numberLink(area!, /^Endret siste 14 dager 1 tiltak/).getAttribute('href')).toBe(
      `${base}?tiltak=m-1-4`,
    );
    expect(numberLink(area!, /^Kritisk 1 tiltak/).getAttribute('href')).toBe(`${base}?status=red`);
    expect(numberLink(area!, /^Idé 2 tiltak/).getAttribute('href')).toBe(
      `${base}?kolonne=col-idea`,
    );
    expect(numberLink(area!, /^Noe risiko 1 tiltak i delmål 1\.1/).getAttribute('href')).toBe(
      `${base}?delmal=obj-1.1&status=yellow`,
    );
    expect(
      numberLink(area!, /^3 tiltak knyttet til Midtveisevaluering 2026/).getAttribute('href'),
    ).toBe(`${base}?tiltak=m-1-1%2Cm-1-2%2Cm-1-4`);
    // a milestone's title opens the timeline on it
    expect(
      within(area!).getByRole('link', { name: 'Midtveisevaluering 2026' }).getAttribute('href'),
    ).toBe('/a/tromsvekstavtalen/milepaeler?milepael=ms-1-mid');
    // every number on the page is such a link
    for (const a of within(area!).getAllByTestId('overview-number'))
      expect(a.getAttribute('href')).toMatch(/^\/a\/tromsvekstavtalen\/fa\/fa-1/);
  });

  it('shows one line per delmål with its health spread and latest status updates', async () => {
    stubFetch();
    renderInAgreement(<ManagerOverviewPage />);
    const [line] = await screen.findAllByTestId('overview-objective');
    expect(line!.textContent).toMatch(/1\.1 Attraktiv for unge/);
    expect(line!.textContent).toMatch(
      /2 på sporet, 1 noe risiko|0 kritisk, 1 noe risiko, 2 på sporet/,
    );
    expect(line!.textContent).toMatch(/Forsinket oppstart/);
    fireEvent.click(within(line!).getByText('1 strategi'));
    expect(line!.textContent).toMatch(/Ungdom/);
  });

  it('says so when the read model cannot answer', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: { code: 'internal', message: 'x' } }), {
            status: 500,
          }),
      ),
    );
    renderInAgreement(<ManagerOverviewPage />);
    await waitFor(
      () =>
        expect(screen.getByRole('alert').textContent).toMatch(/Kunne ikke hente lederoversikten/),
      { timeout: 5000 },
    );
  });
});

describe('board filters behind the numbers', () => {
  it('shows exactly the listed measures, or one column', () => {
    const session = seededSession();
    const doc = session.doc;
    const all = listMeasures(doc, { includeArchived: true });
    const fa1 = all.filter((m) => m.focusAreaId === 'fa-1' && !m.archived);
    const input = (search: string) => ({
      focusAreaId: 'fa-1',
      filters: filtersFromSearch(search),
      columns: listColumns(doc),
      objectives: [],
      milestones: [],
      todayISO: '2026-11-27',
      ownerName: (id: string) => id,
    });
    const ids = [fa1[0]!.id, fa1[2]!.id];
    const shown = computeLayout(all, input(`?tiltak=${ids.join('%2C')}`));
    expect(shown.lanes.flatMap((l) => Object.values(l.columns).flat()).sort()).toEqual(ids.sort());
    const col = fa1[0]!.columnId;
    const inCol = computeLayout(all, input(`?kolonne=${col}`));
    expect(
      Object.entries(inCol.lanes[0]!.columns)
        .filter(([, v]) => v.length > 0)
        .map(([k]) => k),
    ).toEqual([col]);
  });
});
