import {
  addStatusUpdate,
  archiveMeasure,
  completeMilestone,
  createFocusArea,
  createMeasure,
  createMilestone,
  createObjective,
  linkMeasure,
  listColumns,
  listFocusAreas,
  listMeasures,
  listMilestones,
  moveMeasure,
  setMeasureText,
  unlinkMeasure,
  updateMeasure,
  measureText,
  stampTyping,
} from '@tavla/domain';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { type Projection, projectDoc } from '../readmodel/project.js';
import { todayIn } from '../readmodel/queries.js';
import type { RunningServer } from '../server.js';
import { addUser, storedDoc, synced, TestContext, type TestUser, until } from './harness.js';

const ctx = new TestContext();
afterEach(() => ctx.cleanup());

/** Rows in a canonical order, so an incrementally kept projection compares with a fresh one. */
function canonical(p: Projection): Projection {
  const byId = <T extends { id: string }>(rows: T[]) =>
    [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    ...p,
    measures: byId(p.measures),
    statusUpdates: [...p.statusUpdates].sort((a, b) =>
      `${a.measureId}\u0000${a.id}` < `${b.measureId}\u0000${b.id}` ? -1 : 1,
    ),
  };
}

async function getJson(server: RunningServer, path: string, user: TestUser | null) {
  const res = await fetch(`${server.url}${path}`, { headers: user?.headers ?? {} });
  // biome-ignore lint/suspicious/noExplicitAny: assertions below check the shape
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** A board: an initialised agreement (the server does that on first load [S8]) with one focus area. */
async function board(server: RunningServer, agreementId: string, user: TestUser) {
  const p = ctx.provider(server, agreementId, user);
  await synced(p);
  await until(() => listColumns(p.doc).length === 4, { message: 'default columns' });
  return p;
}

describe('read model [RM]', () => {
  it("[RM5] dates the summary's today and /api/milestones' lateness in the configured time zone", async () => {
    // UTC+14 and UTC-11: for most of any day their calendars are a day apart, one of them from UTC.
    const ahead = await ctx.start({ overrides: { timeZone: 'Pacific/Kiritimati' } });
    const behind = await ctx.start({ overrides: { timeZone: 'Pacific/Pago_Pago' } });
    const todays: string[] = [];
    for (const server of [ahead, behind]) {
      const kari = addUser(server, 'rm-tz', 'editor');
      await board(server, 'rm-tz', kari);
      const before = new Date();
      const { body } = await getJson(server, '/api/agreements/rm-tz/summary', kari);
      const after = new Date();
      expect([
        todayIn(server.config.timeZone, before),
        todayIn(server.config.timeZone, after),
      ]).toContain(body.today);
      todays.push(body.today);
    }
    expect(todays[0]! > todays[1]!).toBe(true);
  });

  it('[RM1][RM5] edits through websocket clients show in the summary and /api/milestones within a second', async () => {
    const server = await ctx.start();
    const kari = addUser(server, 'rm-live', 'editor', 'Kari Nordmann');
    const p = await board(server, 'rm-live', kari);
    const doc = p.doc;
    const fa = createFocusArea(doc, { number: '1', title: 'Befolkningsutvikling' });
    const objective = createObjective(doc, { focusAreaId: fa, code: '1.1', title: 'Flere unge' });
    const m1 = createMeasure(doc, {
      focusAreaId: fa,
      columnId: 'col-doing',
      title: 'Ungdomspanel',
      objectiveId: objective,
      owners: ['Kari'],
      dueDate: '2020-01-01',
    });
    const m2 = createMeasure(doc, { focusAreaId: fa, columnId: 'col-idea', title: 'Velkomst' });
    const ms = createMilestone(doc, {
      focusAreaId: fa,
      title: 'Midtveisevaluering',
      dueDate: '2099-06-01',
      measureIds: [m1],
    });

    const started = Date.now();
    const summary = await until(
      async () => {
        const { status, body } = await getJson(server, '/api/agreements/rm-live/summary', kari);
        return status === 200 && body.focusAreas?.[0]?.measures.total === 2 ? body : false;
      },
      { timeout: 1000, message: 'summary shows the new measures' },
    );
    expect(Date.now() - started).toBeLessThan(1000);
    const area = summary.focusAreas[0];
    expect(summary).toMatchObject({ agreementId: 'rm-live', title: 'Agreement rm-live' });
    expect(summary.columns.map((c: { id: string }) => c.id)).toEqual([
      'col-idea',
      'col-planned',
      'col-doing',
      'col-done',
    ]);
    expect(area.measures).toMatchObject({
      total: 2,
      perColumn: { 'col-idea': 1, 'col-planned': 0, 'col-doing': 1, 'col-done': 0 },
      perHealth: { green: 2, yellow: 0, red: 0, none: 0 },
      late: 1,
      noOwner: 1,
      noObjective: 1,
      changedLast14Days: 2,
    });
    expect(area.measureIds.late).toEqual([m1]);
    expect(area.measureIds.noOwner).toEqual([m2]);
    expect(area.objectives[0]).toMatchObject({ id: objective, code: '1.1' });
    expect(area.milestones.next90Days).toEqual([]);

    const { body: list } = await getJson(server, '/api/milestones?from=2099-01-01', kari);
    expect(list.milestones).toEqual([
      expect.objectContaining({
        agreementId: 'rm-live',
        id: ms,
        focusAreaNumber: '1',
        title: 'Midtveisevaluering',
        dueDate: '2099-06-01',
        done: false,
        state: 'at_risk', // its measure is late
        measureIds: [m1],
        measureCount: 1,
        measuresLate: 1,
      }),
    ]);

    // A status update and a move show up too, through the same path.
    addStatusUpdate(doc, m2, {
      health: 'red',
      text: 'Stopp',
      authorId: kari.id,
      authorName: kari.name,
    });
    moveMeasure(doc, m1, { columnId: 'col-done', index: 0 });
    completeMilestone(doc, ms);
    const after = await until(
      async () => {
        const { body } = await getJson(server, '/api/agreements/rm-live/summary', kari);
        const a = body.focusAreas[0];
        return a.measures.perHealth.red === 1 && a.measures.late === 0 ? a : false;
      },
      { timeout: 1000, message: 'status update and move projected' },
    );
    expect(after.measureIds.red).toEqual([m2]);
    const { body: done } = await getJson(server, '/api/milestones', kari);
    expect(done.milestones[0]).toMatchObject({
      id: ms,
      done: true,
      state: 'done',
      measuresDone: 1,
    });
  });

  it('[RM5] members only: outsiders get 404, viewers may read, bad dates 400', async () => {
    const server = await ctx.start();
    const editor = addUser(server, 'rm-acl', 'editor');
    const viewer = addUser(server, 'rm-acl', 'viewer');
    const outsider = addUser(server, 'rm-other', 'editor');
    const p = await board(server, 'rm-acl', editor);
    const fa = createFocusArea(p.doc, { number: '1', title: 'Område' });
    createMilestone(p.doc, { focusAreaId: fa, title: 'Hemmelig', dueDate: '2030-01-01' });
    await until(
      async () => (await getJson(server, '/api/milestones', viewer)).body.milestones?.length === 1,
    );

    expect((await getJson(server, '/api/agreements/rm-acl/summary', viewer)).status).toBe(200);
    expect((await getJson(server, '/api/agreements/rm-acl/summary', outsider)).status).toBe(404);
    expect((await getJson(server, '/api/agreements/nope/summary', outsider)).status).toBe(404);
    expect((await getJson(server, '/api/agreements/rm-acl/summary', null)).status).toBe(401);
    expect((await getJson(server, '/api/milestones', outsider)).body).toEqual({ milestones: [] });
    expect((await getJson(server, '/api/milestones?agreementId=rm-acl', outsider)).status).toBe(
      404,
    );
    expect((await getJson(server, '/api/milestones?from=2030-13-01', viewer)).status).toBe(400);
    const reversed = await getJson(server, '/api/milestones?from=2031-01-01&to=2030-01-01', viewer);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe('bad_request');
    const window = await getJson(server, '/api/milestones?from=2029-12-31&to=2030-01-01', viewer);
    expect(window.body.milestones).toHaveLength(1);
  });

  it('[RM5] /api/milestones spans every agreement of the caller, by due date, and follows membership', async () => {
    const server = await ctx.start();
    const kari = addUser(server, 'rm-a', 'editor');
    server.auth.accounts.createAgreement({ id: 'rm-b', title: 'Avtale B' });
    server.auth.accounts.addMembership({ agreementId: 'rm-b', userId: kari.id, role: 'viewer' });
    const other = addUser(server, 'rm-b', 'editor');
    const pa = await board(server, 'rm-a', kari);
    const pb = await board(server, 'rm-b', other);
    const faA = createFocusArea(pa.doc, { number: '1', title: 'A' });
    const faB = createFocusArea(pb.doc, { number: '1', title: 'B' });
    createMilestone(pa.doc, { focusAreaId: faA, title: 'A sent', dueDate: '2027-03-01' });
    createMilestone(pb.doc, { focusAreaId: faB, title: 'B tidlig', dueDate: '2027-01-01' });
    createMilestone(pa.doc, { focusAreaId: faA, title: 'A tidlig', dueDate: '2026-12-01' });
    const titles = async () =>
      ((await getJson(server, '/api/milestones', kari)).body.milestones as { title: string }[]).map(
        (m) => m.title,
      );
    await until(async () => (await titles()).length === 3, { timeout: 1000 });
    expect(await titles()).toEqual(['A tidlig', 'B tidlig', 'A sent']);
    server.auth.accounts.removeMembership({ agreementId: 'rm-b', userId: kari.id });
    expect(await titles()).toEqual(['A tidlig', 'A sent']);
  });

  it('[RM4] after random edits by several clients the projection equals a fresh projection of the stored document', async () => {
    const server = await ctx.start();
    const a = addUser(server, 'rm-fuzz', 'editor');
    const b = addUser(server, 'rm-fuzz', 'editor');
    const pa = await board(server, 'rm-fuzz', a);
    const pb = ctx.provider(server, 'rm-fuzz', b);
    await synced(pb);
    const fa1 = createFocusArea(pa.doc, { number: '1', title: 'En' });
    const fa2 = createFocusArea(pa.doc, { number: '2', title: 'To' });
    await until(() => listMeasures(pb.doc).length === 0 && pb.doc.getMap('focusAreas').size === 2);

    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);
    const ops = fc.sample(fc.tuple(fc.nat(1), fc.nat(11), fc.nat(1000), fc.nat(1000)), {
      numRuns: 120,
      seed,
    });
    const columns = ['col-idea', 'col-planned', 'col-doing', 'col-done'];
    try {
      for (const [who, op, x, y] of ops) {
        const doc: Y.Doc = who === 0 ? pa.doc : pb.doc;
        const measures = listMeasures(doc, { includeArchived: true });
        const milestones = listMilestones(doc);
        const m = measures.length > 0 ? measures[x % measures.length]! : null;
        const ms = milestones.length > 0 ? milestones[y % milestones.length]! : null;
        try {
          if (op <= 2 || !m) {
            createMeasure(doc, {
              focusAreaId: x % 2 ? fa1 : fa2,
              columnId: columns[y % 4]!,
              title: `Tiltak ${x}`,
              dueDate: y % 3 ? `2026-0${(y % 9) + 1}-15` : undefined,
            });
          } else if (op === 3) moveMeasure(doc, m.id, { columnId: columns[y % 4]!, index: 0 });
          else if (op === 4) setMeasureText(doc, m.id, 'title', `Nytt navn ${y}`);
          else if (op === 5)
            updateMeasure(doc, m.id, { owners: y % 2 ? ['Ola'] : [], health: 'yellow' });
          else if (op === 6) (m.archived ? () => {} : () => archiveMeasure(doc, m.id))();
          else if (op === 7) {
            addStatusUpdate(doc, m.id, {
              health: 'red',
              text: 'Forsinket',
              authorId: 'x',
              authorName: 'X',
            });
          } else if (op >= 10) {
            // Typing in the description, now and then moving updatedAt as the panel does [RM7].
            doc.transact(() => {
              const t = measureText(doc, m.id, 'description');
              if (op === 10 || t.length === 0) t.insert(x % (t.length + 1), 'referat ');
              else t.delete(x % t.length, 1);
              if (y % 3 === 0) stampTyping(doc, m.id, undefined, Date.now() + y * 60_000);
            });
          } else if (op === 8 || !ms) {
            createMilestone(doc, {
              focusAreaId: fa1,
              title: `M ${y}`,
              dueDate: '2027-01-01',
              measureIds: [m.id],
            });
          } else if (ms.measureIds.includes(m.id)) unlinkMeasure(doc, ms.id, m.id);
          else linkMeasure(doc, ms.id, m.id);
        } catch (err) {
          if (!(err as { code?: string }).code) throw err; // domain refusals are fine
        }
        if (x % 7 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      // Both clients converged with what the server stored (same state vectors and content).
      const sv = (d: Y.Doc) => Buffer.from(Y.encodeStateVector(d)).toString('base64');
      const rows = (d: Y.Doc) => JSON.stringify(canonical(projectDoc(d)));
      await until(
        async () => {
          const stored = await storedDoc(server.storage, 'rm-fuzz');
          return (
            sv(stored) === sv(pa.doc) &&
            sv(stored) === sv(pb.doc) &&
            rows(stored) === rows(pa.doc) &&
            rows(stored) === rows(pb.doc)
          );
        },
        { message: 'clients and storage converged' },
      );
      const fresh = projectDoc(await storedDoc(server.storage, 'rm-fuzz'));
      // Projected within the window, whatever the machine's load.
      await until(
        () =>
          JSON.stringify(canonical(server.readModel.store.read('rm-fuzz'))) ===
          JSON.stringify(canonical(fresh)),
        { timeout: 5000, message: 'projection caught up' },
      );
      expect(canonical(server.readModel.store.read('rm-fuzz'))).toEqual(canonical(fresh));
      expect(fresh.measures.length).toBeGreaterThan(10);
    } catch (err) {
      throw new Error(`FUZZ_SEED=${seed}: ${(err as Error).message}`);
    }
  });

  it('[RM3] a missing, stale or other-version projection is rebuilt from the stored documents on start', async () => {
    const dataDir = ctx.dir();
    const server = await ctx.start({ dataDir });
    const user = addUser(server, 'rm-start', 'editor');
    const p = await board(server, 'rm-start', user);
    const fa = createFocusArea(p.doc, { number: '1', title: 'En' });
    for (let i = 0; i < 20; i++) {
      createMeasure(p.doc, { focusAreaId: fa, columnId: 'col-idea', title: `Tiltak ${i}` });
    }
    await until(() => server.readModel.store.read('rm-start').measures.length === 20);
    await server.registry.get('rm-start')?.whenIdle();
    const fresh = canonical(projectDoc(await storedDoc(server.storage, 'rm-start')));
    await server.shutdown();

    const tamper = (sql: string) => {
      const db = new BetterSqlite3(server.config.dbFile);
      db.exec(sql);
      db.close();
    };
    // Dirty: changed but never projected (a crash between the commit and the projection).
    tamper(`DELETE FROM rm_measures WHERE rowid % 2 = 0; UPDATE rm_docs SET dirty = 1`);
    let again = await ctx.start({ dataDir });
    expect(canonical(again.readModel.store.read('rm-start'))).toEqual(fresh);
    await again.shutdown();
    // Another projection version.
    tamper(`DELETE FROM rm_measures; UPDATE rm_docs SET projection_version = 0`);
    again = await ctx.start({ dataDir });
    expect(canonical(again.readModel.store.read('rm-start'))).toEqual(fresh);
    await again.shutdown();
    // Missing altogether.
    tamper(`DELETE FROM rm_docs; DELETE FROM rm_measures; DELETE FROM rm_columns`);
    again = await ctx.start({ dataDir });
    expect(canonical(again.readModel.store.read('rm-start'))).toEqual(fresh);
  });

  it('[S7] a broken read model never stops a document from being served', async () => {
    const server = await ctx.start();
    const user = addUser(server, 'rm-broken', 'editor');
    server.db.exec('DROP TABLE rm_docs');
    const a = await board(server, 'rm-broken', user);
    const b = ctx.provider(server, 'rm-broken', user);
    await synced(b);
    createFocusArea(a.doc, { number: '1', title: 'Område' });
    await until(() => listFocusAreas(b.doc).length === 1);
  });

  it('[RM7] typing re-reads nothing for a description and only the title for a title', async () => {
    const server = await ctx.start({ overrides: { sync: { projectionDelayMs: 60_000 } } });
    const user = addUser(server, 'rm-typing', 'editor');
    const p = await board(server, 'rm-typing', user);
    const fa = createFocusArea(p.doc, { number: '1', title: 'En' });
    const id = createMeasure(p.doc, { focusAreaId: fa, columnId: 'col-idea', title: 'Referat' });
    await until(async () =>
      (await storedDoc(server.storage, 'rm-typing')).getMap('measures').has(id),
    );
    server.readModel.flushAll();
    expect(server.readModel.store.isFresh('rm-typing')).toBe(true);
    const projections = server.readModel.timings.count;
    const description = measureText(p.doc, id, 'description');
    description.insert(0, 'Møtet ble enige om');
    await until(async () => {
      const stored = await storedDoc(server.storage, 'rm-typing');
      return measureText(stored, id, 'description').toString() === 'Møtet ble enige om';
    });
    // Stored, but nothing projected changed: not marked dirty, nothing to project.
    expect(server.readModel.store.isFresh('rm-typing')).toBe(true);
    server.readModel.flushAll();
    expect(server.readModel.timings.count).toBe(projections);
    // Typing that moves updatedAt (once a minute) is projected.
    p.doc.transact(() => {
      description.insert(description.length, ' å fortsette');
      stampTyping(p.doc, id, undefined, Date.parse('2030-01-01T12:00:00.000Z'));
    });
    await until(() => !server.readModel.store.isFresh('rm-typing'));
    const writes = vi.spyOn(server.readModel.store, 'writePart');
    server.readModel.flushAll();
    const row = () => server.readModel.store.read('rm-typing').measures.find((m) => m.id === id);
    expect(row()?.updatedAt).toBe('2030-01-01T12:00:00.000Z');
    // Typing in the title: only the title (and updatedAt) is read and written, not the measure.
    measureText(p.doc, id, 'title').insert(0, 'Nytt: ');
    await until(() => !server.readModel.store.isFresh('rm-typing'));
    server.readModel.flushAll();
    expect(row()?.title).toBe('Nytt: Referat');
    const [, measures, structure, titles] = writes.mock.calls.at(-1)!;
    expect([...measures.keys()]).toEqual([]);
    expect(structure).toBeNull();
    expect([...(titles ?? new Map()).keys()]).toEqual([id]);
    // A title with no row under it (the projection lost it): projected whole again.
    server.db
      .prepare('DELETE FROM rm_measures WHERE agreement_id = ? AND id = ?')
      .run('rm-typing', id);
    measureText(p.doc, id, 'title').insert(0, '!');
    await until(() => !server.readModel.store.isFresh('rm-typing'));
    server.readModel.flushAll();
    expect(server.readModel.store.isFresh('rm-typing')).toBe(false);
    server.readModel.flushAll();
    expect(row()?.title).toBe('!Nytt: Referat');
    expect(server.readModel.store.isFresh('rm-typing')).toBe(true);
  });

  it('[RM3] marks the projection dirty before the change is stored', async () => {
    const server = await ctx.start({ overrides: { sync: { projectionDelayMs: 60_000 } } });
    const user = addUser(server, 'rm-dirty', 'editor');
    const p = await board(server, 'rm-dirty', user);
    server.readModel.flushAll();
    expect(server.readModel.store.isFresh('rm-dirty')).toBe(true);
    createFocusArea(p.doc, { number: '1', title: 'En' });
    await until(() => !server.readModel.store.isFresh('rm-dirty'));
    server.readModel.flushAll();
    expect(server.readModel.store.isFresh('rm-dirty')).toBe(true);
    expect(server.readModel.store.read('rm-dirty').focusAreas).toHaveLength(1);
  });
});
