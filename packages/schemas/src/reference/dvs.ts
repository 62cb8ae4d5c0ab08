/**
 * The UK digital verification services (DVS) trust framework, under which identity service
 * providers (IDSPs) are certified and registered.
 *
 * Source: DSIT, UK digital verification services trust framework (Data (Use and Access) Act 2025;
 * version 1.0 pre-release, March 2026), and the DVS register DSIT keeps of certified services. It
 * replaced the UK digital identity and attributes trust framework ("DIATF", beta versions 0.x),
 * whose certificates expired on 31 March 2026 (DOMAIN.md, "Identity").
 */
export const DVS_TRUST_FRAMEWORK = {
  title: 'UK digital verification services trust framework',
  /** Versions an IDSP's certificate may name; the DIATF beta's last is kept for checks made under it. */
  versions: ['0.4', '1.0'],
  /** The day certificates under the DIATF beta stopped being valid. */
  diatfCertificatesExpiredOn: '2026-03-31',
  // Version list [verify]: DSIT has published 1.0 as a pre-release; later versions join here.
  verify: true,
} as const;

/** A trust framework version an IDSP certificate names. */
export type DvsFrameworkVersion = (typeof DVS_TRUST_FRAMEWORK.versions)[number];

/** Where this module's values come from. */
export const DVS_SOURCE = 'DSIT, UK digital verification services trust framework (1.0 pre-release, March 2026) and the DVS register';
