export { runCli } from './run-cli.js';
export { DEMO_ORG, ensureDemo } from './lib/ensure-demo.js';
export { readDemoFacts } from './lib/demo-facts.js';
export type { DemoFacts } from './lib/demo-facts.js';
export { createWebWalletApp } from './lib/create-web-wallet-app.js';
export type { WebWalletConfig } from './lib/create-web-wallet-app.js';
