import {
  CheckList,
  checkCredentialStatus,
  checkIssuerTrust,
  findTrustedOrganisation,
  isObject,
  sha256Hex,
  type CredentialVerification,
  type VerificationCheck,
} from '@staff-passport/core';
import type { VerifiedCredentialView } from '../report/verified-credential-view.js';
import type { VerifierContext } from '../verifier-context.js';
import type { CredentialFormat } from './credential-input.js';

/** A credential through the whole pipeline: every check, and the view the profile rules read. */
export interface PipelineCredential {
  verification: CredentialVerification;
  view: VerifiedCredentialView;
}

/** What the format step found, before status and trust. */
export interface FormatResult {
  format: CredentialFormat;
  /** The format's checks (format, signature, validity, schema, key binding...). */
  verification: CredentialVerification;
  /** The credential's claims as a VC Data Model 2.0 shape: `credentialSubject`, `validFrom`, `validUntil`, `credentialStatus`. */
  subject: Record<string, unknown>;
  validFrom?: string;
  validUntil?: string;
  credentialStatus?: unknown;
  statusClaim?: unknown;
  /** What the credential was received as, for its hash. */
  received: string;
}

/**
 * Adds the pipeline's common steps to a format's verification: status (Bitstring or Token
 * Status List, cached; an unreachable list is `ERR_STATUS_UNKNOWN`, and the profile says how to
 * treat it) and the trust registry (issuer listed, and allowed this type, at issue time). The
 * issuer's name and ODS code shown come from the registry only, never from the credential.
 * `checks` (a VC API caller's `options.checks`) leaves out status and trust when it names neither.
 */
export async function addStatusAndTrust(ctx: VerifierContext, result: FormatResult, index: number, requested?: ReadonlySet<string>): Promise<PipelineCredential> {
  const list = new CheckList();
  const at = { credentialIndex: index };
  const issuer = result.verification.issuer;
  const types = result.verification.types ?? [];
  const signatureOk = !result.verification.checks.some((c) => c.outcome === 'failed' && ['format', 'signature', 'issuer'].includes(c.check));

  // Status: only for a credential whose issuer and signature stand (a forged one's lists mean nothing).
  if (requested && !requested.has('status')) list.skip('status', 'not asked for in options.checks', at);
  else if (!issuer || !signatureOk) list.skip('status', 'not checked: the credential itself did not verify', at);
  else if (result.credentialStatus === undefined && result.statusClaim === undefined) list.skip('status', 'the credential has no status entry', at);
  else {
    const statuses = await checkCredentialStatus({
      ...(result.credentialStatus === undefined ? {} : { credentialStatus: result.credentialStatus }),
      ...(result.statusClaim === undefined ? {} : { statusClaim: result.statusClaim }),
      issuerDid: issuer,
      resolver: ctx.resolver,
      fetchStatusList: ctx.fetchStatusList,
      cache: ctx.statusCache,
      now: ctx.now(),
      clockSkewSeconds: ctx.clockSkewSeconds,
    });
    const bad = statuses.filter((s) => s.status !== 'valid');
    if (bad.length === 0) list.pass('status', at);
    for (const s of bad) list.fail('status', s.code ?? 'ERR_STATUS_UNKNOWN', `${s.purpose}: ${s.message ?? s.status}`, at);
  }

  // Trust: the registry maps DIDs to organisations and the types each may issue.
  const registry = ctx.trustRegistry();
  let organisation: { name?: string; odsCode?: string } = {};
  if (requested && !requested.has('trust')) list.skip('trust', 'not asked for in options.checks', at);
  else if (!registry) list.skip('trust', 'no trust registry is configured: issuers are not checked against one', at);
  else if (!issuer) list.skip('trust', 'no issuer to check', at);
  else {
    const when = result.validFrom ? new Date(result.validFrom) : ctx.now();
    const failures = types.map((credentialType) => checkIssuerTrust(registry, { issuerDid: issuer, credentialType, at: when })).filter((t) => !t.trusted);
    if (types.length === 0) list.fail('trust', 'ERR_ISSUER_TYPE_NOT_ALLOWED', 'the credential is of no catalogue type', at);
    else if (failures.length === 0) list.pass('trust', at);
    for (const f of failures) if (!f.trusted) list.fail('trust', f.code, f.message, at);
    const found = findTrustedOrganisation(registry, issuer, when);
    if (found) organisation = { name: found.name, odsCode: found.odsCode };
  }

  const checks: VerificationCheck[] = [...result.verification.checks, ...list.checks];
  const verified = checks.every((c) => c.outcome !== 'failed');
  const subject = isObject(result.subject) ? result.subject : {};
  return {
    verification: { ...result.verification, verified, checks },
    view: {
      index,
      format: result.format,
      types,
      issuer: { did: issuer ?? '', ...organisation },
      subject,
      ...(result.validFrom ? { validFrom: result.validFrom } : {}),
      ...(result.validUntil ? { validUntil: result.validUntil } : {}),
      verified,
      checks,
      hash: sha256Hex(result.received),
    },
  };
}
