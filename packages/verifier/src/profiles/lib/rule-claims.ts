import type { RequirementRule, RuleKind } from '../check-profile.js';

/** The catalogue types each rule kind can read. */
export const RULE_TYPES: Readonly<Record<RuleKind, readonly string[]>> = {
  identity: ['IdentityVerification'],
  right_to_work: ['RightToWork'],
  professional_registration: ['ProfessionalRegistration'],
  dbs: ['DbsCheck'],
  occupational_health: ['OccupationalHealthClearance'],
  training: ['TrainingRecord', 'TrainingSummary'],
  employment_history: ['EmploymentHistory', 'EmploymentReference'],
  references: ['EmploymentReference'],
  role_competence: ['RoleCompetence'],
  employment_assignment: ['EmploymentAssignment'],
  training_placement: ['TrainingPlacement'],
};

/**
 * The claims (dotted paths under `credentialSubject`) a rule reads from a credential type. A
 * profile must ask for each of them; the evaluation reads nothing else.
 *
 * @example
 * ruleClaims({ kind: 'identity', minimumLevel: 'medium' }, 'IdentityVerification') // ['identity.confidenceLevel', 'identity.reverifyBy']
 */
export function ruleClaims(rule: RequirementRule, type: string): string[] {
  switch (rule.kind) {
    case 'identity':
      return ['identity.confidenceLevel', 'identity.reverifyBy'];
    case 'right_to_work':
      return ['rightToWork.listType', 'rightToWork.documentExpiresOn', 'rightToWork.permissionExpiresOn', 'rightToWork.followUpDueOn'];
    case 'professional_registration':
      return [
        'registration.regulator',
        'registration.status',
        'registration.renewalDueOn',
        'registration.revalidationDueOn',
        ...(rule.registerParts ? ['registration.registerPart'] : []),
        ...(rule.annotations ? ['registration.annotations'] : []),
      ];
    case 'dbs':
      return [
        'dbs.level',
        'dbs.issuedOn',
        'dbs.decision',
        ...(rule.workforce ? ['dbs.workforce'] : []),
        ...(rule.minimumLevel === 'enhanced_barred' ? ['dbs.barredListsChecked'] : []),
        ...(rule.updateService ? ['dbs.updateService'] : []),
      ];
    case 'occupational_health':
      return [
        'clearance.outcome',
        'check.nextReviewOn',
        ...(rule.eppClearanceRequired ? ['clearance.eppClearance'] : []),
        ...(rule.immunityCleared ?? []).map((d) => `clearance.immunity.${d}`),
      ];
    case 'training':
      if (type === 'TrainingSummary') {
        return [...(rule.requireIssuerAligned ? ['summary.issuerAligned'] : []), ...rule.subjects.map((s) => `summary.subjects.${s.subject}`)];
      }
      return ['training.subject', 'training.level', 'training.completedOn', ...(rule.requireIssuerAligned ? ['training.issuerAligned'] : [])];
    case 'employment_history':
      if (type === 'EmploymentReference') return ['reference.startOn', 'reference.endOn', 'reference.outcome'];
      return ['history.coversFrom', 'history.coversTo', 'history.employments', 'history.gaps'];
    case 'references':
      return ['reference.outcome'];
    case 'role_competence':
      return ['competence.framework', 'competence.roleCode', 'competence.level'];
    case 'employment_assignment':
      return rule.staffGroups ? ['assignment.staffGroup'] : [];
    case 'training_placement':
      return ['placement.startOn', 'placement.endOn', ...(rule.grades ? ['placement.grade'] : [])];
  }
}
