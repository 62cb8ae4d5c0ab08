// Names from schemas and codes from reference data, made readable for labels and choices.
const ACRONYMS = new Set(['ods', 'dbs', 'esr', 'fte', 'mmr', 'rqf', 'epp', 'cstf', 'idsp', 'afc', 'gmc', 'nmc', 'hcpc', 'vsm', 'ni', 'uk', 'nhs', 'id', 'url']);

/**
 * A camelCase or snake_case name as words in sentence case, acronyms kept in capitals.
 *
 * @example
 * humanise('odsCode'); // 'ODS code'
 * humanise('enhanced_barred'); // 'Enhanced barred'
 */
export function humanise(name: string): string {
  const words = name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/\s+/)
    .filter(Boolean);
  return words
    .map((word, i) => {
      if (ACRONYMS.has(word.toLowerCase())) return word.toUpperCase();
      if (word.length === 1) return i === 0 ? word.toUpperCase() : word;
      return i === 0 ? word[0]!.toUpperCase() + word.slice(1).toLowerCase() : word.toLowerCase();
    })
    .join(' ');
}

/** A label as it reads inside a sentence ("Enter certificate number"): first letter lower case unless an acronym. */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/** A message with its first letter in capitals. */
export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}
