import { connect, type Socket } from 'node:net';
import { PassportError } from '@staff-passport/core';

/** One plain-text message. */
export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** Why sending failed: `permanent` for a 5xx answer (the address is refused), otherwise worth retrying. */
export class SmtpSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SmtpSendError';
  }
}

const ADDRESS = /^[^\s<>@",;]{1,64}@[A-Za-z0-9.-]{1,253}$/;

/**
 * Reads an SMTP URL (`smtp://host:port`, optionally `smtp://user:password@host:port` for AUTH PLAIN).
 *
 * @throws PassportError `ERR_CONFIG_INVALID`
 */
export function parseSmtpUrl(value: string): { host: string; port: number; user?: string; password?: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PassportError('ERR_CONFIG_INVALID', 'SMTP_URL must be smtp://host:port', { field: 'SMTP_URL' });
  }
  if (url.protocol !== 'smtp:' || !url.hostname) throw new PassportError('ERR_CONFIG_INVALID', 'SMTP_URL must be smtp://host:port', { field: 'SMTP_URL' });
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 25,
    ...(url.username ? { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : {}),
  };
}

/** Whether an email address is one we send to (a plain addr-spec, no display name, no list). */
export function isMailAddress(value: string): boolean {
  return ADDRESS.test(value);
}

function encodeHeader(text: string): string {
  // RFC 2047: non-ASCII header text as UTF-8 base64.
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
}

/**
 * Sends one message over SMTP (RFC 5321: EHLO, optional AUTH PLAIN, MAIL FROM, RCPT TO, DATA with
 * dot-stuffing), as UTF-8 plain text (RFC 2045), within a time limit.
 *
 * @example
 * await sendSmtpMail('smtp://127.0.0.1:2525', { from, to, subject, text });
 * @throws SmtpSendError (`permanent` when the server answered 5xx).
 */
export async function sendSmtpMail(smtpUrl: string, message: MailMessage, options: { timeoutMs?: number; now?: Date } = {}): Promise<void> {
  const server = parseSmtpUrl(smtpUrl);
  if (!isMailAddress(message.to) || !isMailAddress(message.from)) throw new SmtpSendError('the address is not a plain email address', true);
  const socket: Socket = connect({ host: server.host, port: server.port });
  socket.setTimeout(options.timeoutMs ?? 10_000);
  let buffer = '';
  const waiters: ((line: string) => void)[] = [];
  const failures: ((err: Error) => void)[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply ends with a line whose code is followed by a space (multi-line replies use '-').
    for (;;) {
      const match = /(^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buffer);
      if (!match) break;
      const end = match.index + match[0].length;
      const reply = buffer.slice(0, end);
      buffer = buffer.slice(end);
      waiters.shift()?.(reply.trim());
    }
  });
  const fail = (err: Error): void => {
    for (const f of failures.splice(0)) f(err);
  };
  socket.on('error', fail);
  socket.on('timeout', () => {
    fail(new SmtpSendError('the mail server did not answer in time', false));
    socket.destroy();
  });
  const reply = (): Promise<string> =>
    new Promise((resolve, reject) => {
      waiters.push(resolve);
      failures.push(reject);
    });
  const expect = async (command: string | undefined, ok: string): Promise<void> => {
    if (command !== undefined) socket.write(`${command}\r\n`);
    const answer = await reply();
    const code = answer.split('\r\n').pop()!.slice(0, 3);
    if (!code.startsWith(ok)) throw new SmtpSendError(`the mail server answered ${answer.split('\r\n').pop()!.slice(0, 200)}`, code.startsWith('5'));
  };
  try {
    await expect(undefined, '2');
    await expect('EHLO staff-passport', '2');
    if (server.user !== undefined) await expect(`AUTH PLAIN ${Buffer.from(`\0${server.user}\0${server.password ?? ''}`).toString('base64')}`, '2');
    await expect(`MAIL FROM:<${message.from}>`, '2');
    await expect(`RCPT TO:<${message.to}>`, '2');
    await expect('DATA', '3');
    const headers = [
      `From: ${message.from}`,
      `To: ${message.to}`,
      `Subject: ${encodeHeader(message.subject)}`,
      `Date: ${(options.now ?? new Date()).toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
    ];
    const body = message.text.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    await expect(`${headers.join('\r\n')}\r\n\r\n${body}\r\n.`, '2');
    await expect('QUIT', '2').catch(() => undefined);
  } catch (err: unknown) {
    if (err instanceof SmtpSendError) throw err;
    throw new SmtpSendError(`the mail server could not be reached: ${(err as Error).message}`, false);
  } finally {
    socket.destroy();
  }
}
