import { PassportError, type Database } from '@staff-passport/core';
import type { CheckProfile } from './check-profile.js';
import { getProfile, listProfiles } from './list-profiles.js';
import { validateProfile } from './validate-profile.js';

/**
 * Every check profile this verifier knows: the shipped ones, then those the employer added.
 */
export async function listAllProfiles(db: Database): Promise<CheckProfile[]> {
  const rows = (await db.query('SELECT profile FROM sp_profiles ORDER BY created_at, id')) as { profile: string }[];
  return [...listProfiles(), ...rows.map((r) => JSON.parse(r.profile) as CheckProfile)];
}

/**
 * A check profile by id, shipped or added.
 *
 * @throws PassportError `ERR_PROFILE_NOT_FOUND`
 */
export async function findProfile(db: Database, id: string): Promise<CheckProfile> {
  try {
    return getProfile(id);
  } catch (err: unknown) {
    if (!(err instanceof PassportError) || err.code !== 'ERR_PROFILE_NOT_FOUND') throw err;
  }
  const rows = (await db.query('SELECT profile FROM sp_profiles WHERE id = ?', [id])) as { profile: string }[];
  if (!rows[0]) throw new PassportError('ERR_PROFILE_NOT_FOUND', `no check profile ${id}`, { field: 'profileId' });
  return JSON.parse(rows[0].profile) as CheckProfile;
}

/**
 * Adds an employer's own check profile, validated like the shipped ones.
 *
 * @throws PassportError `ERR_PROFILE_INVALID` (naming the field), `ERR_PROFILE_CONFLICT` when the id is taken.
 */
export async function addProfile(db: Database, input: unknown, at: Date, by?: string): Promise<CheckProfile> {
  const profile = validateProfile(input);
  if (listProfiles().some((p) => p.id === profile.id)) throw new PassportError('ERR_PROFILE_CONFLICT', `${profile.id} is a shipped profile`, { field: 'id' });
  const taken = (await db.query('SELECT 1 FROM sp_profiles WHERE id = ?', [profile.id])) as unknown[];
  if (taken.length > 0) throw new PassportError('ERR_PROFILE_CONFLICT', `a profile ${profile.id} exists`, { field: 'id' });
  await db.query('INSERT INTO sp_profiles (id, profile, created_at, created_by) VALUES (?, ?, ?, ?)', [profile.id, JSON.stringify(profile), at.toISOString(), by ?? null]);
  return profile;
}
