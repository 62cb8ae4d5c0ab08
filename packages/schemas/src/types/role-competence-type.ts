import type { SchemaIssue } from '../lib/catalogue-types.js';
import { defineCredentialType } from '../lib/define-credential-type.js';
import { CAREER_FRAMEWORKS, type CareerFramework, type FrameworkRole } from '../reference/career-framework.js';
import { EXAMPLE_ATTRIBUTE_METADATA } from './example-metadata.js';
import { ROLE_COMPETENCE_VERSION, roleCompetenceSchema, type RoleCompetenceSubject } from './role-competence.js';

/** The RoleCompetence entry of the catalogue. */
export const roleCompetenceType = defineCredentialType<RoleCompetenceSubject>({
  type: 'RoleCompetence',
  slug: 'role-competence',
  version: ROLE_COMPETENCE_VERSION,
  schema: roleCompetenceSchema,
  labels: {
    competence: 'Role competence',
    'competence.framework': 'Framework',
    'competence.frameworkVersion': 'Framework version',
    'competence.level': 'Career framework level',
    'competence.roleCode': 'Role',
    'competence.competences': 'Competences',
    'competence.competences.competenceId': 'Competence',
    'competence.competences.title': 'Title',
    'competence.competences.assessedBy': 'Assessed by',
    'competence.competences.assessedOn': 'Assessed on',
    'competence.competences.assessmentMethod': 'Method',
    'competence.qualifications': 'Qualifications',
    'competence.qualifications.awardingBody': 'Awarding body',
    'competence.qualifications.title': 'Title',
    'competence.qualifications.rqfLevel': 'RQF level',
    'competence.qualifications.awardedOn': 'Awarded on',
    'competence.apprenticeship': 'Apprenticeship',
    'competence.apprenticeship.standardReference': 'Standard',
    'competence.apprenticeship.title': 'Title',
    'competence.apprenticeship.apprenticeshipLevel': 'Level',
    'competence.apprenticeship.apprenticeshipStatus': 'Status',
    'competence.apprenticeship.completedOn': 'Completed on',
  },
  disclosable: ['competence.competences', 'competence.qualifications', 'competence.apprenticeship'],
  rules: [
    { code: 'role_not_in_framework', rule: "The role code is in the named framework's role lookup table." },
    { code: 'role_level_mismatch', rule: 'The level is one the role sits at in the framework (role-to-level mappings are reference data to verify).' },
    { code: 'required', rule: 'A completed apprenticeship names its completion date.' },
  ],
  checkRules(subject): SchemaIssue[] {
    const c = subject.competence;
    const framework: CareerFramework = CAREER_FRAMEWORKS[c.framework];
    const role: FrameworkRole | undefined = framework.roles[c.roleCode];
    if (role === undefined) {
      return [{ path: 'credentialSubject.competence.roleCode', code: 'role_not_in_framework', message: `is not a role of ${framework.title}` }];
    }
    if (!role.levels.some((l) => l === c.level)) {
      return [{ path: 'credentialSubject.competence.level', code: 'role_level_mismatch', message: `${role.title} sits at level ${role.levels.join(' or ')}` }];
    }
    return [];
  },
  exampleSubject: {
    id: '{holderDid}',
    competence: {
      framework: 'iuc_workforce_blueprint',
      frameworkVersion: '2.0',
      level: 3,
      roleCode: 'iuc_health_advisor',
      competences: [
        { competenceId: 'IUC-HA-01', title: 'Call handling using NHS Pathways', assessedBy: 'Demo Valley IUC clinical educator', assessedOn: '2026-08-12', assessmentMethod: 'observation' },
        { competenceId: 'IUC-HA-02', title: 'Recognising and escalating life-threatening symptoms', assessedBy: 'Demo Valley IUC clinical educator', assessedOn: '2026-08-19', assessmentMethod: 'simulation' },
      ],
      qualifications: [{ awardingBody: 'Example Awarding Organisation', title: 'Level 3 Diploma in Healthcare Support', rqfLevel: 3, awardedOn: '2025-07-01' }],
      apprenticeship: { standardReference: 'ST0217', title: 'Senior healthcare support worker', apprenticeshipLevel: 3, apprenticeshipStatus: 'completed', completedOn: '2025-07-01' },
    },
    attributeMetadata: { ...EXAMPLE_ATTRIBUTE_METADATA, verificationMethod: 'Competence assessment record', lastRefresh: '2026-08-19' },
  },
});
