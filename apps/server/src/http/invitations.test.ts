import { describe, expect, it } from 'vitest';
import { cookiePair, createTestAuth } from '../auth/testing.js';

const ADMIN = 'koordinator@fylke.example';
const EDITOR = 'radgiver@ipr.example';
const A = 'tromsvekstavtalen';
const json = (body: unknown) => JSON.stringify(body);

async function invite(
  t: Awaited<ReturnType<typeof createTestAuth>>,
  email: string,
  role = 'editor',
) {
  const admin = await t.login(ADMIN);
  const res = await t.request(`/api/agreements/${A}/invitations`, {
    method: 'POST',
    cookie: admin,
    body: json({ email, role, organisationId: 'balsfjord' }),
  });
  expect(res.status).toBe(201);
  return { admin, invitation: await res.json() };
}

describe('invitations', () => {
  it('lets a new person accept with a name and password, and signs them in', async () => {
    const t = await createTestAuth();
    const { invitation } = await invite(t, 'Ny.Person@Balsfjord.example');
    expect(invitation).toMatchObject({ email: 'ny.person@balsfjord.example', role: 'editor' });
    expect(invitation.token).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(t.db.prepare('SELECT * FROM invitations').all())).not.toContain(
      invitation.token,
    );

    const view = await t.request(`/api/invitations/${invitation.token}`);
    expect(await view.json()).toMatchObject({
      agreement: { id: A, title: 'Tromsvekstavtalen for Tromsøregionen' },
      email: 'ny.person@balsfjord.example',
      role: 'editor',
      invitedBy: { name: 'Kari Nordmann' },
    });

    const res = await t.request(`/api/invitations/${invitation.token}/accept`, {
      method: 'POST',
      body: json({ name: 'Ny Person', password: 'et langt passord' }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({
      email: 'ny.person@balsfjord.example',
      organisation: { id: 'balsfjord', kind: 'municipality' },
    });
    const cookie = cookiePair(res);
    const agreements = await (await t.request('/api/agreements', { cookie })).json();
    expect(agreements.agreements).toEqual([expect.objectContaining({ id: A, role: 'editor' })]);
  });

  it('works once: a reused link is refused and changes nothing', async () => {
    const t = await createTestAuth();
    const { invitation } = await invite(t, 'en@kommune.example');
    const accept = () =>
      t.request(`/api/invitations/${invitation.token}/accept`, {
        method: 'POST',
        body: json({ name: 'En', password: 'et langt passord' }),
      });
    expect((await accept()).status).toBe(200);
    const users = t.db.prepare('SELECT count(*) FROM users').pluck().get();
    const again = await accept();
    expect(again.status).toBe(404);
    expect(t.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(users);
    expect((await t.request(`/api/invitations/${invitation.token}`)).status).toBe(404);
  });

  it('expires after 7 days', async () => {
    const t = await createTestAuth();
    const { invitation } = await invite(t, 'sein@kommune.example');
    t.clock.advance(7 * 24 * 60 * 60 * 1000);
    const res = await t.request(`/api/invitations/${invitation.token}/accept`, {
      method: 'POST',
      body: json({ name: 'Sein', password: 'et langt passord' }),
    });
    expect(res.status).toBe(404);
    expect(t.auth.accounts.userByEmail('sein@kommune.example')).toBeNull();
  });

  it('is refused when revoked by an admin, or replaced by a newer one', async () => {
    const t = await createTestAuth();
    const { admin, invitation } = await invite(t, 'to@kommune.example');
    const list = await (
      await t.request(`/api/agreements/${A}/invitations`, { cookie: admin })
    ).json();
    expect(list.invitations).toEqual([expect.objectContaining({ id: invitation.id })]);
    expect(JSON.stringify(list)).not.toContain(invitation.token);
    const del = await t.request(`/api/agreements/${A}/invitations/${invitation.id}`, {
      method: 'DELETE',
      cookie: admin,
    });
    expect(del.status).toBe(204);
    expect((await t.request(`/api/invitations/${invitation.token}`)).status).toBe(404);

    const first = (await invite(t, 'tre@kommune.example')).invitation;
    const second = (await invite(t, 'tre@kommune.example')).invitation;
    expect((await t.request(`/api/invitations/${first.token}`)).status).toBe(404);
    expect((await t.request(`/api/invitations/${second.token}`)).status).toBe(200);
  });

  it('stays valid when its inviter leaves, and another admin sees and can revoke it', async () => {
    const t = await createTestAuth();
    const editor = t.auth.accounts.userByEmail(EDITOR)!;
    const kari = t.auth.accounts.userByEmail(ADMIN)!;
    // Ola becomes an admin too; then Kari, who sends the invitations, leaves the agreement.
    t.auth.accounts.addMembership({ agreementId: A, userId: editor.id, role: 'admin' });
    const { invitation } = await invite(t, 'gyldig@kommune.example');
    const { invitation: other } = await invite(t, 'tilbakekalt@kommune.example');
    t.auth.accounts.removeMembership({ agreementId: A, userId: kari.id });

    const view = await t.request(`/api/invitations/${invitation.token}`);
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({ invitedBy: { name: 'Kari Nordmann' } });
    const ola = await t.login(EDITOR);
    const list = await (
      await t.request(`/api/agreements/${A}/invitations`, { cookie: ola })
    ).json();
    expect(list.invitations.map((i: { id: string }) => i.id).sort()).toEqual(
      [invitation.id, other.id].sort(),
    );
    const del = await t.request(`/api/agreements/${A}/invitations/${other.id}`, {
      method: 'DELETE',
      cookie: ola,
    });
    expect(del.status).toBe(204);
    expect((await t.request(`/api/invitations/${other.token}`)).status).toBe(404);
    const accepted = await t.request(`/api/invitations/${invitation.token}/accept`, {
      method: 'POST',
      body: json({ name: 'Gyldig Person', password: 'et langt nok passord' }),
    });
    expect(accepted.status).toBe(200);
  });

  it('asks an existing account to sign in as the invited address', async () => {
    const t = await createTestAuth();
    t.auth.accounts.createUser({
      email: 'finnes@kommune.example',
      name: 'Finnes',
      passwordHash: await t.auth.hashPassword('finnes-passord'),
    });
    const { invitation } = await invite(t, 'finnes@kommune.example', 'viewer');
    const path = `/api/invitations/${invitation.token}/accept`;
    const anon = await t.request(path, { method: 'POST', body: json({}) });
    expect(anon.status).toBe(401);
    const wrong = await t.request(path, {
      method: 'POST',
      cookie: await t.login(EDITOR),
      body: json({}),
    });
    expect(wrong.status).toBe(403);
    // Choosing a password cannot take over the existing account.
    const takeover = await t.request(path, {
      method: 'POST',
      body: json({ name: 'Angriper', password: 'helt annet hemmelig ord' }),
    });
    expect(takeover.status).toBe(401);
    await expect(t.login('finnes@kommune.example', 'helt annet hemmelig ord')).rejects.toThrow(
      /401/,
    );

    const cookie = await t.login('finnes@kommune.example', 'finnes-passord');
    const ok = await t.request(path, { method: 'POST', cookie, body: json({}) });
    expect(ok.status).toBe(200);
    const user = t.auth.accounts.userByEmail('finnes@kommune.example')!;
    expect(t.auth.roleFor(user.id, A)).toBe('viewer');
    expect(user.name).toBe('Finnes');
  });

  it('may only be created by admins of the agreement', async () => {
    const t = await createTestAuth();
    const editor = await t.login(EDITOR);
    const res = await t.request(`/api/agreements/${A}/invitations`, {
      method: 'POST',
      cookie: editor,
      body: json({ email: 'x@kommune.example', role: 'admin' }),
    });
    expect(res.status).toBe(403);
    expect(t.db.prepare('SELECT count(*) FROM invitations').pluck().get()).toBe(0);
    expect((await t.request(`/api/agreements/${A}/invitations`, { cookie: editor })).status).toBe(
      403,
    );
  });

  it('refuses to invite a current member, and bad addresses', async () => {
    const t = await createTestAuth();
    const admin = await t.login(ADMIN);
    const member = await t.request(`/api/agreements/${A}/invitations`, {
      method: 'POST',
      cookie: admin,
      body: json({ email: EDITOR, role: 'viewer' }),
    });
    expect(member.status).toBe(409);
    const bad = await t.request(`/api/agreements/${A}/invitations`, {
      method: 'POST',
      cookie: admin,
      body: json({ email: 'not an address', role: 'viewer' }),
    });
    expect(bad.status).toBe(400);
  });

  it('refuses an empty organisation id (400, not 500) and invites nobody', async () => {
    const t = await createTestAuth();
    const admin = await t.login(ADMIN);
    const res = await t.request(`/api/agreements/${A}/invitations`, {
      method: 'POST',
      cookie: admin,
      body: json({ email: 'ny@kommune.example', role: 'editor', organisationId: '' }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
    expect(t.db.prepare('SELECT count(*) FROM invitations').pluck().get()).toBe(0);
  });

  it('requires a long enough password from a new person', async () => {
    const t = await createTestAuth();
    const { invitation } = await invite(t, 'kort@kommune.example');
    const res = await t.request(`/api/invitations/${invitation.token}/accept`, {
      method: 'POST',
      body: json({ name: 'Kort', password: 'kort' }),
    });
    expect(res.status).toBe(400);
    expect((await t.request(`/api/invitations/${invitation.token}`)).status).toBe(200);
  });
});
