/**
 * A real SMTP server (the `smtp-server` package of Nodemailer) on 127.0.0.1, port 0, keeping what
 * it receives; addresses at `bounce.test` are refused with 550 as a real server refuses an unknown
 * mailbox. smtp-server ships no types: this file is its adapter.
 */
import type { AddressInfo } from 'node:net';

interface SmtpServerInstance {
  listen(port: number, host: string, cb: () => void): void;
  close(cb: () => void): void;
  server: { address(): AddressInfo };
}
type SmtpServerClass = new (options: Record<string, unknown>) => SmtpServerInstance;
interface Envelope {
  mailFrom: { address: string } | false;
  rcptTo: { address: string }[];
}

// A variable specifier keeps TypeScript from looking for type declarations the package lacks.
const PACKAGE = 'smtp-server';

/** One message as the server received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpServerHandle {
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<SmtpServerHandle> {
  const { SMTPServer } = (await import(PACKAGE)) as { SMTPServer: SmtpServerClass };
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address: { address: string }, _session: unknown, callback: (err?: Error) => void) {
      if (address.address.endsWith('@bounce.test')) {
        callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream: NodeJS.ReadableStream, session: { envelope: Envelope }, callback: (err?: Error) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address();
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
