/**
 * Type-level derivation of TypeScript types from our JSON Schemas (written `as const`), so a
 * credential type's TypeScript type cannot drift from its schema: change the schema and the type
 * changes with it. Covers the subset of JSON Schema the catalogue uses (object, array, string,
 * number, integer, boolean, enum, const); conditional keywords (`allOf`, `if`/`then`) only add
 * constraints, so they are ignored here and enforced by the validator.
 */

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type RequiredKeys<S> = S extends { readonly required: readonly (infer R)[] } ? R : never;

type FromObject<P, R> = Simplify<
  { -readonly [K in keyof P as K extends R ? K : never]: FromSchema<P[K]> } & {
    -readonly [K in keyof P as K extends R ? never : K]?: FromSchema<P[K]>;
  }
>;

/**
 * The TypeScript type a JSON Schema (declared `as const`) describes.
 *
 * @example
 * const s = { type: 'object', required: ['a'], properties: { a: { type: 'string' }, b: { enum: [1, 2] } } } as const;
 * type T = FromSchema<typeof s>; // { a: string; b?: 1 | 2 }
 */
export type FromSchema<S> = S extends { readonly const: infer C }
  ? C
  : S extends { readonly enum: readonly (infer E)[] }
    ? E
    : S extends { readonly type: 'object'; readonly properties: infer P }
      ? FromObject<P, RequiredKeys<S>>
      : S extends { readonly type: 'array'; readonly items: infer I }
        ? FromSchema<I>[]
        : S extends { readonly type: 'string' }
          ? string
          : S extends { readonly type: 'integer' | 'number' }
            ? number
            : S extends { readonly type: 'boolean' }
              ? boolean
              : unknown;

type Leaf = string | number | boolean | null | undefined;

/**
 * Every dotted path of claims in a type, objects and their members alike; array items share
 * their array's path (`competences.title`). Used to require a label for every field.
 *
 * @example
 * type P = ClaimPath<{ a: { b: string }; c: { d: number }[] }>; // 'a' | 'a.b' | 'c' | 'c.d'
 */
export type ClaimPath<T> = T extends readonly (infer I)[]
  ? ClaimPath<I>
  : T extends Leaf
    ? never
    : T extends object
      ? { [K in keyof T & string]-?: K | `${K}.${ClaimPath<NonNullable<T[K]>>}` }[keyof T & string]
      : never;

/** The claim paths of a credential subject that carry labels: all but the holder id and the attribute metadata. */
export type SubjectClaimPath<Subject> = ClaimPath<Omit<Subject, 'id' | 'attributeMetadata'>>;
