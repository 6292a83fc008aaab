import { listColumns, listMeasures, moveMeasure } from '@tavla/domain';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { meeting, renderInAgreement } from '../test/harness';
import { MeasurePanel } from './MeasurePanel';

// Counts how often the panel renders its fields (the real section, wrapped).
const fieldRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock('./FieldsSection', async (importOriginal) => {
  const real = await importOriginal<typeof import('./FieldsSection')>();
  return {
    ...real,
    FieldsSection: (props: Parameters<typeof real.FieldsSection>[0]) => {
      fieldRenders.count++;
      return <real.FieldsSection {...props} />;
    },
  };
});

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

  it('does not re-render its fields when people only open and close the measure', () => {
    const m = meeting(19);
    renderInAgreement(<MeasurePanel measureId="m-1-1" onClose={() => {}} />, {
      session: m.session,
    });
    const before = fieldRenders.count;
    act(() => {
      for (let i = 0; i < 19; i++) m.set(i, { openMeasureId: 'm-1-1' });
      for (let i = 0; i < 19; i += 2) m.set(i, { openMeasureId: null });
    });
    expect(screen.getByTestId('panel-presence').textContent).toContain('og 7 andre');
    expect(fieldRenders.count).toBe(before);
  });
});
