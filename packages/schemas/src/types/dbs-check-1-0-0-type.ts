/** The DbsCheck 1.0.0 entry of the catalogue, frozen (see dbs-check-1-0-0.ts). */
import type { RuleDescription, SchemaIssue } from '../lib/catalogue-types.js';
import { EMPLOYMENT_CHECK_LABELS } from '../lib/common-defs.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { DBS_BARRED_LISTS_FOR_WORKFORCE, DBS_LEVELS, type DbsBarredList, type DbsWorkforce } from '../reference/dbs.js';
import { DBS_CHECK_VERSION_1_0_0, dbsCheckSchema_1_0_0, type DbsCheckSubject_1_0_0 } from './dbs-check-1-0-0.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';

/** The labels of the claims 1.0.0 has, the same in later versions. */
export const DBS_LABELS_1_0_0 = {
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
} as const;

/** The rules 1.0.0 has, the same in later versions. */
export const DBS_RULES_1_0_0: readonly RuleDescription[] = [
  { code: 'required', rule: 'Enhanced checks name the workforce; enhanced checks with barred lists name the lists checked.' },
  { code: 'barred_lists_not_at_level', rule: 'Only an enhanced check with barred lists (enhanced_barred) checks barred lists.' },
  { code: 'barred_list_mismatch', rule: 'The barred lists checked are those of the workforce (adult: adults; child: children; both: both).' },
  { code: 'date_order', rule: 'The last Update Service status check is on or after the certificate was issued.' },
  { code: 'unknown_property', rule: 'No other field is accepted: the credential carries the decision, never disclosure content.' },
];

/** The claims every version's rules read. */
interface DbsClaims {
  level: string;
  workforce?: DbsWorkforce;
  barredListsChecked?: DbsBarredList[];
  issuedOn: string;
  updateService?: { lastStatusCheckOn?: string };
}

/** The problems of {@link DBS_RULES_1_0_0}, against a version's level table. */
export function dbsRuleIssues(d: DbsClaims, levels: Readonly<Record<string, { barredListsAllowed: boolean }>>): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const lists = d.barredListsChecked ?? [];
  if (levels[d.level]?.barredListsAllowed !== true && lists.length > 0) {
    issues.push({ path: 'credentialSubject.dbs.barredListsChecked', code: 'barred_lists_not_at_level', message: `a ${d.level} check does not check barred lists` });
  }
  if (levels[d.level]?.barredListsAllowed === true && d.workforce !== undefined) {
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
}

/** The DbsCheck 1.0.0 entry of the catalogue. */
export const dbsCheckType_1_0_0 = defineCredentialType<DbsCheckSubject_1_0_0>({
  type: 'DbsCheck',
  slug: 'dbs-check',
  version: DBS_CHECK_VERSION_1_0_0,
  schema: dbsCheckSchema_1_0_0,
  labels: DBS_LABELS_1_0_0,
  // Criminal-offence data (UK GDPR article 10): the decision too is shared only when asked for and agreed.
  disclosable: ['dbs.decision', 'dbs.certificateNumber', 'dbs.issuedOn', 'dbs.workforce', 'dbs.barredListsChecked', 'dbs.updateService', 'check.evidenceReferences'],
  rules: DBS_RULES_1_0_0,
  checkRules: (subject) => dbsRuleIssues(subject.dbs, DBS_LEVELS),
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
