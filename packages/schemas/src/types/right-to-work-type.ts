import type { SchemaIssue } from '../lib/catalogue-types.js';
import { EMPLOYMENT_CHECK_LABELS } from '../lib/common-defs.js';
import { endOfDay } from '../lib/dates.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { RIGHT_TO_WORK_DOCUMENTS } from '../reference/right-to-work.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import { RIGHT_TO_WORK_VERSION, rightToWorkSchema, type RightToWorkSubject } from './right-to-work.js';

/** The RightToWork entry of the catalogue. */
export const rightToWorkType = defineCredentialType<RightToWorkSubject>({
  type: 'RightToWork',
  slug: 'right-to-work',
  version: RIGHT_TO_WORK_VERSION,
  schema: rightToWorkSchema,
  labels: {
    rightToWork: 'Right to work',
    'rightToWork.method': 'Method',
    'rightToWork.listType': 'List',
    'rightToWork.documentKind': 'Document relied on',
    'rightToWork.documentExpiresOn': 'Document expires on',
    'rightToWork.permissionExpiresOn': 'Permission expires on',
    'rightToWork.followUpDueOn': 'Follow-up check due on',
    'rightToWork.workRestrictions': 'Work restrictions',
    'rightToWork.workRestrictions.restrictionKind': 'Restriction',
    'rightToWork.workRestrictions.maxHoursPerWeek': 'Most hours a week',
    'rightToWork.workRestrictions.restrictionDetail': 'Detail',
    ...EMPLOYMENT_CHECK_LABELS,
  },
  // Restrictions (for example student term-time hours) leave the wallet only when asked for and
  // agreed. The permission's end and follow-up date stay visible: every right-to-work rule reads them.
  disclosable: ['rightToWork.documentKind', 'rightToWork.documentExpiresOn', 'rightToWork.method', 'rightToWork.workRestrictions', 'check.evidenceReferences'],
  rules: [
    { code: 'required', rule: 'List B (time-limited) names the permission expiry and the follow-up check date.' },
    { code: 'follow_up_after_expiry', rule: 'The follow-up check is due on or before the permission expiry.' },
    { code: 'list_a_time_limited', rule: 'List A (continuous) has no permission expiry or follow-up date.' },
    { code: 'idvt_not_eligible', rule: 'idvt_idsp checks are for British or Irish passport holders only.' },
    { code: 'share_code_method', rule: 'A share code is checked online (method home_office_online), and an online check relies on a share code.' },
  ],
  derives: ['check.nextReviewOn: the follow-up check date (List B)', 'validUntil: the end of the permission expiry day (List B)'],
  checkRules(subject): SchemaIssue[] {
    const r = subject.rightToWork;
    const issues: SchemaIssue[] = [];
    const at = (field: string) => `credentialSubject.rightToWork.${field}`;
    if (r.listType === 'ListB' && r.followUpDueOn !== undefined && r.permissionExpiresOn !== undefined && r.followUpDueOn > r.permissionExpiresOn) {
      issues.push({ path: at('followUpDueOn'), code: 'follow_up_after_expiry', message: `must be on or before the permission expiry (${r.permissionExpiresOn})` });
    }
    if (r.listType === 'ListA') {
      for (const field of ['permissionExpiresOn', 'followUpDueOn'] as const) {
        if (r[field] !== undefined) issues.push({ path: at(field), code: 'list_a_time_limited', message: 'is for List B only: List A is continuous' });
      }
    }
    if (r.method === 'idvt_idsp' && !RIGHT_TO_WORK_DOCUMENTS[r.documentKind].idvtEligible) {
      issues.push({ path: at('method'), code: 'idvt_not_eligible', message: 'idvt_idsp is for British or Irish passport holders only' });
    }
    if ((r.documentKind === 'share_code') !== (r.method === 'home_office_online')) {
      issues.push({ path: at('method'), code: 'share_code_method', message: 'a share code is checked online (home_office_online), and an online check relies on a share code' });
    }
    return issues;
  },
  derive(subject) {
    const r = subject.rightToWork;
    if (r.listType !== 'ListB' || r.permissionExpiresOn === undefined) return { credentialSubject: subject };
    const check = r.followUpDueOn === undefined ? subject.check : { ...subject.check, nextReviewOn: r.followUpDueOn };
    return { credentialSubject: { ...subject, check }, validUntil: endOfDay(r.permissionExpiresOn) };
  },
  exampleSubject: {
    id: '{holderDid}',
    rightToWork: {
      method: 'home_office_online',
      listType: 'ListB',
      documentKind: 'share_code',
      permissionExpiresOn: '2028-03-31',
      followUpDueOn: '2028-03-01',
      workRestrictions: [{ restrictionKind: 'occupation_limit', restrictionDetail: 'Sponsored role: registered nurse' }],
    },
    check: { standard: 'right_to_work', standardVersion: '2024', checkedBy: 'Demo Valley NHS Trust HR', checkedAt: '2026-10-01T11:30:00Z', evidenceReferences: ['HO-ONLINE-CHECK-2026-10-01'] },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, origin: 'Home Office', verifier: 'Provider', verificationMethod: 'Home Office online right to work check', lastRefresh: '2026-10-01' },
  },
});
