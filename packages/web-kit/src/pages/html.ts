/** Markup that is already safe to place in a page (built by {@link html} or trusted with {@link rawHtml}). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for an HTML text node or a quoted attribute value.
 *
 * @example
 * escapeHtml('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: unknown): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * A tagged template that escapes every interpolated value unless it is {@link SafeHtml} (arrays
 * are joined; `undefined`, `null` and `false` render nothing). Pages are built only with it, so
 * text from a request or a credential can never become markup.
 *
 * @example
 * const row = html`<td>${person.name}</td>`; // the name is escaped
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/**
 * Trusts a string as markup (for markup made by our own code, such as an SVG QR code).
 *
 * @example
 * const qr = rawHtml(await renderQrSvg(link));
 */
export function rawHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
