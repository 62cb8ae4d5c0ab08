import { backLink, button, checkboxes, errorFor, errorSummary, html, insetText, notificationBanner, radios, summaryList, tag, warningCallout, type FieldError, type SafeHtml } from '@staff-passport/web-kit/browser';
import type { CandidateCredential, CredentialDescription, DisclosurePreview, ShareChoice, SharePreview } from '@staff-passport/wallet-sdk/browser';
import type { AppContext, Screen } from '../app/app-context.js';
import { shareError } from '../lib/describe-error.js';
import { claimLabel, claimValueText, formatDateTime, humanise } from '../lib/format-value.js';
import { planShareGroups, type ShareGroup } from '../lib/plan-share-groups.js';
import { UNCHECKED_ORGANISATION_HINT } from '../lib/organisation-text.js';
import { CONFIRM_UNREGISTERED, notRegisteredTag, registrationSummary, registrationWarning } from '../lib/registration-text.js';
import { runBusy } from '../lib/run-busy.js';
import { technicalDetails } from '../lib/technical-details.js';
import { expiryText, issuerText } from './lib/credential-standing.js';

/** The form's values: each input name and the values chosen under it. */
type FormValues = Map<string, string[]>;

/** The descriptions of the wallet's credentials that answer the request, by id. */
type Descriptions = Map<string, CredentialDescription>;

/**
 * "Choose what to share": who asks (the trust registry's organisation, else the verifier's own
 * name, and its client id) and why; per thing asked for, the credential(s) that answer it and
 * each claim as a checkbox. Required claims are checked and marked "Required" (sharing without
 * them is refused with an error); optional claims are unchecked until the holder chooses them.
 * "What will be sent" lists, credential by credential, every detail that will leave the phone as
 * the form stands (what they asked for, and what the credential always shares), personal data
 * marked: the sharing log records the same. A wallet holding only part of what is asked may share
 * that part. With a trust registry, whether the verifier is registered to ask for what it asks:
 * what is not registered is listed and marked, and sharing it needs the holder to confirm.
 * "Share" sends only what is checked; "Do not share" tells the verifier no.
 */
export async function showShareScreen(ctx: AppContext): Promise<Screen | undefined> {
  const preview = ctx.session.request;
  if (!preview) {
    ctx.navigate('#/share');
    return undefined;
  }
  const descriptions: Descriptions = new Map();
  for (const candidate of preview.queries.flatMap((q) => q.candidates)) {
    if (!descriptions.has(candidate.credential.id)) descriptions.set(candidate.credential.id, await ctx.wallet.describeCredential(candidate.credential));
  }
  return shareScreen(ctx, preview, descriptions, undefined, []);
}

/** Who asks, as the holder reads it. */
export function verifierName(preview: SharePreview): string {
  return preview.organisation?.name ?? preview.clientName ?? new URL(preview.responseUri).host;
}

function shareScreen(ctx: AppContext, preview: SharePreview, descriptions: Descriptions, values: FormValues | undefined, errors: FieldError[]): Screen {
  const groups = planShareGroups(preview);
  // Holding only part of what is asked, the holder may still share that part.
  const partial = preview.unsatisfied.length > 0;
  const canShare = groups.length > 0;
  const name = verifierName(preview);
  const registration = registrationSummary(preview.registration);
  return {
    title: 'Choose what to share',
    section: 'share',
    hasErrors: errors.length > 0,
    content: html`${backLink('#/share')}
${errorSummary(errors)}
<span class="nhsuk-caption-l">Request from ${name}</span>
<h1>Choose what to share</h1>
${summaryList([
  {
    key: 'Who is asking',
    value: preview.organisation
      ? html`<span id="verifier-name">${preview.organisation.name}${preview.organisation.odsCode ? ` (ODS code ${preview.organisation.odsCode})` : ''}</span>`
      : html`<span id="verifier-name">${name}</span><br>${tag('Not checked', 'grey')}<p class="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">${UNCHECKED_ORGANISATION_HINT}</p>`,
  },
  ...(registration ? [{ key: 'Registered to ask', value: registration }] : []),
  { key: 'Why they are asking', value: html`<span id="request-purpose">${preview.purpose ?? 'They did not say'}</span>` },
])}
${technicalDetails([{ key: 'Their identifier', value: preview.clientId, id: 'verifier-client-id' }])}
${
  canShare
    ? partial
      ? warningCallout(
          'You have only part of what they asked for',
          html`<p id="partial-share">It asks for ${missingText(preview)}, which your wallet does not have. You can share what you have: ${name} will see a report on the part you share.</p>`,
        )
      : ''
    : warningCallout('You cannot answer this request', html`<p>It asks for ${missingText(preview)}, which your wallet does not have. You can tell ${name} you are not sharing.</p>`)
}
<form id="share-form" novalidate>
  ${canShare ? registrationWarning(preview.registration, name, values?.get(CONFIRM_UNREGISTERED)?.includes('yes') ?? false, errors, (claim) => askedClaimLabel(preview, descriptions, claim)) : ''}
  ${canShare ? groups.map((group, gi) => groupMarkup(group, gi, descriptions, values, errors)) : ''}
  ${canShare ? html`<h2 class="nhsuk-heading-m" id="will-send-heading">What will be sent</h2><div id="will-send" aria-live="polite" aria-labelledby="will-send-heading"></div>` : ''}
  <div class="nhsuk-button-group">
    ${canShare ? button({ text: 'Share', id: 'share-button', name: 'decision', value: 'share' }) : ''}
    ${button({ text: 'Do not share', id: 'refuse-button', variant: 'secondary', name: 'decision', value: 'refuse' })}
  </div>
</form>`,
    bind: (main) => {
      const form = main.querySelector<HTMLFormElement>('#share-form')!;
      const willSend = main.querySelector<HTMLElement>('#will-send');
      // Each change asks again; only the latest answer is shown.
      let asked = 0;
      // Show only the chosen way (and credential) of each group, and what would leave the phone.
      const sync = (): void => {
        const current = readValues(form);
        for (const block of Array.from(main.querySelectorAll<HTMLElement>('[data-shown-when]'))) {
          const [field, value] = block.dataset['shownWhen']!.split('=');
          block.hidden = (current.get(field!)?.[0] ?? '0') !== value;
        }
        if (willSend) {
          const mine = ++asked;
          void showWillSend(ctx, preview, descriptions, chosen(groups, current, descriptions, name).choices, partial).then((markup) => {
            if (mine === asked) willSend.innerHTML = markup.value;
          });
        }
      };
      form.addEventListener('change', sync);
      sync();
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const submitter = (event as SubmitEvent).submitter;
        const formValues = readValues(form);
        if (submitter instanceof HTMLButtonElement && submitter.value === 'refuse') {
          void refuse(ctx, preview, form);
          return;
        }
        const { choices, problems } = chosen(groups, formValues, descriptions, name);
        if (problems.length > 0) {
          ctx.show(shareScreen(ctx, preview, descriptions, formValues, problems));
          return;
        }
        void share(ctx, preview, descriptions, form, formValues, choices, partial);
      });
    },
  };
}

/** The label of a claim asked for (a path under credentialSubject), from the credential that answers it. */
function askedClaimLabel(preview: SharePreview, descriptions: Descriptions, claim: string): string {
  for (const candidate of preview.queries.flatMap((q) => q.candidates)) {
    const found = candidate.claims.find((c) => c.path.replace(/^credentialSubject\./, '') === claim);
    if (found) return claimLabel(found.path, descriptions.get(candidate.credential.id));
  }
  return claimLabel(claim, undefined);
}

function readValues(form: HTMLFormElement): FormValues {
  const values: FormValues = new Map();
  new FormData(form).forEach((value, name) => values.set(name, [...(values.get(name) ?? []), String(value)]));
  return values;
}

function titleOf(candidate: CandidateCredential, descriptions: Descriptions): string {
  return descriptions.get(candidate.credential.id)?.title ?? candidate.credential.types[0] ?? 'Credential';
}

function optionTitle(option: ShareGroup['options'][number], descriptions: Descriptions): string {
  return [...new Set(option.map((q) => titleOf(q.candidates[0]!, descriptions)))].join(' and ');
}

function groupMarkup(group: ShareGroup, gi: number, descriptions: Descriptions, values: FormValues | undefined, errors: FieldError[]): SafeHtml {
  const titles = [...new Set(group.options.map((o) => optionTitle(o, descriptions)))];
  const optionField = `g${gi}-option`;
  const choose = group.options.length > 1 || !group.required;
  const chosenOption = values?.get(optionField)?.[0] ?? (group.required ? '0' : 'none');
  return html`<div class="app-share-group" id="group-${gi}">
  <h2 class="nhsuk-heading-m">${titles.join(' or ')}${group.required ? '' : html` ${tag('Optional', 'white')}`}</h2>
  ${group.purpose ? html`<p>${group.purpose}</p>` : ''}
  ${
    choose
      ? radios({
          id: optionField,
          label: group.required ? 'Which do you want to share?' : 'Do you want to share this?',
          choices: [
            ...group.options.map((option, oi) => ({
              value: String(oi),
              text: group.required ? optionTitle(option, descriptions) : `Share ${optionTitle(option, descriptions)}`,
              hint: option.every((q) => q.candidates.every((c) => c.selective)) ? 'You choose which details to share' : 'Everything in it is shared',
              checked: chosenOption === String(oi),
            })),
            ...(group.required ? [] : [{ value: 'none', text: 'Do not share this', checked: chosenOption === 'none' }]),
          ],
        })
      : ''
  }
  ${group.options.map(
    (option, oi) => html`<div data-shown-when="${optionField}=${oi}">
    ${option.map((query, qi) => queryMarkup(query.candidates, `g${gi}-o${oi}-q${qi}`, descriptions, values, errors))}
  </div>`,
  )}
</div>`;
}

function queryMarkup(candidates: CandidateCredential[], prefix: string, descriptions: Descriptions, values: FormValues | undefined, errors: FieldError[]): SafeHtml {
  const credentialField = `${prefix}-credential`;
  const chosenCredential = values?.get(credentialField)?.[0] ?? '0';
  return html`${
    candidates.length > 1
      ? radios({
          id: credentialField,
          label: 'Which credential do you want to share?',
          choices: candidates.map((c, ci) => {
            const d = descriptions.get(c.credential.id);
            // Two credentials of a type may differ only by when they arrived.
            const hint = `${d ? `From ${issuerText(d)}. ${expiryText(d).text}. ` : ''}Added ${formatDateTime(c.credential.storedAt)}`;
            return { value: String(ci), text: titleOf(c, descriptions), hint, checked: chosenCredential === String(ci) };
          }),
        })
      : ''
  }
  ${candidates.map((candidate, ci) => html`<div data-shown-when="${credentialField}=${ci}">${candidateMarkup(candidate, `${prefix}-c${ci}`, descriptions, values, errors, candidates.length === 1)}</div>`)}`;
}

function candidateMarkup(candidate: CandidateCredential, prefix: string, descriptions: Descriptions, values: FormValues | undefined, errors: FieldError[], showFrom: boolean): SafeHtml {
  const description = descriptions.get(candidate.credential.id);
  // With several candidates, the choice above already says where each is from.
  const from = description && showFrom ? html`<p class="nhsuk-body-s">From ${issuerText(description)}. ${expiryText(description).text}.</p>` : '';
  if (!candidate.selective) {
    return html`${from}${insetText(html`<p>This credential can only be shared whole: everything in it is shared, not only the details asked for.</p>`)}
${summaryList(candidate.claims.map((c) => ({ key: claimLabel(c.path, description), value: html`${claimValueText(c.path, c.value, description)}${notRegisteredTag(c.registered)}` })))}`;
  }
  const claimsField = `${prefix}-claims`;
  const checked = values ? new Set(values.get(claimsField) ?? []) : undefined;
  const asked = candidate.claims.map((claim, k) => ({ claim, k })).filter(({ claim }) => claim.value !== undefined);
  // Claims the issuer did not make selectively disclosable (the SDK says which) are not the holder's to choose.
  const choosable = asked.filter(({ claim }) => !claim.alwaysShared);
  const fixed = asked.filter(({ claim }) => claim.alwaysShared);
  // What else the credential always shares: not asked for, nor part of an always-shared claim listed above.
  const others = candidate.alwaysShared.filter((path) => !asked.some(({ claim }) => claim.path === path || (claim.alwaysShared && path.startsWith(`${claim.path}.`))));
  const error = choosable.map(({ k }) => errorFor(errors, `${claimsField}-${k}`)).find(Boolean);
  return html`${from}${
    choosable.length > 0
      ? checkboxes({
          id: `${claimsField}-${choosable[0]!.k}`,
          name: claimsField,
          label: 'Choose what to share',
          hint: 'Details marked Required must be shared to answer the request. Optional details are not shared unless you choose them.',
          ...(error ? { error } : {}),
          choices: choosable.map(({ claim, k }) => ({
            id: `${claimsField}-${k}`,
            value: String(k),
            text: html`${claimLabel(claim.path, description)} ${claim.required ? tag('Required', 'blue') : tag('Optional', 'white')}${/^(credentialSubject\.)?person\./.test(claim.path) ? html` ${tag('Personal data', 'purple')}` : ''}${notRegisteredTag(claim.registered)}`,
            hint: claimValueText(claim.path, claim.value, description),
            checked: checked ? checked.has(String(k)) : claim.required,
          })),
        })
      : ''
  }${
    fixed.length > 0 || others.length > 0
      ? html`<div class="app-always-shared">
  <h3 class="nhsuk-heading-s">Always shared with this credential</h3>
  <p class="nhsuk-body-s">The organisation that issued it made these details part of the credential itself, so they are shared whenever you share it.</p>
  ${fixed.length > 0 ? summaryList(fixed.map(({ claim }) => ({ key: claimLabel(claim.path, description), value: html`${claimValueText(claim.path, claim.value, description)}${notRegisteredTag(claim.registered)}` }))) : ''}
  ${
    others.length > 0
      ? html`<details class="nhsuk-details">
    <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">${fixed.length > 0 ? 'Other details it always shares' : 'Details it always shares'}</span></summary>
    <div class="nhsuk-details__text"><ul class="nhsuk-list nhsuk-list--bullet">${others.map((path) => html`<li>${claimLabel(path, description)}</li>`)}</ul></div>
  </details>`
      : ''
  }
</div>`
      : ''
  }`;
}

/** Every detail that would leave the phone as the form stands, credential by credential (what the sharing log will record). */
function willSendMarkup(disclosures: readonly DisclosurePreview[], descriptions: Descriptions): SafeHtml {
  if (disclosures.length === 0) return html`<p>Nothing.</p>`;
  return html`${disclosures.map((d) => {
    const description = descriptions.get(d.credentialId);
    return html`<h3 class="nhsuk-heading-s">${description?.title ?? d.credentialTypes[0] ?? 'Credential'}</h3>
<ul class="nhsuk-list nhsuk-list--bullet app-will-send">${d.claims.map(
      (c) => html`<li>${claimLabel(c.path, description)}${c.personal ? html` ${tag('Personal data', 'purple')}` : ''}${c.asked ? '' : html` ${tag('Not asked for', 'grey')}`}</li>`,
    )}</ul>`;
  })}`;
}

async function showWillSend(ctx: AppContext, preview: SharePreview, descriptions: Descriptions, choices: Record<string, ShareChoice>, partial: boolean): Promise<SafeHtml> {
  try {
    return willSendMarkup(await ctx.wallet.previewDisclosures(preview, { choices, partial }), descriptions);
  } catch {
    // A choice sharing would refuse (a required detail left out): the error shows when they share.
    return html`<p>Choose the details they need to see what will be sent.</p>`;
  }
}

/**
 * The holder's choices from the form, every required claim left out, and sharing what the verifier
 * is not registered to ask for without confirming it.
 */
function chosen(groups: ShareGroup[], values: FormValues, descriptions: Descriptions, name: string): { choices: Record<string, ShareChoice>; problems: FieldError[] } {
  const choices: Record<string, ShareChoice> = {};
  const problems: FieldError[] = [];
  let unregistered = false;
  groups.forEach((group, gi) => {
    const picked = values.get(`g${gi}-option`)?.[0] ?? (group.required ? '0' : 'none');
    if (picked === 'none') return;
    const oi = Number(picked);
    group.options[oi]?.forEach((query, qi) => {
      const prefix = `g${gi}-o${oi}-q${qi}`;
      const ci = Number(values.get(`${prefix}-credential`)?.[0] ?? '0');
      const candidate = query.candidates[ci];
      if (!candidate) return;
      if (!candidate.selective) {
        choices[query.queryId] = { credentialId: candidate.credential.id };
        unregistered ||= query.registered === false;
        return;
      }
      const claimsField = `${prefix}-c${ci}-claims`;
      const checked = new Set(values.get(claimsField) ?? []);
      const omit: string[] = [];
      candidate.claims.forEach((claim, k) => {
        const shared = claim.value !== undefined && (checked.has(String(k)) || claim.alwaysShared);
        unregistered ||= shared && claim.registered === false;
        // Claims the credential always shares are not the holder's to leave out (nor an error).
        if (checked.has(String(k)) || claim.value === undefined || claim.alwaysShared) return;
        if (claim.required) {
          const label = claimLabel(claim.path, descriptions.get(candidate.credential.id));
          problems.push({ field: `${claimsField}-${k}`, message: `Select ${label}: it is required to answer this request. If you do not want to share it, choose Do not share` });
        } else {
          omit.push(claim.path);
        }
      });
      choices[query.queryId] = { credentialId: candidate.credential.id, omit };
    });
  });
  if (unregistered && !(values.get(CONFIRM_UNREGISTERED) ?? []).includes('yes')) {
    problems.push({ field: CONFIRM_UNREGISTERED, message: `Confirm you want to share the details ${name} is not registered to ask for, or leave them out` });
  }
  return { choices, problems };
}

async function share(ctx: AppContext, preview: SharePreview, descriptions: Descriptions, form: HTMLFormElement, values: FormValues, choices: Record<string, ShareChoice>, partial: boolean): Promise<void> {
  try {
    const result = await runBusy(form, 'Sharing', () => ctx.wallet.sharePresentation(preview, { choices, partial }));
    ctx.session.shared = { preview, result };
  } catch (err: unknown) {
    ctx.show(shareScreen(ctx, preview, descriptions, values, [{ field: 'share-button', message: shareError(err) }]));
    return;
  }
  delete ctx.session.request;
  ctx.navigate('#/share/done');
}

async function refuse(ctx: AppContext, preview: SharePreview, form: HTMLFormElement): Promise<void> {
  try {
    await runBusy(form, 'Telling them you are not sharing', () => ctx.wallet.refusePresentationRequest(preview));
  } catch {
    // The verifier could not be told (it may be offline): nothing was shared either way.
  }
  delete ctx.session.request;
  ctx.session.flash = notificationBanner({ title: 'Nothing shared', content: `You did not share anything with ${verifierName(preview)}` });
  ctx.navigate('#/');
}

/** What a request asks for that the wallet lacks, in words (`identity__identity_verification__sd` -> "Identity verification"). */
function missingText(preview: SharePreview): string {
  const names = preview.unsatisfied.map((entry) => {
    const id = entry.split('|')[0]!.split('+')[0]!;
    const parts = id.split('__');
    return humanise(parts.length >= 2 ? parts[1]! : id).toLowerCase();
  });
  const unique = [...new Set(names)];
  return unique.length === 0 ? 'credentials' : unique.join(', ');
}
