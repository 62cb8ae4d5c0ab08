import type { Router } from 'express';

/**
 * Serves one of the console's own scripts at a same-origin path (the pages' content security
 * policy allows scripts from this origin only), never cached stale.
 *
 * @example
 * serveConsoleScript(router, BULK_PROGRESS_SCRIPT_PATH, BULK_PROGRESS_SCRIPT);
 */
export function serveConsoleScript(router: Router, path: string, source: string): void {
  router.get(path, (_req, res) => {
    res.type('text/javascript').setHeader('cache-control', 'no-cache');
    res.send(source);
  });
}
