/**
 * What a presentation must be beyond the VC Data Model, per channel. The defaults are the rules of
 * our OpenID4VP flow (a holder that signs, at least one credential, each issued to that holder).
 * The VC Data Model 2.0 (section 4.13) makes `holder` and `verifiableCredential` optional and does
 * not tie subjects to the holder: a VC API `POST /presentations/verify` may relax them.
 */
export interface PresentationRules {
  /** The presentation names its holder (a DID) and the holder made the proof. Default true. */
  holderRequired?: boolean;
  /** The presentation carries at least one credential (else `ERR_VP_EMPTY`). Default true. */
  credentialsRequired?: boolean;
  /** Every credential was issued to the holder (check `holder-binding`). Default true. */
  holderBinding?: boolean;
}

/** The rules with their defaults filled in. */
export function presentationRulesOf(rules: PresentationRules = {}): Required<PresentationRules> {
  return { holderRequired: rules.holderRequired ?? true, credentialsRequired: rules.credentialsRequired ?? true, holderBinding: rules.holderBinding ?? true };
}
