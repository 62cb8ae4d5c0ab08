/** What {@link buildPollingScript} puts around the common polling loop. */
export interface PollingScriptParts {
  /** What the script does, for its first line ("keeps a bulk job's progress bar moving."). */
  purpose: string;
  /** The attribute of the page's element that holds the JSON address to poll (the script does nothing without it). */
  urlAttribute: string;
  /** A further condition on `root` for the script to start, as JavaScript. */
  startWhen?: string;
  /** JavaScript run once before polling, with `root` and `url` in scope (the elements it updates). */
  setup: string;
  /** JavaScript run with each answer as `body`; a `return` in it stops polling. */
  onAnswer: string;
  /** How long to wait between asks, in milliseconds. */
  everyMs: number;
}

function indent(code: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return code
    .trim()
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : `${pad}${line}`))
    .join('\n');
}

/**
 * The source of a console page's enhancement script that asks a same-origin JSON address for news
 * every few seconds and shows it in place. The asking is the same for every page (the session's
 * cookie, never a cached answer, a failed ask tried again on the next tick): only what is done with
 * an answer differs. Without JavaScript the page's refresh link does the same.
 *
 * @example
 * buildPollingScript({ purpose: 'keeps the status up to date.', urlAttribute: 'data-status-url', setup: '', onAnswer: 'if (body.final) return;', everyMs: 2000 });
 */
export function buildPollingScript(parts: PollingScriptParts): string {
  return `// Staff Passport HR console: ${parts.purpose}
const root = document.querySelector('[${parts.urlAttribute}]');
if (root${parts.startWhen ? ` && ${parts.startWhen}` : ''}) {
  const url = root.getAttribute('${parts.urlAttribute}');
${indent(parts.setup, 2)}
  const tick = async () => {
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
      if (res.ok) {
        const body = await res.json();
${indent(parts.onAnswer, 8)}
      }
    } catch (err) {
      // Offline for a moment: the next tick tries again.
    }
    setTimeout(tick, ${parts.everyMs});
  };
  setTimeout(tick, ${parts.everyMs});
}
`;
}
