import { archiveMeasure, listMeasures } from '@tavla/domain';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { findOpenDialog, renderInAgreement, seededSession, spokenText } from '../test/harness';
import { FindMeasure, FindMeasureButton, isFindShortcut, useFind } from './FindMeasure';

afterEach(() => {
  act(() => useFind.getState().setOpen(false));
  history.replaceState(null, '', '/');
});

function input(): HTMLInputElement {
  return screen.getByTestId('find-input') as HTMLInputElement;
}

describe('Finn tiltak', () => {
  it('opens on Ctrl+K and ⌘K, not on other keys', async () => {
    renderInAgreement(<FindMeasure />);
    fireEvent.keyDown(window, { key: 'k', altKey: true, ctrlKey: true });
    fireEvent.keyDown(window, { key: 'j', ctrlKey: true });
    expect(screen.queryByTestId('find-dialog')).toBeNull();
    const ctrlK = new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, cancelable: true });
    act(() => {
      window.dispatchEvent(ctrlK);
    });
    // The browser's own Ctrl+K (its search bar) does not happen.
    expect(ctrlK.defaultPrevented).toBe(true);
    await findOpenDialog('find-dialog');
    expect(
      isFindShortcut({ key: 'K', metaKey: true, ctrlKey: false, altKey: false, shiftKey: true }),
    ).toBe(false);
    expect(
      isFindShortcut({ key: 'k', metaKey: true, ctrlKey: false, altKey: false, shiftKey: false }),
    ).toBe(true);
  });

  it('offers the measures changed last, then finds across every focus area as one types', async () => {
    const { session } = renderInAgreement(
      <>
        <FindMeasureButton />
        <FindMeasure />
      </>,
    );
    fireEvent.click(screen.getByTestId('find-button'));
    const dialog = await findOpenDialog('find-dialog');
    expect(document.activeElement).toBe(input());
    expect(screen.getByTestId('find-status').textContent).toBe(
      'Skriv ord fra tittelen eller beskrivelsen.',
    );
    const recent = within(dialog).getAllByTestId('find-result');
    expect(recent.length).toBe(8);
    fireEvent.change(input(), { target: { value: 'kollektiv' } });
    await waitFor(() =>
      expect(screen.getByTestId('find-status').textContent).toMatch(/^\d+ tiltak funnet$/),
    );
    const found = within(dialog).getAllByTestId('find-result');
    const focusAreas = new Set(
      found.map(
        (el) => listMeasures(session.doc).find((m) => m.id === el.dataset.measureId)?.focusAreaId,
      ),
    );
    expect(focusAreas.size).toBeGreaterThan(1);
    // Where each one is, in words, and the word marked in its title.
    expect(spokenText(found[0]!)).toMatch(
      /Innsatsområde \d · [^·]+ · (På sporet|Noe risiko|Kritisk)/,
    );
    expect(found[0]!.querySelector('mark')?.textContent?.toLowerCase()).toBe('kollektiv');
    fireEvent.change(input(), { target: { value: 'kollektiv zebra' } });
    await waitFor(() =>
      expect(screen.getByTestId('find-status').textContent).toBe(
        'Ingen tiltak passer «kollektiv zebra».',
      ),
    );
    expect(within(dialog).queryAllByTestId('find-result')).toHaveLength(0);
    expect(input().getAttribute('aria-expanded')).toBe('false');
  });

  it('moves with the arrow keys and opens the chosen measure on its board', async () => {
    renderInAgreement(<FindMeasure />);
    act(() => useFind.getState().setOpen(true));
    const dialog = await findOpenDialog('find-dialog');
    fireEvent.change(input(), { target: { value: 'regional' } });
    await waitFor(() =>
      expect(within(dialog).getAllByTestId('find-result').length).toBeGreaterThan(1),
    );
    const options = within(dialog).getAllByTestId('find-result');
    expect(input().getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    expect(input().getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    fireEvent.keyDown(input(), { key: 'ArrowUp' });
    fireEvent.keyDown(input(), { key: 'ArrowUp' }); // wraps to the last
    expect(input().getAttribute('aria-activedescendant')).toBe(options.at(-1)!.id);
    fireEvent.keyDown(input(), { key: 'ArrowDown' }); // and back to the first
    const chosen = options[0]!.dataset.measureId!;
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() => expect(screen.queryByTestId('find-dialog')).toBeNull());
    expect(location.pathname).toMatch(/^\/a\/tromsvekstavtalen\/fa\/fa-\d$/);
    expect(new URLSearchParams(location.search).get('m')).toBe(chosen);
  });

  it('closes on Escape in the field and gives the focus back, also once its code is loaded', async () => {
    renderInAgreement(
      <>
        <FindMeasureButton />
        <FindMeasure />
      </>,
    );
    const button = screen.getByTestId('find-button');
    for (let round = 0; round < 2; round++) {
      button.focus();
      fireEvent.click(button);
      await findOpenDialog('find-dialog');
      await waitFor(() => expect(document.activeElement).toBe(input()));
      fireEvent.change(input(), { target: { value: 'plan' } });
      // Not a search field's "empty me": closed at once.
      fireEvent.keyDown(input(), { key: 'Escape' });
      await waitFor(() => expect(screen.queryByTestId('find-dialog')).toBeNull());
      await waitFor(() => expect(document.activeElement).toBe(button));
    }
  });

  it('opens an archived measure with the archived cards shown', async () => {
    const session = seededSession();
    const m = listMeasures(session.doc).find((x) => x.title.startsWith('Ladeinfrastruktur'))!;
    archiveMeasure(session.doc, m.id);
    renderInAgreement(<FindMeasure />, { session });
    act(() => useFind.getState().setOpen(true));
    const dialog = await findOpenDialog('find-dialog');
    fireEvent.change(input(), { target: { value: 'ladeinfra' } });
    await waitFor(() => expect(within(dialog).getAllByTestId('find-result')).toHaveLength(1));
    const hit = within(dialog).getByTestId('find-result');
    expect(hit.textContent).toMatch(/arkivert/);
    fireEvent.click(hit);
    await waitFor(() => expect(location.pathname).toBe('/a/tromsvekstavtalen/fa/fa-2'));
    const q = new URLSearchParams(location.search);
    expect([q.get('m'), q.get('arkiverte')]).toEqual([m.id, '1']);
  });
});
