import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithClient, stubApi } from '../admin/testing';
import { ActivityFeed } from './ActivityFeed';

const A = '/api/agreements/tromsvekstavtalen/activity';
const event = (n: number) => ({
  id: `d${n}`,
  at: '2026-11-27T08:00:00.000Z',
  actor: { id: 'u-kari', name: 'Kari Nordmann' },
  kind: 'comment.added',
  measureId: 'm1',
  summary: { title: `Tiltak ${n}` },
});

describe('ActivityFeed', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the newest page and loads older ones with "Vis flere"', async () => {
    const calls = stubApi([
      {
        path: /\/activity\?.*before=c2/,
        body: { events: [event(1)] },
      },
      { path: A, body: { events: [event(3), event(2)], nextCursor: 'c2' } },
    ]);
    renderWithClient(<ActivityFeed agreementId="tromsvekstavtalen" measureId="m1" limit={2} />);
    expect(await screen.findByText('Kari Nordmann kommenterte «Tiltak 3»')).toBeTruthy();
    expect(screen.getAllByTestId('activity-item')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Vis flere' }));
    expect(await screen.findByText('Kari Nordmann kommenterte «Tiltak 1»')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Vis flere' })).toBeNull());
    expect(calls[0]?.url).toBe(`${A}?limit=2&measureId=m1`);
    expect(calls[1]?.url).toBe(`${A}?limit=2&before=c2&measureId=m1`);
  });

  it('says so when there is nothing yet', async () => {
    stubApi([{ path: A, body: { events: [] } }]);
    renderWithClient(<ActivityFeed agreementId="tromsvekstavtalen" />);
    expect(await screen.findByText('Ingen aktivitet ennå.')).toBeTruthy();
  });
});
