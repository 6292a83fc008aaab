import { archiveMeasure, createMeasure } from '@tavla/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { today } from '../board/dates';
import { renderInAgreement, seededSession } from '../test/harness';
import { ExportButtons } from './ExportButtons';

/** What the buttons handed to the browser as downloads: file name and bytes. */
let saved: { name: string; blob: Blob }[] = [];

beforeEach(() => {
  saved = [];
  const blobs = new Map<string, Blob>();
  // jsdom has no object URLs: keep the blob under a made-up one.
  Object.assign(URL, {
    createObjectURL: (b: Blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, b);
      return url;
    },
    revokeObjectURL: () => {},
  });
  // jsdom does not download: take the link's file name and blob where the browser would.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push({ name: this.download, blob: blobs.get(this.href)! });
  });
});

afterEach(() => vi.restoreAllMocks());

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

describe('ExportButtons (Last ned til Excel)', () => {
  it('downloads the live measures for a viewer and says so politely', async () => {
    const { session } = renderInAgreement(<ExportButtons />, { role: 'viewer' });
    // Added after the page rendered: the file is made from the document at the click.
    createMeasure(session.doc, { focusAreaId: 'fa-3', columnId: 'col-idea', title: 'Nytt tiltak' });
    fireEvent.click(screen.getByRole('button', { name: 'Last ned tiltak' }));
    const status = screen.getByRole('status');
    const name = `tromsvekstavtalen-tiltak-${today()}.csv`;
    await waitFor(() => expect(status.textContent).toBe(`Lastet ned ${name} med 19 tiltak.`));
    expect(saved.map((s) => s.name)).toEqual([name]);
    const bytes = await bytesOf(saved[0]!.blob);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // drops the BOM
    expect(text.split('\r\n')[0]).toMatch(/^Innsatsområde;Delmål;Strategi;Tiltak;Beskrivelse;/);
    expect(text).toContain(';Nytt tiltak;');
    expect(saved[0]!.blob.type).toBe('text/csv;charset=utf-8');
  });

  it('takes archived measures in when the box is ticked, and downloads milestones', async () => {
    const session = seededSession();
    archiveMeasure(session.doc, 'm-1-2');
    renderInAgreement(<ExportButtons />, { session });
    const status = screen.getByRole('status');
    fireEvent.click(screen.getByRole('button', { name: 'Last ned tiltak' }));
    await waitFor(() => expect(status.textContent).toMatch(/med 17 tiltak\.$/));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Ta med arkiverte tiltak' }));
    fireEvent.click(screen.getByRole('button', { name: 'Last ned tiltak' }));
    await waitFor(() => expect(status.textContent).toMatch(/med 18 tiltak\.$/));
    fireEvent.click(screen.getByRole('button', { name: 'Last ned milepæler' }));
    await waitFor(() =>
      expect(status.textContent).toBe(
        `Lastet ned tromsvekstavtalen-milepaeler-${today()}.csv med 12 milepæler.`,
      ),
    );
    expect(saved).toHaveLength(3);
    const text = new TextDecoder().decode(await bytesOf(saved[2]!.blob));
    expect(text.split('\r\n')[0]).toBe(
      'Innsatsområde;Milepæl;Dato;Tilstand;Fullført;Antall tiltak;Tiltak',
    );
  });

  it('is a group named "Last ned til Excel"', () => {
    renderInAgreement(<ExportButtons />);
    expect(screen.getByRole('group', { name: 'Last ned til Excel' })).toBeTruthy();
  });
});
