/**
 * The TypeScript types cannot drift from the schemas because they are derived from them
 * (`FromSchema<typeof subjectSchema>`, see src/lib/from-schema.ts): the assertions below are
 * checked by `pnpm typecheck`, and the runtime part shows each valid example file, typed as its
 * subject type, validates.
 */
import { describe, expect, it } from '@jest/globals';
import {
  type ClaimPath,
  type DbsCheckSubject,
  type EmploymentAssignmentSubject,
  type FromSchema,
  type Gpg45Profile,
  type IdentityVerificationSubject,
  type OccupationalHealthClearanceSubject,
  type ProfessionalRegistrationSubject,
  type ProfessionalRegistrationSubject_1_0_0,
  type RightToWorkSubject,
  type TrainingRecordSubject,
  type TrainingSummarySubject,
} from '@staff-passport/schemas';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

describe('types derived from the schemas', () => {
  it('derive objects, optional members, enums and consts', () => {
    const _schema = {
      type: 'object',
      required: ['a', 'c'],
      properties: { a: { type: 'string' }, b: { enum: [1, 2] }, c: { const: 'x' }, d: { type: 'array', items: { type: 'boolean' } } },
    } as const;
    assertType<Equals<FromSchema<typeof _schema>, { a: string; b?: 1 | 2; c: 'x'; d?: boolean[] }>>();
    assertType<Equals<ClaimPath<{ a: { b: string }; c: { d: number }[] }>, 'a' | 'a.b' | 'c' | 'c.d'>>();
    expect(true).toBe(true);
  });

  it('give the catalogue types their domain shapes', () => {
    assertType<Equals<TrainingRecordSubject['training']['level'], 1 | 2 | 3>>();
    assertType<Equals<TrainingRecordSubject['training']['framework'], 'CSTF'>>();
    assertType<Equals<RightToWorkSubject['rightToWork']['listType'], 'ListA' | 'ListB'>>();
    assertType<Equals<RightToWorkSubject['rightToWork']['permissionExpiresOn'], string | undefined>>();
    assertType<Equals<ProfessionalRegistrationSubject['registration']['regulator'], 'GMC' | 'NMC' | 'HCPC' | 'GPhC' | 'GDC' | 'GOC' | 'GOsC' | 'GCC' | 'SWE' | 'SSSC' | 'SCW' | 'NISCC'>>();
    assertType<Equals<ProfessionalRegistrationSubject['registration']['licenceToPractise'], boolean | undefined>>();
    assertType<Equals<ProfessionalRegistrationSubject_1_0_0['registration']['regulator'], 'GMC' | 'NMC' | 'HCPC' | 'GPhC' | 'GDC'>>();
    assertType<Equals<keyof IdentityVerificationSubject['person'], 'givenName' | 'familyName' | 'birthDate' | 'nationalInsuranceNumber' | 'portrait'>>();
    assertType<Equals<IdentityVerificationSubject['identity']['profile'], Gpg45Profile | undefined>>();
    assertType<Equals<DbsCheckSubject['dbs']['decision'], 'satisfactory' | 'not_satisfactory'>>();
    assertType<Equals<keyof OccupationalHealthClearanceSubject['clearance'], 'outcome' | 'eppClearance' | 'immunity' | 'assessedOn'>>();
    assertType<Equals<NonNullable<OccupationalHealthClearanceSubject['clearance']['immunity']>['hepatitisB'], 'cleared' | 'not_cleared' | undefined>>();
    assertType<Equals<IdentityVerificationSubject['identity']['confidenceLevel'], 'low' | 'medium' | 'high' | 'very_high'>>();
    assertType<Equals<EmploymentAssignmentSubject['assignment']['payBand'], '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8a' | '8b' | '8c' | '8d' | '9' | undefined>>();
    assertType<Equals<keyof TrainingSummarySubject['summary']['subjects'], 'conflict_resolution' | 'equality_diversity_human_rights' | 'fire_safety' | 'health_safety_welfare' | 'infection_prevention_control' | 'information_governance_data_security' | 'moving_handling' | 'preventing_radicalisation' | 'resuscitation' | 'safeguarding_adults' | 'safeguarding_children'>>();
    expect(true).toBe(true);
  });

  it('reject what the schema rejects, at compile time', () => {
    const bad: DbsCheckSubject['dbs'] = {
      level: 'basic',
      certificateNumber: '001234567890',
      issuedOn: '2026-01-01',
      decision: 'satisfactory',
      // @ts-expect-error disclosure content is not a field of a DBS check
      convictions: [],
    };
    // @ts-expect-error a registration has a status from the register's list
    const status: ProfessionalRegistrationSubject['registration']['status'] = 'active';
    expect([bad.level, status]).toEqual(['basic', 'active']);
  });
});
