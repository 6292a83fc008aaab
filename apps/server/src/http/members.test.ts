import { describe, expect, it } from 'vitest';
import { createTestAuth } from '../auth/testing.js';

const ADMIN = 'koordinator@fylke.example';
const EDITOR = 'radgiver@ipr.example';
const VIEWER = 'leder@fylke.example';
const A = 'tromsvekstavtalen';
const json = (body: unknown) => JSON.stringify(body);

async function setup() {
  const t = await createTestAuth();
  const id = (email: string) => t.auth.accounts.userByEmail(email)!.id;
  const changes: unknown[] = [];
  t.auth.onAccessChange((...args) => changes.push(args));
  return { ...t, id, changes };
}

describe('member management', () => {
  it('lets an admin change a role, effective at once and reported to listeners', async () => {
    const t = await setup();
    const admin = await t.login(ADMIN);
    const res = await t.request(`/api/agreements/${A}/members/${t.id(VIEWER)}`, {
      method: 'PATCH',
      cookie: admin,
      body: json({ role: 'editor' }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).member).toMatchObject({ email: VIEWER, role: 'editor' });
    expect(t.auth.roleFor(t.id(VIEWER), A)).toBe('editor');
    expect(t.changes).toEqual([[t.id(VIEWER), A, 'editor']]);
    const audit = t.db
      .prepare("SELECT actor_user_id FROM audit_events WHERE kind = 'membership.role_changed'")
      .pluck()
      .get();
    expect(audit).toBe(t.id(ADMIN));
  });

  it('refuses role changes by editors and viewers (403) and outsiders (404), changing nothing', async () => {
    const t = await setup();
    t.auth.accounts.createUser({
      email: 'outsider@kommune.example',
      name: 'Ute',
      passwordHash: await t.auth.hashPassword('outsider-password'),
    });
    const target = `/api/agreements/${A}/members/${t.id(VIEWER)}`;
    for (const [email, password, status] of [
      [EDITOR, 'tavla-demo', 403],
      [VIEWER, 'tavla-demo', 403],
      ['outsider@kommune.example', 'outsider-password', 404],
    ] as const) {
      const cookie = await t.login(email, password);
      const res = await t.request(target, {
        method: 'PATCH',
        cookie,
        body: json({ role: 'admin' }),
      });
      expect(res.status).toBe(status);
    }
    expect(t.auth.roleFor(t.id(VIEWER), A)).toBe('viewer');
    expect(t.changes).toEqual([]);
  });

  it('lets an admin remove a member, who then gets 404 for the agreement', async () => {
    const t = await setup();
    const admin = await t.login(ADMIN);
    const editor = await t.login(EDITOR);
    const res = await t.request(`/api/agreements/${A}/members/${t.id(EDITOR)}`, {
      method: 'DELETE',
      cookie: admin,
    });
    expect(res.status).toBe(204);
    expect(t.changes).toEqual([[t.id(EDITOR), A, null]]);
    expect((await t.request(`/api/agreements/${A}`, { cookie: editor })).status).toBe(404);
    expect(
      (await (await t.request('/api/agreements', { cookie: editor })).json()).agreements,
    ).toEqual([]);
  });

  it('never leaves an agreement without an admin', async () => {
    const t = await setup();
    const admin = await t.login(ADMIN);
    const demote = await t.request(`/api/agreements/${A}/members/${t.id(ADMIN)}`, {
      method: 'PATCH',
      cookie: admin,
      body: json({ role: 'viewer' }),
    });
    expect(demote.status).toBe(409);
    const leave = await t.request(`/api/agreements/${A}/members/${t.id(ADMIN)}`, {
      method: 'DELETE',
      cookie: admin,
    });
    expect(leave.status).toBe(409);
    expect(t.auth.roleFor(t.id(ADMIN), A)).toBe('admin');
  });

  it('lets any member leave, but not remove others', async () => {
    const t = await setup();
    const viewer = await t.login(VIEWER);
    const other = await t.request(`/api/agreements/${A}/members/${t.id(EDITOR)}`, {
      method: 'DELETE',
      cookie: viewer,
    });
    expect(other.status).toBe(403);
    const self = await t.request(`/api/agreements/${A}/members/${t.id(VIEWER)}`, {
      method: 'DELETE',
      cookie: viewer,
    });
    expect(self.status).toBe(204);
    expect(t.auth.roleFor(t.id(VIEWER), A)).toBeNull();
    expect(t.auth.roleFor(t.id(EDITOR), A)).toBe('editor');
  });

  it('refuses an invalid role with 400 and a cross-origin change with 403', async () => {
    const t = await setup();
    const admin = await t.login(ADMIN);
    const path = `/api/agreements/${A}/members/${t.id(VIEWER)}`;
    const bad = await t.request(path, {
      method: 'PATCH',
      cookie: admin,
      body: json({ role: 'owner' }),
    });
    expect(bad.status).toBe(400);
    const forged = await t.request(path, {
      method: 'PATCH',
      cookie: admin,
      headers: { origin: 'http://localhost.evil.example' },
      body: json({ role: 'admin' }),
    });
    expect(forged.status).toBe(403);
    expect(t.auth.roleFor(t.id(VIEWER), A)).toBe('viewer');
  });

  it('refuses everything to a revoked session', async () => {
    const t = await setup();
    const admin = await t.login(ADMIN);
    await t.request('/api/auth/logout', { method: 'POST', cookie: admin });
    const res = await t.request(`/api/agreements/${A}/members/${t.id(VIEWER)}`, {
      method: 'PATCH',
      cookie: admin,
      body: json({ role: 'admin' }),
    });
    expect(res.status).toBe(401);
    expect(t.auth.roleFor(t.id(VIEWER), A)).toBe('viewer');
  });
});

/** Signs in a new instance administrator (not a member of anything) and returns the cookie. */
async function instanceAdmin(t: Awaited<ReturnType<typeof setup>>): Promise<string> {
  t.auth.accounts.createUser({
    email: 'drift@fylke.example',
    name: 'Drift',
    isInstanceAdmin: true,
    passwordHash: await t.auth.hashPassword('instance-admin-pw'),
  });
  return t.login('drift@fylke.example', 'instance-admin-pw');
}

describe('instance administration', () => {
  it('lets an instance admin create an agreement and become its admin', async () => {
    const t = await setup();
    const cookie = await instanceAdmin(t);
    expect((await (await t.request('/api/me', { cookie })).json()).isInstanceAdmin).toBe(true);
    const res = await t.request('/api/agreements', {
      method: 'POST',
      cookie,
      body: json({ id: 'vekstavtale-nord', title: 'Vekstavtale Nord' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      id: 'vekstavtale-nord',
      title: 'Vekstavtale Nord',
      role: 'admin',
    });
    const again = await t.request('/api/agreements', {
      method: 'POST',
      cookie,
      body: json({ id: 'vekstavtale-nord', title: 'Igjen' }),
    });
    expect(again.status).toBe(409);
    const org = await t.request('/api/organisations', {
      method: 'POST',
      cookie,
      body: json({ name: 'Nordreisa kommune', kind: 'municipality' }),
    });
    expect(org.status).toBe(201);
  });

  it('refuses an organisation under a parent that does not exist (400, not 500)', async () => {
    const t = await setup();
    const cookie = await instanceAdmin(t);
    for (const parentId of ['finnes-ikke', '']) {
      const res = await t.request('/api/organisations', {
        method: 'POST',
        cookie,
        body: json({ name: 'Nordreisa kommune', kind: 'municipality', parentId }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('bad_request');
    }
    expect(t.auth.accounts.organisationByName('Nordreisa kommune')).toBeNull();
  });

  it('refuses agreement and organisation creation to agreement admins', async () => {
    const t = await setup();
    const admin = await t.login(ADMIN);
    const res = await t.request('/api/agreements', {
      method: 'POST',
      cookie: admin,
      body: json({ id: 'ny', title: 'Ny' }),
    });
    expect(res.status).toBe(403);
    expect(t.auth.accounts.agreement('ny')).toBeNull();
    const org = await t.request('/api/organisations', {
      method: 'POST',
      cookie: admin,
      body: json({ name: 'X', kind: 'county' }),
    });
    expect(org.status).toBe(403);
    const list = await (await t.request('/api/organisations', { cookie: admin })).json();
    expect(list.organisations).toHaveLength(7);
  });
});

describe('agreement audit events', () => {
  it('shows members who changed what, and cannot be edited', async () => {
    const t = await setup();
    const admin = await t.login(ADMIN);
    await t.request(`/api/agreements/${A}/members/${t.id(VIEWER)}`, {
      method: 'PATCH',
      cookie: admin,
      body: json({ role: 'editor' }),
    });
    const viewer = await t.login(VIEWER);
    const res = await t.request(`/api/agreements/${A}/audit?limit=1`, { cookie: viewer });
    expect(res.status).toBe(200);
    const { events } = await res.json();
    expect(events).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        kind: 'membership.role_changed',
        actor: { id: t.id(ADMIN), name: 'Kari Nordmann' },
        subject: { id: t.id(VIEWER), name: 'Ingrid Leder' },
        detail: { from: 'viewer', to: 'editor' },
      },
    ]);
    expect(() => t.db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    expect(() => t.db.prepare("UPDATE audit_events SET kind = 'x'").run()).toThrow(/append-only/);
    expect(
      (await t.request(`/api/agreements/${A}/audit?limit=zero`, { cookie: viewer })).status,
    ).toBe(400);
  });

  it('is not visible to outsiders', async () => {
    const t = await setup();
    t.auth.accounts.createAgreement({ id: 'annen', title: 'Annen' });
    const admin = await t.login(ADMIN);
    expect((await t.request('/api/agreements/annen/audit', { cookie: admin })).status).toBe(404);
  });
});
