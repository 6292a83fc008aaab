import { isValidDate } from '@tavla/domain';
import * as z from 'zod/mini';
import type { ReadModel } from '../readmodel/readModel.js';
import { agreementSummary, milestonesAcross, todayIn } from '../readmodel/queries.js';
import { type ApiApp, agreementNotFound, memberRoleOr404, type RouteContext } from './context.js';
import { ApiError } from './errors.js';

const date = z.string().check(z.refine(isValidDate, 'a date YYYY-MM-DD'));
const milestonesQuery = z
  .object({
    from: z.optional(date),
    to: z.optional(date),
    agreementId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  })
  .check(
    z.refine((q) => !q.from || !q.to || q.from <= q.to, {
      message: 'from is after to',
      path: ['from'],
    }),
  );

/**
 * The read model over REST (issue 4, rules [RM5]): milestones across every agreement the caller
 * belongs to, and one agreement's overview. Members only, viewers included; outsiders get 404.
 */
export function registerReadModelRoutes(
  app: ApiApp,
  { service, requireAuth }: RouteContext,
  readModel: ReadModel,
  { timeZone, now = () => new Date() }: { timeZone: string; now?: () => Date },
): void {
  const { accounts } = service;

  app.get('/milestones', requireAuth, (c) => {
    const principal = c.get('principal');
    const query = milestonesQuery.safeParse(c.req.query());
    if (!query.success) {
      const detail = query.error.issues
        .map((i) => `${i.path.join('.') || 'query'}: ${i.message}`)
        .join('; ');
      throw new ApiError(400, 'bad_request', detail.slice(0, 300));
    }
    const { from, to, agreementId } = query.data;
    let agreements = accounts.agreementsOf(principal.userId);
    if (agreementId) {
      memberRoleOr404(service, principal, agreementId);
      agreements = agreements.filter((a) => a.id === agreementId);
    }
    c.header('Cache-Control', 'no-store');
    return c.json({
      milestones: milestonesAcross(
        readModel.store,
        agreements,
        { from, to },
        todayIn(timeZone, now()),
      ),
    });
  });

  app.get('/agreements/:id/summary', requireAuth, (c) => {
    const id = c.req.param('id');
    memberRoleOr404(service, c.get('principal'), id);
    const agreement = accounts.agreement(id);
    if (!agreement) throw agreementNotFound();
    const at = now();
    c.header('Cache-Control', 'no-store');
    return c.json(agreementSummary(readModel.store.read(id), agreement, todayIn(timeZone, at), at));
  });
}
