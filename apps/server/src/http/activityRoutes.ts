import * as z from 'zod/mini';
import { decodeCursor, type ActivityLog } from '../activity/log.js';
import { type ApiApp, memberRoleOr404, type RouteContext } from './context.js';
import { ApiError } from './errors.js';

const activityQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  before: z.optional(
    z.string().check(
      z.maxLength(50),
      z.refine((c) => decodeCursor(c) !== null, 'a cursor from nextCursor'),
    ),
  ),
  measureId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});

/**
 * GET /api/agreements/:id/activity (issue 5, [AL3]): who did what, newest first. Members only,
 * viewers included; outsiders get 404. There is no route that changes the log.
 */
export function registerActivityRoutes(
  app: ApiApp,
  { service, requireAuth }: RouteContext,
  activity: ActivityLog,
): void {
  app.get('/agreements/:id/activity', requireAuth, (c) => {
    const id = c.req.param('id');
    memberRoleOr404(service, c.get('principal'), id);
    const query = activityQuery.safeParse(c.req.query());
    if (!query.success) {
      const detail = query.error.issues
        .map((i) => `${i.path.join('.') || 'query'}: ${i.message}`)
        .join('; ');
      throw new ApiError(400, 'bad_request', detail.slice(0, 300));
    }
    c.header('Cache-Control', 'no-store');
    return c.json(activity.page(id, query.data));
  });
}
