/**
 * A webhook receiver for tests: a real HTTP server on 127.0.0.1 (port 0) that keeps every request
 * (headers and the exact body) and answers with the statuses queued (204 once the queue is empty).
 *
 * @example
 * const receiver = await startWebhookReceiver([503]);
 * // ... register `${receiver.url}/hook`, cause an event, run the worker ...
 * const [first, second] = await receiver.waitFor(2);
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Queues answers for the next requests (status codes). */
  answer(...statuses: number[]): void;
  /** Waits (bounded, 30 s) until `n` requests have arrived. */
  waitFor(n: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(statuses: number[] = []): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const queue = [...statuses];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = queue.shift() ?? 204;
      res.end();
      waiters.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (...more) => queue.push(...more),
    async waitFor(n) {
      const deadline = Date.now() + 30_000;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`the receiver got ${received.length} of ${n} requests`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200).unref();
        });
      }
      return received.slice(0, n);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
