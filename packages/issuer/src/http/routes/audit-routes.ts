import type { Router } from 'express';
import { listAuditEvents } from '../../audit/list-audit-events.js';
import { verifyAuditChain } from '../../audit/verify-audit-chain.js';
import type { IssuerContext } from '../../issuer-context.js';
import type { Authenticator } from '../../auth/create-authenticator.js';
import { requireRole } from '../require-role.js';
import { callerOf, queryParam } from '../request-helpers.js';

function wholeNumber(value: string | undefined): number | undefined {
  return value === undefined ? undefined : /^\d{1,15}$/.test(value) ? Number(value) : -1;
}

/** The organisation's audit log for its auditors, and a check of its hash chain. */
export function addAuditRoutes(router: Router, ctx: IssuerContext, authenticate: Authenticator): void {
  router.get('/orgs/:orgId/audit', requireRole(ctx, authenticate, ['auditor', 'org-admin']), async (req, res) => {
    const after = wholeNumber(queryParam(req, 'after'));
    const limit = wholeNumber(queryParam(req, 'limit'));
    const events = await listAuditEvents(ctx.db, callerOf(res).org.id, { ...(after === undefined ? {} : { after }), ...(limit === undefined ? {} : { limit }) });
    res.json({ events, next: events.length > 0 ? events[events.length - 1]!.seq : null });
  });

  router.get('/orgs/:orgId/audit/verify', requireRole(ctx, authenticate, ['auditor', 'org-admin']), async (_req, res) => {
    res.json(await verifyAuditChain(ctx.db, callerOf(res).org.id));
  });
}
