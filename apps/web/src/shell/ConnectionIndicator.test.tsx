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
});
