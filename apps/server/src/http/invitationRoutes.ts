import type { InvitationInfo } from '@tavla/domain';
import * as z from 'zod/mini';
import { acceptInvitation } from '../auth/invitationFlow.js';
import { newPasswordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password.js';
import { toPublicUser } from '../auth/service.js';
import { type ApiApp, type RouteContext, setSessionCookie } from './context.js';
import { ApiError, readJson } from './errors.js';
import { lineOfText, newPasswordText } from './text.js';

const acceptBody = z.object({
  name: z.optional(lineOfText(100)),
  password: z.optional(newPasswordText(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)),
});

const gone = () => new ApiError(404, 'not_found', 'invitation not found, already used or expired');

/** The invitee's side of an invitation link (issue 5). No sign-in needed to look at one. */
export function registerInvitationRoutes(app: ApiApp, { service }: RouteContext): void {
  app.get('/invitations/:token', (c) => {
    const invitation = service.invitations.find(c.req.param('token'));
    const agreement = invitation && service.accounts.agreement(invitation.agreementId);
    if (!invitation || !agreement) throw gone();
    // The inviter's name only (not their e-mail): the person should know who asked them in.
    const inviter = invitation.invitedBy ? service.accounts.user(invitation.invitedBy) : null;
    return c.json({
      agreement: { id: agreement.id, title: agreement.title },
      invitedBy: inviter ? { name: inviter.name } : null,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
    } satisfies InvitationInfo);
  });

  app.post('/invitations/:token/accept', async (c) => {
    const body = await readJson(c, acceptBody);
    const invitation = service.invitations.find(c.req.param('token'));
    if (body.password !== undefined && invitation) {
      const problem = newPasswordProblem(body.password, {
        email: invitation.email,
        name: body.name,
      });
      if (problem) throw new ApiError(400, 'bad_request', `password: ${problem}`);
    }
    const result = await acceptInvitation(service, {
      secret: c.req.param('token'),
      principal: service.authenticate(c.req.raw.headers),
      name: body.name,
      password: body.password,
      userAgent: c.req.header('user-agent'),
    });
    if (!result.ok) {
      switch (result.reason) {
        case 'not_found':
          throw gone();
        case 'sign_in_required':
          throw new ApiError(401, 'unauthenticated', 'sign in with the invited address to accept');
        case 'wrong_user':
          throw new ApiError(403, 'forbidden', 'this invitation is for another address');
        case 'details_required':
          throw new ApiError(400, 'bad_request', 'name and password are required');
      }
    }
    if (result.session) setSessionCookie(c, service, result.session.secret);
    return c.json({ user: toPublicUser(result.user) });
  });
}
