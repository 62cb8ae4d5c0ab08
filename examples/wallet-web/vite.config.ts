// Builds the web wallet: our TypeScript sources of core and the wallet SDK bundled straight from
// src (the `@staff-passport/source` condition), browser code only (the `browser` condition), the
// NHS.UK frontend's CSS without its licensed web font, and a service worker versioned by build.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The NHS.UK frontend's stylesheet loads the Frutiger web font from assets.nhs.uk (licensed for
 * NHS services, and a request off the device): its @font-face rules are dropped, so the frontend's
 * own fallback (Arial) is used and the app stays self-contained. Its icons are referenced from the
 * site root (`/assets/images/...`): they are pointed at the package's own files so Vite bundles them.
 */
function nhsukCssWithoutFont(): Plugin {
  return {
    name: 'nhsuk-css-without-font',
    enforce: 'pre',
    transform(code, id) {
      if (!/nhsuk-frontend[\\/].+\.css(\?.*)?$/.test(id)) return null;
      return {
        code: code
          .replace(/@font-face\s*\{[^}]*\}/g, '')
          .replace(/url\(\/assets\/images\//g, 'url(./assets/images/')
          .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, ''),
        map: null,
      };
    },
  };
}

/**
 * Writes the build's version into the service worker (copied from public/), so every new build
 * is a new worker with a new cache, and the old cache is dropped when it activates.
 */
function versionServiceWorker(): Plugin {
  let outDir = join(root, 'dist');
  return {
    name: 'version-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const worker = join(outDir, 'sw.js');
      const index = readFileSync(join(outDir, 'index.html'), 'utf8');
      const version = createHash('sha256').update(index).update(readFileSync(worker)).digest('hex').slice(0, 12);
      writeFileSync(worker, readFileSync(worker, 'utf8').replace('__BUILD_VERSION__', version));
    },
  };
}

export default defineConfig({
  root,
  // Served from the root of its own origin (the service worker's scope and the manifest's start_url).
  base: '/',
  resolve: {
    conditions: ['@staff-passport/source', 'browser', 'module', 'import', 'default'],
  },
  plugins: [nhsukCssWithoutFont(), versionServiceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The frontend's stylesheet comes minified, with old-browser hacks a second minifier warns about.
    cssMinify: false,
    // Small enough to inline nothing: the content security policy allows only same-origin files.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      treeshake: {
        // The schemas package compiles every JSON Schema with ajv when its validator module loads
        // (ajv generates code with `new Function`, which the page's content security policy
        // refuses). The wallet never validates a schema itself (issuers and verifiers do), so that
        // module is declared free of side effects: unused, it is left out with ajv.
        moduleSideEffects: (id) => !/[\\/]packages[\\/]schemas[\\/]src[\\/]validate-credential\.ts$/.test(id),
      },
    },
  },
});
