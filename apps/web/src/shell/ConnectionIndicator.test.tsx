import { createMeasure } from '@tavla/domain';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { seededSession } from '../test/harness';
import { ConnectionIndicator } from './ConnectionIndicator';

describe('ConnectionIndicator', () => {
  it('says offline with the number of changes waiting, in words and with a shape', () => {
    const session = seededSession();
    render(<ConnectionIndicator session={session} />);
    const el = screen.getByTestId('connection-status');
    expect(el.dataset.status).toBe('offline');
    expect(el.textContent).toContain('Frakoblet');
    act(() => {
      createMeasure(
        session.doc,
        { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'På toget' },
        session.origin,
      );
    });
    expect(el.dataset.unsynced).toBe('1');
    expect(el.textContent).toContain('Frakoblet – 1 endring venter');
    act(() => session.connection.update({ status: 'connected', unsynced: 0 }));
    expect(el.textContent).toContain('Tilkoblet');
  });

  it('says edits are no longer kept on this machine once the offline copy failed, also while connected', () => {
    const session = seededSession();
    render(<ConnectionIndicator session={session} />);
    const el = screen.getByTestId('connection-status');
    act(() =>
      session.connection.update({
        status: 'connected',
        noOfflineCopy: true,
        offlineCopyFailed: true,
      }),
    );
    expect(el.textContent).toContain('Tilkoblet – endringer lagres ikke lenger på denne maskinen');
    expect(el.dataset.offlineCopy).toBe('failed');
    expect(el.getAttribute('aria-live')).toBe('polite');
    expect(el.title).toMatch(/tar ikke lenger imot endringer/);
    act(() => session.connection.update({ status: 'offline' }));
    expect(el.textContent).toContain('Frakoblet – endringer lagres ikke lenger på denne maskinen');
    // Edits that wait are then in this tab only, as when the browser refused the copy.
    act(() => {
      createMeasure(
        session.doc,
        { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'Etter at lagringen sviktet' },
        session.origin,
      );
    });
    expect(el.textContent).toContain('Frakoblet – 1 endring venter, bare i denne fanen');
    expect(el.title).toMatch(/går tapt hvis du lukker fanen/);
  });
});
