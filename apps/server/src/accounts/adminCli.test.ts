import { describe, expect, it } from 'vitest';
import { createTestAuth } from '../auth/testing.js';
import { runAdminCommand } from './adminCli.js';

async function run(argv: string[], stdin = '') {
  const t = await createTestAuth();
  return runIn(t, argv, stdin);
}

async function runIn(t: Awaited<ReturnType<typeof createTestAuth>>, argv: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdminCommand(t.auth, argv, {
    readStdin: async () => stdin,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { t, code, out: out.join('\n'), err: err.join('\n') };
}

describe('tavla CLI', () => {
  it('creates an instance administrator who can sign in with the password from stdin', async () => {
    const { t, code, out } = await run(
      ['create-admin', '--email', 'Drift@Fylke.example', '--name', 'Drift', '--password-stdin'],
      'et sterkt passord\n',
    );
    expect(code).toBe(0);
    expect(out).toContain('drift@fylke.example');
    expect(t.auth.accounts.userByEmail('drift@fylke.example')?.isInstanceAdmin).toBe(true);
    await t.login('drift@fylke.example', 'et sterkt passord');
  });

  it('refuses a short password, a missing flag and an existing address', async () => {
    expect(
      (
        await run(
          ['create-admin', '--email', 'a@b.example', '--name', 'A', '--password-stdin'],
          'kort',
        )
      ).code,
    ).toBe(2);
    expect(
      (await run(['create-admin', '--email', 'a@b.example', '--name', 'A'], 'et sterkt passord'))
        .code,
    ).toBe(2);
    const dup = await run(
      ['create-admin', '--email', 'koordinator@fylke.example', '--name', 'X', '--password-stdin'],
      'et sterkt passord',
    );
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('already exists');
  });

  it('creates an agreement with a first admin and adds members', async () => {
    const { t, code } = await run([
      'create-agreement',
      '--id',
      'vekst-nord',
      '--title',
      'Vekstavtale Nord',
      '--admin',
      'radgiver@ipr.example',
    ]);
    expect(code).toBe(0);
    const editor = t.auth.accounts.userByEmail('radgiver@ipr.example')!;
    expect(t.auth.roleFor(editor.id, 'vekst-nord')).toBe('admin');
    const add = await runIn(t, [
      'add-member',
      '--agreement',
      'vekst-nord',
      '--email',
      'leder@fylke.example',
      '--role',
      'viewer',
    ]);
    expect(add.code).toBe(0);
    const bad = await runIn(t, [
      'add-member',
      '--agreement',
      'vekst-nord',
      '--email',
      'leder@fylke.example',
      '--role',
      'owner',
    ]);
    expect(bad.code).toBe(2);
  });

  it('resets a password and ends the sessions of that user', async () => {
    const t = await createTestAuth();
    const cookie = await t.login('leder@fylke.example');
    const { code } = await runIn(
      t,
      ['reset-password', '--email', 'leder@fylke.example', '--password-stdin'],
      'nytt langt passord',
    );
    expect(code).toBe(0);
    expect((await t.request('/api/me', { cookie })).status).toBe(401);
    await t.login('leder@fylke.example', 'nytt langt passord');
  });

  it('prints usage for unknown commands and options', async () => {
    const unknown = await run(['drop-everything']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Usage: tavla');
    expect((await run(['create-admin', '--bogus'])).code).toBe(2);
  });
});
