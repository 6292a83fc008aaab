import type { ActivityEvent } from '@tavla/domain';
import {
  addComment,
  addStatusUpdate,
  archiveMeasure,
  completeMilestone,
  createColumn,
  createFocusArea,
  createMeasure,
  createMilestone,
  linkMeasure,
  listColumns,
  moveMeasure,
  renameColumn,
  setMeasureText,
  updateMeasure,
} from '@tavla/domain';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { addUser, synced, TestContext, type TestUser, until } from '../test/harness.js';

const ctx = new TestContext();
afterEach(() => ctx.cleanup());

type Event = ActivityEvent;

async function activity(server: RunningServer, agreementId: string, user: TestUser, query = '') {
  const res = await fetch(`${server.url}/api/agreements/${agreementId}/activity${query}`, {
    headers: user.headers,
  });
  return {
    status: res.status,
    body: (await res.json()) as { events: Event[]; nextCursor?: string },
  };
}

async function board(server: RunningServer, agreementId: string, user: TestUser) {
  const p = ctx.provider(server, agreementId, user);
  await synced(p);
  await until(() => listColumns(p.doc).length === 4, { message: 'default columns' });
  return p;
}

describe('activity log [AL]', () => {
  it('[AL1][AL2] attributes every change to the person whose connection sent it', async () => {
    const server = await ctx.start();
    const kari = addUser(server, 'al-who', 'editor', 'Kari Nordmann');
    const ola = addUser(server, 'al-who', 'editor', 'Ola Hansen');
    const viewer = addUser(server, 'al-who', 'viewer', 'Vera');
    const pk = await board(server, 'al-who', kari);
    const po = ctx.provider(server, 'al-who', ola);
    await synced(po);

    const fa = createFocusArea(pk.doc, { number: '1', title: 'Område' });
    const m = createMeasure(pk.doc, {
      focusAreaId: fa,
      columnId: 'col-idea',
      title: 'Ungdomspanel',
    });
    await until(() => po.doc.getMap('measures').size === 1);
    moveMeasure(po.doc, m, { columnId: 'col-doing', index: 0 });
    addStatusUpdate(po.doc, m, {
      health: 'red',
      text: 'Sent',
      authorId: ola.id,
      authorName: ola.name,
    });
    addComment(po.doc, m, { authorId: ola.id, authorName: ola.name, text: 'Hei' });
    const ms = createMilestone(pk.doc, {
      focusAreaId: fa,
      title: 'Milepæl',
      dueDate: '2026-06-01',
    });
    linkMeasure(pk.doc, ms, m);
    completeMilestone(pk.doc, ms);
    archiveMeasure(po.doc, m);

    const events = await until(async () => {
      const { body } = await activity(server, 'al-who', kari);
      const ofDoc = body.events.filter((e) => !e.kind.startsWith('member.'));
      return ofDoc.length >= 8 ? ofDoc : false;
    });
    // Two connections: the server's arrival order across them is not fixed, so compare as a set.
    const seen = events.map((e) => [e.kind, e.actor?.name]);
    expect(seen).toHaveLength(8);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['measure.created', 'Kari Nordmann'],
        ['measure.moved', 'Ola Hansen'],
        ['status.added', 'Ola Hansen'],
        ['comment.added', 'Ola Hansen'],
        ['milestone.created', 'Kari Nordmann'],
        ['milestone.linked', 'Kari Nordmann'],
        ['milestone.completed', 'Kari Nordmann'],
        ['measure.archived', 'Ola Hansen'],
      ]),
    );
    const moved = events.find((e) => e.kind === 'measure.moved')!;
    expect(moved).toMatchObject({
      measureId: m,
      actor: { id: ola.id, name: 'Ola Hansen' },
      summary: {
        title: 'Ungdomspanel',
        fromColumnId: 'col-idea',
        fromColumnTitle: 'Idé',
        toColumnId: 'col-doing',
        toColumnTitle: 'Pågår',
      },
    });
    // A status update sets the health: one status event, no separate "edited health".
    expect(events.some((e) => e.kind === 'measure.edited')).toBe(false);
    // The feed of one measure includes the milestone link made from the milestone's side.
    const { body: ofMeasure } = await activity(server, 'al-who', viewer, `?measureId=${m}`);
    expect(ofMeasure.events.map((e) => e.kind)).toContain('milestone.linked');
    expect(ofMeasure.events.every((e) => e.measureId === m)).toBe(true);
  });

  it('[AL2] a column added or renamed on a board is in the feed, with who did it', async () => {
    const server = await ctx.start();
    const kari = addUser(server, 'al-col', 'editor', 'Kari Nordmann');
    const p = await board(server, 'al-col', kari);
    const id = createColumn(p.doc, { title: 'Venter' });
    renameColumn(p.doc, 'col-idea', 'Forslag');
    const events = await until(async () => {
      const { body } = await activity(server, 'al-col', kari);
      const ofColumns = body.events.filter((e) => e.kind.startsWith('column.'));
      return ofColumns.length >= 2 ? ofColumns : false;
    });
    expect(events.map((e) => [e.kind, e.actor?.name, e.summary])).toEqual([
      [
        'column.renamed',
        'Kari Nordmann',
        { columnId: 'col-idea', from: 'Idé', to: 'Forslag', title: 'Forslag' },
      ],
      ['column.created', 'Kari Nordmann', { columnId: id, title: 'Venter' }],
    ]);
  });

  it('[AL4] typing in a title is one edited event per person per measure per minute', async () => {
    const server = await ctx.start();
    const kari = addUser(server, 'al-typing', 'editor', 'Kari');
    const p = await board(server, 'al-typing', kari);
    const fa = createFocusArea(p.doc, { number: '1', title: 'Område' });
    const m = createMeasure(p.doc, { focusAreaId: fa, columnId: 'col-idea', title: 'T' });
    for (const t of ['Ti', 'Til', 'Tilt', 'Tilta', 'Tiltak']) setMeasureText(p.doc, m, 'title', t);
    updateMeasure(p.doc, m, { dueDate: '2027-01-01' });
    setMeasureText(p.doc, m, 'title', 'Tiltak 2');
    const edited = await until(async () => {
      const { body } = await activity(server, 'al-typing', kari);
      const e = body.events.filter((x) => x.kind === 'measure.edited');
      return e.length === 2 ? e : false;
    });
    expect(edited.map((e) => e.summary.fields).reverse()).toEqual([['title'], ['dueDate']]);
  });

  it('[AL3] the feed merges member administration, pages newest first and survives a restart', async () => {
    const dataDir = ctx.dir();
    let server = await ctx.start({ dataDir });
    const admin = addUser(server, 'al-feed', 'admin', 'Admin');
    const viewer = addUser(server, 'al-feed', 'viewer', 'Vera Viewer');
    const outsider = addUser(server, 'al-elsewhere', 'editor');
    const p = await board(server, 'al-feed', admin);
    const fa = createFocusArea(p.doc, { number: '1', title: 'Område' });
    for (let i = 0; i < 5; i++) {
      createMeasure(p.doc, { focusAreaId: fa, columnId: 'col-idea', title: `Tiltak ${i}` });
    }
    await until(async () => (await activity(server, 'al-feed', admin)).body.events.length >= 5);
    server.auth.accounts.addMembership({
      agreementId: 'al-feed',
      userId: viewer.id,
      role: 'editor',
      actorUserId: admin.id,
    });
    const invited = await fetch(`${server.url}/api/agreements/al-feed/invitations`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ny@test.example', role: 'viewer' }),
    });
    expect(invited.status).toBe(201);
    const { id: invitationId } = (await invited.json()) as { id: string };
    const revoked = await fetch(
      `${server.url}/api/agreements/al-feed/invitations/${invitationId}`,
      { method: 'DELETE', headers: admin.headers },
    );
    expect(revoked.status).toBe(204);
    await server.shutdown();

    server = await ctx.start({ dataDir });
    expect((await activity(server, 'al-feed', outsider)).status).toBe(404);
    const all: Event[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const q = `?limit=2${cursor ? `&before=${cursor}` : ''}`;
      const { status, body } = await activity(server, 'al-feed', viewer, q);
      expect(status).toBe(200);
      all.push(...body.events);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    const kinds = all.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'measure.created')).toHaveLength(5);
    expect(kinds.slice(0, 3)).toEqual([
      'member.invitation_revoked',
      'member.invited',
      'member.role_changed',
    ]);
    // The invitation's e-mail address is not in the feed; its role is.
    expect(all[1]!.summary).toEqual({ role: 'viewer' });
    expect(all[2]).toMatchObject({
      actor: { id: admin.id, name: 'Admin' },
      summary: { userId: viewer.id, userName: 'Vera Viewer', from: 'viewer', to: 'editor' },
    });
    expect(kinds).toContain('member.joined');
    const times = all.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect((await activity(server, 'al-feed', viewer, '?before=nonsense')).status).toBe(400);
  });

  it('[AL3] every page says the server’s time, by the clock that stamps the events', async () => {
    const server = await ctx.start();
    const admin = addUser(server, 'al-clock', 'admin', 'Admin');
    const p = await board(server, 'al-clock', admin);
    const fa = createFocusArea(p.doc, { number: '1', title: 'Område' });
    createMeasure(p.doc, { focusAreaId: fa, columnId: 'col-idea', title: 'Tiltak' });
    await until(async () => (await activity(server, 'al-clock', admin)).body.events.length >= 1);
    const sent = Date.now();
    const { body } = await activity(server, 'al-clock', admin);
    const received = Date.now();
    const serverTime = (body as { serverTime?: string }).serverTime ?? '';
    expect(serverTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(serverTime)).toBeGreaterThanOrEqual(sent);
    expect(Date.parse(serverTime)).toBeLessThanOrEqual(received);
    expect(Date.parse(body.events[0]!.at)).toBeLessThanOrEqual(Date.parse(serverTime));
  });

  it('[AL2] after a reload the document is remembered: an old measure is edited, not created', async () => {
    const dataDir = ctx.dir();
    let server = await ctx.start({ dataDir });
    const kari = addUser(server, 'al-reload', 'editor', 'Kari');
    let p = await board(server, 'al-reload', kari);
    const fa = createFocusArea(p.doc, { number: '1', title: 'Område' });
    const ids = Array.from({ length: 30 }, (_, i) =>
      createMeasure(p.doc, { focusAreaId: fa, columnId: 'col-idea', title: `Tiltak ${i}` }),
    );
    await until(async () => (await activity(server, 'al-reload', kari)).body.events.length >= 31);
    p.destroy();
    await server.shutdown();
    server = await ctx.start({ dataDir });
    p = ctx.provider(server, 'al-reload', kari);
    await synced(p);
    // At once after the load, before the slices of the warm-up had their turns.
    setMeasureText(p.doc, ids[29]!, 'title', 'Nytt navn');
    moveMeasure(p.doc, ids[0]!, { columnId: 'col-done', index: 0 });
    const events = await until(async () => {
      const { body } = await activity(server, 'al-reload', kari, '?limit=2');
      return body.events[0]?.kind === 'measure.moved' ? body.events : false;
    });
    expect(events.map((e) => [e.kind, e.measureId])).toEqual([
      ['measure.moved', ids[0]],
      ['measure.edited', ids[29]],
    ]);
  });

  it('[AL1] an event is recorded only once its change is on disk', async () => {
    const { server, storage } = await ctx.startControlled();
    const kari = addUser(server, 'al-durable', 'editor', 'Kari');
    const p = await board(server, 'al-durable', kari);
    const fa = createFocusArea(p.doc, { number: '1', title: 'Område' });
    await until(() => server.registry.get('al-durable')?.isIdle);
    storage.failAppend = true;
    createMeasure(p.doc, { focusAreaId: fa, columnId: 'col-idea', title: 'Venter på disken' });
    await until(() => server.registry.get('al-durable')?.stats.failing);
    await new Promise((r) => setTimeout(r, 100));
    const kinds = async () =>
      (await activity(server, 'al-durable', kari)).body.events.map((e) => e.kind);
    expect(await kinds()).not.toContain('measure.created');
    storage.failAppend = false;
    await until(async () => (await kinds()).includes('measure.created'));
  });

  it('[AL5] nothing in the log can be changed or deleted, not even with SQL', async () => {
    const server = await ctx.start();
    const kari = addUser(server, 'al-ro', 'editor');
    const p = await board(server, 'al-ro', kari);
    createFocusArea(p.doc, { number: '1', title: 'Område' });
    createMeasure(p.doc, {
      focusAreaId: p.doc.getMap('focusAreas').keys().next().value as string,
      columnId: 'col-idea',
      title: 'X',
    });
    await until(async () => (await activity(server, 'al-ro', kari)).body.events.length > 0);
    expect(() => server.db.exec(`UPDATE activity_events SET actor_name = 'Someone else'`)).toThrow(
      /append-only/,
    );
    expect(() => server.db.exec('DELETE FROM activity_events')).toThrow(/append-only/);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await fetch(`${server.url}/api/agreements/al-ro/activity`, {
        method,
        headers: { ...kari.headers, 'content-type': 'application/json', origin: server.url },
        body: method === 'DELETE' ? undefined : '{}',
      });
      // [R5] The feed is read-only: the path has no other method.
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    }
  });

  it('[AL5] presence is never recorded: awareness traffic writes no event', async () => {
    const server = await ctx.start();
    const kari = addUser(server, 'al-presence', 'editor');
    const p = await board(server, 'al-presence', kari);
    p.awareness.setLocalStateField('openMeasureId', 'm-1');
    p.awareness.setLocalStateField('draggingMeasureId', 'm-1');
    await new Promise((r) => setTimeout(r, 200));
    const { body } = await activity(server, 'al-presence', kari);
    expect(body.events.map((e) => e.kind)).toEqual(['member.joined']);
  });
});
