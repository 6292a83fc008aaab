import { describe, expect, it } from 'vitest';
import { createTestAuth } from '../auth/testing.js';
import { demoPeople } from './demo.js';

describe('seedDemo', () => {
  it('creates the parties, the municipalities, the agreement and the three demo accounts', async () => {
    const t = await createTestAuth();
    expect(t.demo).toEqual([
      expect.objectContaining({
        email: 'koordinator@fylke.example',
        role: 'admin',
        name: 'Kari Nordmann',
      }),
      expect.objectContaining({
        email: 'radgiver@ipr.example',
        role: 'editor',
        name: 'Ola Hansen',
      }),
      expect.objectContaining({
        email: 'leder@fylke.example',
        role: 'viewer',
        name: 'Ingrid Leder',
      }),
    ]);
    expect(t.demo.every((a) => a.password === 'tavla-demo')).toBe(true);
    expect(t.demo[1]?.organisation).toBe('Tromsøregionens IPR');
    const orgs = t.auth.accounts.listOrganisations();
    expect(
      orgs
        .filter((o) => o.kind === 'municipality')
        .map((o) => o.name)
        .sort(),
    ).toEqual([
      'Balsfjord kommune',
      'Karlsøy kommune',
      'Lyngen kommune',
      'Storfjord kommune',
      'Tromsø kommune',
    ]);
    expect(orgs.find((o) => o.kind === 'county')?.name).toBe('Troms fylkeskommune');
    expect(t.auth.accounts.agreement('tromsvekstavtalen')?.title).toBe(
      'Tromsvekstavtalen for Tromsøregionen',
    );
  });

  it('is idempotent and leaves changes made since in place', async () => {
    const t = await createTestAuth();
    const viewer = t.auth.accounts.userByEmail('leder@fylke.example')!;
    t.auth.accounts.addMembership({
      agreementId: 'tromsvekstavtalen',
      userId: viewer.id,
      role: 'editor',
    });
    const count = (table: string) => t.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    const before = ['users', 'organisations', 'agreements', 'memberships'].map(count);
    const again = await t.auth.seedDemo();
    expect(['users', 'organisations', 'agreements', 'memberships'].map(count)).toEqual(before);
    expect(again[2]?.role).toBe('editor');
  });

  it("gives the demo document's people the demo accounts' user ids; the viewer is none of them", async () => {
    const t = await createTestAuth();
    const id = (email: string) => t.auth.accounts.userByEmail(email)!.id;
    expect(t.demo.map((a) => a.userId)).toEqual([
      id('koordinator@fylke.example'),
      id('radgiver@ipr.example'),
      id('leder@fylke.example'),
    ]);
    expect(demoPeople(t.demo)).toEqual({
      kari: id('koordinator@fylke.example'),
      ola: id('radgiver@ipr.example'),
    });
    expect(demoPeople(t.demo.slice(1))).toEqual({ ola: id('radgiver@ipr.example') });
  });

  it('hashes the demo password with the configured scrypt cost', async () => {
    const t = await createTestAuth();
    const hashes = t.db.prepare('SELECT password_hash FROM users').pluck().all() as string[];
    expect(hashes).toHaveLength(3);
    for (const hash of hashes) expect(hash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
    expect(JSON.stringify(hashes)).not.toContain('tavla-demo');
  });
});
