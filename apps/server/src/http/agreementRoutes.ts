import * as z from 'zod/mini';
import { ROLES, type Role } from '../accounts/types.js';
import {
  type ApiApp,
  agreementNotFound,
  memberRoleOr404,
  type RouteContext,
  requireAgreementAdmin,
} from './context.js';
import { ApiError, readJson } from './errors.js';
import { isPlainText, NOT_PLAIN_TEXT } from './text.js';

const roleSchema = z.enum(ROLES as [Role, ...Role[]]);
const roleBody = z.object({ role: roleSchema });
const invitationBody = z.object({
  email: z
    .string()
    .check(
      z.trim(),
      z.toLowerCase(),
      z.maxLength(254),
      z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an e-mail address'),
      z.refine(isPlainText, NOT_PLAIN_TEXT),
    ),
  role: roleSchema,
  organisationId: z.nullish(z.string().check(z.minLength(1), z.maxLength(100))),
});

const auditQuery = z.object({
  before: z.optional(z.coerce.number().check(z.int(), z.positive())),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
});

const memberNotFound = () => new ApiError(404, 'not_found', 'member not found');
const lastAdmin = () =>
  new ApiError(409, 'conflict', 'an agreement needs at least one admin; appoint another first');

/**
 * Agreements the caller belongs to, their members and (for admins of the agreement) member and
 * invitation management (issue 5). Outsiders get 404 everywhere, members who are not admins 403.
 */
export function registerAgreementRoutes(app: ApiApp, { service, requireAuth }: RouteContext): void {
  const { accounts, invitations } = service;

  app.get('/agreements', requireAuth, (c) => {
    return c.json({ agreements: accounts.agreementsOf(c.get('principal').userId) });
  });

  app.get('/agreements/:id', requireAuth, (c) => {
    const id = c.req.param('id');
    const role = memberRoleOr404(service, c.get('principal'), id);
    const agreement = accounts.agreement(id);
    if (!agreement) throw agreementNotFound();
    return c.json({ id: agreement.id, title: agreement.title, role });
  });

  app.get('/agreements/:id/members', requireAuth, (c) => {
    const id = c.req.param('id');
    memberRoleOr404(service, c.get('principal'), id);
    return c.json({ members: accounts.members(id) });
  });

  // Administrative events (roles, members, invitations) for the activity feed; every member may
  // read them, nobody can change them (append-only table, issue 5).
  app.get('/agreements/:id/audit', requireAuth, (c) => {
    const id = c.req.param('id');
    memberRoleOr404(service, c.get('principal'), id);
    const page = auditQuery.safeParse(c.req.query());
    if (!page.success) throw new ApiError(400, 'bad_request', 'before and limit are numbers');
    return c.json({ events: accounts.auditLog.ofAgreement(id, page.data) });
  });

  app.patch('/agreements/:id/members/:userId', requireAuth, async (c) => {
    const { id, userId } = c.req.param();
    const principal = c.get('principal');
    requireAgreementAdmin(service, principal, id);
    const { role } = await readJson(c, roleBody);
    const current = accounts.roleFor(userId, id);
    if (!current) throw memberNotFound();
    if (current === 'admin' && role !== 'admin' && accounts.adminCount(id) <= 1) throw lastAdmin();
    accounts.addMembership({ agreementId: id, userId, role, actorUserId: principal.userId });
    const member = accounts.members(id).find((m) => m.userId === userId);
    return c.json({ member });
  });

  app.delete('/agreements/:id/members/:userId', requireAuth, (c) => {
    const { id, userId } = c.req.param();
    const principal = c.get('principal');
    // Anyone may leave; only admins may remove others.
    if (userId !== principal.userId) requireAgreementAdmin(service, principal, id);
    const current = accounts.roleFor(userId, id);
    if (!current) throw userId === principal.userId ? agreementNotFound() : memberNotFound();
    if (current === 'admin' && accounts.adminCount(id) <= 1) throw lastAdmin();
    accounts.removeMembership({ agreementId: id, userId, actorUserId: principal.userId });
    return c.body(null, 204);
  });

  app.post('/agreements/:id/invitations', requireAuth, async (c) => {
    const id = c.req.param('id');
    const principal = c.get('principal');
    requireAgreementAdmin(service, principal, id);
    const body = await readJson(c, invitationBody);
    if (body.organisationId && !accounts.organisation(body.organisationId)) {
      throw new ApiError(400, 'bad_request', 'organisationId: unknown organisation');
    }
    const existing = accounts.userByEmail(body.email);
    if (existing && accounts.roleFor(existing.id, id)) {
      throw new ApiError(409, 'conflict', 'already a member of this agreement');
    }
    const invitation = invitations.create({
      agreementId: id,
      email: body.email,
      role: body.role,
      organisationId: body.organisationId ?? null,
      invitedBy: principal.userId,
    });
    accounts.audit({
      kind: 'invitation.created',
      actorUserId: principal.userId,
      agreementId: id,
      detail: { invitationId: invitation.id, role: invitation.role },
    });
    const { secret, ...shown } = invitation;
    // The secret is shown once, for the admin to copy into a message (no mail is sent).
    return c.json({ ...shown, token: secret }, 201);
  });

  app.get('/agreements/:id/invitations', requireAuth, (c) => {
    const id = c.req.param('id');
    requireAgreementAdmin(service, c.get('principal'), id);
    return c.json({ invitations: invitations.listPending(id) });
  });

  app.delete('/agreements/:id/invitations/:invitationId', requireAuth, (c) => {
    const { id, invitationId } = c.req.param();
    const principal = c.get('principal');
    requireAgreementAdmin(service, principal, id);
    if (!invitations.revoke(id, invitationId)) {
      throw new ApiError(404, 'not_found', 'invitation not found');
    }
    accounts.audit({
      kind: 'invitation.revoked',
      actorUserId: principal.userId,
      agreementId: id,
      detail: { invitationId },
    });
    return c.body(null, 204);
  });
}
