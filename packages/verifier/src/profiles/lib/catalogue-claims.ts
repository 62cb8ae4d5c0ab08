import { CATALOGUE, getCredentialType } from '@staff-passport/schemas';

type Schema = Readonly<Record<string, unknown>>;

/** What the catalogue's schema says of one claim path of a type. */
export interface ClaimShape {
  /** Indexes of the path segments whose value is an array (their items are selected after them). */
  arrayAfter: number[];
  /** Whether every credential of the type carries the claim (required at every level; conditional rules ignored). */
  alwaysPresent: boolean;
}

const asSchema = (value: unknown): Schema | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : undefined);

/**
 * The shape of a claim (dotted path under `credentialSubject`) in the newest schema of a type, or
 * undefined when the type has no such claim.
 *
 * @example
 * claimShape('EmploymentHistory', 'history.employments') // { arrayAfter: [1], alwaysPresent: true }
 */
export function claimShape(type: string, path: string): ClaimShape | undefined {
  const definition = getCredentialType(type);
  let current = asSchema(asSchema(asSchema(definition?.schema['properties'])?.['credentialSubject']));
  const segments = path.split('.');
  const arrayAfter: number[] = [];
  let alwaysPresent = true;
  for (const [i, segment] of segments.entries()) {
    const next = asSchema(asSchema(current?.['properties'])?.[segment]);
    if (current === undefined || next === undefined) return undefined;
    const required = current['required'];
    alwaysPresent &&= Array.isArray(required) && required.includes(segment);
    current = next;
    if (current['type'] === 'array') {
      arrayAfter.push(i);
      current = asSchema(current['items']);
    }
  }
  return { arrayAfter, alwaysPresent };
}

/**
 * Every SD-JWT VC `vct` of a type, newest version first: a verifier accepts every version the
 * catalogue keeps.
 */
export function vctValuesOf(type: string): string[] {
  return CATALOGUE.filter((d) => d.type === type).map((d) => d.vct);
}
