import { PassportError } from '@staff-passport/core';
import { CSTF_SUBJECTS, CSTF_SUBJECT_CODES, refresherMonths, trainingExpiry, type CstfLevel, type CstfSubjectCode } from '@staff-passport/schemas';
import { readArray, readBoolean, readClaim, readNumber, readObject, readString } from './lib/read-claims.js';
import type { ProfileReport, ReportBasis, TodoItem } from './profile-report.js';
import type { VerifiedCredential } from '../verification/verified-credential.js';

/** Where an exported value comes from: the credential's index in the presentation. */
interface FromCredential {
  credentialIndex: number;
}

/** The attributes HR would otherwise retype, from the credentials that passed. Absent: not disclosed or not presented. */
export interface ExportedAttributes {
  profileId: string;
  startDate: string;
  /** The outcome: ready_to_start, ready_once_checks_done or needs_action. */
  decision: ProfileReport['overall']['decision'];
  /** The kind of move the check was for. */
  move: ProfileReport['move']['kind'];
  evaluatedAt: string;
  /** The checks to do before the start, pre-filled from what was verified. */
  todo: TodoItem[];
  /** Per requirement: its outcome, what the employer does with it on this move, and the rule behind it. */
  reliance: { requirementId: string; title: string; outcome: ProfileReport['requirements'][number]['outcome']; decision: TodoItem['decision']; basis: ReportBasis }[];
  /** The holder's DID, as the credentials name their subject. */
  holder?: string;
  identity?: FromCredential & {
    confidenceLevel?: string;
    profile?: string;
    method?: string;
    verifiedAt?: string;
    reverifyBy?: string;
    givenName?: string;
    familyName?: string;
    birthDate?: string;
    nationalInsuranceNumber?: string;
    /** A `data:image/jpeg;base64,` URL, for the likeness check. */
    portrait?: string;
  };
  rightToWork?: FromCredential & {
    listType?: string;
    method?: string;
    documentKind?: string;
    documentExpiresOn?: string;
    permissionExpiresOn?: string;
    followUpDueOn?: string;
  };
  registrations: (FromCredential & {
    regulator?: string;
    number?: string;
    registerPart?: string;
    status?: string;
    registeredOn?: string;
    renewalDueOn?: string;
    revalidationDueOn?: string;
  })[];
  dbs?: FromCredential & {
    level?: string;
    workforce?: string;
    certificateNumber?: string;
    issuedOn?: string;
    decision?: string;
    updateServiceSubscribed?: boolean;
    updateServiceLastCheckOn?: string;
  };
  occupationalHealth?: FromCredential & { outcome?: string; eppClearance?: string; assessedOn?: string; nextReviewOn?: string };
  /** One entry per CSTF subject: the one in date longest, when several are shown. */
  training: (FromCredential & { subject: CstfSubjectCode; title: string; esrCompetence: string; level: number; completedOn: string; expiresOn: string })[];
  /** Employments, newest first, from an employment history or from references. */
  employment: (FromCredential & { employer?: string; odsCode?: string; jobTitle?: string; startOn?: string; endOn?: string })[];
  assignment?: FromCredential & {
    esrPersonNumber?: string;
    assignmentNumber?: string;
    employingOrganisation?: string;
    odsCode?: string;
    positionTitle?: string;
    staffGroup?: string;
    occupationCode?: string;
    payScheme?: string;
    payBand?: string;
    startOn?: string;
    endOn?: string;
  };
  placement?: FromCredential & {
    specialty?: string;
    grade?: string;
    nationalPostNumber?: string;
    employingBody?: string;
    site?: string;
    startOn?: string;
    endOn?: string;
  };
  roleCompetence?: FromCredential & { framework?: string; roleCode?: string; level?: number };
  /** The credentials the values come from (the verifier keeps hashes, not credentials). */
  sources: { credentialIndex: number; types: string[]; issuerDid: string; issuerName?: string; issuerOdsCode?: string; hash: string; statusUnknown: boolean }[];
}

/** Keeps the defined members only (an export carries no empty keys). */
function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

// Only a JPEG data URL is carried on (the desk shows it in an img element): anything else is dropped.
const portraitOf = (value: string | undefined) => (value !== undefined && /^data:image\/jpeg;base64,[A-Za-z0-9+/]+=*$/.test(value) ? value : undefined);

const orgName = (s: Record<string, unknown>, path: string) => readString(s, `${path}.organisationName`);
const orgOds = (s: Record<string, unknown>, path: string) => readString(s, `${path}.odsCode`);

/**
 * The verified attributes of one person, ready for a workforce system: registration number and
 * renewal dates, DBS certificate number and issue date, CSTF completion and expiry dates, right
 * to work list and expiry, employment dates, identity level and the person's identity attributes
 * (names, date of birth, NI number, portrait), ESR numbers; with the outcome, the kind of move,
 * the to-do list and the reliance basis of every requirement. Read only from the
 * credentials the report found usable (every check passed, or status unknown under an `accept`
 * policy), and only what was disclosed. Where one credential of a kind is wanted and several
 * passed, the one that satisfied a requirement wins.
 *
 * @example
 * const exported = exportVerifiedAttributes(report, views);
 * exported.dbs?.certificateNumber // '001234567890'
 * @throws PassportError `ERR_REQUEST_INVALID` when the credentials are not those the report was made from (hashes differ).
 */
export function exportVerifiedAttributes(report: ProfileReport, credentials: readonly VerifiedCredential[]): ExportedAttributes {
  const byIndex = new Map(report.credentials.map((c) => [c.index, c]));
  for (const c of credentials) {
    if (byIndex.get(c.index)?.hash !== c.hash) throw new PassportError('ERR_REQUEST_INVALID', `credential ${c.index} is not one the report was made from`, { field: 'credentials' });
  }
  const usable = credentials.filter((c) => byIndex.get(c.index)?.usable === true);
  // A credential that satisfied a requirement comes first, so it wins where one is wanted.
  const ranked = [...usable].sort((a, b) => Number((byIndex.get(b.index)?.usedFor.length ?? 0) > 0) - Number((byIndex.get(a.index)?.usedFor.length ?? 0) > 0) || a.index - b.index);
  const ofType = (type: string) => ranked.filter((c) => c.types.includes(type));
  const one = (type: string) => ofType(type)[0];

  const out: ExportedAttributes = {
    profileId: report.profile.id,
    startDate: report.startDate,
    decision: report.overall.decision,
    move: report.move.kind,
    evaluatedAt: report.evaluatedAt,
    todo: report.overall.todo,
    reliance: report.requirements.map((r) => ({ requirementId: r.id, title: r.title, outcome: r.outcome, decision: r.reliance.decision, basis: r.reliance.basis })),
    registrations: [],
    training: [],
    employment: [],
    sources: usable.map((c) =>
      defined({
        credentialIndex: c.index,
        types: [...c.types],
        issuerDid: c.issuer.did,
        issuerName: c.issuer.name,
        issuerOdsCode: c.issuer.odsCode,
        hash: c.hash,
        statusUnknown: byIndex.get(c.index)?.standing === 'status_unknown',
      }),
    ),
  };
  const holder = ranked.map((c) => c.subject['id']).find((id): id is string => typeof id === 'string');
  if (holder !== undefined) out.holder = holder;

  const id = one('IdentityVerification');
  if (id) {
    const s = id.subject;
    out.identity = defined({
      credentialIndex: id.index,
      confidenceLevel: readString(s, 'identity.confidenceLevel'),
      profile: readString(s, 'identity.profile'),
      method: readString(s, 'identity.method'),
      verifiedAt: readString(s, 'identity.verifiedAt'),
      reverifyBy: readString(s, 'identity.reverifyBy'),
      givenName: readString(s, 'person.givenName'),
      familyName: readString(s, 'person.familyName'),
      birthDate: readString(s, 'person.birthDate'),
      nationalInsuranceNumber: readString(s, 'person.nationalInsuranceNumber'),
      portrait: portraitOf(readString(s, 'person.portrait')),
    });
  }
  const rtw = one('RightToWork');
  if (rtw) {
    const s = rtw.subject;
    out.rightToWork = defined({
      credentialIndex: rtw.index,
      listType: readString(s, 'rightToWork.listType'),
      method: readString(s, 'rightToWork.method'),
      documentKind: readString(s, 'rightToWork.documentKind'),
      documentExpiresOn: readString(s, 'rightToWork.documentExpiresOn'),
      permissionExpiresOn: readString(s, 'rightToWork.permissionExpiresOn'),
      followUpDueOn: readString(s, 'rightToWork.followUpDueOn'),
    });
  }
  out.registrations = ofType('ProfessionalRegistration').map((c) =>
    defined({
      credentialIndex: c.index,
      regulator: readString(c.subject, 'registration.regulator'),
      number: readString(c.subject, 'registration.number'),
      registerPart: readString(c.subject, 'registration.registerPart'),
      status: readString(c.subject, 'registration.status'),
      registeredOn: readString(c.subject, 'registration.registeredOn'),
      renewalDueOn: readString(c.subject, 'registration.renewalDueOn'),
      revalidationDueOn: readString(c.subject, 'registration.revalidationDueOn'),
    }),
  );
  const dbs = one('DbsCheck');
  if (dbs) {
    const s = dbs.subject;
    out.dbs = defined({
      credentialIndex: dbs.index,
      level: readString(s, 'dbs.level'),
      workforce: readString(s, 'dbs.workforce'),
      certificateNumber: readString(s, 'dbs.certificateNumber'),
      issuedOn: readString(s, 'dbs.issuedOn'),
      decision: readString(s, 'dbs.decision'),
      updateServiceSubscribed: readBoolean(s, 'dbs.updateService.subscribed'),
      updateServiceLastCheckOn: readString(s, 'dbs.updateService.lastStatusCheckOn'),
    });
  }
  const oh = one('OccupationalHealthClearance');
  if (oh) {
    const s = oh.subject;
    out.occupationalHealth = defined({
      credentialIndex: oh.index,
      outcome: readString(s, 'clearance.outcome'),
      eppClearance: readString(s, 'clearance.eppClearance'),
      assessedOn: readString(s, 'clearance.assessedOn'),
      nextReviewOn: readString(s, 'check.nextReviewOn'),
    });
  }
  out.training = exportTraining(ranked);
  out.employment = exportEmployment(ranked);
  const a = one('EmploymentAssignment');
  if (a) {
    const s = a.subject;
    out.assignment = defined({
      credentialIndex: a.index,
      esrPersonNumber: readString(s, 'assignment.esrPersonNumber'),
      assignmentNumber: readString(s, 'assignment.assignmentNumber'),
      employingOrganisation: orgName(s, 'assignment.employingOrganisation'),
      odsCode: orgOds(s, 'assignment.employingOrganisation'),
      positionTitle: readString(s, 'assignment.positionTitle'),
      staffGroup: readString(s, 'assignment.staffGroup'),
      occupationCode: readString(s, 'assignment.occupationCode'),
      payScheme: readString(s, 'assignment.payScheme'),
      payBand: readString(s, 'assignment.payBand'),
      startOn: readString(s, 'assignment.startOn'),
      endOn: readString(s, 'assignment.endOn'),
    });
  }
  const p = one('TrainingPlacement');
  if (p) {
    const s = p.subject;
    out.placement = defined({
      credentialIndex: p.index,
      specialty: readString(s, 'placement.specialty'),
      grade: readString(s, 'placement.grade'),
      nationalPostNumber: readString(s, 'placement.nationalPostNumber'),
      employingBody: orgName(s, 'placement.employingBody'),
      site: orgName(s, 'placement.site'),
      startOn: readString(s, 'placement.startOn'),
      endOn: readString(s, 'placement.endOn'),
    });
  }
  const rc = one('RoleCompetence');
  if (rc) {
    out.roleCompetence = defined({
      credentialIndex: rc.index,
      framework: readString(rc.subject, 'competence.framework'),
      roleCode: readString(rc.subject, 'competence.roleCode'),
      level: readNumber(rc.subject, 'competence.level'),
    });
  }
  return out;
}

type TrainingEntry = ExportedAttributes['training'][number];

function exportTraining(ranked: readonly VerifiedCredential[]): TrainingEntry[] {
  const best = new Map<CstfSubjectCode, { entry: TrainingEntry; record: boolean }>();
  // The longest in date wins; on a tie, a record (it names its ESR competence) over a summary.
  const offer = (entry: TrainingEntry, record: boolean) => {
    const held = best.get(entry.subject);
    if (held === undefined || entry.expiresOn > held.entry.expiresOn || (entry.expiresOn === held.entry.expiresOn && record && !held.record)) best.set(entry.subject, { entry, record });
  };
  const entry = (credentialIndex: number, subject: CstfSubjectCode, level: number, completedOn: string, esrCompetence?: string): TrainingEntry | undefined => {
    // Expiry is the catalogue's rule (completion plus the refresher period of the level), never retyped.
    if (refresherMonths(subject, level as CstfLevel) === undefined) return undefined;
    const expiresOn = trainingExpiry(subject, level as CstfLevel, completedOn);
    return { credentialIndex, subject, title: CSTF_SUBJECTS[subject].title, esrCompetence: esrCompetence ?? CSTF_SUBJECTS[subject].esrCompetencePrefix, level, completedOn, expiresOn };
  };
  for (const c of ranked) {
    if (c.types.includes('TrainingRecord')) {
      const subject = readString(c.subject, 'training.subject') as CstfSubjectCode | undefined;
      const level = readNumber(c.subject, 'training.level');
      const completedOn = readString(c.subject, 'training.completedOn');
      if (subject === undefined || !CSTF_SUBJECT_CODES.includes(subject) || level === undefined || completedOn === undefined) continue;
      const e = entry(c.index, subject, level, completedOn, readString(c.subject, 'training.esrCompetence'));
      if (e) offer(e, true);
    } else if (c.types.includes('TrainingSummary')) {
      for (const subject of CSTF_SUBJECT_CODES) {
        const s = readObject(c.subject, `summary.subjects.${subject}`);
        const level = s?.['level'];
        const completedOn = s?.['completedOn'];
        if (typeof level !== 'number' || typeof completedOn !== 'string') continue;
        const e = entry(c.index, subject, level, completedOn);
        if (e) offer(e, false);
      }
    }
  }
  return CSTF_SUBJECT_CODES.flatMap((code) => best.get(code)?.entry ?? []);
}

function exportEmployment(ranked: readonly VerifiedCredential[]): ExportedAttributes['employment'] {
  const rows: ExportedAttributes['employment'] = [];
  const history = ranked.find((c) => c.types.includes('EmploymentHistory'));
  if (history) {
    for (const e of readArray(history.subject, 'history.employments') ?? []) {
      if (e === null || typeof e !== 'object') continue;
      const item = e as Record<string, unknown>;
      rows.push(
        defined({
          credentialIndex: history.index,
          employer: orgName(item, 'employer'),
          odsCode: orgOds(item, 'employer'),
          jobTitle: readString(item, 'jobTitle'),
          startOn: readString(item, 'startOn'),
          endOn: readString(item, 'endOn'),
        }),
      );
    }
  } else {
    for (const r of ranked.filter((c) => c.types.includes('EmploymentReference'))) {
      if (readClaim(r.subject, 'reference.outcome') !== 'satisfactory') continue;
      rows.push(
        defined({
          credentialIndex: r.index,
          employer: orgName(r.subject, 'reference.referee'),
          odsCode: orgOds(r.subject, 'reference.referee'),
          jobTitle: readString(r.subject, 'reference.jobTitle'),
          startOn: readString(r.subject, 'reference.startOn'),
          endOn: readString(r.subject, 'reference.endOn'),
        }),
      );
    }
  }
  // Newest first: an open-ended (current) employment before any that ended.
  return rows.sort((a, b) => (b.endOn ?? '9999-12-31').localeCompare(a.endOn ?? '9999-12-31') || (b.startOn ?? '').localeCompare(a.startOn ?? ''));
}
