import { BULK_FORMATS, BULK_KINDS, ISSUE_BULK_DETAILS } from './commands/issue-bulk.js';
import type { CommandSpec, OptionSpec } from './lib/command-spec.js';

// Each command's module is imported when it runs, not before: `--help` and a mistyped option
// answer without loading the issuer, the verifier and their databases.

const DEMO: Record<string, OptionSpec> = {
  demo: {
    type: 'boolean',
    description: "use the demo's secret key (DATA_DIR/demo-secret.key, made by `pnpm start`) instead of PASSPORT_SECRET_KEY",
  },
};

const ADMIN_DETAILS = `  Works on the issuer's database in DATA_DIR (default ./data), with the key in PASSPORT_SECRET_KEY;
  with --demo, on the demo's (as \`pnpm start\` made it). It may run while the services run.`;

/** Every command of `staff-passport`, in the order the help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    path: ['start'],
    summary: 'start the issuer (API, HR console) and the verifier (API, desk)',
    options: {
      demo: { type: 'boolean', description: 'demo mode: a generated secret key and the demo organisation, its API key and data/demo.json' },
      'wallet-dir': { type: 'string', value: 'DIR', description: 'also serve a built web wallet from DIR (examples/wallet-web/dist)' },
    },
    details: `Configuration comes from the environment: DATA_DIR, DATABASE_URL (postgres://...), HOST, ISSUER_PORT, VERIFIER_PORT, WALLET_PORT,
ISSUER_PUBLIC_URL, VERIFIER_PUBLIC_URL, WALLET_PUBLIC_URL, PASSPORT_SECRET_KEY, LOG_LEVEL,
LOG_FORMAT (json or pretty), DID_WEB_ALLOW_PRIVATE, WEBHOOK_ALLOW_PRIVATE, TRUST_REGISTRY, TRUST_REGISTRY_KEYS,
SMTP_URL (smtp://host:port: emails telling staff that credentials wait for them), MAIL_FROM.`,
    run: async (input) => (await import('./commands/start.js')).startCommand(input),
  },
  {
    path: ['migrate'],
    summary: "bring the issuer's and the verifier's databases up to date (also done on start)",
    options: { ...DEMO },
    details: `  Runs the versioned migrations under the migration lock (PostgreSQL: an advisory lock), on the
  SQLite files in DATA_DIR or the PostgreSQL database in DATABASE_URL, and prints each schema version.`,
    run: async (input) => (await import('./commands/migrate.js')).migrateCommand(input),
  },
  {
    path: ['org', 'create'],
    summary: 'create an organisation with its did:web and key',
    options: {
      name: { type: 'string', value: 'NAME', required: true, description: "the organisation's name" },
      ods: { type: 'string', value: 'CODE', required: true, description: 'its ODS code (for example RZZ)' },
      ...DEMO,
    },
    details: ADMIN_DETAILS,
    run: async (input) => (await import('./commands/create-org.js')).createOrgCommand(input),
  },
  {
    path: ['org', 'list'],
    summary: 'list organisations',
    options: { ...DEMO },
    details: ADMIN_DETAILS,
    run: async (input) => (await import('./commands/list-orgs.js')).listOrgsCommand(input),
  },
  {
    path: ['org', 'types'],
    summary: 'show or set whether an organisation issues credentials of types not registered',
    options: {
      org: { type: 'string', value: 'ORG_ID', required: true, description: "the organisation's id (org_...)" },
      'allow-unregistered': {
        type: 'string',
        value: 'on|off',
        choices: ['on', 'off'],
        description: 'on: credentials of types not registered are checked against the VC Data Model only and signed as given (for a conformance or test organisation)',
      },
      ...DEMO,
    },
    details: ADMIN_DETAILS,
    run: async (input) => (await import('./commands/type-commands.js')).orgTypesCommand(input),
  },
  {
    path: ['org', 'staff-collection'],
    summary: 'show or set how staff collect credentials held for them by signing in: the person claim and the wallet redirect URIs',
    options: {
      org: { type: 'string', value: 'ORG_ID', required: true, description: "the organisation's id (org_...)" },
      'person-claim': { type: 'string', value: 'CLAIM', description: "the ID token claim that numbers a person (employee_number, esr_person_number); never a name" },
      'wallet-redirect-uris': {
        type: 'string',
        value: 'URI,URI',
        description: "the redirect URIs of the organisation's wallet clients, comma separated, compared exactly; 'default' for the deployment's web wallet",
      },
      ...DEMO,
    },
    details: `${ADMIN_DETAILS}
  Setting one keeps the other. The authorization code flow sends a person back only to a registered
  redirect URI; unregistered ones get an error page.`,
    run: async (input) => (await import('./commands/org-staff-collection.js')).orgStaffCollectionCommand(input),
  },
  {
    path: ['type', 'publish'],
    summary: 'publish a version of a credential type beyond the catalogue (a JSON file as POST /types takes it)',
    args: [{ name: 'FILE', required: true }],
    options: { ...DEMO },
    details: `${ADMIN_DETAILS}
  A published version never changes: publish a new version instead.`,
    run: async (input) => (await import('./commands/type-commands.js')).publishTypeCommand(input),
  },
  {
    path: ['type', 'list'],
    summary: 'list the credential types published beyond the catalogue',
    options: { ...DEMO },
    details: ADMIN_DETAILS,
    run: async (input) => (await import('./commands/type-commands.js')).listTypesCommand(input),
  },
  {
    path: ['api-key', 'create'],
    summary: "create an organisation's API key (shown once)",
    options: {
      org: { type: 'string', value: 'ORG_ID', required: true, description: "the organisation's id (org_...)" },
      role: { type: 'string', value: 'ROLE', choices: ['org-admin', 'issuer', 'auditor'], description: 'what the key may do (default issuer)' },
      label: { type: 'string', value: 'TEXT', description: 'a note saying what the key is for' },
      ...DEMO,
    },
    details: ADMIN_DETAILS,
    run: async (input) => (await import('./commands/create-api-key.js')).createApiKeyCommand(input),
  },
  {
    path: ['admin-key', 'create'],
    summary: 'create a platform administrator key (creates organisations over HTTP)',
    options: { label: { type: 'string', value: 'TEXT', description: 'a note saying whose key it is' }, ...DEMO },
    details: ADMIN_DETAILS,
    run: async (input) => (await import('./commands/create-admin-key.js')).createAdminKeyCommand(input),
  },
  {
    path: ['audit', 'verify'],
    summary: "check the audit log's hash chains; exit 1 if an entry was altered or removed",
    options: { org: { type: 'string', value: 'ORG_ID', description: "only this organisation's chain" }, ...DEMO },
    details: ADMIN_DETAILS,
    run: async (input) => (await import('./commands/verify-audit.js')).verifyAuditCommand(input),
  },
  {
    path: ['verify'],
    summary: 'verify a VC-JOSE credential in a file (the JWT, or the issuer\'s {"verifiableCredential"} answer)',
    args: [{ name: 'FILE', required: true }],
    options: { 'allow-private': { type: 'boolean', description: "resolve a did:web on a loopback or private address over http (the demo's)" } },
    details: '  Exit codes: 0 verified, 1 not verified, 65 not a credential, 66 no such file.',
    run: async (input) => (await import('./commands/verify-file.js')).verifyFileCommand(input),
  },
  {
    path: ['issue', 'bulk'],
    summary: 'bulk-issue an ESR export or JSON lines as a job, with progress',
    args: [{ name: 'FILE', required: true }],
    options: {
      'issuer-url': { type: 'string', value: 'URL', description: "the issuer's URL (or STAFF_PASSPORT_ISSUER_URL)" },
      org: { type: 'string', value: 'ORG_ID', description: "the organisation's id (or STAFF_PASSPORT_ORG)" },
      'api-key': { type: 'string', value: 'KEY', description: 'an issuer API key (or STAFF_PASSPORT_API_KEY)' },
      kind: { type: 'string', value: 'KIND', choices: BULK_KINDS, description: 'what the file is (jsonl for .jsonl files unless told)' },
      format: { type: 'string', value: 'FORMAT', choices: BULK_FORMATS, description: 'the credential format (default vc+jwt)' },
      'cstf-version': { type: 'string', value: 'VERSION', description: 'the Core Skills Training Framework version the records follow (for example 1.2)' },
      'cstf-aligned': { type: 'boolean', description: 'the training provider is aligned to the CSTF' },
    },
    details: ISSUE_BULK_DETAILS,
    run: async ({ args, options }) => (await import('./commands/issue-bulk.js')).issueBulkCommand(args[0], options),
  },
  ...trustCommands(),
];

function trustCommands(): CommandSpec[] {
  const run = (sub: string): CommandSpec['run'] => async ({ args, options }) => (await import('./commands/trust-commands.js')).trustCommand(['trust', sub, ...args], options);
  const file: CommandSpec['args'] = [{ name: 'FILE', required: true }];
  return [
    {
      path: ['trust', 'init'],
      summary: 'write an empty, unsigned registry',
      options: {
        name: { type: 'string', value: 'NAME', required: true, description: "the registry's name" },
        out: { type: 'string', value: 'FILE', required: true, description: 'the file to create (never overwritten)' },
        id: { type: 'string', value: 'URI', description: "the registry's id" },
        operator: { type: 'string', value: 'NAME', description: 'who runs it (default NAME)' },
        'operator-did': { type: 'string', value: 'DID', description: "the operator's DID" },
      },
      run: run('init'),
    },
    {
      path: ['trust', 'add'],
      summary: 'add an entry (DATE: 2025-04-01 or an ISO date-time; --from is now unless told)',
      args: file,
      options: {
        did: { type: 'string', value: 'DID', required: true, description: "the organisation's DID" },
        ods: { type: 'string', value: 'CODE', required: true, description: 'its ODS code' },
        name: { type: 'string', value: 'NAME', required: true, description: 'its name' },
        types: { type: 'string', value: 'T1,T2|*', required: true, description: 'the credential types it may issue (* for any)' },
        from: { type: 'string', value: 'DATE', description: 'trusted from (default now)' },
        until: { type: 'string', value: 'DATE', description: 'trusted until' },
        successor: { type: 'string', value: 'DID', description: 'the DID that replaces this one' },
      },
      run: run('add'),
    },
    {
      path: ['trust', 'remove'],
      summary: 'remove every entry for a DID',
      args: file,
      options: { did: { type: 'string', value: 'DID', required: true, description: 'the DID whose entries go' } },
      run: run('remove'),
    },
    {
      path: ['trust', 'keygen'],
      summary: 'write a private signing key (mode 0600), print the public JWK',
      options: {
        out: { type: 'string', value: 'KEYFILE', required: true, description: 'the private key file to create (never overwritten)' },
        alg: { type: 'string', value: 'ALG', choices: ['EdDSA', 'ES256'], description: 'the algorithm (default EdDSA)' },
        'public-out': { type: 'string', value: 'FILE', description: 'also write the public JWK here' },
      },
      run: run('keygen'),
    },
    {
      path: ['trust', 'sign'],
      summary: 'bump the version, date it, sign it (FILE keeps the new version)',
      args: file,
      options: {
        key: { type: 'string', value: 'KEYFILE', required: true, description: 'the private key (from trust keygen)' },
        out: { type: 'string', value: 'SIGNED.jwt', required: true, description: 'where the signed registry goes' },
        'valid-days': { type: 'string', value: 'DAYS', description: 'how long the edition is valid (default 30)' },
      },
      run: run('sign'),
    },
    {
      path: ['trust', 'show'],
      summary: 'verify a signed registry (a file or a URL) and print it',
      args: [{ name: 'SIGNED.jwt|URL', required: true }],
      options: {
        'trusted-key': { type: 'string', value: 'PUBJWK_FILE', required: true, description: 'the public key(s) it must be signed with' },
        'allow-private': { type: 'boolean', description: 'let a URL name a loopback or private address over http (local tests only)' },
      },
      run: run('show'),
    },
  ];
}
