import { PassportError } from '../../errors/passport-error.js';

/**
 * Dotted claim paths as a tree: `address.region` names the `region` claim of `address`;
 * `nationalities.0` the first element of an array; `*` any property or element at its level.
 */
export interface PathTree {
  /** Whether a path ends here. */
  selected: boolean;
  children: Map<string, PathTree>;
}

/**
 * Builds the tree of a list of dotted paths.
 *
 * @throws PassportError `ERR_REQUEST_INVALID` for an empty path or an empty segment.
 */
export function buildPathTree(paths: readonly string[], field: string): PathTree {
  const root: PathTree = { selected: false, children: new Map() };
  for (const path of paths) {
    const segments = typeof path === 'string' ? path.split('.') : [];
    if (segments.length === 0 || segments.some((s) => s === '')) {
      throw new PassportError('ERR_REQUEST_INVALID', `${JSON.stringify(path)} is not a dotted claim path`, { field });
    }
    let node = root;
    for (const segment of segments) {
      let next = node.children.get(segment);
      if (!next) {
        next = { selected: false, children: new Map() };
        node.children.set(segment, next);
      }
      node = next;
    }
    node.selected = true;
  }
  return root;
}

/** The subtree for a property name or array index, merging what `*` says at that level. */
export function childOf(node: PathTree, key: string): PathTree | undefined {
  const exact = node.children.get(key);
  const any = node.children.get('*');
  if (!exact || !any) return exact ?? any;
  return mergeTrees(exact, any);
}

function mergeTrees(a: PathTree, b: PathTree): PathTree {
  const children = new Map(a.children);
  for (const [key, child] of b.children) {
    const mine = children.get(key);
    children.set(key, mine ? mergeTrees(mine, child) : child);
  }
  return { selected: a.selected || b.selected, children };
}

/** Whether a claim at these path segments is named by a path of the tree, or lies under one. */
export function isUnderSelectedPath(tree: PathTree, segments: readonly string[]): boolean {
  let node: PathTree | undefined = tree;
  for (const segment of segments) {
    node = childOf(node, segment);
    if (!node) return false;
    if (node.selected) return true;
  }
  return false;
}
