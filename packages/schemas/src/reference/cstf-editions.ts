/**
 * The live editions of the Core Skills Training Framework, and the one a form suggests first.
 *
 * Source: Skills for Health, Core Skills Training Framework (DOMAIN.md: CSTF (England) v1.1 for
 * NHS trusts in England, whose refresher frequencies are a condition of alignment; UK CSTF v1.6
 * for everyone else). `verify: true`: the version numbers are not yet confirmed from the source.
 */
export const CSTF_EDITIONS = {
  england: { title: 'CSTF (England)', version: '1.1', appliesTo: 'NHS trusts in England', verify: true },
  uk: { title: 'UK CSTF', version: '1.6', appliesTo: 'organisations outside NHS trusts in England', verify: true },
} as const;

/** The edition a training form suggests: most issuers are NHS trusts in England. */
export const DEFAULT_CSTF_EDITION = 'england' satisfies keyof typeof CSTF_EDITIONS;
