import { listColumns, listMeasures, moveMeasure } from '@tavla/domain';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderInAgreement } from '../test/harness';
import { MeasurePanel } from './MeasurePanel';

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
});
