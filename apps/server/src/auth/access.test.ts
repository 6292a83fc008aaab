import { describe, expect, it } from 'vitest';
import { createTestAuth } from './testing.js';

const AGREEMENT = 'tromsvekstavtalen';

describe('roleFor and access changes', () => {
  it('reports each demo user role and null for outsiders and unknown agreements', async () => {
    const t = await createTestAuth();
    const role = (email: string, agreement = AGREEMENT) =>
      t.auth.roleFor(t.auth.accounts.userByEmail(email)!.id, agreement);
    expect(role('koordinator@fylke.example')).toBe('admin');
    expect(role('radgiver@ipr.example')).toBe('editor');
    expect(role('leder@fylke.example')).toBe('viewer');
    expect(role('leder@fylke.example', 'finnes-ikke')).toBeNull();
    expect(t.auth.roleFor('no-such-user', AGREEMENT)).toBeNull();
  });

  it('tells listeners when a role changes or a member is removed', async () => {
    const t = await createTestAuth();
    const changes: unknown[] = [];
    t.auth.onAccessChange((...args) => changes.push(args));
    const viewer = t.auth.accounts.userByEmail('leder@fylke.example')!;
    t.auth.accounts.addMembership({ agreementId: AGREEMENT, userId: viewer.id, role: 'editor' });
    t.auth.accounts.addMembership({ agreementId: AGREEMENT, userId: viewer.id, role: 'editor' });
    t.auth.accounts.removeMembership({ agreementId: AGREEMENT, userId: viewer.id });
    expect(changes).toEqual([
      [viewer.id, AGREEMENT, 'editor'],
      [viewer.id, AGREEMENT, null],
    ]);
    expect(t.auth.roleFor(viewer.id, AGREEMENT)).toBeNull();
  });

  it('records who changed a membership in the audit log', async () => {
    const t = await createTestAuth();
    const admin = t.auth.accounts.userByEmail('koordinator@fylke.example')!;
    const viewer = t.auth.accounts.userByEmail('leder@fylke.example')!;
    t.auth.accounts.addMembership({
      agreementId: AGREEMENT,
      userId: viewer.id,
      role: 'editor',
      actorUserId: admin.id,
    });
    const row = t.db
      .prepare("SELECT * FROM audit_events WHERE kind = 'membership.role_changed'")
      .get() as { actor_user_id: string; subject_user_id: string; detail: string };
    expect(row.actor_user_id).toBe(admin.id);
    expect(row.subject_user_id).toBe(viewer.id);
    expect(JSON.parse(row.detail)).toEqual({ from: 'viewer', to: 'editor' });
  });

  it('takes every role and credential away from a disabled user at once', async () => {
    const t = await createTestAuth();
    const changes: unknown[] = [];
    t.auth.onAccessChange((...args) => changes.push(args));
    const cookie = await t.login('radgiver@ipr.example');
    const principal = (await t.auth.authenticateRequest(new Headers({ cookie })))!;
    expect(t.auth.isStillValid(principal)).toBe(true);
    t.auth.accounts.setDisabled(principal.userId, true);
    expect(changes).toEqual([[principal.userId, AGREEMENT, null]]);
    expect(t.auth.roleFor(principal.userId, AGREEMENT)).toBeNull();
    expect(t.auth.isStillValid(principal)).toBe(false);
    expect(await t.auth.authenticateRequest(new Headers({ cookie }))).toBeNull();
  });

  it('reports a principal invalid once its session is revoked or has expired', async () => {
    const t = await createTestAuth();
    const cookie = await t.login('koordinator@fylke.example');
    const principal = (await t.auth.authenticateRequest(new Headers({ cookie })))!;
    expect(principal.sessionId).toMatch(/^[0-9a-f]{64}$/);
    t.clock.advance(13 * 60 * 60 * 1000);
    expect(t.auth.isStillValid(principal)).toBe(false);
  });

  it('keeps a listener that throws from breaking the change', async () => {
    const t = await createTestAuth();
    t.auth.onAccessChange(() => {
      throw new Error('listener bug');
    });
    const viewer = t.auth.accounts.userByEmail('leder@fylke.example')!;
    const error = console.error;
    console.error = () => {};
    try {
      t.auth.accounts.addMembership({ agreementId: AGREEMENT, userId: viewer.id, role: 'admin' });
    } finally {
      console.error = error;
    }
    expect(t.auth.roleFor(viewer.id, AGREEMENT)).toBe('admin');
  });

  it('authenticates websocket upgrade headers with the session cookie', async () => {
    const t = await createTestAuth();
    const cookie = await t.login('leder@fylke.example');
    const principal = await t.auth.authenticateRequest(
      new Headers({ cookie: `other=1; ${cookie}; theme=dark` }),
    );
    expect(principal).toMatchObject({
      email: 'leder@fylke.example',
      name: 'Ingrid Leder',
      organisation: { id: 'troms-fylkeskommune', name: 'Troms fylkeskommune', kind: 'county' },
    });
    expect(await t.auth.authenticateRequest(new Headers())).toBeNull();
  });

  it('checks upgrade origins against the Host, or the configured list', async () => {
    const same = await createTestAuth();
    expect(same.auth.isAllowedOrigin('http://localhost:3000', 'localhost:3000')).toBe(true);
    expect(same.auth.isAllowedOrigin('http://evil.example', 'localhost:3000')).toBe(false);
    const listed = await createTestAuth({ allowedOrigins: ['https://tavla.example'] });
    expect(listed.auth.isAllowedOrigin('https://tavla.example', 'localhost:3000')).toBe(true);
    expect(listed.auth.isAllowedOrigin('http://localhost:3000', 'localhost:3000')).toBe(false);
  });
});

describe('credentials', () => {
  it('rehashes a password with the configured cost at the next successful login', async () => {
    const weak = await createTestAuth();
    const user = weak.auth.accounts.userByEmail('radgiver@ipr.example')!;
    const before = weak.auth.accounts.passwordHashOf(user.id)!;
    expect(before).toMatch(/^\$scrypt\$ln=10,/);
    // Same database, a server restarted with a higher cost.
    const { createAuth } = await import('./index.js');
    const stronger = createAuth(weak.db, { scrypt: { N: 2 ** 12, r: 8, p: 1, keyLength: 32 } });
    const result = await stronger.service.login({
      email: 'radgiver@ipr.example',
      password: 'tavla-demo',
      ip: '127.0.0.1',
    });
    expect(result.ok).toBe(true);
    expect(stronger.accounts.passwordHashOf(user.id)).toMatch(/^\$scrypt\$ln=12,/);
  });

  it('does not let a cookie ride along with a non-bearer Authorization header', async () => {
    const t = await createTestAuth();
    const cookie = await t.login('koordinator@fylke.example');
    const basic = new Headers({ cookie, authorization: 'Basic a29vcmRpbmF0b3I6dGF2bGE=' });
    expect(await t.auth.authenticateRequest(basic)).toBeNull();
    const res = await t.request('/api/auth/logout-everywhere', {
      method: 'POST',
      cookie,
      headers: { authorization: 'Basic x', origin: 'https://evil.example' },
    });
    expect(res.status).toBe(401);
    expect((await t.request('/api/me', { cookie })).status).toBe(200);
  });
});
