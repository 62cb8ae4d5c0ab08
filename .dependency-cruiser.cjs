// `pnpm lint` fails on an import cycle or a wrong-way import between packages.
// Direction (DESIGN.md): schemas <- core <- web-kit <- issuer, verifier <- cli, examples; core <-
// wallet-sdk <- cli, examples. web-kit (the page kit, express helpers, route table, config loader)
// is for the two services: core never imports it or express, and the wallet's browser side (the
// SDK's browser entry, the web wallet) reaches neither it (only its markup entry,
// web-kit/browser), nor express, nor a Node module, nor core's Node-bound modules.
const fs = require('node:fs');
const path = require('node:path');

const pkg = (name) => `^packages/${name}/src/`;
const forbidImport = (from, to, why, name = `no-${from}-to-${to.replace(/[^a-z]+/g, '-')}`) => ({
  name,
  severity: 'error',
  comment: why,
  from: { path: pkg(from) },
  to: { path: to },
});
const sibling = ['issuer', 'verifier', 'wallet-sdk'];
// express and its types, wherever pnpm puts them (or unresolved, where no package.json declares them).
const EXPRESS = '(^express$|^@types/express$|node_modules/(\\.pnpm/express@|\\.pnpm/@types\\+express@|express/|@types/express/))';
// What the wallet's browser side starts from: the SDK's browser entry and the web wallet.
const WALLET_BROWSER = '^(packages/wallet-sdk/src/browser\\.ts|examples/wallet-web/src/)';
// core's modules that need Node: its Node barrel, its server-side folders (Veramo agent, database,
// logging, QR images, webhooks, sign-in), and every module whose code (comments aside) uses Buffer,
// process or require, or imports a node: module, found by reading core's sources, so a new
// Buffer-dependent module is covered without editing this list. The wallet reaches core through
// `@staff-passport/core/browser` only.
const CORE_SRC = 'packages/core/src';
const nodeBoundCoreFiles = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return nodeBoundCoreFiles(file);
    if (!e.name.endsWith('.ts')) return [];
    const code = fs.readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    return /\bBuffer\b|\bprocess\.|\brequire\(|from 'node:/.test(code) ? [file] : [];
  });
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CORE_NODE_FOLDERS = ['agent', 'auth', 'db', 'log', 'qr', 'webhooks'].map((folder) => `${CORE_SRC}/${folder}/`);
const CORE_NODE_FILES = [`${CORE_SRC}/index.ts`, ...nodeBoundCoreFiles(path.join(__dirname, CORE_SRC)).map((f) => path.relative(__dirname, f))];
const CORE_NODE_ONLY = `^(${CORE_NODE_FOLDERS.map(escape).join('|')}|(${CORE_NODE_FILES.map(escape).join('|')})$)`;
// Node's own modules, with or without the node: prefix.
const NODE_BUILTINS = '^(node:)?(async_hooks|buffer|child_process|crypto|dns|fs|http|http2|https|module|net|os|path|stream|tls|url|util|worker_threads|zlib)(/|$)';
// web-kit outside its browser entry (the page kit's markup template and NHS.UK components).
const WEB_KIT_SERVER = '^packages/web-kit/src/(?!browser\\.ts$|pages/html\\.ts$|pages/nhs-components\\.ts$)';
const reaches = (name, to, why) => ({ name, severity: 'error', comment: why, from: { path: WALLET_BROWSER }, to: { ...to, reachable: true } });

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    forbidImport('schemas', '^packages/(core|web-kit|issuer|verifier|wallet-sdk|cli)/', 'schemas imports nothing of ours'),
    forbidImport('core', '^packages/(web-kit|issuer|verifier|wallet-sdk|cli)/', 'core may import only schemas'),
    forbidImport('core', EXPRESS, 'core is not bound to express: the express helpers are in web-kit', 'no-core-to-express'),
    forbidImport('web-kit', '^packages/(issuer|verifier|wallet-sdk|cli)/', 'web-kit may import only core and schemas'),
    forbidImport('wallet-sdk', '^packages/web-kit/', 'the wallet is not a web service: web-kit is for the issuer and the verifier'),
    reaches('no-wallet-browser-to-web-kit', { path: WEB_KIT_SERVER }, 'the browser wallet takes only the page kit markup (web-kit/browser)'),
    reaches('no-wallet-browser-to-express', { path: EXPRESS }, 'express is for the services'),
    reaches('no-wallet-browser-to-node', { path: NODE_BUILTINS }, 'the browser wallet runs without Node modules (node:http, zlib, Buffer...)'),
    reaches('no-wallet-browser-to-core-node', { path: CORE_NODE_ONLY }, 'the browser wallet reaches core through @staff-passport/core/browser only'),
    ...sibling.flatMap((from) =>
      sibling
        .filter((to) => to !== from)
        .map((to) => forbidImport(from, `^packages/(${to}|cli)/`, 'siblings talk over standard protocols, never imports')),
    ),
    {
      name: 'no-src-to-tests',
      severity: 'error',
      comment: 'production code never imports test fixtures',
      from: { path: '^packages/[^/]+/src/' },
      to: { path: '(^|/)test/' },
    },
    {
      name: 'no-examples-from-packages',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^examples/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|dist)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@staff-passport/source', 'import', 'node', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
