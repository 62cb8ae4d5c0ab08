import { ACTIVE_REGISTRATION_STATUSES } from '../reference/regulators.js';
import type { ProfessionalRegistrationSubject } from '../types/professional-registration.js';

/**
 * Whether a registration is active on a day: a status under which the holder may practise, no
 * renewal date passed, and, for the GMC, a licence to practise (a doctor may be registered
 * without one; a 1.0.0 credential does not say, and counts as it did before).
 *
 * @example
 * isRegistrationActive(subject.registration, '2027-01-04') // true
 */
export function isRegistrationActive(registration: ProfessionalRegistrationSubject['registration'], day: string): boolean {
  if (!ACTIVE_REGISTRATION_STATUSES.includes(registration.status)) return false;
  if (registration.licenceToPractise === false) return false;
  return registration.renewalDueOn === undefined || registration.renewalDueOn >= day;
}
