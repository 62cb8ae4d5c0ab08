import { issueBulkCommand } from './commands/issue-bulk.js';
import { migrateCommand } from './commands/migrate.js';
import { orgCommand } from './commands/org-commands.js';
import { startCommand } from './commands/start.js';
import { trustCommand } from './commands/trust-commands.js';
import { verifyFileCommand } from './commands/verify-file.js';
import { EXIT, err, out } from './lib/output.js';
import { parseArgs } from './lib/parse-args.js';

const USAGE = `staff-passport <command>

  start [--demo] [--wallet-dir DIR]       start the issuer (API, HR console) and the verifier (API, desk); serve a built web wallet from DIR
  migrate                                bring the issuer's and the verifier's databases up to date (also done on start)
  org create --name NAME --ods CODE      create an organisation with its did:web and key
  org list                               list organisations
  api-key create --org ID [--role ROLE]  create an API key (roles: org-admin, issuer, auditor)
  admin-key create [--label TEXT]        create a platform administrator key (creates organisations over HTTP)
  audit verify [--org ID]                check the audit log's hash chains; exit 1 if an entry was altered or removed
  verify FILE [--allow-private]          verify a VC-JOSE credential in a file
  issue bulk FILE --issuer-url URL --org ID [--kind KIND] [--format F]
                                         bulk-issue an ESR export or JSON lines as a job, with progress
  trust init|add|remove|keygen|sign|show manage and sign the trust registry (staff-passport trust help)

Configuration comes from the environment: DATA_DIR, DATABASE_URL (postgres://...), HOST, ISSUER_PORT, VERIFIER_PORT,
ISSUER_PUBLIC_URL, VERIFIER_PUBLIC_URL, PASSPORT_SECRET_KEY, LOG_LEVEL, DID_WEB_ALLOW_PRIVATE.`;

/**
 * Runs the `staff-passport` command with its arguments and returns the exit code.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2));
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const { positionals, options } = parseArgs(argv);
  const [command, ...rest] = positionals;
  try {
    switch (command) {
      case 'start':
        return await startCommand(options);
      case 'migrate':
        return await migrateCommand(options);
      case 'org':
      case 'api-key':
      case 'admin-key':
      case 'audit':
        return await orgCommand(positionals, options);
      case 'verify':
        return await verifyFileCommand(rest[0], options);
      case 'issue':
        if (rest[0] === 'bulk') return await issueBulkCommand(rest[1], options);
        err(`unknown command issue ${rest[0] ?? ''}\n\n${USAGE}`);
        return EXIT.usage;
      case 'trust':
        return await trustCommand(positionals, options);
      case undefined:
      case 'help':
        out(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        err(`unknown command ${command}\n\n${USAGE}`);
        return EXIT.usage;
    }
  } catch (e: unknown) {
    err(`staff-passport: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT.software;
  }
}
