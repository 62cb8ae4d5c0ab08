import { jsonSchema as s } from '@staff-passport/web-kit';
import { listAuditEvents } from '../../audit/list-audit-events.js';
import { verifyAuditChain } from '../../audit/verify-audit-chain.js';
import { EXAMPLE, PARAM, queryParameter, type IssuerRoute } from '../issuer-route.js';
import { callerOf, queryParam } from '../request-helpers.js';

function wholeNumber(value: string | undefined): number | undefined {
  return value === undefined ? undefined : /^\d{1,15}$/.test(value) ? Number(value) : -1;
}

const AUDIT_EVENT = s.object({
  seq: s.integer(),
  at: s.string({ format: 'date-time' }),
  actor: s.string(),
  action: s.string(),
  subject: s.nullable(s.string()),
  detail: s.anyObject('what changed'),
  prevHash: s.string(),
  hash: s.string(),
});

/** The organisation's audit log for its auditors, and a check of its hash chain. */
export const AUDIT_ROUTES: IssuerRoute[] = [
  {
    method: 'get',
    path: '/orgs/:orgId/audit',
    summary: "The organisation's hash-chained audit log, oldest first",
    tag: 'audit',
    access: ['auditor', 'org-admin'],
    params: [PARAM.orgId],
    query: [queryParameter('after', 'entries after this sequence number', s.string({ pattern: '^[0-9]{1,15}$' }), '0'), queryParameter('limit', '1 to 1000', s.string({ pattern: '^[0-9]{1,15}$' }), '100')],
    responses: {
      200: {
        description: 'the events, and the sequence number to ask after for the next page (null when none)',
        schema: s.object({ events: s.array(AUDIT_EVENT), next: s.nullable(s.integer()) }, ['events', 'next']),
        example: {
          events: [{ seq: 12, at: EXAMPLE.time, actor: EXAMPLE.keyId, action: 'credential.revoked', subject: EXAMPLE.credentialId, detail: { reason: 'employment_ended' }, prevHash: '8c1f...', hash: '02ab...' }],
          next: 12,
        },
      },
    },
    errors: [400, 401, 403, 404],
    handler: async ({ ctx }, req, res) => {
      const after = wholeNumber(queryParam(req, 'after'));
      const limit = wholeNumber(queryParam(req, 'limit'));
      const events = await listAuditEvents(ctx.db, callerOf(res).org.id, { ...(after === undefined ? {} : { after }), ...(limit === undefined ? {} : { limit }) });
      res.json({ events, next: events.length > 0 ? events[events.length - 1]!.seq : null });
    },
  },
  {
    method: 'get',
    path: '/orgs/:orgId/audit/verify',
    summary: "Check the organisation's audit chain",
    tag: 'audit',
    access: ['auditor', 'org-admin'],
    params: [PARAM.orgId],
    responses: {
      200: {
        description: 'whether every chain is whole, and each break found',
        schema: s.object(
          {
            ok: s.boolean(),
            chains: s.integer(),
            entries: s.integer(),
            problems: s.array(s.object({ chain: s.string(), seq: s.integer(), problem: s.enum(['altered', 'missing', 'relinked']), message: s.string() }, [], { open: true })),
          },
          ['ok', 'entries', 'problems'],
          { open: true },
        ),
        example: { ok: true, chains: 1, entries: 12, problems: [] },
      },
    },
    errors: [401, 403, 404],
    handler: async ({ ctx }, _req, res) => {
      res.json(await verifyAuditChain(ctx.db, callerOf(res).org.id));
    },
  },
];
