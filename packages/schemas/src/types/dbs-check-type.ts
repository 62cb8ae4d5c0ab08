import type { SchemaIssue } from '../lib/catalogue-types.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { CRIMINAL_RECORD_LEVELS, CRIMINAL_RECORD_SCHEMES, DBS_UPDATE_SERVICE } from '../reference/dbs.js';
import { DBS_CHECK_VERSION, dbsCheckSchema, type DbsCheckSubject } from './dbs-check.js';
import { DBS_LABELS_1_0_0, DBS_RULES_1_0_0, dbsRuleIssues } from './dbs-check-1-0-0-type.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';

const covered = (levels: readonly string[], level: string) => levels.includes(level);

/** The DbsCheck entry of the catalogue (2.0.0). */
export const dbsCheckType = defineCredentialType<DbsCheckSubject>({
  type: 'DbsCheck',
  slug: 'dbs-check',
  version: DBS_CHECK_VERSION,
  schema: dbsCheckSchema,
  labels: { ...DBS_LABELS_1_0_0, 'dbs.scheme': 'Scheme (DBS, Disclosure Scotland, AccessNI)' },
  // Criminal-offence data (UK GDPR article 10): the decision too is shared only when asked for and agreed.
  disclosable: ['dbs.decision', 'dbs.certificateNumber', 'dbs.issuedOn', 'dbs.workforce', 'dbs.barredListsChecked', 'dbs.updateService', 'check.evidenceReferences'],
  rules: [
    { code: 'required', rule: 'Enhanced checks and PVG scheme records name the workforce; checks with barred lists (enhanced_barred, pvg) name the lists checked.' },
    { code: 'enum', rule: 'The scheme is dbs, disclosure_scotland or accessni; a check that names none is a DBS check.' },
    { code: 'pattern', rule: 'The certificate number is in its scheme’s format (DBS: 12 digits).' },
    { code: 'level_not_in_scheme', rule: 'The level is one of the scheme’s: DBS and AccessNI basic, standard, enhanced, enhanced_barred; Disclosure Scotland basic, standard, enhanced, pvg.' },
    { code: 'update_service_not_available', rule: 'Only a DBS standard or enhanced certificate can be on the DBS Update Service (never a basic one, nor Disclosure Scotland or AccessNI).' },
    { code: 'barred_lists_not_at_level', rule: 'Only a check with barred lists (enhanced_barred, or a PVG scheme record) checks barred lists.' },
    ...DBS_RULES_1_0_0.filter((r) => r.code !== 'required' && r.code !== 'barred_lists_not_at_level'),
  ],
  checkRules(subject): SchemaIssue[] {
    const d = subject.dbs;
    const schemeCode = d.scheme ?? 'dbs';
    const scheme = CRIMINAL_RECORD_SCHEMES[schemeCode];
    if (!covered(scheme.levels, d.level)) {
      return [{ path: 'credentialSubject.dbs.level', code: 'level_not_in_scheme', message: `${scheme.title} checks are ${scheme.levels.join(', ')}` }];
    }
    const issues = dbsRuleIssues(d, CRIMINAL_RECORD_LEVELS);
    if (d.updateService?.subscribed === true && !(covered(DBS_UPDATE_SERVICE.schemes, schemeCode) && covered(DBS_UPDATE_SERVICE.levels, d.level))) {
      issues.push({
        path: 'credentialSubject.dbs.updateService.subscribed',
        code: 'update_service_not_available',
        message: schemeCode === 'dbs' ? `a ${d.level} certificate cannot be on the Update Service (standard and enhanced only)` : `the DBS Update Service does not cover ${scheme.title} certificates`,
      });
    }
    return issues;
  },
  exampleSubject: {
    id: '{holderDid}',
    dbs: {
      scheme: 'dbs',
      level: 'enhanced_barred',
      workforce: 'adult',
      barredListsChecked: ['adults'],
      certificateNumber: '001234567890',
      issuedOn: '2026-09-20',
      decision: 'satisfactory',
      updateService: { subscribed: true, lastStatusCheckOn: '2026-10-02', lastStatus: 'current_and_clear' },
    },
    check: { standard: 'criminal_record', standardVersion: '2024', checkedBy: 'Demo Valley NHS Trust HR', checkedAt: '2026-10-02T14:00:00Z' },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, origin: 'Disclosure and Barring Service', verificationMethod: 'Certificate seen; Update Service status check', lastRefresh: '2026-10-02' },
  },
});
