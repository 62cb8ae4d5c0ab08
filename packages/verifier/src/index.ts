export { createVerifierContext } from './create-verifier-context.js';
export type { CreateVerifierContextOptions } from './create-verifier-context.js';
export { createVerifierApp } from './http/create-verifier-app.js';
export { buildReport } from './verification/verification-report.js';
export type { ReportError, VerificationReport } from './verification/verification-report.js';
export { verifyCredentialRequest } from './verification/verify-credential-request.js';
export { verifyPresentationRequest } from './verification/verify-presentation-request.js';
export type { VerifierContext } from './verifier-context.js';
