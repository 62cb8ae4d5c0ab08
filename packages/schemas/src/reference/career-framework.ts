/**
 * Career framework levels and the role lookup tables of the frameworks a RoleCompetence names.
 *
 * Sources: Skills for Health, Career Framework (levels 1-9); NHS England, Integrated Urgent Care /
 * NHS 111 Workforce Blueprint (competency-based roles); NHS England, Primary Care and Community
 * multi-professional career framework (stages). Role-to-level mappings are `verify: true`
 * (DOMAIN.md marks them unconfirmed); they live here and nowhere else.
 */
export const CAREER_FRAMEWORK_LEVELS = {
  1: { title: 'Initial entry level' },
  2: { title: 'Support worker' },
  3: { title: 'Senior healthcare assistant' },
  4: { title: 'Assistant practitioner' },
  5: { title: 'Practitioner' },
  6: { title: 'Senior practitioner' },
  7: { title: 'Advanced practitioner' },
  8: { title: 'Consultant' },
  9: { title: 'Strategic' },
} as const;

export type CareerFrameworkLevel = keyof typeof CAREER_FRAMEWORK_LEVELS;
/** The career framework levels, 1 to 9. */
export const CAREER_FRAMEWORK_LEVEL_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** One role of a framework's lookup table. */
export interface FrameworkRole {
  readonly title: string;
  /** The career framework levels the role sits at. */
  readonly levels: readonly CareerFrameworkLevel[];
}

/** A framework a RoleCompetence may name, with its role lookup table. */
export interface CareerFramework {
  readonly title: string;
  readonly roles: Readonly<Record<string, FrameworkRole>>;
  readonly source: string;
  readonly verify?: boolean;
}

/**
 * IUC / NHS 111 roles. The blueprint has roles at levels 2-8 and core competences at 9; which
 * role sits at which level is not yet confirmed from the blueprint itself.
 */
export const IUC_ROLES = {
  iuc_service_advisor: { title: 'Service advisor', levels: [2] },
  iuc_health_advisor: { title: 'Health advisor', levels: [3] },
  iuc_senior_health_advisor: { title: 'Senior health advisor', levels: [4] },
  iuc_clinical_navigator: { title: 'Clinical navigator', levels: [4] },
  iuc_clinical_advisor: { title: 'Clinical advisor', levels: [5] },
  iuc_senior_clinical_advisor: { title: 'Senior clinical advisor', levels: [6] },
  iuc_advanced_clinical_practitioner: { title: 'Advanced clinical practitioner', levels: [7] },
  iuc_consultant: { title: 'Consultant', levels: [8, 9] },
} as const satisfies Record<string, FrameworkRole>;

/** Primary Care and Community stages; the levels are our reading of Skills for Health levels. */
export const PRIMARY_CARE_STAGES = {
  pcc_support_worker: { title: 'Support worker', levels: [2, 3] },
  pcc_assistant_or_associate_practitioner: { title: 'Assistant or associate practitioner', levels: [4] },
  pcc_registered_practitioner: { title: 'Registered practitioner', levels: [5, 6] },
  pcc_enhanced_practice: { title: 'Enhanced practice', levels: [6] },
  pcc_advanced_practice: { title: 'Advanced practice', levels: [7] },
  pcc_consultant_practice: { title: 'Consultant practice', levels: [8] },
} as const satisfies Record<string, FrameworkRole>;

/** The frameworks a RoleCompetence may name, each with its role lookup table. */
export const CAREER_FRAMEWORKS = {
  iuc_workforce_blueprint: {
    title: 'Integrated Urgent Care / NHS 111 Workforce Blueprint',
    roles: IUC_ROLES,
    source: 'NHS England, Integrated Urgent Care / NHS 111 Workforce Blueprint',
    verify: true,
  },
  primary_care_community: {
    title: 'Primary Care and Community multi-professional career framework',
    roles: PRIMARY_CARE_STAGES,
    source: 'NHS England, Primary Care and Community multi-professional career framework',
    verify: true,
  },
} as const satisfies Record<string, CareerFramework>;

export type CareerFrameworkCode = keyof typeof CAREER_FRAMEWORKS;
/** The codes of {@link CAREER_FRAMEWORKS}. */
export const CAREER_FRAMEWORK_CODES = Object.keys(CAREER_FRAMEWORKS) as CareerFrameworkCode[];

export type RoleCode = keyof typeof IUC_ROLES | keyof typeof PRIMARY_CARE_STAGES;
/** Every role code of every framework's lookup table. */
export const ROLE_CODES = [...Object.keys(IUC_ROLES), ...Object.keys(PRIMARY_CARE_STAGES)] as RoleCode[];

/** Where this module's values come from. */
export const CAREER_FRAMEWORK_LEVELS_SOURCE = 'Skills for Health, Career Framework';
