import { ACTIVE_REGISTRATION_STATUSES } from '../reference/regulators.js';
import type { ProfessionalRegistrationSubject } from '../types/professional-registration.js';

/**
 * Whether a registration is active on a day: a status under which the holder may practise, and
 * no renewal date passed (the predicate "registration active" a verifier may ask for alone).
 *
 * @example
 * isRegistrationActive(subject.registration, '2027-01-04') // true
 */
export function isRegistrationActive(registration: ProfessionalRegistrationSubject['registration'], day: string): boolean {
  if (!ACTIVE_REGISTRATION_STATUSES.includes(registration.status)) return false;
  return registration.renewalDueOn === undefined || registration.renewalDueOn >= day;
}
