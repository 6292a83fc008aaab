import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createFocusArea, createMeasure, listColumns, listMeasures } from '@tavla/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuth } from '../auth/index.js';
import { FAST_SCRYPT } from '../auth/testing.js';
import { openDatabase, runMigrations } from '../db/database.js';
import { type Projection, projectDoc } from '../readmodel/project.js';
import { storageMigrations } from '../storage/migrations.js';
import { SqliteDocStorage } from '../storage/sqlite.js';
import { freePort, spawnServer as spawnChild } from './childServer.js';
import { storedDoc, synced, TestContext, until } from './harness.js';

/** [RM3] with the real process: killed between storing changes and projecting them. */

const ctx = new TestContext();
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  await ctx.cleanup();
});

const canonical = (p: Projection) => ({
  ...p,
  measures: [...p.measures].sort((a, b) => (a.id < b.id ? -1 : 1)),
});

describe('read model across a crash', () => {
  it('[RM3] a SIGKILL before the projection caught up is repaired on the next start', async () => {
    const dataDir = ctx.dir();
    const db = openDatabase(path.join(dataDir, 'tavla.db'));
    runMigrations(db, storageMigrations);
    const auth = createAuth(db, { scrypt: FAST_SCRYPT });
    auth.accounts.createAgreement({ id: 'crashy', title: 'Crashy' });
    const user = auth.accounts.createUser({
      email: 'c@test.example',
      name: 'C',
      passwordHash: null,
    });
    auth.accounts.addMembership({ agreementId: 'crashy', userId: user.id, role: 'editor' });
    const { token } = auth.service.createToken(user.id, 'test');
    db.close();
    const testUser = {
      id: user.id,
      name: 'C',
      token,
      headers: { authorization: `Bearer ${token}` },
    };

    const spawnServer = async (env: Record<string, string>) => {
      const { child, url } = await spawnChild(children, dataDir, await freePort(), env);
      const p = ctx.provider({ url }, 'crashy', testUser);
      await synced(p);
      const kill = async () => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
        p.destroy();
      };
      return { p, kill };
    };
    const inDb = <T>(read: (db: ReturnType<typeof openDatabase>) => T): T => {
      const check = openDatabase(path.join(dataDir, 'tavla.db'));
      try {
        return read(check);
      } finally {
        check.close();
      }
    };
    const projected = () =>
      inDb(
        (d) =>
          d
            .prepare(
              `SELECT (SELECT count(*) FROM rm_measures WHERE agreement_id = 'crashy') AS n,
                 (SELECT dirty FROM rm_docs WHERE agreement_id = 'crashy') AS dirty`,
            )
            .get() as { n: number; dirty: number | null },
      );
    const inDbAsync = async <T>(read: (db: ReturnType<typeof openDatabase>) => Promise<T>) => {
      const check = openDatabase(path.join(dataDir, 'tavla.db'));
      try {
        return await read(check);
      } finally {
        check.close();
      }
    };

    const stored = async () =>
      listMeasures(await inDbAsync((d) => storedDoc(new SqliteDocStorage(d), 'crashy'))).length;
    // First run: five measures, projected as usual.
    let run = await spawnServer({});
    await until(() => listColumns(run.p.doc).length === 4);
    const fa = createFocusArea(run.p.doc, { number: '1', title: 'Område' });
    for (let i = 0; i < 5; i++) {
      createMeasure(run.p.doc, { focusAreaId: fa, columnId: 'col-idea', title: `Tiltak ${i}` });
    }
    await until(() => projected().n === 5 && projected().dirty === 0);
    await run.kill();

    // Second run: five more, stored at once but projected only after ten minutes; killed first.
    run = await spawnServer({ PROJECTION_DELAY_MS: '600000' });
    await until(() => listMeasures(run.p.doc).length === 5);
    for (let i = 5; i < 10; i++) {
      createMeasure(run.p.doc, { focusAreaId: fa, columnId: 'col-idea', title: `Tiltak ${i}` });
    }
    await until(async () => (await stored()) === 10);
    expect(projected()).toEqual({ n: 5, dirty: 1 });
    await run.kill();

    const server = await ctx.start({ dataDir });
    const fresh = projectDoc(await storedDoc(server.storage, 'crashy'));
    expect(fresh.measures).toHaveLength(10);
    expect(canonical(server.readModel.store.read('crashy'))).toEqual(canonical(fresh));
  });
});
