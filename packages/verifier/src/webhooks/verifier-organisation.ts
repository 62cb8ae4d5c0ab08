/**
 * The organisation webhook endpoints are kept under while the verifier serves one organisation.
 * When the verifier has organisations and sign-in, a check's organisation replaces it (the
 * subscriptions are already keyed by organisation id).
 */
export const DEFAULT_VERIFIER_ORGANISATION_ID = 'default';
