import { PassportError } from '@staff-passport/core';
import type { ProfileStore } from '../store/profile-store.js';
import type { CheckProfile } from './check-profile.js';
import { getProfile, listProfiles } from './list-profiles.js';
import { validateProfile } from './validate-profile.js';

/**
 * Every check profile this verifier knows: the shipped ones, then those the employer added.
 */
export async function listAllProfiles(profiles: ProfileStore): Promise<CheckProfile[]> {
  const added = await profiles.list();
  return [...listProfiles(), ...added.map((r) => r.profile as CheckProfile)];
}

/**
 * A check profile by id, shipped or added.
 *
 * @throws PassportError `ERR_PROFILE_NOT_FOUND`
 */
export async function findProfile(profiles: ProfileStore, id: string): Promise<CheckProfile> {
  try {
    return getProfile(id);
  } catch (err: unknown) {
    if (!(err instanceof PassportError) || err.code !== 'ERR_PROFILE_NOT_FOUND') throw err;
  }
  const added = await profiles.find(id);
  if (!added) throw new PassportError('ERR_PROFILE_NOT_FOUND', `no check profile ${id}`, { field: 'profileId' });
  return added.profile as CheckProfile;
}

/**
 * Adds an employer's own check profile, validated like the shipped ones.
 *
 * @throws PassportError `ERR_PROFILE_INVALID` (naming the field), `ERR_PROFILE_CONFLICT` when the id is taken.
 */
export async function addProfile(profiles: ProfileStore, input: unknown, at: Date, by?: string): Promise<CheckProfile> {
  const profile = validateProfile(input);
  if (listProfiles().some((p) => p.id === profile.id)) throw new PassportError('ERR_PROFILE_CONFLICT', `${profile.id} is a shipped profile`, { field: 'id' });
  const added = await profiles.insert({ id: profile.id, profile, createdAt: at.toISOString(), createdBy: by ?? null });
  if (!added) throw new PassportError('ERR_PROFILE_CONFLICT', `a profile ${profile.id} exists`, { field: 'id' });
  return profile;
}
