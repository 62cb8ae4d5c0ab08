/**
 * An export for a workforce system, kept as data: which fields, in which order, read from where in
 * the verified attributes, with which code lists and date format.
 */
export interface ExportField {
  /** The column (CSV) or key (JSON) name. */
  readonly name: string;
  readonly description: string;
  /**
   * Where the value is in the verified attributes (`ExportedAttributes`): a dotted path, where
   * `list.0` is an item by position, `list[key=value]` the first item with that member, and
   * `list[]` every item (joined with `join`, each written with `template` when given).
   */
  readonly from: string;
  /** Written as a date in the mapping's date format. */
  readonly date?: boolean;
  /** A code list of the mapping: the value written is the list's code for it. */
  readonly codes?: string;
  /** For `list[]`: what the items are joined with (default `; `). */
  readonly join?: string;
  /** For `list[]`: each item written as this text, `{path}` replaced by the item's value there. */
  readonly template?: string;
  /** The name or code is guessed: the published interface description does not give it. */
  readonly guessed?: boolean;
}

/** One named export. */
export interface ExportMapping {
  /** What `?mapping=` names. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** `csv`: a header row and one row per person (RFC 4180, formula-injection safe); `json`: objects. */
  readonly format: 'csv' | 'json';
  /** `iso`: YYYY-MM-DD; `esr`: dd-Mon-yyyy (as ESR's own exports write dates). */
  readonly dateFormat: 'iso' | 'esr';
  /** The fields in order; absent on a JSON mapping: the verified attributes as they are. */
  readonly fields?: readonly ExportField[];
  /** Code lists by name: our value to the receiving system's code. */
  readonly codeLists?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Where the shape comes from (published documents), and what in it is guessed. */
  readonly sources?: readonly string[];
}
