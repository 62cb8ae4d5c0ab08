// JSON Schemas written from the specification text, used to check that our requests have the
// structure the specifications define, and that the specifications' own examples pass them.

const identifier = { type: 'string', pattern: '^[A-Za-z0-9_-]+$' } as const;

/** DCQL, OpenID4VP 1.0 section 6 (6.1 Credential Query, 6.2 Credential Set Query, 6.3 Claims Query, 7 claims path pointer). */
export const dcqlQuerySchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['credentials'],
  properties: {
    credentials: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'format', 'meta'],
        properties: {
          id: identifier,
          format: { type: 'string', minLength: 1 },
          multiple: { type: 'boolean' },
          meta: {
            type: 'object',
            properties: {
              vct_values: { type: 'array', minItems: 1, items: { type: 'string' } },
              type_values: { type: 'array', minItems: 1, items: { type: 'array', minItems: 1, items: { type: 'string' } } },
              doctype_value: { type: 'string' },
            },
          },
          trusted_authorities: { type: 'array', minItems: 1 },
          require_cryptographic_holder_binding: { type: 'boolean' },
          claims: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['path'],
              properties: {
                id: identifier,
                path: { type: 'array', minItems: 1, items: { anyOf: [{ type: 'string' }, { type: 'null' }, { type: 'integer', minimum: 0 }] } },
                values: { type: 'array', minItems: 1, items: { type: ['string', 'integer', 'boolean'] } },
              },
            },
          },
          claim_sets: { type: 'array', minItems: 1, items: { type: 'array', minItems: 1, items: identifier } },
        },
      },
    },
    credential_sets: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['options'],
        properties: {
          options: { type: 'array', minItems: 1, items: { type: 'array', minItems: 1, items: identifier } },
          required: { type: 'boolean' },
        },
      },
    },
  },
} as const;

/** Presentation Exchange 2.0: Presentation Definition, Input Descriptor Object, Submission Requirement Feature. */
export const presentationDefinitionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $defs: {
    submissionRequirement: {
      type: 'object',
      required: ['rule'],
      properties: {
        name: { type: 'string' },
        purpose: { type: 'string' },
        rule: { enum: ['all', 'pick'] },
        count: { type: 'integer', minimum: 1 },
        min: { type: 'integer', minimum: 0 },
        max: { type: 'integer', minimum: 1 },
        from: { type: 'string' },
        from_nested: { type: 'array', minItems: 1, items: { $ref: '#/$defs/submissionRequirement' } },
      },
      oneOf: [{ required: ['from'] }, { required: ['from_nested'] }],
    },
  },
  type: 'object',
  required: ['id', 'input_descriptors'],
  properties: {
    id: { type: 'string', minLength: 1 },
    name: { type: 'string' },
    purpose: { type: 'string' },
    format: { type: 'object' },
    input_descriptors: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'constraints'],
        properties: {
          id: { type: 'string', minLength: 1 },
          name: { type: 'string' },
          purpose: { type: 'string' },
          group: { type: 'array', items: { type: 'string' } },
          format: { type: 'object', minProperties: 1 },
          constraints: {
            type: 'object',
            minProperties: 1,
            properties: {
              limit_disclosure: { enum: ['required', 'preferred'] },
              fields: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['path'],
                  properties: {
                    path: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^\\$' } },
                    id: { type: 'string' },
                    name: { type: 'string' },
                    purpose: { type: 'string' },
                    filter: { type: 'object' },
                    optional: { type: 'boolean' },
                  },
                },
              },
            },
          },
        },
      },
    },
    submission_requirements: { type: 'array', items: { $ref: '#/$defs/submissionRequirement' } },
  },
} as const;

/**
 * OpenID4VP's Presentation Exchange example for SD-JWT VC (openid/OpenID4VP,
 * examples/request/pd_sd_jwt_vc.json), kept as data to check the schema above accepts it.
 */
export const OPENID4VP_PD_SD_JWT_VC_EXAMPLE = {
  id: 'example_sd_jwt_vc_request',
  input_descriptors: [
    {
      id: 'identity_credential',
      format: { 'vc+sd-jwt': {} },
      constraints: {
        limit_disclosure: 'required',
        fields: [
          { path: ['$.vct'], filter: { type: 'string', const: 'https://credentials.example.com/identity_credential' } },
          { path: ['$.family_name'] },
          { path: ['$.given_name'] },
        ],
      },
    },
  ],
};
