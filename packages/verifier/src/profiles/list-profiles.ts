import { PassportError } from '@staff-passport/core';
import type { CheckProfile } from './check-profile.js';
import adminClericalBand4 from './shipped/admin-clerical-band-4.json' with { type: 'json' };
import doctorInTrainingPlacement from './shipped/doctor-in-training-placement.json' with { type: 'json' };
import healthcareSupportWorkerBand3 from './shipped/healthcare-support-worker-band-3.json' with { type: 'json' };
import nhs111ClinicalAdvisor from './shipped/nhs-111-clinical-advisor.json' with { type: 'json' };
import nhs111HealthAdvisor from './shipped/nhs-111-health-advisor.json' with { type: 'json' };
import registeredNurseBand5Acute from './shipped/registered-nurse-band-5-acute.json' with { type: 'json' };
import { validateProfile } from './validate-profile.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

// The shipped profiles, validated once at load: a bad data file is a programming error and fails
// here (and in the test that validates each file), never at a request.
const SHIPPED: readonly CheckProfile[] = [
  registeredNurseBand5Acute,
  healthcareSupportWorkerBand3,
  nhs111HealthAdvisor,
  nhs111ClinicalAdvisor,
  doctorInTrainingPlacement,
  adminClericalBand4,
].map((json) => deepFreeze(validateProfile(json)));

const byId = new Map(SHIPPED.map((p) => [p.id, p]));

/**
 * The check profiles shipped with the verifier (read-only). Employer-added profiles are stored by
 * the service, not here.
 *
 * @example
 * listProfiles().map((p) => p.id) // ['registered-nurse-band-5-acute', ...]
 */
export function listProfiles(): readonly CheckProfile[] {
  return SHIPPED;
}

/**
 * A shipped check profile by id (read-only).
 *
 * @example
 * getProfile('registered-nurse-band-5-acute').requirements.length
 * @throws PassportError `ERR_PROFILE_NOT_FOUND` when no shipped profile has that id.
 */
export function getProfile(id: string): CheckProfile {
  const profile = byId.get(id);
  if (profile === undefined) throw new PassportError('ERR_PROFILE_NOT_FOUND', `No check profile ${id}`, { field: 'profileId' });
  return profile;
}
