import type { SchemaIssue } from '../lib/catalogue-types.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { TRAINING_PROGRAMMES } from '../reference/mandatory-training.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import { TRAINING_COMPLETION_VERSION, trainingCompletionSchema, type TrainingCompletionSubject } from './training-completion.js';

/** The TrainingCompletion entry of the catalogue. */
export const trainingCompletionType = defineCredentialType<TrainingCompletionSubject>({
  type: 'TrainingCompletion',
  slug: 'training-completion',
  version: TRAINING_COMPLETION_VERSION,
  schema: trainingCompletionSchema,
  labels: {
    training: 'Training',
    'training.programme': 'Programme',
    'training.tier': 'Tier',
    'training.components': 'Parts completed',
    'training.components.component': 'Part',
    'training.components.completedOn': 'Part completed on',
    'training.completedOn': 'Completed on',
    'training.deliveredBy': 'Delivered by',
  },
  disclosable: ['training.components', 'training.deliveredBy'],
  rules: [
    { code: 'required', rule: 'The Oliver McGowan Mandatory Training names its tier.' },
    { code: 'tier_not_in_programme', rule: 'Only the Oliver McGowan Mandatory Training has tiers; the Care Certificate has none.' },
    { code: 'component_not_in_tier', rule: 'Each part is one of the tier’s: tier 1 e-learning and an online interactive session; tier 2 e-learning and a face-to-face session.' },
    { code: 'date_order', rule: 'Every part is completed on or before the programme’s completion day.' },
  ],
  checkRules(subject): SchemaIssue[] {
    const t = subject.training;
    const issues: SchemaIssue[] = [];
    const tiers: Readonly<Record<number, { components: readonly string[] }>> = TRAINING_PROGRAMMES[t.programme].tiers;
    if (t.tier !== undefined && tiers[t.tier] === undefined) {
      issues.push({ path: 'credentialSubject.training.tier', code: 'tier_not_in_programme', message: `${TRAINING_PROGRAMMES[t.programme].title} has no tiers` });
    }
    const allowed = t.tier === undefined ? [] : (tiers[t.tier]?.components ?? []);
    (t.components ?? []).forEach((c, i) => {
      if (!allowed.includes(c.component)) issues.push({ path: `credentialSubject.training.components.${i}.component`, code: 'component_not_in_tier', message: `is not a part of ${TRAINING_PROGRAMMES[t.programme].title}${t.tier === undefined ? '' : ` tier ${t.tier}`}` });
      if (c.completedOn > t.completedOn) issues.push({ path: `credentialSubject.training.components.${i}.completedOn`, code: 'date_order', message: `must be on or before the completion day (${t.completedOn})` });
    });
    return issues;
  },
  exampleSubject: {
    id: '{holderDid}',
    training: {
      programme: 'oliver_mcgowan',
      tier: 1,
      components: [
        { component: 'elearning', completedOn: '2026-05-04' },
        { component: 'interactive_session', completedOn: '2026-05-19' },
      ],
      completedOn: '2026-05-19',
      deliveredBy: 'Demo Valley NHS Trust learning and development',
    },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, assuranceOutcome: 'Tier 1 completed: e-learning and online interactive session', verificationMethod: 'ESR learning record', lastRefresh: '2026-05-19' },
  },
});
