import {
  DBS_LEVELS,
  DBS_STATUS_CHECK,
  MOVE_KINDS,
  RELIANCE_BASES,
  REGULATORS,
  RELIANCE_DECISIONS,
  RIGHT_TO_WORK_DOCUMENTS,
  RIGHT_TO_WORK_ROUTES,
  type DbsLevel,
  type MoveKind,
  type RegulatorCode,
  type RightToWorkDocument,
  type RightToWorkRoute,
} from '@staff-passport/schemas';
import type { ProfileRequirement } from '../../profiles/check-profile.js';
import type { RequirementResult, TodoItem, TodoKind } from '../profile-report.js';
import type { VerifiedCredential } from '../../verification/verified-credential.js';
import { readBoolean, readString } from './read-claims.js';

const NOT_SHARED = 'Not shared';

type Detail = TodoItem['details'][number];
type Link = TodoItem['links'][number];

/** The person's identity attributes, from the identity credential the report relied on (if shared). */
interface Person {
  givenName?: string;
  familyName?: string;
  birthDate?: string;
}

function personOf(views: readonly VerifiedCredential[]): Person {
  const id = views.find((v) => v.types.includes('IdentityVerification'));
  if (!id) return {};
  const read = (p: string) => readString(id.subject, `person.${p}`);
  const person: Person = {};
  for (const key of ['givenName', 'familyName', 'birthDate'] as const) {
    const value = read(key);
    if (value !== undefined) person[key] = value;
  }
  return person;
}

const detail = (label: string, value: string | undefined): Detail => ({ label, value: value ?? NOT_SHARED });
const words = (code: string | undefined) => code?.replace(/_/g, ' ');

function identityItem(view: VerifiedCredential | undefined, person: Person): Pick<TodoItem, 'kind' | 'title' | 'details' | 'links'> {
  const s = view?.subject ?? {};
  return {
    kind: 'identity_in_person',
    title: 'See the original identity documents in person at the start, and check the person matches the portrait',
    details: [
      detail('Name', person.givenName || person.familyName ? [person.givenName, person.familyName].filter(Boolean).join(' ') : undefined),
      detail('Date of birth', person.birthDate),
      detail('Photo document relied on', words(readString(s, 'identity.photoDocument.documentKind'))),
      detail('Checked by', readString(s, 'identity.idsp.providerName') ?? words(readString(s, 'identity.method'))),
    ],
    links: [],
  };
}

/** The prescribed checks that suit the document the previous check relied on (all of them when not shared). */
function routesFor(documentKind: string | undefined): RightToWorkRoute[] {
  const routes = Object.keys(RIGHT_TO_WORK_ROUTES) as RightToWorkRoute[];
  if (documentKind === undefined || !(documentKind in RIGHT_TO_WORK_DOCUMENTS)) return routes;
  return routes.filter((r) => (RIGHT_TO_WORK_ROUTES[r].documentKinds as readonly string[]).includes(documentKind));
}

function rightToWorkItem(view: VerifiedCredential | undefined, person: Person, move: MoveKind): Pick<TodoItem, 'kind' | 'title' | 'details' | 'links'> {
  const s = view?.subject ?? {};
  const documentKind = readString(s, 'rightToWork.documentKind');
  const routes = routesFor(documentKind);
  const document = documentKind && documentKind in RIGHT_TO_WORK_DOCUMENTS ? RIGHT_TO_WORK_DOCUMENTS[documentKind as RightToWorkDocument].title : undefined;
  const details: Detail[] = [
    detail('Route', routes.map((r) => RIGHT_TO_WORK_ROUTES[r].title).join('; or ')),
    detail('Document the previous check relied on', document),
    detail('Previous check', words(readString(s, 'rightToWork.method'))),
    detail('List', readString(s, 'rightToWork.listType')),
    detail('Date of birth (for an online check)', person.birthDate),
  ];
  // The one exception to doing your own check, said where it applies and where it does not.
  if (move !== 'tupe_transfer') details.push({ label: 'TUPE exception', value: `Only a TUPE transfer may rely on the previous check: ${RELIANCE_BASES['rtw-tupe'].summary}` });
  const links: Link[] = routes.flatMap((r) => {
    const route: { title: string; url?: string } = RIGHT_TO_WORK_ROUTES[r];
    return route.url ? [{ text: route.title, href: route.url }] : [];
  });
  return { kind: 'right_to_work_check', title: 'Do your own right to work check before the start', details, links };
}

function dbsItem(view: VerifiedCredential | undefined, person: Person, decision: TodoItem['decision']): Pick<TodoItem, 'kind' | 'title' | 'details' | 'links'> {
  const s = view?.subject ?? {};
  const level = readString(s, 'dbs.level') as DbsLevel | undefined;
  const subscribed = readBoolean(s, 'dbs.updateService.subscribed');
  // The Update Service is the DBS's (England and Wales): Disclosure Scotland and AccessNI certificates are not on it.
  const scheme = readString(s, 'dbs.scheme');
  const covered = (scheme === undefined || scheme === 'dbs') && (level === undefined || (DBS_STATUS_CHECK.levels as readonly string[]).includes(level));
  const certificate = [
    detail('Certificate number', readString(s, 'dbs.certificateNumber')),
    detail('Surname', person.familyName),
    detail('Date of birth', person.birthDate),
    detail('Level', level ? (DBS_LEVELS[level]?.title ?? words(level)) : undefined),
    detail('Issued on', readString(s, 'dbs.issuedOn')),
  ];
  if (decision === 'repeat' || !covered || subscribed === false) {
    const why = decision === 'repeat' ? 'The profile repeats this check.' : !covered ? 'The DBS Update Service covers DBS standard and enhanced certificates only.' : 'The certificate is not on the Update Service.';
    return { kind: 'dbs_new_check', title: 'Apply for a new DBS check (or decide under your policy whether to accept this certificate)', details: [{ label: 'Why', value: why }, ...certificate], links: [] };
  }
  return {
    kind: 'dbs_status_check',
    title: "Run the DBS Update Service status check, with the person's consent",
    details: [...certificate, detail('On the Update Service', subscribed === undefined ? undefined : 'Yes')],
    links: [{ text: DBS_STATUS_CHECK.title, href: DBS_STATUS_CHECK.url }],
  };
}

function registrationItem(view: VerifiedCredential | undefined): Pick<TodoItem, 'kind' | 'title' | 'details' | 'links'> {
  const s = view?.subject ?? {};
  const regulator = readString(s, 'registration.regulator');
  const known = regulator !== undefined && Object.hasOwn(REGULATORS, regulator) ? REGULATORS[regulator as RegulatorCode] : undefined;
  const details = [
    detail('Regulator', regulator),
    detail('Registration number', readString(s, 'registration.number')),
    detail('Part of the register', readString(s, 'registration.registerPart')),
    detail('Status when checked', words(readString(s, 'registration.status'))),
  ];
  if (regulator === 'GMC') {
    const licence = readBoolean(s, 'registration.licenceToPractise');
    details.push({ label: 'Licence to practise', value: `${licence === undefined ? 'Not shared' : licence ? 'Held when checked' : 'Not held when checked'}: check it on the register` });
  }
  return {
    kind: 'register_check',
    title: `Check the ${regulator ?? 'regulator'}'s register online before the start`,
    details,
    links: known ? [{ text: `${known.title}: search the register`, href: known.registerSearchUrl }] : [],
  };
}

function genericItem(requirement: ProfileRequirement, decision: TodoItem['decision']): Pick<TodoItem, 'kind' | 'title' | 'details' | 'links'> {
  const kind: TodoKind = decision === 'repeat' ? 'repeat_check' : 'live_check';
  return { kind, title: `${RELIANCE_DECISIONS[decision].title}: ${requirement.title}`, details: [], links: [] };
}

/**
 * The to-do list of a report: for every requirement the profile does not simply rely on for this
 * kind of move (a live check, or a check of the employer's own), one item pre-filled from what was
 * verified (the DBS certificate number, surname and date of birth for an Update Service status
 * check; the regulator, number and register search; the right to work route). Items come from
 * satisfied requirements, and from `repeat` ones whatever was shared.
 */
export function buildTodoList(
  requirements: readonly ProfileRequirement[],
  results: readonly RequirementResult[],
  usable: readonly VerifiedCredential[],
  move: MoveKind,
): TodoItem[] {
  const person = personOf(usable);
  const byIndex = new Map(usable.map((v) => [v.index, v]));
  const items: TodoItem[] = [];
  requirements.forEach((requirement, i) => {
    const result = results[i]!;
    const { decision, basis } = result.reliance;
    if (decision === 'rely') return;
    if (result.outcome !== 'satisfied' && decision !== 'repeat') return;
    // The credential to pre-fill from: the one that met the requirement, else any usable one of its types.
    const types = requirement.accepts.map((a) => a.type);
    const view = result.satisfiedBy.map((n) => byIndex.get(n)).find((v) => v !== undefined) ?? usable.find((v) => v.types.some((t) => types.includes(t)));
    let item: Pick<TodoItem, 'kind' | 'title' | 'details' | 'links'>;
    switch (requirement.rule.kind) {
      case 'identity':
        item = identityItem(view, person);
        break;
      case 'right_to_work':
        item = rightToWorkItem(view, person, move);
        break;
      case 'dbs':
        item = dbsItem(view, person, decision);
        break;
      case 'professional_registration':
        item = registrationItem(view);
        break;
      default:
        item = genericItem(requirement, decision);
    }
    if (view === undefined) item.details.unshift({ label: 'Shared', value: `Nothing was shared for this (${MOVE_KINDS[move].title}): do the whole check` });
    items.push({ id: `${requirement.id}:${item.kind}`, requirementId: requirement.id, decision, basis, ...item });
  });
  return items;
}
