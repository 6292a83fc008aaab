import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18next } from '../i18n';
import { recordWaiting } from '../sync/waitingIndex';
import { KARI } from '../test/harness';
import { AgreementsPage } from './AgreementsPage';

const AGREEMENTS = [
  { id: 'tromsvekstavtalen', title: 'Tromsvekstavtalen', role: 'editor' },
  { id: 'nordvekst', title: 'Nordvekstavtalen', role: 'viewer' },
];

function renderPage() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <AgreementsPage />
    </QueryClientProvider>,
  );
}

const link = (title: RegExp) => screen.findByRole('link', { name: title });
const notices = () => screen.queryAllByTestId('agreement-waiting');

describe('the agreements list: edits waiting in this browser', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const path = String(input);
        if (path.endsWith('/api/me')) return Response.json({ user: KARI });
        if (path.endsWith('/api/agreements')) return Response.json({ agreements: AGREEMENTS });
        return new Response('not found', { status: 404 });
      }),
    );
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    localStorage.clear();
    await act(() => i18next.changeLanguage('nb'));
  });

  it('says on the agreement how many edits wait to be sent, in words heard with its link', async () => {
    recordWaiting(KARI.id, 'tromsvekstavtalen', 3);
    renderPage();
    const tromso = await link(/Tromsvekstavtalen/);
    expect(tromso.textContent).toContain('3 endringer venter på å bli sendt');
    expect(notices()).toHaveLength(1);
    expect((await link(/Nordvekstavtalen/)).textContent).not.toContain('venter');
  });

  it('uses the singular for one edit, and the person’s language', async () => {
    recordWaiting(KARI.id, 'tromsvekstavtalen', 1);
    renderPage();
    expect((await link(/Tromsvekstavtalen/)).textContent).toContain(
      '1 endring venter på å bli sendt',
    );
    await act(() => i18next.changeLanguage('nn'));
    expect(notices()[0]!.textContent).toContain('1 endring ventar på å bli send');
    await act(() => i18next.changeLanguage('en'));
    expect(notices()[0]!.textContent).toContain('1 change waiting to be sent');
  });

  it('says they are sent when the connection is back while the browser is offline', async () => {
    recordWaiting(KARI.id, 'tromsvekstavtalen', 2);
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    renderPage();
    await link(/Tromsvekstavtalen/);
    expect(notices()[0]!.textContent).toContain(
      '2 endringer venter på å bli sendt. De sendes når forbindelsen er tilbake.',
    );
    onLine.mockReturnValue(true);
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(notices()[0]!.textContent).not.toContain('forbindelsen');
  });

  it('takes the notice away once they are sent, and says so politely', async () => {
    recordWaiting(KARI.id, 'tromsvekstavtalen', 2);
    renderPage();
    await link(/Tromsvekstavtalen/);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe(''); // nothing said about what the page opened with
    act(() => recordWaiting(KARI.id, 'tromsvekstavtalen', 0));
    expect(notices()).toHaveLength(0);
    expect(status.textContent).toBe('Endringene dine i Tromsvekstavtalen er sendt.');
  });

  it('follows edits made or sent in another tab of this browser', async () => {
    renderPage();
    await link(/Tromsvekstavtalen/);
    expect(notices()).toHaveLength(0);
    localStorage.setItem(`tavla:waiting:${KARI.id}`, JSON.stringify({ tromsvekstavtalen: 4 }));
    act(() => {
      window.dispatchEvent(new StorageEvent('storage', { key: `tavla:waiting:${KARI.id}` }));
    });
    expect(notices()[0]!.textContent).toContain('4 endringer venter');
  });

  it('says a viewer’s edits were not saved, rather than that they wait', async () => {
    recordWaiting(KARI.id, 'nordvekst', 2);
    renderPage();
    expect((await link(/Nordvekstavtalen/)).textContent).toContain(
      '2 endringer ble ikke lagret: du har bare lesetilgang.',
    );
  });
});
