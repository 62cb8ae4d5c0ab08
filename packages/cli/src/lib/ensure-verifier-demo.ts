import { VERIFIER_ROLES, createVerifierApiKey, createVerifierOrganisation, getVerifierOrganisation, type VerifierContext, type VerifierRole } from '@staff-passport/verifier';
import type { DemoFacts } from './demo-facts.js';

/** The fictional demo receiving employer on the verifier. RZX is not an ODS code of a real trust. */
export const DEMO_VERIFIER_ORG = { name: 'Demo Riverside Hospitals NHS Trust (fictional)', odsCode: 'RZX' };

/**
 * Makes sure the verifier's demo organisation and an API key of each of its roles exist: reused
 * when `data/demo.json` names an organisation the verifier still has (the keys are shown once, so
 * they are kept in that file), made otherwise.
 */
export async function ensureVerifierDemo(ctx: VerifierContext, known: DemoFacts['verifier'] | undefined): Promise<DemoFacts['verifier']> {
  const url = ctx.publicUrl;
  if (known?.orgId && known.keys) {
    const org = await getVerifierOrganisation(ctx, known.orgId).catch(() => undefined);
    if (org) return { ...known, url, did: org.did };
  }
  const existing = await ctx.stores.organisations.findByOdsCode(DEMO_VERIFIER_ORG.odsCode);
  const org = existing ? await getVerifierOrganisation(ctx, existing.id) : await createVerifierOrganisation(ctx, DEMO_VERIFIER_ORG, 'demo-setup');
  const keys = {} as Record<VerifierRole, string>;
  for (const role of VERIFIER_ROLES) keys[role] = (await createVerifierApiKey(ctx, { orgId: org.id, role, label: `demo ${role}` }, 'demo-setup')).apiKey;
  return { url, orgId: org.id, did: org.did, keys };
}
