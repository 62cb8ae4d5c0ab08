// https://www.w3.org/ns/credentials/examples/v2, byte for byte as published in w3c/vc-data-model @ 647f43b, contexts/credentials/examples/v2.
// SHA-256 57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c (checked by test/data-integrity/contexts.test.ts). Do not edit.
// Not served by the strict loader itself: the examples vocabulary is for examples and test suites, so
// a service opts in (the verifier passes it as an extra context).
/** The URL of the VC Data Model 2.0 examples context. */
export const CREDENTIALS_EXAMPLES_V2_URL = 'https://www.w3.org/ns/credentials/examples/v2';

/** The https://www.w3.org/ns/credentials/examples/v2 JSON-LD context document (a single `@vocab`), as published. */
export const CREDENTIALS_EXAMPLES_V2_CONTEXT = String.raw`{
  "@context": {
    "@vocab": "https://www.w3.org/ns/credentials/examples#"
  }
}
`;
