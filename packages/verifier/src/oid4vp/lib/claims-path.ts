import { isObject } from '@staff-passport/core';

/** A claims path pointer (OpenID4VP 1.0 section 7): keys, `null` for every array element, indexes. */
export type PathPointer = (string | number | null)[];

/**
 * The values a claims path pointer selects in a credential (OpenID4VP 1.0 section 7.2): a string
 * selects a key of an object, `null` every element of an array, a number one element. An empty
 * result means the claim is not there.
 */
export function selectClaims(root: unknown, path: PathPointer): unknown[] {
  let selected: unknown[] = [root];
  for (const component of path) {
    const next: unknown[] = [];
    for (const value of selected) {
      if (typeof component === 'string') {
        if (isObject(value) && Object.hasOwn(value, component)) next.push(value[component]);
      } else if (component === null) {
        if (Array.isArray(value)) next.push(...(value as unknown[]));
      } else if (Array.isArray(value) && component >= 0 && component < value.length) {
        next.push(value[component]);
      }
    }
    selected = next;
    if (selected.length === 0) break;
  }
  return selected;
}

/** Whether a concrete path (keys and indexes) is matched by a pointer (with `null` wildcards), as a prefix either way. */
export function pathsOverlap(concrete: PathPointer, pointer: PathPointer): boolean {
  const n = Math.min(concrete.length, pointer.length);
  for (let i = 0; i < n; i++) {
    const p = pointer[i];
    const c = concrete[i];
    if (p === null) {
      if (typeof c !== 'number' && c !== null) return false;
    } else if (p !== c) {
      return false;
    }
  }
  return true;
}

/**
 * A simple JSONPath of a Presentation Exchange field (`$.a.b`, `$.a[*].b`, `$['a']`, `$.a[0]`) as a
 * claims path pointer; undefined for anything fancier (filters, recursive descent).
 */
export function jsonPathToPointer(jsonPath: string): PathPointer | undefined {
  if (!jsonPath.startsWith('$')) return undefined;
  const pointer: PathPointer = [];
  const re = /\.([A-Za-z0-9_@#$-]+)|\[\*\]|\[(\d+)\]|\['([^']+)'\]|\["([^"]+)"\]/gy;
  re.lastIndex = 1;
  let consumed = 1;
  for (let m = re.exec(jsonPath); m; m = re.exec(jsonPath)) {
    if (m[1] !== undefined) pointer.push(m[1]);
    else if (m[2] !== undefined) pointer.push(Number(m[2]));
    else if (m[3] !== undefined) pointer.push(m[3]);
    else if (m[4] !== undefined) pointer.push(m[4]);
    else pointer.push(null);
    consumed = re.lastIndex;
  }
  return consumed === jsonPath.length ? pointer : undefined;
}
