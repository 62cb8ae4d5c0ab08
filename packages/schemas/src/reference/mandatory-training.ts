/**
 * Statutory and mandatory training outside the CSTF subjects: the Oliver McGowan Mandatory
 * Training on Learning Disability and Autism, and the Care Certificate.
 *
 * Sources: Health and Care Act 2022, section 181 (CQC-registered providers must train staff in
 * learning disability and autism), and DHSC, the Oliver McGowan draft code of practice (tier 1:
 * e-learning and an online interactive session; tier 2: e-learning and a face-to-face day);
 * Skills for Care, Skills for Health and Health Education England, the Care Certificate (the
 * standards new health and care support workers meet in induction). Values marked `verify: true`
 * are not yet confirmed from the primary source.
 */
export const TRAINING_PROGRAMMES = {
  oliver_mcgowan: {
    title: 'The Oliver McGowan Mandatory Training on Learning Disability and Autism',
    tiers: {
      1: { title: 'Tier 1', components: ['elearning', 'interactive_session'] },
      2: { title: 'Tier 2', components: ['elearning', 'face_to_face_session'] },
    },
    source: 'Health and Care Act 2022, s. 181; DHSC, Oliver McGowan draft code of practice',
    // No national refresher period is set [verify]: the credential carries no expiry.
    verify: true,
  },
  care_certificate: {
    title: 'Care Certificate',
    tiers: {},
    standards: 16,
    source: 'Skills for Care, Skills for Health and Health Education England, the Care Certificate standards',
    // The number of standards (16 since the 2023 revision) [verify].
    verify: true,
  },
} as const;

export type TrainingProgrammeCode = keyof typeof TRAINING_PROGRAMMES;
/** The codes of {@link TRAINING_PROGRAMMES}. */
export const TRAINING_PROGRAMME_CODES = Object.keys(TRAINING_PROGRAMMES) as TrainingProgrammeCode[];

/** The parts a programme is delivered in. */
export const TRAINING_COMPONENTS = ['elearning', 'interactive_session', 'face_to_face_session'] as const;
export type TrainingComponent = (typeof TRAINING_COMPONENTS)[number];

/** Where this module's values come from. */
export const TRAINING_PROGRAMMES_SOURCE = 'Health and Care Act 2022 s. 181 and DHSC Oliver McGowan code of practice; Skills for Care, Skills for Health and HEE, the Care Certificate';
