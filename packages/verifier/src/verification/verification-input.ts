/** The credential formats the verifier accepts (OpenID4VCI format identifiers where they exist). */
export type CredentialFormat = 'vc+jwt' | 'jwt_vc_json' | 'dc+sd-jwt' | 'ldp_vc';

/** A credential as received, with its format worked out. */
export type CredentialInput = { format: 'vc+jwt' | 'jwt_vc_json' | 'dc+sd-jwt'; value: string } | { format: 'ldp_vc'; value: Record<string, unknown> };

/** A presentation as received. */
export type PresentationInput =
  | { format: 'vp+jwt'; value: string }
  | { format: 'dc+sd-jwt'; value: string }
  | { format: 'ldp_vp'; value: Record<string, unknown> };
