export { authenticateApiKey, authorise } from './api-keys/authenticate-api-key.js';
export type { Principal } from './api-keys/authenticate-api-key.js';
export { ROLES, createApiKey } from './api-keys/create-api-key.js';
export type { CreatedApiKey, Role } from './api-keys/create-api-key.js';
export { changeApiKeyRole, listApiKeys, revokeApiKey } from './api-keys/manage-api-keys.js';
export type { ApiKeyInfo } from './api-keys/manage-api-keys.js';
export { authenticatePlatformKey, createPlatformKey } from './api-keys/platform-keys.js';
export type { PlatformPrincipal } from './api-keys/platform-keys.js';
export { PLATFORM_CHAIN, appendAuditEvent, appendAuditEvents } from './audit/append-audit-event.js';
export type { AuditEventInput } from './audit/append-audit-event.js';
export { listAuditEvents } from './audit/list-audit-events.js';
export type { AuditEntry } from './audit/list-audit-events.js';
export { verifyAuditChain } from './audit/verify-audit-chain.js';
export type { AuditChainProblem, AuditChainReport } from './audit/verify-audit-chain.js';
export { createIssuerContext } from './create-issuer-context.js';
export { ensureSetup } from './setup/ensure-setup.js';
export { runHousekeeping } from './lib/run-housekeeping.js';
export type { HousekeepingReport } from './lib/run-housekeeping.js';
export type { EnsureSetupOptions } from './setup/ensure-setup.js';
export { parseSmtpUrl } from './mail/send-smtp-mail.js';
export { runMailOutbox, startMailOutbox } from './mail/run-mail-outbox.js';
export type { MailPass, MailSettings } from './mail/run-mail-outbox.js';
export type { CreateIssuerContextOptions } from './create-issuer-context.js';
export { getIssuedCredential, listIssuedCredentials } from './credentials/list-issued-credentials.js';
export type { CredentialQuery, IssuedCredentialRecord } from './credentials/list-issued-credentials.js';
export { createIssuerApp } from './http/create-issuer-app.js';
export type { IssuerAppOptions } from './http/create-issuer-app.js';
export { ISSUER_ROUTES, buildIssuerOpenApiDocument } from './http/issuer-routes.js';
export { guardIssuerRoute } from './http/guard-issuer-route.js';
export type { IssuerRoute, IssuerRouteDeps } from './http/issuer-route.js';
export { apiKeyAuthenticator } from './http/require-role.js';
export {
  addAuthHeaders,
  authenticateBearer,
  createAuthenticator,
  createSignInLimiter,
  deleteOidcConfig,
  getOidcConfig,
  parseOidcConfigInput,
  RateLimitedError,
  setOidcConfig,
} from './auth/index.js';
export type { ApiKeyPrincipal, AuthenticatedPrincipal, Authenticator, CreateAuthenticatorOptions, OidcConfig, OidcConfigInput, OidcPrincipal } from './auth/index.js';
export type { IssuerContext } from './issuer-context.js';
export {
  JOB_ID_PATTERN,
  JOB_KINDS,
  JOB_STATES,
  configureJobs,
  createJob,
  createWorkerIssueRow,
  findJobOrganisation,
  getJob,
  listJobErrors,
  listJobs,
  renderJobErrorsCsv,
  resumeJobs,
  rowRequestKey,
  stopJobs,
} from './jobs/index.js';
export type { BulkJob, CreateJobInput, IssueRowFunction, JobErrorReport, WorkerIssueRow, WorkerIssueRowOptions, JobKind, JobOptions, JobRunnerOptions, JobState, RowError, RowIssue, SkipReason } from './jobs/index.js';
export { isJobUpload } from './http/routes/job-routes.js';
export { checkDataModel } from './issuing/check-data-model.js';
export { issueCredential, parseIssueRequest, prepareCredential } from './issuing/issue-credential.js';
export type { IssueOrigin, IssueRequest, IssuedCredential, PreparedCredential } from './issuing/issue-credential.js';
export { CREDENTIAL_FORMATS } from './issuing/secure-credential.js';
export type { CredentialFormat } from './issuing/secure-credential.js';
export { buildDidDocument, odsUri } from './organisations/build-did-document.js';
export { createOrganisation } from './organisations/create-organisation.js';
export { getOrganisation, listOrganisations } from './organisations/get-organisation.js';
export { getOrgSigner, listOrgKeys, publishedOrgKeys, rotateOrgKeys } from './organisations/org-keys.js';
export type { OrgKey } from './organisations/org-keys.js';
export type { Organisation } from './organisations/organisation.js';
export { STATUS_REASONS, changeCredentialStatus } from './status/change-credential-status.js';
export type { CredentialStatusValue, StatusAction, StatusChange, StatusReason } from './status/change-credential-status.js';
export { renderStatusList } from './status/render-status-list.js';
export type { StatusListView } from './status/render-status-list.js';
export { STATUS_LIST_SIZE } from './store/status-list-store.js';
export { ISSUER_MIGRATIONS, ISSUER_SCHEMA } from './store/issuer-schema.js';
export { getCredentialTypeVersion, listCredentialTypes, listNewestRegisteredTypes } from './types/list-credential-types.js';
export { publishCredentialType } from './types/publish-credential-type.js';
export type { CredentialTypeInput, RegisteredType } from './types/registered-type.js';
export { getTypeSettings, setTypeSettings } from './types/set-unregistered-types.js';
export { getStaffCollectionSettings, setPersonClaim, type StaffCollectionSettings } from './collect/index.js';
export type { TypeSettings } from './types/set-unregistered-types.js';
export {
  OFFER_FORMATS,
  OFFER_STATUSES,
  OID4VCI_LIMITS,
  buildAuthorizationServerMetadata,
  buildCredentialIssuerMetadata,
  completeOffer,
  configurationIdFor,
  createOffer,
  credentialIssuerIdFor,
  getOffer,
  listOffers,
  offerLinkFor,
  wellKnownUrlFor,
  withdrawOffer,
} from './oid4vci/index.js';
export type { CreateOfferInput, CreatedOffer, CredentialConfiguration, OfferFormat, OfferStatus, OfferView, OfferedCredential } from './oid4vci/index.js';
export { CONSOLE_NAME, SESSION_COOKIE, createConsoleRouter } from './console/index.js';
export type { ConsoleRouterOptions } from './console/index.js';
