import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../App';
import {
  agreementQuery,
  meQuery,
  prefetchForPath,
  useAgreement,
  useMe,
  useMembers,
} from './queries';

const user = { id: 'u-1', name: 'Kari', email: 'kari@example.no', organisation: null };

/** A server that answers the three questions a board needs, and records what was asked. */
function fakeServer() {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const path = String(input);
      asked.push(path);
      const body = path.endsWith('/members')
        ? { members: [] }
        : path.startsWith('/api/agreements/')
          ? { id: 'tromsvekstavtalen', title: 'Tromsvekstavtalen', role: 'editor' }
          : { user };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return asked;
}

describe('prefetchForPath', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the person, the agreement and its members at once on a board, before anything renders', async () => {
    const asked = fakeServer();
    const qc = createQueryClient();
    prefetchForPath(qc, '/a/tromsvekstavtalen/fa/fa-1');
    // All three are in flight together: none waits for another's answer.
    expect(asked).toEqual([
      '/api/me',
      '/api/agreements/tromsvekstavtalen',
      '/api/agreements/tromsvekstavtalen/members',
    ]);
    await vi.waitFor(() =>
      expect(qc.getQueryData(agreementQuery('tromsvekstavtalen').queryKey)).toMatchObject({
        role: 'editor',
      }),
    );
    expect(qc.getQueryData(meQuery.queryKey)).toEqual(user);
    // The components' own queries find fresh answers and ask nothing again.
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={qc}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(
      () => [useMe(), useAgreement('tromsvekstavtalen'), useMembers('tromsvekstavtalen')],
      { wrapper },
    );
    expect(result.current.map((q) => q.isSuccess)).toEqual([true, true, true]);
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toHaveLength(3);
  });

  it('asks only who is signed in elsewhere, and ignores what is not an agreement id', () => {
    for (const path of ['/', '/konto', '/a/', '/a/Store%20bokstaver/fa/1', '/avtaler/x']) {
      const asked = fakeServer();
      prefetchForPath(createQueryClient(), path);
      expect(asked, path).toEqual(['/api/me']);
    }
  });
});
