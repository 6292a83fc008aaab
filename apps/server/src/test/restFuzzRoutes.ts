import fc from 'fast-check';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password.js';
import {
  badCount,
  badDate,
  blank,
  type FieldSpec,
  garbageSegment,
  notAString,
  oddText,
  tooLong,
} from './restFuzzInputs.js';

/**
 * What the REST fuzz test knows about each route of the API: who may call it, a valid request,
 * and how to make its body, path parameters and query bad. `restFuzz.test.ts` fails when the app
 * has a route that is neither here nor in `UNFUZZED`.
 */

/** The people (and non-people) the fuzz test calls as. */
export type Caller =
  | 'admin'
  | 'adminBearer'
  | 'editor'
  | 'viewer'
  | 'instanceAdmin'
  | 'anonymous'
  | 'badCredentials';

/** Ids and secrets made by the test's setup. */
export interface Fixture {
  agreement: string;
  /** An agreement none of the callers belongs to. */
  foreignAgreement: string;
  userIds: Record<'admin' | 'editor' | 'viewer' | 'instanceAdmin' | 'target' | 'outsider', string>;
  /** The admin's second session and second token (valid targets of DELETE). */
  adminSpareSession: string;
  adminSpareToken: string;
  invitation: { id: string; token: string };
  /** Ids of other people's things, and of things that ended. */
  foreign: {
    sessionIds: string[];
    tokenIds: string[];
    invitationIds: string[];
    invitationTokens: string[];
  };
}

export interface RouteSpec {
  /**
   * Whether the caller may make the route's valid request. Routes whose valid request only
   * its owner may make say so here (the admin's own session, token, ...).
   */
  allowed(caller: Caller): boolean;
  /** Path parameters of a valid request (as the admin or instance admin). */
  params?(f: Fixture): Record<string, string>;
  /** Path parameter values that name nothing the caller may touch, per parameter. */
  badParams?(f: Fixture): Record<string, fc.Arbitrary<string>>;
  /** The JSON body of a valid request; absent: the route takes no body (one sent is ignored). */
  body?(f: Fixture): Record<string, FieldSpec>;
  /** Query strings the route must refuse with 4xx (400 when the caller may call it at all). */
  badQuery?(f: Fixture): fc.Arbitrary<string>;
}

const signedIn = (c: Caller) => c !== 'anonymous' && c !== 'badCredentials';
const member = (c: Caller) =>
  c === 'admin' || c === 'adminBearer' || c === 'editor' || c === 'viewer';
const agreementAdmin = (c: Caller) => c === 'admin' || c === 'adminBearer';
const theAdmin = agreementAdmin;
const everyone = () => true;

const email = (valid: string): FieldSpec => ({
  valid,
  bad: fc.oneof(
    notAString(),
    blank,
    tooLong(254),
    fc.constantFrom('a', 'a@', '@b.no', 'a b@c.no', 'a@b', 'a@@b.no', 'ny@kommune.example\u0000'),
    oddText.map((s) => `${s}@kommune.example`),
  ),
});
const name = (valid: string, max: number, optional = false): FieldSpec => ({
  valid,
  optional,
  bad: fc.oneof(notAString(optional), blank, tooLong(max), oddText),
});
const newPassword = (valid: string, optional = false): FieldSpec => ({
  valid,
  optional,
  bad: fc.oneof(
    notAString(optional),
    fc.string({ maxLength: PASSWORD_MIN_LENGTH - 1 }),
    tooLong(PASSWORD_MAX_LENGTH),
    fc.constantFrom('aaaaaaaaaaaaaaaa', 'passordpassord', 'et-langt-passord-\ud800'),
  ),
});
const role: FieldSpec = {
  valid: 'editor',
  bad: fc.oneof(
    notAString(),
    fc.constantFrom('', 'owner', 'Admin', 'EDITOR', ' editor', 'viewer\u0000', 'superadmin'),
  ),
};
const optionalId = (valid: unknown): FieldSpec => ({
  valid,
  optional: true,
  // null is a valid "no organisation"; an id that names nothing is not.
  bad: fc.oneof(notAString(true), tooLong(100), fc.constantFrom('finnes-ikke', 'x', ''), oddText),
});

const agreementIds = (f: Fixture) =>
  fc.oneof(
    garbageSegment,
    fc.constantFrom(
      f.foreignAgreement,
      'finnes-ikke',
      f.agreement.toUpperCase(),
      `${f.agreement}%20`,
      `${f.agreement}%00`,
      `${f.agreement}%2F`,
    ),
  );
const userIds = (f: Fixture) =>
  fc.oneof(
    garbageSegment,
    fc.constantFrom(f.userIds.outsider, f.userIds.instanceAdmin, crypto.randomUUID()),
  );
const invitationTokens = (f: Fixture) =>
  fc.oneof(
    garbageSegment,
    fc.constantFrom(...f.foreign.invitationTokens.slice(1), 'a'.repeat(43), `${'-'.repeat(42)}_`),
  );

const auditQuery = () =>
  fc.oneof(
    badCount().map((v) => `before=${v}`),
    badCount(200).map((v) => `limit=${v}`),
    badCount(200).map((v) => `limit=${v}&limit=5`),
  );
const activityQuery = () =>
  fc.oneof(
    badCount(200).map((v) => `limit=${v}`),
    fc
      .oneof(
        fc.constantFrom('', 'abc', '1.1.1.1', '1.2.3', '1234567890123456.0.1', '1.0.', '%', '%zz'),
        fc.string({ unit: 'binary-ascii', maxLength: 20 }).map(encodeURIComponent),
        fc.constant(`1.0.${'1'.repeat(60)}`),
      )
      .filter((v) => !/^\d{1,15}\.[01]\.\d{1,15}$/.test(safe(v)))
      .map((v) => `before=${v}`),
    fc.constantFrom('measureId=', `measureId=${'m'.repeat(101)}`),
  );
const milestonesQuery = (f: Fixture) =>
  fc.oneof(
    badDate.map((v) => `from=${v}`),
    badDate.map((v) => `to=${v}&from=2026-01-01`),
    fc.constant('from=2026-06-01&to=2026-05-31'),
    fc.constantFrom('agreementId=', `agreementId=${'a'.repeat(101)}`),
    fc.constant(`agreementId=${f.foreignAgreement}`),
  );

function safe(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** Every route of the API, by `METHOD /path` as Hono lists it. */
export const ROUTES: Record<string, RouteSpec> = {
  'GET /api/health': { allowed: everyone },
  'POST /api/auth/login': {
    allowed: everyone,
    body: () => ({
      email: email('koordinator@fylke.example'),
      password: {
        valid: 'tavla-demo',
        bad: fc.oneof(notAString(), tooLong(PASSWORD_MAX_LENGTH), fc.constant('feil-passord-9')),
      },
    }),
  },
  'POST /api/auth/logout': { allowed: everyone },
  'POST /api/auth/logout-everywhere': { allowed: signedIn },
  'GET /api/me': { allowed: signedIn },
  'GET /api/me/sessions': { allowed: signedIn },
  'DELETE /api/me/sessions/:id': {
    allowed: theAdmin,
    params: (f) => ({ id: f.adminSpareSession }),
    badParams: (f) => ({
      id: fc.oneof(garbageSegment, fc.constantFrom(...f.foreign.sessionIds)),
    }),
  },
  'POST /api/me/password': {
    allowed: signedIn,
    body: () => ({
      currentPassword: {
        valid: 'tavla-demo',
        bad: fc.oneof(notAString(), tooLong(PASSWORD_MAX_LENGTH), fc.constant('feil-passord-9')),
      },
      newPassword: newPassword('et-nytt-og-langt-passord-42'),
    }),
  },
  'POST /api/tokens': {
    allowed: (c) => signedIn(c) && c !== 'adminBearer',
    body: () => ({ name: name('skript', 100) }),
  },
  'GET /api/tokens': { allowed: signedIn },
  'DELETE /api/tokens/:id': {
    allowed: theAdmin,
    params: (f) => ({ id: f.adminSpareToken }),
    badParams: (f) => ({ id: fc.oneof(garbageSegment, fc.constantFrom(...f.foreign.tokenIds)) }),
  },
  'GET /api/agreements': { allowed: signedIn },
  'GET /api/agreements/:id': {
    allowed: member,
    params: (f) => ({ id: f.agreement }),
    badParams: (f) => ({ id: agreementIds(f) }),
  },
  'GET /api/agreements/:id/members': {
    allowed: member,
    params: (f) => ({ id: f.agreement }),
    badParams: (f) => ({ id: agreementIds(f) }),
  },
  'GET /api/agreements/:id/audit': {
    allowed: member,
    params: (f) => ({ id: f.agreement }),
    badParams: (f) => ({ id: agreementIds(f) }),
    badQuery: auditQuery,
  },
  'PATCH /api/agreements/:id/members/:userId': {
    allowed: agreementAdmin,
    params: (f) => ({ id: f.agreement, userId: f.userIds.target }),
    badParams: (f) => ({ id: agreementIds(f), userId: userIds(f) }),
    body: () => ({ role }),
  },
  'DELETE /api/agreements/:id/members/:userId': {
    allowed: agreementAdmin,
    params: (f) => ({ id: f.agreement, userId: f.userIds.target }),
    badParams: (f) => ({ id: agreementIds(f), userId: userIds(f) }),
  },
  'POST /api/agreements/:id/invitations': {
    allowed: agreementAdmin,
    params: (f) => ({ id: f.agreement }),
    badParams: (f) => ({ id: agreementIds(f) }),
    body: () => ({
      email: email('ny-person@kommune.example'),
      role,
      organisationId: optionalId('tromso'),
    }),
  },
  'GET /api/agreements/:id/invitations': {
    allowed: agreementAdmin,
    params: (f) => ({ id: f.agreement }),
    badParams: (f) => ({ id: agreementIds(f) }),
  },
  'DELETE /api/agreements/:id/invitations/:invitationId': {
    allowed: agreementAdmin,
    params: (f) => ({ id: f.agreement, invitationId: f.invitation.id }),
    badParams: (f) => ({
      id: agreementIds(f),
      invitationId: fc.oneof(garbageSegment, fc.constantFrom(...f.foreign.invitationIds)),
    }),
  },
  'GET /api/invitations/:token': {
    allowed: everyone,
    params: (f) => ({ token: f.invitation.token }),
    badParams: (f) => ({ token: invitationTokens(f) }),
  },
  'POST /api/invitations/:token/accept': {
    allowed: everyone,
    params: (f) => ({ token: f.invitation.token }),
    badParams: (f) => ({ token: invitationTokens(f) }),
    body: () => ({
      name: name('Ny Person', 100),
      password: newPassword('et-nytt-og-langt-passord-42'),
    }),
  },
  'GET /api/organisations': { allowed: signedIn },
  'POST /api/organisations': {
    allowed: (c) => c === 'instanceAdmin',
    body: () => ({
      name: {
        ...name('Ny organisasjon', 200),
        // An existing name is refused too (409).
        bad: fc.oneof(name('', 200).bad, fc.constant('Troms fylkeskommune')),
      },
      kind: {
        valid: 'municipality',
        bad: fc.oneof(notAString(), fc.constantFrom('', 'kommune', 'County', 'state')),
      },
      parentId: optionalId('tromsoregionens-ipr'),
    }),
  },
  'POST /api/agreements': {
    allowed: (c) => c === 'instanceAdmin',
    body: (f) => ({
      id: {
        valid: 'ny-avtale',
        bad: fc.oneof(
          notAString(),
          blank,
          fc.constantFrom('Ny-Avtale', '-ny', 'ny-', 'ny avtale', 'ny_avtale', 'å', f.agreement),
          fc.constant('a'.repeat(65)),
          oddText,
        ),
      },
      title: name('Ny avtale', 200),
    }),
  },
  'GET /api/milestones': { allowed: signedIn, badQuery: milestonesQuery },
  'GET /api/agreements/:id/summary': {
    allowed: member,
    params: (f) => ({ id: f.agreement }),
    badParams: (f) => ({ id: agreementIds(f) }),
  },
  'GET /api/agreements/:id/activity': {
    allowed: member,
    params: (f) => ({ id: f.agreement }),
    badParams: (f) => ({ id: agreementIds(f) }),
    badQuery: activityQuery,
  },
};

/** Routes the fuzz test leaves out, each with the reason. */
export const UNFUZZED: Record<string, string> = {};
