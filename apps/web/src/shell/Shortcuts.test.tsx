import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findOpenDialog } from '../test/harness';
import { Shortcuts } from './Shortcuts';

describe('Hurtigtaster', () => {
  it('opens on "?" and from its button, and lists the shortcuts in words', async () => {
    render(
      <>
        <input aria-label="Tittel" />
        <Shortcuts />
      </>,
    );
    // Typed in a text field, "?" is a question mark.
    fireEvent.keyDown(screen.getByLabelText('Tittel'), { key: '?' });
    // With Ctrl or ⌘ it is the browser's.
    fireEvent.keyDown(document.body, { key: '?', ctrlKey: true });
    expect(screen.queryByTestId('shortcuts-dialog')).toBeNull();
    fireEvent.keyDown(document.body, { key: '?' });
    const dialog = await findOpenDialog('shortcuts-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Hurtigtaster' })).toBeTruthy();
    const rows = [...dialog.querySelectorAll('dl > div')].map((r) =>
      (r.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
    expect(rows).toContain('Ctrl+KFinn tiltak i avtalen');
    expect(rows).toContain('Ctrl+ZAngre din siste endring');
    expect(rows).toContain('Ctrl+Shift+Z eller Ctrl+YGjør om');
    expect(rows).toContain('+Zoom inn');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lukk' }));
    await waitFor(() => expect(screen.queryByTestId('shortcuts-dialog')).toBeNull());
    fireEvent.click(screen.getByTestId('shortcuts-button'));
    await findOpenDialog('shortcuts-dialog');
  });
});
