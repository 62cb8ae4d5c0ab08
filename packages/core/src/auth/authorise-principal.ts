import { PassportError } from '../errors/passport-error.js';

/** Who is calling, as far as roles go: the organisation signed in to and the roles held there. */
export interface RolePrincipal<Role extends string> {
  orgId: string;
  role: Role;
  /** Every role held (a user of an OpenID provider may hold several); default `[role]`. */
  roles?: readonly Role[];
}

/**
 * Checks that a principal (an API key, or a user of the organisation's OpenID provider) may act
 * for an organisation in one of the roles given: any one role held that the route allows is enough.
 *
 * @example
 * authorisePrincipal(principal, orgId, ['checker']);
 * @throws PassportError `ERR_FORBIDDEN`
 */
export function authorisePrincipal<Role extends string>(principal: RolePrincipal<Role>, orgId: string, roles: readonly Role[]): void {
  if (principal.orgId !== orgId) throw new PassportError('ERR_FORBIDDEN', 'this sign-in belongs to another organisation', { field: 'orgId' });
  const held = principal.roles ?? [principal.role];
  if (!held.some((role) => roles.includes(role))) throw new PassportError('ERR_FORBIDDEN', `this needs the role ${roles.join(' or ')}`, { field: 'authorization' });
}
