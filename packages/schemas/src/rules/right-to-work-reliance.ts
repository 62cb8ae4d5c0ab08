import type { RightToWorkSubject } from '../types/right-to-work.js';

/** Whether a new employer may rely on a right to work credential on a day, and if not, why. */
export type RightToWorkReliance =
  | { reliable: true }
  | { reliable: false; reason: 'document_expired' | 'permission_expired' | 'follow_up_due' };

/**
 * Whether a right to work check can be relied on on a day (YYYY-MM-DD). Not when the document it
 * relied on has since expired (DOMAIN.md: a new employer may still rely on the identity
 * credential, but not on right to work until the document is re-checked), nor for List B once
 * the permission has expired or the follow-up check has fallen due.
 *
 * @example
 * rightToWorkReliance(subject.rightToWork, '2027-01-04') // { reliable: true }
 */
export function rightToWorkReliance(rightToWork: RightToWorkSubject['rightToWork'], day: string): RightToWorkReliance {
  if (rightToWork.documentExpiresOn !== undefined && rightToWork.documentExpiresOn < day) return { reliable: false, reason: 'document_expired' };
  if (rightToWork.listType === 'ListB') {
    if (rightToWork.permissionExpiresOn === undefined || rightToWork.permissionExpiresOn < day) return { reliable: false, reason: 'permission_expired' };
    if (rightToWork.followUpDueOn === undefined || rightToWork.followUpDueOn <= day) return { reliable: false, reason: 'follow_up_due' };
  }
  return { reliable: true };
}
