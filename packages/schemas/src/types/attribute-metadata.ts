import type { attributeMetadata } from '../lib/common-defs.js';
import type { FromSchema } from '../lib/from-schema.js';

/** Where an attribute came from and how it was checked (NIST IR 8112), derived from the schema. */
export type AttributeMetadata = FromSchema<typeof attributeMetadata>;
