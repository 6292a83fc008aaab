import * as z from 'zod/mini';
import { AGREEMENT_ID_PATTERN } from '../accounts/accounts.js';
import { type ApiApp, type RouteContext, requireInstanceAdmin } from './context.js';
import { ApiError, readJson } from './errors.js';
import { lineOfText } from './text.js';

const agreementBody = z.object({
  id: z.string().check(z.regex(AGREEMENT_ID_PATTERN, 'lowercase letters, digits and dashes')),
  title: lineOfText(200),
});
const organisationBody = z.object({
  name: lineOfText(200),
  kind: z.enum(['county', 'ipr', 'municipality']),
  parentId: z.nullish(z.string().check(z.minLength(1), z.maxLength(100))),
});

/** Instance administration: agreements and organisations (issue 5). */
export function registerAdminRoutes(app: ApiApp, { service, requireAuth }: RouteContext): void {
  const { accounts } = service;

  // Everyone signed in may list organisations: the invite form and member lists show them.
  app.get('/organisations', requireAuth, (c) => {
    return c.json({ organisations: accounts.listOrganisations() });
  });

  app.post('/organisations', requireAuth, async (c) => {
    const principal = c.get('principal');
    requireInstanceAdmin(principal);
    const body = await readJson(c, organisationBody);
    // Checked here, not left to the foreign key: its error would be a 500.
    if (body.parentId && !accounts.organisation(body.parentId)) {
      throw new ApiError(400, 'bad_request', 'parentId: unknown organisation');
    }
    const organisation = accounts.createOrganisation(body);
    accounts.audit({
      kind: 'organisation.created',
      actorUserId: principal.userId,
      detail: { id: organisation.id, name: organisation.name },
    });
    return c.json(organisation, 201);
  });

  /** Creates the agreement row; the creator becomes its first admin. */
  app.post('/agreements', requireAuth, async (c) => {
    const principal = c.get('principal');
    requireInstanceAdmin(principal);
    const body = await readJson(c, agreementBody);
    const agreement = service.db.transaction(() => {
      const created = accounts.createAgreement(body);
      accounts.addMembership({
        agreementId: created.id,
        userId: principal.userId,
        role: 'admin',
        actorUserId: principal.userId,
      });
      return created;
    })();
    return c.json({ ...agreement, role: 'admin' }, 201);
  });
}
