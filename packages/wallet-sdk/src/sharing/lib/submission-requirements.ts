import { PassportError, isObject } from '@staff-passport/core/browser';

/** A PE 2.0 submission requirement (section 7): `all` or `pick` over a group or nested requirements. */
interface Requirement {
  name?: string;
  rule: 'all' | 'pick';
  count?: number;
  min?: number;
  max?: number;
  from?: string;
  fromNested?: Requirement[];
}

/** The input descriptors of a definition, each with its groups and whether the wallet can answer it. */
export interface DescriptorState {
  id: string;
  groups: readonly string[];
  answerable: boolean;
}

/**
 * Presentation Exchange 2.0 submission requirements (section 7): which input descriptors a
 * submission must answer. Without requirements every descriptor is required (section 5).
 */
export class SubmissionRequirements {
  private constructor(private readonly requirements: Requirement[] | undefined, private readonly descriptors: readonly DescriptorState[]) {}

  /**
   * @throws PassportError `ERR_WALLET_REQUEST_INVALID` for a malformed requirement.
   */
  static of(definition: Record<string, unknown>, descriptors: readonly DescriptorState[]): SubmissionRequirements {
    const raw = definition['submission_requirements'];
    if (raw === undefined) return new SubmissionRequirements(undefined, descriptors);
    if (!Array.isArray(raw) || raw.length === 0) throw invalid('submission_requirements is not a non-empty array');
    return new SubmissionRequirements(raw.map(readRequirement), descriptors);
  }

  /** Descriptors every acceptable submission answers (reached through `all` rules only). */
  requiredIds(): Set<string> {
    if (!this.requirements) return new Set(this.descriptors.map((d) => d.id));
    const out = new Set<string>();
    const walk = (r: Requirement): void => {
      if (r.rule !== 'all') return;
      if (r.from !== undefined) for (const d of this.inGroup(r.from)) out.add(d.id);
      for (const n of r.fromNested ?? []) walk(n);
    };
    this.requirements.forEach(walk);
    return out;
  }

  /** Names (or indexes) of top-level requirements the wallet cannot meet. */
  unsatisfied(): string[] {
    if (!this.requirements) return this.descriptors.filter((d) => !d.answerable).map((d) => d.id);
    return this.requirements.flatMap((r, i) => (this.canMeet(r) ? [] : [r.name ?? `submission_requirements[${i}]`]));
  }

  /** The descriptors to answer: the holder's chosen ones, then enough answerable others to meet every requirement. */
  select(chosen: ReadonlySet<string>): Set<string> {
    if (!this.requirements) return new Set(this.descriptors.map((d) => d.id));
    const out = new Set<string>();
    const pick = (r: Requirement): void => {
      const members: { ids: string[]; meet: () => void; ok: boolean }[] =
        r.from !== undefined
          ? this.inGroup(r.from).map((d) => ({ ids: [d.id], meet: () => out.add(d.id), ok: d.answerable }))
          : (r.fromNested ?? []).map((n) => ({ ids: this.idsUnder(n), meet: () => pick(n), ok: this.canMeet(n) }));
      if (r.rule === 'all') {
        members.forEach((m) => m.meet());
        return;
      }
      const want = r.count ?? r.min ?? 1;
      const limit = r.count ?? r.max ?? members.length;
      const ordered = [...members.filter((m) => m.ok && m.ids.some((id) => chosen.has(id))), ...members.filter((m) => m.ok && !m.ids.some((id) => chosen.has(id)))];
      const taken = ordered.slice(0, Math.max(want, Math.min(limit, ordered.filter((m) => m.ids.some((id) => chosen.has(id))).length)));
      taken.forEach((m) => m.meet());
    };
    this.requirements.forEach(pick);
    return out;
  }

  private inGroup(group: string): DescriptorState[] {
    return this.descriptors.filter((d) => d.groups.includes(group));
  }

  private idsUnder(r: Requirement): string[] {
    return r.from !== undefined ? this.inGroup(r.from).map((d) => d.id) : (r.fromNested ?? []).flatMap((n) => this.idsUnder(n));
  }

  private canMeet(r: Requirement): boolean {
    const met = r.from !== undefined ? this.inGroup(r.from).map((d) => d.answerable) : (r.fromNested ?? []).map((n) => this.canMeet(n));
    if (r.rule === 'all') return met.every(Boolean);
    return met.filter(Boolean).length >= (r.count ?? r.min ?? 1);
  }
}

function readRequirement(value: unknown): Requirement {
  if (!isObject(value) || (value['rule'] !== 'all' && value['rule'] !== 'pick')) throw invalid('a submission requirement has no rule all or pick');
  const from = typeof value['from'] === 'string' ? value['from'] : undefined;
  const nested = Array.isArray(value['from_nested']) ? value['from_nested'].map(readRequirement) : undefined;
  if ((from === undefined) === (nested === undefined)) throw invalid('a submission requirement has exactly one of from and from_nested');
  const int = (k: string): number | undefined => (typeof value[k] === 'number' && Number.isInteger(value[k]) && (value[k] as number) >= 0 ? (value[k] as number) : undefined);
  const count = int('count');
  const min = int('min');
  const max = int('max');
  return {
    rule: value['rule'],
    ...(typeof value['name'] === 'string' ? { name: value['name'] } : {}),
    ...(count === undefined ? {} : { count }),
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
    ...(from === undefined ? {} : { from }),
    ...(nested === undefined ? {} : { fromNested: nested }),
  };
}

function invalid(message: string): PassportError {
  return new PassportError('ERR_WALLET_REQUEST_INVALID', message, { field: 'presentation_definition.submission_requirements' });
}
