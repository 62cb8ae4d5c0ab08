import { GPG45_LEVELS, type Gpg45Level } from '../reference/gpg45.js';

/**
 * Whether an employer should accept an identity check at a GPG 45 confidence level (medium or
 * higher, per the NHS Employers identity check standard).
 *
 * @example
 * isIdentityLevelAcceptable('medium') // true
 */
export function isIdentityLevelAcceptable(level: Gpg45Level): boolean {
  return GPG45_LEVELS[level].acceptableForEmployment;
}
