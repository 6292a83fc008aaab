import * as z from 'zod/mini';
import type { ApiApp, RouteContext } from './context.js';
import { ApiError, readJson } from './errors.js';
import { lineOfText } from './text.js';

/** Limits a user's live API tokens: enough for every script they run, not unbounded rows. */
const MAX_TOKENS_PER_USER = 50;

const tokenBody = z.object({ name: lineOfText(100) });

/** API tokens for non-browser clients: created once-visible, listed without secret, revoked. */
export function registerTokenRoutes(app: ApiApp, { service, requireAuth }: RouteContext): void {
  app.post('/tokens', requireAuth, async (c) => {
    const principal = c.get('principal');
    // A token cannot mint tokens: a leaked one must not outlive its own revocation.
    if (!principal.sessionId) {
      throw new ApiError(403, 'session_required', 'create tokens from a signed-in browser');
    }
    const body = await readJson(c, tokenBody);
    if (service.tokens.list(principal.userId).length >= MAX_TOKENS_PER_USER) {
      throw new ApiError(409, 'conflict', `at most ${MAX_TOKENS_PER_USER} tokens; revoke one`);
    }
    const token = service.createToken(principal.userId, body.name);
    return c.json(
      { id: token.id, name: token.name, token: token.token, createdAt: token.createdAt },
      201,
    );
  });

  app.get('/tokens', requireAuth, (c) => {
    return c.json({ tokens: service.tokens.list(c.get('principal').userId) });
  });

  app.delete('/tokens/:id', requireAuth, (c) => {
    if (!service.revokeToken(c.get('principal').userId, c.req.param('id'))) {
      throw new ApiError(404, 'not_found', 'token not found');
    }
    return c.body(null, 204);
  });
}
