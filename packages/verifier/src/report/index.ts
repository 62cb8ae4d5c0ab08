export { REVIEW_STATEMENT, evaluateProfile } from './evaluate-profile.js';
export type { EvaluateProfileOptions } from './evaluate-profile.js';
export { exportVerifiedAttributes } from './export-verified-attributes.js';
export type { ExportedAttributes } from './export-verified-attributes.js';
export type { CredentialResult, ProfileReport, ReasonCode, ReportBasis, ReportReason, RequirementReliance, RequirementResult, TodoItem, TodoKind } from './profile-report.js';
export { ESR_CSV_COLUMNS, toEsrCsv } from './to-esr-csv.js';
export type { ToEsrCsvOptions } from './to-esr-csv.js';
export type { VerifiedCredentialView } from './verified-credential-view.js';
