// The names people read for credentials and coded values, from the reference data.
import { describe, expect, it } from '@jest/globals';
import { getChoiceTitles, getClaimValueTitle, getCredentialTitle, getCredentialType } from '../src/index.js';

const training = getCredentialType('TrainingRecord')!;

describe('getCredentialTitle', () => {
  it('names a training record by its CSTF subject (sentence case) and level, a registration by its regulator', () => {
    expect(getCredentialTitle(training, { training: { subject: 'fire_safety', level: 1 } })).toBe('Fire safety, level 1');
    expect(getCredentialTitle(training, { training: { subject: 'equality_diversity_human_rights', level: 1 } })).toBe('Equality, diversity and human rights, level 1');
    expect(getCredentialTitle(getCredentialType('ProfessionalRegistration')!, { registration: { regulator: 'NMC' } })).toBe('NMC registration');
  });

  it("falls back to the type's title when the claims say nothing it knows", () => {
    expect(getCredentialTitle(training, { training: { subject: 'juggling', level: 1 } })).toBe('Training record');
    expect(getCredentialTitle(training, {})).toBe('Training record');
    expect(getCredentialTitle(getCredentialType('DbsCheck')!, {})).toBe('DBS check');
  });
});

describe('getClaimValueTitle', () => {
  it('titles coded values from the reference data, each item of a coded list, and nothing else', () => {
    expect(getClaimValueTitle(training, 'training.subject', 'fire_safety')).toBe('Fire safety');
    expect(getClaimValueTitle(getCredentialType('DbsCheck')!, 'dbs.level', 'enhanced_barred')).toBe('Enhanced with barred list checks');
    expect(getClaimValueTitle(training, 'training.completedOn', '2026-09-14')).toBeUndefined();
    expect(getClaimValueTitle(training, 'training.nothing', 'x')).toBeUndefined();
    expect(getClaimValueTitle(training, 'training.subject', 'juggling')).toBeUndefined();
  });
});

describe('getChoiceTitles', () => {
  it('uses a record only when the enum is exactly its codes; lower-case codes otherwise read as words', () => {
    expect(getChoiceTitles(['basic', 'standard', 'enhanced', 'enhanced_barred'])).toEqual(['Basic', 'Standard', 'Enhanced', 'Enhanced with barred list checks']);
    expect(getChoiceTitles([1, 2, 3])).toEqual(['1', '2', '3']);
    expect(getChoiceTitles(['fit', 'fit_with_adjustments', 'AfC'])).toEqual(['Fit', 'Fit with adjustments', 'AfC']);
  });
});

describe('codes that start with a capital', () => {
  it('have titles from the reference data, never the code as it is', () => {
    expect(getChoiceTitles(['ListA', 'ListB'])).toEqual(['List A (continuous right to work)', 'List B (time-limited right to work)']);
    expect(getChoiceTitles(['AfC', 'MedicalDental', 'VSM', 'Local'])).toEqual(['Agenda for Change (AfC)', 'Medical and dental', 'Very senior managers (VSM)', 'Local terms']);
    expect(getClaimValueTitle(getCredentialType('TrainingRecord')!, 'attributeMetadata.pedigree', 'Self-Asserted')).toBe('Self-asserted (given by the person)');
    expect(getClaimValueTitle(getCredentialType('TrainingRecord')!, 'attributeMetadata.verifier', 'Not Verified')).toBe('Not verified');
  });
});
