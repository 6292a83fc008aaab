import type { DemoAuthor, DemoPeople } from '@tavla/domain';
import type { Accounts } from '../accounts/accounts.js';
import type { OrganisationKind, Role } from '../accounts/types.js';

export const DEMO_PASSWORD = 'tavla-demo';
export const DEMO_AGREEMENT = {
  id: 'tromsvekstavtalen',
  title: 'Tromsvekstavtalen for Tromsøregionen',
} as const;

/** The parties of Tromsvekstavtalen and the IPR's member municipalities (DESIGN.md). */
export const DEMO_ORGANISATIONS: readonly {
  id: string;
  name: string;
  kind: OrganisationKind;
  parentId?: string;
}[] = [
  { id: 'troms-fylkeskommune', name: 'Troms fylkeskommune', kind: 'county' },
  { id: 'tromsoregionens-ipr', name: 'Tromsøregionens IPR', kind: 'ipr' },
  { id: 'tromso', name: 'Tromsø kommune', kind: 'municipality', parentId: 'tromsoregionens-ipr' },
  {
    id: 'balsfjord',
    name: 'Balsfjord kommune',
    kind: 'municipality',
    parentId: 'tromsoregionens-ipr',
  },
  { id: 'karlsoy', name: 'Karlsøy kommune', kind: 'municipality', parentId: 'tromsoregionens-ipr' },
  { id: 'lyngen', name: 'Lyngen kommune', kind: 'municipality', parentId: 'tromsoregionens-ipr' },
  {
    id: 'storfjord',
    name: 'Storfjord kommune',
    kind: 'municipality',
    parentId: 'tromsoregionens-ipr',
  },
];

/**
 * The demo accounts of the service contract (CONTRACTS.md, DESIGN.md). `author`: the demo person
 * of the seeded document (its status updates, comments and owners) this account is; the viewer
 * is none, so she owns no measure (the manager who follows the work, not someone doing it).
 */
export const DEMO_USERS: readonly {
  email: string;
  name: string;
  organisationId: string;
  role: Role;
  author?: DemoAuthor;
}[] = [
  {
    email: 'koordinator@fylke.example',
    name: 'Kari Nordmann',
    organisationId: 'troms-fylkeskommune',
    role: 'admin',
    author: 'kari',
  },
  {
    email: 'radgiver@ipr.example',
    name: 'Ola Hansen',
    organisationId: 'tromsoregionens-ipr',
    role: 'editor',
    author: 'ola',
  },
  {
    email: 'leder@fylke.example',
    name: 'Ingrid Leder',
    organisationId: 'troms-fylkeskommune',
    role: 'viewer',
  },
];

export interface DemoAccount {
  /** The account's user id: random per installation. */
  userId: string;
  email: string;
  name: string;
  organisation: string;
  role: Role;
  password: string;
}

/**
 * Creates the demo organisations, the Tromsvekstavtalen agreement row, the three demo users
 * (password `tavla-demo`) and their memberships. Idempotent: what exists is left as it is (a
 * changed role or password survives a restart), only what is missing is created.
 * The agreement's document content is the storage side's to seed.
 *
 * @example const accounts = await seedDemo(auth.accounts, (p) => auth.hashPassword(p));
 */
export async function seedDemo(
  accounts: Accounts,
  hashPassword: (password: string) => Promise<string>,
): Promise<DemoAccount[]> {
  for (const org of DEMO_ORGANISATIONS) {
    if (!accounts.organisation(org.id) && !accounts.organisationByName(org.name)) {
      accounts.createOrganisation(org);
    }
  }
  if (!accounts.agreement(DEMO_AGREEMENT.id)) accounts.createAgreement(DEMO_AGREEMENT);
  const result: DemoAccount[] = [];
  // One hash for all: they share a published password anyway, and each scrypt hash costs
  // ~0.13 s and 8 MiB at every first start (and in every test that seeds them).
  let demoHash: string | undefined;
  for (const demo of DEMO_USERS) {
    let user = accounts.userByEmail(demo.email);
    if (!user) {
      demoHash ??= await hashPassword(DEMO_PASSWORD);
      user = accounts.createUser({
        email: demo.email,
        name: demo.name,
        organisationId: accounts.organisation(demo.organisationId)?.id ?? null,
        passwordHash: demoHash,
      });
    }
    if (!accounts.roleFor(user.id, DEMO_AGREEMENT.id)) {
      accounts.addMembership({ agreementId: DEMO_AGREEMENT.id, userId: user.id, role: demo.role });
    }
    result.push({
      userId: user.id,
      email: demo.email,
      name: user.name,
      organisation: user.organisation?.name ?? '',
      role: accounts.roleFor(user.id, DEMO_AGREEMENT.id) ?? demo.role,
      password: DEMO_PASSWORD,
    });
  }
  return result;
}

/**
 * The user ids of the demo people of the seeded document, from the demo accounts `seedDemo`
 * returned: the demo measures they own get these real accounts as owners, so that their names
 * show on the cards and in the owner filter, and their status updates and comments them as
 * authors ([S4] in docs/server-rules.md).
 *
 * @example seedTromsvekstavtalen(doc, { demoMeasures: true, demoPeople: demoPeople(accounts) })
 */
export function demoPeople(accounts: readonly DemoAccount[]): DemoPeople {
  const people: DemoPeople = {};
  for (const demo of DEMO_USERS) {
    const account = accounts.find((a) => a.email === demo.email);
    if (demo.author && account) people[demo.author] = account.userId;
  }
  return people;
}
