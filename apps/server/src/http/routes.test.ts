import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.js';
import { FAST_SCRYPT, cookiePair, createTestAuth } from '../auth/testing.js';

const ADMIN = 'koordinator@fylke.example';
const EDITOR = 'radgiver@ipr.example';
const VIEWER = 'leder@fylke.example';
const AGREEMENT = 'tromsvekstavtalen';

const json = (body: unknown) => JSON.stringify(body);

describe('POST /api/auth/login', () => {
  it('signs in with the right password and sets an HttpOnly SameSite=Lax session cookie', async () => {
    const t = await createTestAuth();
    const res = await t.request('/api/auth/login', {
      method: 'POST',
      body: json({ email: 'Koordinator@Fylke.example ', password: 'tavla-demo' }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user).toMatchObject({
      email: ADMIN,
      name: 'Kari Nordmann',
      organisation: { name: 'Troms fylkeskommune', kind: 'county' },
    });
    expect(body.user).not.toHaveProperty('passwordHash');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tavla_session=[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const t = await createTestAuth();
    const res = await t.app.request('https://tavla.example/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://tavla.example' },
      body: json({ email: ADMIN, password: 'tavla-demo' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('gives the same answer for a wrong password and an unknown e-mail address', async () => {
    const t = await createTestAuth();
    const wrong = await t.request('/api/auth/login', {
      method: 'POST',
      body: json({ email: ADMIN, password: 'not-the-password' }),
    });
    const unknown = await t.request('/api/auth/login', {
      method: 'POST',
      body: json({ email: 'nobody@fylke.example', password: 'not-the-password' }),
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await wrong.json();
    expect(a).toEqual(await unknown.json());
    expect(a.error.code).toBe('invalid_credentials');
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a disabled account with the same answer', async () => {
    const t = await createTestAuth();
    const user = t.auth.accounts.userByEmail(EDITOR)!;
    t.auth.accounts.setDisabled(user.id, true);
    const res = await t.request('/api/auth/login', {
      method: 'POST',
      body: json({ email: EDITOR, password: 'tavla-demo' }),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('invalid_credentials');
  });

  it('throttles an account after 10 failures, even with the right password, until the window ends', async () => {
    const t = await createTestAuth();
    for (let i = 0; i < 10; i++) {
      const res = await t.request('/api/auth/login', {
        method: 'POST',
        body: json({ email: ADMIN, password: `guess-${i}` }),
      });
      expect(res.status).toBe(401);
    }
    const blocked = await t.request('/api/auth/login', {
      method: 'POST',
      body: json({ email: ADMIN, password: 'tavla-demo' }),
    });
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    // Other accounts are not affected by one account's lock.
    await t.login(EDITOR);
    t.clock.advance(15 * 60 * 1000);
    await t.login(ADMIN);
  });

  it('finds an address with "å" however it was typed, and throttles all its forms as one account', async () => {
    const t = await createTestAuth();
    const composed = 'kåre.sæther@kommune.example'; // "å" as one character (NFC)
    const decomposed = 'KA\u030aRE.SÆTHER@kommune.example'; // "A" + combining ring, capitals
    expect(decomposed).not.toBe(composed.toUpperCase());
    t.auth.accounts.createUser({
      email: decomposed,
      name: 'Kåre Sæther',
      passwordHash: await hashPassword('rett-passord-1', FAST_SCRYPT),
    });
    expect(t.auth.accounts.userByEmail(composed)?.email).toBe(composed);
    const login = (email: string, password: string) =>
      t.request('/api/auth/login', { method: 'POST', body: json({ email, password }) });
    expect((await login(decomposed, 'rett-passord-1')).status).toBe(200);
    expect((await login(composed, 'rett-passord-1')).status).toBe(200);
    // Alternating the two forms does not give an attacker two lockout counters.
    for (let i = 0; i < 10; i++) {
      expect((await login(i % 2 ? composed : decomposed, `gjett-${i}`)).status).toBe(401);
    }
    expect((await login(composed, 'rett-passord-1')).status).toBe(429);
    expect((await login(decomposed, 'rett-passord-1')).status).toBe(429);
  });

  it('throttles one client IP that sprays many accounts', async () => {
    const t = await createTestAuth({ trustProxy: true, loginRateLimit: { maxFailuresPerIp: 5 } });
    const attempt = (email: string, ip: string) =>
      t.request('/api/auth/login', {
        method: 'POST',
        headers: { 'x-forwarded-for': ip },
        body: json({ email, password: 'wrong-password' }),
      });
    for (let i = 0; i < 5; i++)
      expect((await attempt(`u${i}@x.example`, '10.0.0.9')).status).toBe(401);
    expect((await attempt('u99@x.example', '10.0.0.9')).status).toBe(429);
    expect((await attempt('u99@x.example', '10.0.0.10')).status).toBe(401);
  });

  it('ends the previous session of the browser when signing in again', async () => {
    const t = await createTestAuth();
    const first = await t.login(ADMIN);
    const res = await t.request('/api/auth/login', {
      method: 'POST',
      cookie: first,
      body: json({ email: ADMIN, password: 'tavla-demo' }),
    });
    const second = cookiePair(res);
    expect(second).not.toBe(first);
    expect((await t.request('/api/me', { cookie: first })).status).toBe(401);
    expect((await t.request('/api/me', { cookie: second })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('answers /api/me for a signed-in user and 401 otherwise', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(VIEWER);
    const sent = Date.now();
    const me = await t.request('/api/me', { cookie });
    const received = Date.now();
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body.user).toMatchObject({ email: VIEWER, name: 'Ingrid Leder' });
    // The server's time, for a client whose clock is off (docs/api.md).
    expect(Date.parse(body.serverTime)).toBeGreaterThanOrEqual(sent);
    expect(Date.parse(body.serverTime)).toBeLessThanOrEqual(received);
    const anon = await t.request('/api/me');
    expect(anon.status).toBe(401);
    expect((await anon.json()).error.code).toBe('unauthenticated');
    expect((await t.request('/api/me', { cookie: 'tavla_session=forged' })).status).toBe(401);
  });

  it('stores sessions only as hashes of the cookie secret', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(ADMIN);
    const secret = cookie.split('=')[1]!;
    const ids = t.db.prepare('SELECT id FROM sessions').pluck().all();
    expect(ids).toEqual([createHash('sha256').update(secret).digest('hex')]);
  });

  it('refuses a session after logout, and tells listeners', async () => {
    const t = await createTestAuth();
    const revoked: unknown[] = [];
    t.auth.onCredentialRevoked((r) => revoked.push(r));
    const cookie = await t.login(ADMIN);
    const out = await t.request('/api/auth/logout', { method: 'POST', cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/tavla_session=;.*Max-Age=0/);
    expect((await t.request('/api/me', { cookie })).status).toBe(401);
    expect(await t.auth.authenticateRequest(new Headers({ cookie }))).toBeNull();
    expect(revoked).toHaveLength(1);
  });

  it('expires a session after 12 hours without use', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(ADMIN);
    t.clock.advance(11 * 60 * 60 * 1000);
    expect((await t.request('/api/me', { cookie })).status).toBe(200);
    t.clock.advance(11 * 60 * 60 * 1000);
    expect((await t.request('/api/me', { cookie })).status).toBe(200);
    t.clock.advance(12 * 60 * 60 * 1000 + 1);
    expect((await t.request('/api/me', { cookie })).status).toBe(401);
  });

  it('expires a session 14 days after login however often it is used', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(ADMIN);
    for (let i = 1; i * 6 < 14 * 24; i++) {
      t.clock.advance(6 * 60 * 60 * 1000);
      expect((await t.request('/api/me', { cookie })).status).toBe(200);
    }
    t.clock.advance(6 * 60 * 60 * 1000);
    expect((await t.request('/api/me', { cookie })).status).toBe(401);
  });

  it('signs out everywhere: every session of the user ends, other users keep theirs', async () => {
    const t = await createTestAuth();
    const laptop = await t.login(ADMIN);
    const phone = await t.login(ADMIN);
    const other = await t.login(EDITOR);
    const res = await t.request('/api/auth/logout-everywhere', { method: 'POST', cookie: laptop });
    expect(res.status).toBe(204);
    expect((await t.request('/api/me', { cookie: laptop })).status).toBe(401);
    expect((await t.request('/api/me', { cookie: phone })).status).toBe(401);
    expect((await t.request('/api/me', { cookie: other })).status).toBe(200);
  });

  it('lists my live sessions and ends one of them, but not those of others', async () => {
    const t = await createTestAuth();
    const laptop = await t.login(ADMIN);
    const phone = await t.login(ADMIN);
    const other = await t.login(EDITOR);
    const list = await (await t.request('/api/me/sessions', { cookie: laptop })).json();
    expect(list.sessions).toHaveLength(2);
    expect(list.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const phoneId = list.sessions.find((s: { current: boolean }) => !s.current).id;
    const foreign = await t.request(`/api/me/sessions/${phoneId}`, {
      method: 'DELETE',
      cookie: other,
    });
    expect(foreign.status).toBe(404);
    expect((await t.request('/api/me', { cookie: phone })).status).toBe(200);
    const res = await t.request(`/api/me/sessions/${phoneId}`, {
      method: 'DELETE',
      cookie: laptop,
    });
    expect(res.status).toBe(204);
    expect((await t.request('/api/me', { cookie: phone })).status).toBe(401);
    expect((await t.request('/api/me', { cookie: laptop })).status).toBe(200);
  });

  it('changes the password only with the current one, and ends the other sessions', async () => {
    const t = await createTestAuth();
    const here = await t.login(EDITOR);
    const elsewhere = await t.login(EDITOR);
    const wrong = await t.request('/api/me/password', {
      method: 'POST',
      cookie: here,
      body: json({ currentPassword: 'nope', newPassword: 'a much longer password' }),
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.code).toBe('wrong_password');
    const short = await t.request('/api/me/password', {
      method: 'POST',
      cookie: here,
      body: json({ currentPassword: 'tavla-demo', newPassword: 'short' }),
    });
    expect(short.status).toBe(400);
    const guessable = await t.request('/api/me/password', {
      method: 'POST',
      cookie: here,
      body: json({ currentPassword: 'tavla-demo', newPassword: 'Ola Hansen 2026!' }),
    });
    expect(guessable.status).toBe(400);
    expect((await guessable.json()).error.message).toMatch(/guess/);
    const ok = await t.request('/api/me/password', {
      method: 'POST',
      cookie: here,
      body: json({ currentPassword: 'tavla-demo', newPassword: 'a much longer password' }),
    });
    expect(ok.status).toBe(204);
    expect((await t.request('/api/me', { cookie: here })).status).toBe(200);
    expect((await t.request('/api/me', { cookie: elsewhere })).status).toBe(401);
    await t.login(EDITOR, 'a much longer password');
    await expect(t.login(EDITOR, 'tavla-demo')).rejects.toThrow(/401/);
  });
});

describe('API tokens', () => {
  it('shows a new token once, stores only its hash, and authenticates with it', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(EDITOR);
    const res = await t.request('/api/tokens', {
      method: 'POST',
      cookie,
      body: json({ name: 'rapport-skript' }),
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ name: 'rapport-skript', id: expect.any(String) });
    expect(created.token).toMatch(/^tavla_[\w-]{43}$/);
    expect(Date.parse(created.createdAt)).not.toBeNaN();

    // Nothing in the database holds the token in plaintext.
    const dump = JSON.stringify(
      t.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all()
        .flatMap((table) => t.db.prepare(`SELECT * FROM "${table}"`).all()),
    );
    expect(dump).not.toContain(created.token);
    expect(dump).not.toContain(created.token.slice('tavla_'.length));
    const stored = t.db.prepare('SELECT token_hash FROM api_tokens').pluck().get();
    expect(stored).toBe(createHash('sha256').update(created.token).digest('hex'));

    const list = await (await t.request('/api/tokens', { cookie })).json();
    expect(list.tokens).toEqual([
      { id: created.id, name: 'rapport-skript', createdAt: created.createdAt, lastUsedAt: null },
    ]);

    const bearer = { authorization: `Bearer ${created.token}` };
    const me = await t.request('/api/me', { headers: bearer });
    expect(me.status).toBe(200);
    expect((await me.json()).user.email).toBe(EDITOR);
    const principal = await t.auth.authenticateRequest(new Headers(bearer));
    expect(principal).toMatchObject({ email: EDITOR, tokenId: created.id });
    expect(principal?.sessionId).toBeUndefined();
  });

  it('refuses a revoked token and tells listeners', async () => {
    const t = await createTestAuth();
    const revoked: unknown[] = [];
    t.auth.onCredentialRevoked((r) => revoked.push(r));
    const cookie = await t.login(EDITOR);
    const { id, token } = await (
      await t.request('/api/tokens', { method: 'POST', cookie, body: json({ name: 'ci' }) })
    ).json();
    const del = await t.request(`/api/tokens/${id}`, { method: 'DELETE', cookie });
    expect(del.status).toBe(204);
    expect(
      (await t.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
    expect(revoked).toEqual([{ userId: expect.any(String), sessionIds: [], tokenIds: [id] }]);
    expect((await t.request(`/api/tokens/${id}`, { method: 'DELETE', cookie })).status).toBe(404);
  });

  it("cannot revoke another user's token", async () => {
    const t = await createTestAuth();
    const editor = await t.login(EDITOR);
    const admin = await t.login(ADMIN);
    const { id, token } = await (
      await t.request('/api/tokens', { method: 'POST', cookie: editor, body: json({ name: 'x' }) })
    ).json();
    expect((await t.request(`/api/tokens/${id}`, { method: 'DELETE', cookie: admin })).status).toBe(
      404,
    );
    expect(
      (await t.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
  });

  it('does not let a token create more tokens', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(EDITOR);
    const { token } = await (
      await t.request('/api/tokens', { method: 'POST', cookie, body: json({ name: 'x' }) })
    ).json();
    const res = await t.request('/api/tokens', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: json({ name: 'y' }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('session_required');
  });

  it('never falls back to the cookie when the Authorization header is invalid', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(ADMIN);
    const res = await t.request('/api/me', {
      cookie,
      headers: { authorization: 'Bearer tavla_not-a-real-token' },
    });
    expect(res.status).toBe(401);
  });
});

describe('agreements and roles', () => {
  it('lists the agreements of the caller with their role', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(VIEWER);
    const list = await (await t.request('/api/agreements', { cookie })).json();
    expect(list).toEqual({
      agreements: [
        { id: AGREEMENT, title: 'Tromsvekstavtalen for Tromsøregionen', role: 'viewer' },
      ],
    });
    const one = await t.request(`/api/agreements/${AGREEMENT}`, { cookie });
    expect(await one.json()).toEqual({
      id: AGREEMENT,
      title: 'Tromsvekstavtalen for Tromsøregionen',
      role: 'viewer',
    });
  });

  it('lists the members of an agreement with organisation and role', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(EDITOR);
    const { members } = await (
      await t.request(`/api/agreements/${AGREEMENT}/members`, { cookie })
    ).json();
    expect(members.map((m: { email: string; role: string }) => [m.email, m.role]).sort()).toEqual(
      [
        [ADMIN, 'admin'],
        [VIEWER, 'viewer'],
        [EDITOR, 'editor'],
      ].sort(),
    );
    expect(members[0]).toEqual({
      userId: expect.any(String),
      name: expect.any(String),
      email: expect.any(String),
      organisation: expect.objectContaining({ kind: expect.any(String) }),
      role: expect.any(String),
    });
  });

  it('answers 404 to a non-member, the same as for an agreement that does not exist', async () => {
    const t = await createTestAuth();
    t.auth.accounts.createUser({
      email: 'outsider@kommune.example',
      name: 'Utenforstående',
      passwordHash: await t.auth.hashPassword('outsider-password'),
    });
    t.auth.accounts.createAgreement({ id: 'annen-avtale', title: 'En annen avtale' });
    const cookie = await t.login('outsider@kommune.example', 'outsider-password');
    expect(await (await t.request('/api/agreements', { cookie })).json()).toEqual({
      agreements: [],
    });
    const member = await t.request(`/api/agreements/${AGREEMENT}`, { cookie });
    const missing = await t.request('/api/agreements/finnes-ikke', { cookie });
    expect(member.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await member.json()).toEqual(await missing.json());
    expect((await t.request(`/api/agreements/${AGREEMENT}/members`, { cookie })).status).toBe(404);
    // And an admin of one agreement sees nothing of another.
    const admin = await t.login(ADMIN);
    expect((await t.request('/api/agreements/annen-avtale', { cookie: admin })).status).toBe(404);
  });

  it('requires authentication for agreement routes', async () => {
    const t = await createTestAuth();
    expect((await t.request('/api/agreements')).status).toBe(401);
    expect((await t.request(`/api/agreements/${AGREEMENT}`)).status).toBe(401);
  });
});

describe('CSRF and bad input', () => {
  it('refuses a cross-origin POST with the cookie and changes nothing', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(ADMIN);
    const evil = { origin: 'https://evil.example' };
    const token = await t.request('/api/tokens', {
      method: 'POST',
      cookie,
      headers: evil,
      body: json({ name: 'stolen' }),
    });
    expect(token.status).toBe(403);
    expect((await token.json()).error.code).toBe('forbidden_origin');
    expect(t.db.prepare('SELECT count(*) FROM api_tokens').pluck().get()).toBe(0);

    const everywhere = await t.request('/api/auth/logout-everywhere', {
      method: 'POST',
      cookie,
      headers: evil,
    });
    expect(everywhere.status).toBe(403);
    expect((await t.request('/api/me', { cookie })).status).toBe(200);

    const loginCsrf = await t.request('/api/auth/login', {
      method: 'POST',
      headers: evil,
      body: json({ email: ADMIN, password: 'tavla-demo' }),
    });
    expect(loginCsrf.status).toBe(403);
  });

  it('refuses a cross-site request without Origin when Sec-Fetch-Site says so', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(ADMIN);
    const headers = new Headers({
      'sec-fetch-site': 'cross-site',
      'content-type': 'application/json',
    });
    const res = await t.app.request('http://localhost/api/auth/logout', {
      method: 'POST',
      headers: { ...Object.fromEntries(headers), cookie },
    });
    expect(res.status).toBe(403);
    expect((await t.request('/api/me', { cookie })).status).toBe(200);
  });

  it('refuses form-encoded bodies (what an HTML form can send)', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(ADMIN);
    const res = await t.request('/api/tokens', {
      method: 'POST',
      cookie,
      headers: { 'content-type': 'text/plain' },
      body: json({ name: 'x' }),
    });
    expect(res.status).toBe(415);
    expect(t.db.prepare('SELECT count(*) FROM api_tokens').pluck().get()).toBe(0);
  });

  it('refuses a body that is not JSON from a token client too (415), acting on nothing', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(EDITOR);
    const { id, token } = await (
      await t.request('/api/tokens', { method: 'POST', cookie, body: json({ name: 'x' }) })
    ).json();
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      // DELETE takes no body: before, a token client's form body went unread and the token went.
      const res = await t.request(`/api/tokens/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        body: 'x=1',
      });
      expect(res.status).toBe(415);
      expect((await res.json()).error.code).toBe('unsupported_media_type');
    }
    const me = await t.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
  });

  it('lets bearer-token requests through without Origin checks', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(EDITOR);
    const { id, token } = await (
      await t.request('/api/tokens', { method: 'POST', cookie, body: json({ name: 'x' }) })
    ).json();
    const res = await t.request(`/api/tokens/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}`, origin: 'https://elsewhere.example' },
    });
    expect(res.status).toBe(204);
  });

  it('answers garbage JSON and invalid bodies with 400 bad_request', async () => {
    const t = await createTestAuth();
    for (const body of [
      '{"email":',
      'null',
      '[]',
      json({ email: ADMIN }),
      json({ email: 1, password: 2 }),
    ]) {
      const res = await t.request('/api/auth/login', { method: 'POST', body });
      expect(res.status).toBe(400);
      const err = await res.json();
      expect(err.error.code).toBe('bad_request');
      expect(typeof err.error.message).toBe('string');
    }
  });

  it('refuses a body that is not UTF-8 (400) instead of storing U+FFFD in its place', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(EDITOR);
    // {"name":"Skript <0xff>"}: read leniently, the name would be "Skript �".
    const body = new Uint8Array([...Buffer.from('{"name":"Skript '), 0xff, ...Buffer.from('"}')]);
    const res = await t.request('/api/tokens', { method: 'POST', cookie, body });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({
      code: 'bad_request',
      message: 'request body must be UTF-8',
    });
    expect(t.db.prepare('SELECT count(*) FROM api_tokens').pluck().get()).toBe(0);
  });

  it('refuses control characters and broken Unicode in names and new passwords (400)', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(EDITOR);
    // NUL, an escape sequence, a line break, a lone surrogate (SQLite would keep U+FFFD).
    for (const name of ['a\u0000b', 'a\u001b[2Jb', 'a\nb', 'a\ud800b', 'a\udc00']) {
      const res = await t.request('/api/tokens', { method: 'POST', cookie, body: json({ name }) });
      expect(res.status, JSON.stringify(name)).toBe(400);
    }
    expect(t.db.prepare('SELECT count(*) FROM api_tokens').pluck().get()).toBe(0);
    const seal = await t.request('/api/tokens', {
      method: 'POST',
      cookie,
      body: json({ name: 'Kåre sitt skript 🦭' }),
    });
    expect(seal.status).toBe(201);
    const password = await t.request('/api/me/password', {
      method: 'POST',
      cookie,
      body: json({ currentPassword: 'tavla-demo', newPassword: 'et-langt-passord-\ud800' }),
    });
    expect(password.status).toBe(400);
    await t.login(EDITOR);
  });

  it('does not echo a submitted password in validation errors', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(EDITOR);
    const res = await t.request('/api/me/password', {
      method: 'POST',
      cookie,
      body: json({ currentPassword: 'tavla-demo', newPassword: 'secret99' }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('secret99');
  });

  it('refuses bodies over the size limit with 413', async () => {
    const t = await createTestAuth();
    const res = await t.request('/api/auth/login', {
      method: 'POST',
      body: json({ email: ADMIN, password: 'x'.repeat(64 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('sends security headers and no-store on API responses', async () => {
    const t = await createTestAuth();
    const cookie = await t.login(ADMIN);
    for (const res of [await t.request('/api/me', { cookie }), await t.request('/api/me')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

describe('login under load', () => {
  it('answers 503 with Retry-After instead of queueing unbounded password checks', async () => {
    // A slower hash (~30 ms) keeps the first checks in flight while the others arrive.
    const t = await createTestAuth({
      maxPendingPasswordChecks: 2,
      scrypt: { N: 2 ** 14, r: 8, p: 1, keyLength: 32 },
    });
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.request('/api/auth/login', {
          method: 'POST',
          body: json({ email: ADMIN, password: 'tavla-demo' }),
        }),
      ),
    );
    const statuses = attempts.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 503)).toHaveLength(4);
    const busy = attempts.find((r) => r.status === 503)!;
    expect(busy.headers.get('retry-after')).toBe('1');
    await t.login(ADMIN);
  });
});
