import { act, fireEvent, render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useCopy } from './useCopy';

function Copier() {
  const ref = useRef<HTMLInputElement>(null);
  const { state, copy } = useCopy();
  return (
    <>
      <input ref={ref} aria-label="tekst" readOnly value="hemmelig" />
      <button type="button" onClick={() => copy('hemmelig', ref.current)}>
        kopier
      </button>
      <output>{state}</output>
    </>
  );
}

describe('useCopy', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('uses the clipboard API when there is one', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    render(<Copier />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'kopier' })));
    expect(writeText).toHaveBeenCalledWith('hemmelig');
    expect(screen.getByRole('status').textContent).toBe('copied');
  });

  it('falls back to selecting the text when there is no clipboard', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined });
    const exec = vi.fn(() => false);
    (document as unknown as { execCommand: typeof exec }).execCommand = exec;
    render(<Copier />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'kopier' })));
    expect(exec).toHaveBeenCalledWith('copy');
    expect(screen.getByRole('status').textContent).toBe('failed');
    expect(document.activeElement).toBe(screen.getByLabelText('tekst'));
  });
});
