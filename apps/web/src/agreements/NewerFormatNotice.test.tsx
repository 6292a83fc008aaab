import { listColumns, listMeasures, measureText, moveMeasure, readMeasure } from '@tavla/domain';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { BoardPage } from '../board/BoardPage';
import { useFilters } from '../filters/filterStore';
import { EMPTY_FILTERS } from '../filters/filters';
import { reloadPage } from '../shell/reloadPage';
import type { AgreementSession } from '../sync/session';
import {
  findOpenDialog,
  newerFormatUpdate,
  renderInAgreement,
  seededSession,
} from '../test/harness';
import TimelinePage from '../timeline/TimelinePage';
// The panel is lazy in the app; load it up front so tests do not wait on the import.
import '../detail/MeasurePanel';
import { OverviewPage } from './OverviewPage';

vi.mock('../shell/reloadPage', () => ({ reloadPage: vi.fn() }));

// The timeline is a large DOM; jsdom on a busy machine needs more than the default 5 s.
vi.setConfig({ testTimeout: 20_000 });

/** A newer Tavla's server migrated the open document (it arrives as the provider applies it). */
function newerVersionArrives(session: AgreementSession): void {
  act(() => Y.applyUpdate(session.doc, newerFormatUpdate(session.doc), 'net'));
}

function cardsOf(columnId: string): string[] {
  const col = document.querySelector(`[data-testid="column"][data-column-id="${columnId}"]`);
  return [...(col?.querySelectorAll<HTMLElement>('[data-testid="measure-card"]') ?? [])].map(
    (c) => c.dataset.measureId!,
  );
}

const HEADLINE = 'Tavla er oppdatert siden du åpnet denne siden.';

// Errors thrown in event handlers end up here (jsdom reports them, React rethrows them).
let errors: unknown[] = [];
const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message);
beforeEach(() => {
  errors = [];
  window.addEventListener('error', onError);
  useFilters.setState({ filters: EMPTY_FILTERS });
  vi.mocked(reloadPage).mockClear();
});
afterEach(() => {
  window.removeEventListener('error', onError);
  expect(errors).toEqual([]);
});

describe('a document of a newer format than this build', () => {
  it('turns the live board read-only and says why, with a button that reloads the page', () => {
    const { session } = renderInAgreement(<BoardPage focusAreaId="fa-1" />);
    expect(screen.queryByTestId('newer-format-notice')).toBeNull();
    expect(screen.getAllByTestId('drag-handle').length).toBeGreaterThan(0);
    expect(screen.getAllByRole('button', { name: /Nytt tiltak i/ }).length).toBeGreaterThan(0);

    newerVersionArrives(session);

    const notice = screen.getByTestId('newer-format-notice');
    const alert = within(notice).getByRole('alert');
    expect(alert.textContent).toBe(
      `${HEADLINE} Last inn siden på nytt for å fortsette å gjøre endringer. Det du allerede har endret, er tatt vare på.`,
    );
    // No edit affordance is left: drag, create, undo, columns.
    expect(screen.queryAllByTestId('drag-handle')).toEqual([]);
    expect(screen.queryByRole('button', { name: /Nytt tiltak/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Angre|Gjør om/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Flytt kolonnen|nytt navn/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Legg til kolonne' })).toBeNull();
    // It is not the viewers' notice: this person may edit again after a reload.
    expect(screen.queryByTestId('read-only-notice')).toBeNull();
    // The cards are all still there.
    expect(screen.getAllByTestId('measure-card').length).toBe(
      listMeasures(session.doc, { focusAreaId: 'fa-1' }).length,
    );

    const reload = within(notice).getByRole('button', { name: 'Last inn siden på nytt' });
    reload.focus();
    expect(document.activeElement).toBe(reload);
    fireEvent.click(reload);
    expect(reloadPage).toHaveBeenCalledTimes(1);
  });

  it('leaves Ctrl+Z on the board alone, as it would write into the document', () => {
    const { session } = renderInAgreement(<BoardPage focusAreaId="fa-1" />);
    const [first, second] = listColumns(session.doc);
    const m = listMeasures(session.doc, { focusAreaId: 'fa-1', columnId: first!.id })[0]!;
    act(() => moveMeasure(session.doc, m.id, { columnId: second!.id, index: 0 }, session.origin));
    expect(session.undo.canUndo()).toBe(true);
    newerVersionArrives(session);
    act(() => {
      fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    });
    expect(readMeasure(session.doc, m.id)!.columnId).toBe(second!.id);
    // The move itself stays, on the board and in the document.
    expect(cardsOf(second!.id)).toContain(m.id);
  });

  it('keeps the open panel’s text fields, read-only, and refuses typing without throwing', async () => {
    const { session } = renderInAgreement(<BoardPage focusAreaId="fa-1" />);
    const m = listMeasures(session.doc, { focusAreaId: 'fa-1' })[0]!;
    fireEvent.click(screen.getByRole('button', { name: m.title }));
    const panel = await findOpenDialog('measure-panel');
    const title = within(panel).getByTestId('measure-title-input') as HTMLInputElement;
    const description = within(panel).getByTestId(
      'measure-description-input',
    ) as HTMLTextAreaElement;
    title.focus();
    expect(title.readOnly).toBe(false);
    expect(within(panel).getAllByRole('combobox').length).toBeGreaterThan(0);

    newerVersionArrives(session);

    expect(within(panel).getByRole('alert').textContent).toContain(HEADLINE);
    expect(within(panel).getByRole('button', { name: 'Last inn siden på nytt' })).toBeTruthy();
    // The same fields, with their text and the focus, but read-only.
    expect(within(panel).getByTestId('measure-title-input')).toBe(title);
    expect(document.activeElement).toBe(title);
    expect(title.readOnly).toBe(true);
    expect(description.readOnly).toBe(true);
    expect(title.value).toBe(m.title);
    // Typing that reaches the field anyway (an input event already on its way) changes nothing.
    fireEvent.input(title, { target: { value: `${m.title}!` } });
    expect(measureText(session.doc, m.id, 'title').toString()).toBe(m.title);
    expect(title.value).toBe(m.title);
    fireEvent.keyDown(title, { key: 'z', ctrlKey: true });
    expect(measureText(session.doc, m.id, 'title').toString()).toBe(m.title);
    // The other fields show their values as text, and the archive button is gone.
    expect(within(panel).queryAllByRole('combobox')).toEqual([]);
    expect(within(panel).queryAllByRole('checkbox')).toEqual([]);
    expect(within(panel).queryByRole('button', { name: 'Arkiver' })).toBeNull();
  });

  it('tells a viewer to reload to see the new version, without speaking of editing', () => {
    const session = seededSession();
    renderInAgreement(<BoardPage focusAreaId="fa-1" />, { session, role: 'viewer' });
    newerVersionArrives(session);
    const alert = within(screen.getByTestId('newer-format-notice')).getByRole('alert');
    expect(alert.textContent).toBe(
      `${HEADLINE} Last inn siden på nytt for å se avtalen i den nye versjonen.`,
    );
    expect(screen.queryByTestId('read-only-notice')).toBeNull();
  });

  it('is on the overview and the timeline too', () => {
    for (const page of [<OverviewPage key="o" />, <TimelinePage key="t" />]) {
      const session = seededSession();
      const view = renderInAgreement(page, { session });
      expect(screen.queryByTestId('newer-format-notice')).toBeNull();
      newerVersionArrives(session);
      const notice = screen.getByTestId('newer-format-notice');
      expect(within(notice).getByRole('alert').textContent).toContain(HEADLINE);
      fireEvent.click(within(notice).getByRole('button', { name: 'Last inn siden på nytt' }));
      view.unmount();
    }
    expect(reloadPage).toHaveBeenCalledTimes(2);
  });
});
