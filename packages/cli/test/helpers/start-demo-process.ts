/**
 * `staff-passport start --demo` as a real process (from the sources, as `pnpm start` runs it):
 * started until its banner is printed, stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
/** node's arguments that run the CLI from its sources. */
export const bin = ['--conditions=@staff-passport/source', '--import', 'tsx', join(root, 'packages/cli/src/bin.ts')];

/** A free port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts `start --demo` with `env` added; resolves once the banner is printed, with what it printed. */
export function startDemo(env: Record<string, string>, extraArgs: string[] = []): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(process.execPath, [...bin, 'start', '--demo', ...extraArgs], { cwd: root, env: { ...process.env, ...env, LOG_LEVEL: 'warn' } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not started in time:\n${output}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl+C to stop.')) {
        clearTimeout(timer);
        resolve({ child, output });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${String(code)}:\n${output}`));
    });
  });
}

/** SIGTERM, then the exit code. */
export function stopDemo(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

