import type { AttributeMetadata } from './attribute-metadata.js';

/** The attribute metadata the catalogue's examples share (a fictional trust's HR team). */
export const EXAMPLE_ATTRIBUTE_METADATA: AttributeMetadata = {
  origin: 'ESR',
  provider: 'Demo Valley NHS Trust',
  assurancePolicy: 'NHS Employment Check Standards',
  verifier: 'Provider',
  pedigree: 'Authoritative',
  lastRefresh: '2026-10-01',
};
