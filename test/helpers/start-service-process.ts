/**
 * A service run as a child process from a fixture script (TypeScript through tsx, our packages
 * from their sources) that prints `{"url": ...}` as its first line once listening.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A running service process. */
export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `script` with `env` added to this process's environment, from the repository root `cwd`.
 *
 * @example
 * const verifier = await startServiceProcess(join(here, 'fixtures', 'run-verifier.ts'), root, { DATABASE_URL });
 */
export function startServiceProcess(script: string, cwd: string, env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--conditions=@staff-passport/source', '--import', 'tsx', script], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not start in time:\n${errors}`));
    }, 90_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ child, url: (JSON.parse(line) as { url: string }).url, stop });
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited:\n${errors}`));
    });
  });
}
