import { PassportError } from '@staff-passport/core';
import { jsonSchema as s, pageSecurityHeaders } from '@staff-passport/web-kit';
import { recordVerifierEvent } from '../../audit/record-verifier-event.js';
import { getCheckResult } from '../../profile-checks/get-check-result.js';
import { applyExportMapping } from '../../report/apply-export-mapping.js';
import { EXPORT_MAPPINGS, findExportMapping } from '../../report/mappings/export-mappings.js';
import { callerOf } from '../verifier-caller.js';
import { PARAM, type VerifierRoute } from '../verifier-route.js';

const MAPPING_IDS = EXPORT_MAPPINGS.map((m) => m.id);

/** The named exports for workforce systems: the mappings (as data) and a result in any of them. */
export const EXPORT_ROUTES: VerifierRoute[] = [
  {
    method: 'get',
    path: '/export-mappings',
    summary: 'The named exports for workforce systems, as data: fields, code lists, date format (and what is guessed)',
    tag: 'results',
    access: 'public',
    responses: {
      200: {
        description: 'every mapping, the default first',
        schema: s.object({ mappings: s.array(s.anyObject('a mapping: id, title, description, format, dateFormat, fields, codeLists, sources')) }, ['mappings']),
        example: { mappings: [{ id: 'esr-csv', title: 'ESR-style CSV', format: 'csv', dateFormat: 'iso', fields: [{ name: 'Last Name', description: 'Family name, from the identity credential.', from: 'identity.familyName' }] }] },
      },
    },
    handler: (_deps, _req, res) => {
      res.json({ mappings: EXPORT_MAPPINGS });
    },
  },
  {
    method: 'get',
    path: '/results/:resultId/export',
    summary: "A result's verified attributes in the shape a workforce system imports (a download), by the mapping named",
    description:
      '`mapping` names the shape: `esr-csv` (default; the ESR-style CSV, as `export.csv`), `json` (the verified attributes, as `export.json`) or `esr-e-recruitment` (applicant details and employment checks shaped after ESR\'s e-Recruitment interface; field names and codes guessed). The identity credential\'s person fields (names, date of birth, NI number), once verified, fill the person fields.',
    tag: 'results',
    // Personal data: the organisation's checkers only, with the desk's security headers, audited.
    before: [pageSecurityHeaders()],
    access: ['checker'],
    params: [PARAM.resultId],
    query: [{ name: 'mapping', description: `the export mapping: ${MAPPING_IDS.join(', ')}`, schema: s.enum(MAPPING_IDS), example: 'esr-e-recruitment' }],
    responses: {
      200: {
        description: 'CSV (text/csv) or JSON (application/json), as the mapping says',
        contentType: 'text/csv',
        schema: s.string(),
        example: 'Applicant Last Name,Applicant First Name,Applicant Date of Birth\r\nOkafor,Amara,14-Feb-1990\r\n',
      },
    },
    errors: [400, 404],
    handler: async (_deps, req, res) => {
      const { ctx, principal } = callerOf(res);
      const id = req.query['mapping'] ?? 'esr-csv';
      const mapping = typeof id === 'string' ? findExportMapping(id) : undefined;
      if (!mapping) throw new PassportError('ERR_REQUEST_INVALID', `mapping must be one of ${MAPPING_IDS.join(', ')}`, { field: 'mapping' });
      const result = await getCheckResult(ctx, req.params['resultId'] as string);
      const written = applyExportMapping(mapping, [result.attributes]);
      await recordVerifierEvent(ctx, principal.actor, 'result.export', result.id, { format: written.mapping.id });
      res.setHeader('content-disposition', `attachment; filename="${result.id}-${written.mapping.id}.${written.extension}"`);
      res.type(written.contentType).send(written.body);
    },
  },
];
