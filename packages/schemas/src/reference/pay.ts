/**
 * Pay schemes and Agenda for Change (AfC) pay bands of an ESR assignment.
 *
 * Source: NHS Terms and Conditions of Service Handbook (Agenda for Change), pay bands 1 to 9 with
 * band 8 in four ranges; pay schemes as ESR records them.
 */
export const PAY_SCHEMES = ['AfC', 'MedicalDental', 'VSM', 'Local'] as const;
export type PayScheme = (typeof PAY_SCHEMES)[number];

/** Agenda for Change pay bands. */
export const AFC_BANDS = ['1', '2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9'] as const;
export type AfcBand = (typeof AFC_BANDS)[number];

/** Where this module's values come from. */
export const PAY_SOURCE = 'NHS Terms and Conditions of Service Handbook (Agenda for Change)';
