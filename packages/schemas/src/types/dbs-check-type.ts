import type { SchemaIssue } from '../lib/catalogue-types.js';
import { EMPLOYMENT_CHECK_LABELS } from '../lib/common-defs.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { DBS_BARRED_LISTS_FOR_WORKFORCE, DBS_LEVELS } from '../reference/dbs.js';
import { DBS_CHECK_VERSION, dbsCheckSchema, type DbsCheckSubject } from './dbs-check.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';

/** The DbsCheck entry of the catalogue. */
export const dbsCheckType = defineCredentialType<DbsCheckSubject>({
  type: 'DbsCheck',
  slug: 'dbs-check',
  version: DBS_CHECK_VERSION,
  schema: dbsCheckSchema,
  labels: {
    dbs: 'DBS check',
    'dbs.level': 'Level',
    'dbs.workforce': 'Workforce',
    'dbs.barredListsChecked': 'Barred lists checked',
    'dbs.certificateNumber': 'Certificate number',
    'dbs.issuedOn': 'Issued on',
    'dbs.decision': 'Decision',
    'dbs.updateService': 'Update Service',
    'dbs.updateService.subscribed': 'Subscribed',
    'dbs.updateService.lastStatusCheckOn': 'Last status check on',
    'dbs.updateService.lastStatus': 'Last status',
    ...EMPLOYMENT_CHECK_LABELS,
  },
  // Criminal-offence data (UK GDPR article 10): the decision too is shared only when asked for and agreed.
  disclosable: ['dbs.decision', 'dbs.certificateNumber', 'dbs.issuedOn', 'dbs.workforce', 'dbs.barredListsChecked', 'dbs.updateService', 'check.evidenceReferences'],
  rules: [
    { code: 'required', rule: 'Enhanced checks name the workforce; enhanced checks with barred lists name the lists checked.' },
    { code: 'barred_lists_not_at_level', rule: 'Only an enhanced check with barred lists (enhanced_barred) checks barred lists.' },
    { code: 'barred_list_mismatch', rule: 'The barred lists checked are those of the workforce (adult: adults; child: children; both: both).' },
    { code: 'date_order', rule: 'The last Update Service status check is on or after the certificate was issued.' },
    { code: 'unknown_property', rule: 'No other field is accepted: the credential carries the decision, never disclosure content.' },
  ],
  checkRules(subject): SchemaIssue[] {
    const d = subject.dbs;
    const issues: SchemaIssue[] = [];
    const lists = d.barredListsChecked ?? [];
    if (!DBS_LEVELS[d.level].barredListsAllowed && lists.length > 0) {
      issues.push({ path: 'credentialSubject.dbs.barredListsChecked', code: 'barred_lists_not_at_level', message: `a ${d.level} check does not check barred lists` });
    }
    if (d.level === 'enhanced_barred' && d.workforce !== undefined) {
      const expected = DBS_BARRED_LISTS_FOR_WORKFORCE[d.workforce];
      if (expected.length > 0 && (expected.length !== lists.length || expected.some((l) => !lists.includes(l)))) {
        issues.push({ path: 'credentialSubject.dbs.barredListsChecked', code: 'barred_list_mismatch', message: `a ${d.workforce} workforce check covers ${expected.join(' and ')}` });
      }
    }
    const last = d.updateService?.lastStatusCheckOn;
    if (last !== undefined && last < d.issuedOn) {
      issues.push({ path: 'credentialSubject.dbs.updateService.lastStatusCheckOn', code: 'date_order', message: 'must be on or after the certificate issue date' });
    }
    return issues;
  },
  exampleSubject: {
    id: '{holderDid}',
    dbs: {
      level: 'enhanced_barred',
      workforce: 'adult',
      barredListsChecked: ['adults'],
      certificateNumber: '001234567890',
      issuedOn: '2026-09-20',
      decision: 'satisfactory',
      updateService: { subscribed: true, lastStatusCheckOn: '2026-10-02', lastStatus: 'no_new_information' },
    },
    check: { standard: 'criminal_record', standardVersion: '2024', checkedBy: 'Demo Valley NHS Trust HR', checkedAt: '2026-10-02T14:00:00Z' },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, origin: 'Disclosure and Barring Service', verificationMethod: 'Certificate seen; Update Service status check', lastRefresh: '2026-10-02' },
  },
});
