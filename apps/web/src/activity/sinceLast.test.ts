import { describe, expect, it } from 'vitest';
import { i18next } from '../i18n';
import type { ActivityEvent } from './api';
import { changesSince, fetchChangesSince, SINCE_LAST, summarise } from './sinceLast';

const t = i18next.getFixedT('nb');
const KARI = { id: 'u-kari', name: 'Kari Nordmann' };
const OLA = { id: 'u-ola', name: 'Ola Hansen' };
const SINCE = '2026-11-20T12:00:00.000Z';

let n = 0;
const ev = (
  minutesAfter: number,
  actor: { id: string; name: string } | null,
  kind: string,
  measureId: string | undefined,
  summary: Record<string, unknown> = {},
): ActivityEvent => ({
  id: `d${++n}`,
  at: new Date(Date.parse(SINCE) + minutesAfter * 60_000).toISOString(),
  actor,
  kind,
  measureId,
  summary,
});

describe('changesSince', () => {
  it('groups others’ changes per measure, the most recently changed first', () => {
    const events = [
      ev(50, OLA, 'measure.edited', 'm1', { title: 'Felles velkomstprogram', fields: ['dueDate'] }),
      ev(40, KARI, 'measure.edited', 'm2', { title: 'Kari sitt', fields: ['title'] }),
      ev(30, OLA, 'comment.added', 'm3', { title: 'Næringshage' }),
      ev(20, OLA, 'measure.edited', 'm1', { title: 'Felles velkomst', fields: ['health'] }),
      ev(15, OLA, 'member.joined', undefined, { userName: 'Ola Hansen' }),
      ev(10, null, 'measure.edited', 'm4', { title: 'Migrert', fields: ['title'] }),
      ev(-5, OLA, 'measure.edited', 'm5', { title: 'Før sist', fields: ['title'] }),
    ];
    const out = changesSince(events, SINCE, KARI.id);
    expect(out.map((c) => c.measureId)).toEqual(['m1', 'm3']);
    expect(out[0]).toMatchObject({
      title: 'Felles velkomstprogram',
      latestAt: events[0]!.at,
      actors: [OLA],
    });
    expect(out[0]!.events).toHaveLength(2);
  });

  it('leaves out a measure only the person changed, and counts only the others’ changes', () => {
    const events = [
      ev(3, KARI, 'measure.edited', 'm1', { title: 'A', fields: ['title'] }),
      ev(2, OLA, 'measure.moved', 'm1', { title: 'A', toColumnTitle: 'Pågår' }),
      ev(1, KARI, 'comment.added', 'm2', { title: 'B' }),
    ];
    const out = changesSince(events, SINCE, KARI.id);
    expect(out).toHaveLength(1);
    expect(out[0]!.actors).toEqual([OLA]);
    expect(out[0]!.events.map((e) => e.kind)).toEqual(['measure.moved']);
  });
});

describe('summarise', () => {
  const one = (events: ActivityEvent[]) =>
    summarise(t, changesSince(events, SINCE, KARI.id)[0]!, 'nb');

  it('says what one person changed, edited fields together', () => {
    expect(
      one([
        ev(3, OLA, 'measure.edited', 'm1', { fields: ['dueDate'] }),
        ev(2, OLA, 'measure.edited', 'm1', { fields: ['health', 'dueDate'] }),
      ]),
    ).toBe('Ola Hansen endret status og frist');
    expect(
      one([
        ev(3, OLA, 'comment.added', 'm1'),
        ev(2, OLA, 'measure.moved', 'm1', { toColumnTitle: 'Ferdig' }),
        ev(1, OLA, 'measure.moved', 'm1', { toColumnTitle: 'Pågår' }),
      ]),
    ).toBe('Ola Hansen flyttet det til Ferdig og kommenterte');
    expect(one([ev(1, OLA, 'status.added', 'm1', { health: 'red' })])).toBe(
      'Ola Hansen satte status til kritisk',
    );
  });

  it('counts the changes of several people', () => {
    const kariElsewhere = { id: 'u-kari2', name: 'Kari Nordmann' };
    expect(
      one([
        ev(3, kariElsewhere, 'comment.added', 'm1'),
        ev(2, OLA, 'measure.edited', 'm1', { fields: ['title'] }),
        ev(1, OLA, 'measure.moved', 'm1', { toColumnTitle: 'Pågår' }),
      ]),
    ).toBe('3 endringer av Kari Nordmann og Ola Hansen');
  });

  it('counts instead of listing many kinds of change by one person', () => {
    expect(
      one([
        ev(4, OLA, 'comment.added', 'm1'),
        ev(3, OLA, 'measure.archived', 'm1'),
        ev(2, OLA, 'measure.edited', 'm1', { fields: ['title'] }),
        ev(1, OLA, 'measure.created', 'm1', { columnTitle: 'Idé' }),
      ]),
    ).toBe('4 endringer av Ola Hansen');
  });
});

describe('fetchChangesSince', () => {
  it('reads pages until an event from before the last visit', async () => {
    const pages = [
      {
        events: [ev(9, OLA, 'comment.added', 'm1'), ev(8, OLA, 'comment.added', 'm1')],
        nextCursor: 'c1',
      },
      {
        events: [ev(7, OLA, 'comment.added', 'm1'), ev(-1, OLA, 'comment.added', 'm1')],
        nextCursor: 'c2',
      },
    ];
    const asked: (string | number | undefined)[] = [];
    const out = await fetchChangesSince('tv', SINCE, async (_id, opts) => {
      asked.push(opts.before);
      return pages[asked.length - 1]!;
    });
    expect(asked).toEqual([undefined, 'c1']);
    expect(out.events).toHaveLength(3);
    expect(out.complete).toBe(true);
  });

  it('stops after a few pages and says there may be more', async () => {
    let asked = 0;
    const out = await fetchChangesSince('tv', SINCE, async () => {
      asked++;
      return { events: [ev(60, OLA, 'comment.added', 'm1')], nextCursor: `c${asked}` };
    });
    expect(asked).toBe(SINCE_LAST.maxPages);
    expect(out.complete).toBe(false);
  });
});
