/**
 * sendSmtpMail against a real SMTP server on 127.0.0.1 (smtp-server): what arrives, and which
 * failures are permanent (the address is refused) or worth retrying. parseSmtpUrl and
 * isMailAddress with their refusals as named data.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { isMailAddress, parseSmtpUrl, sendSmtpMail, SmtpSendError } from '../../src/mail/send-smtp-mail.js';
import { startSmtpServer, type SmtpServerHandle } from './helpers/start-smtp-server.js';

describe('parseSmtpUrl', () => {
  const readings: [name: string, url: string, reading: ReturnType<typeof parseSmtpUrl>][] = [
    ['host-and-port-ok', 'smtp://mail.example:2525', { host: 'mail.example', port: 2525 }],
    ['default-port-25-ok', 'smtp://mail.example', { host: 'mail.example', port: 25 }],
    ['user-and-password-decoded-ok', 'smtp://hr%40trust:p%3Ass@mail.example:587', { host: 'mail.example', port: 587, user: 'hr@trust', password: 'p:ss' }],
  ];
  it.each(readings)('%s', (_name, url, reading) => {
    expect(parseSmtpUrl(url)).toEqual(reading);
  });

  const refusals: [name: string, url: string][] = [
    ['not-a-url-fail', 'mail.example:25'],
    ['https-scheme-fail', 'https://mail.example'],
    ['smtps-scheme-fail', 'smtps://mail.example:465'],
  ];
  it.each(refusals)('%s', (_name, url) => {
    expect(() => parseSmtpUrl(url)).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
  });
});

describe('isMailAddress', () => {
  const addresses: [name: string, address: string, ok: boolean][] = [
    ['plain-ok', 'sam.jones@nhs.example', true],
    ['display-name-fail', 'Sam <sam@nhs.example>', false],
    ['list-fail', 'a@nhs.example,b@nhs.example', false],
    ['no-domain-fail', 'sam@', false],
    ['space-fail', 'sam jones@nhs.example', false],
    ['header-injection-fail', 'sam@nhs.example\r\nBcc: x@evil.example', false],
  ];
  it.each(addresses)('%s', (_name, address, ok) => {
    expect(isMailAddress(address)).toBe(ok);
  });
});

describe('sendSmtpMail', () => {
  let smtp: SmtpServerHandle;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());

  const message = { from: 'hr@trust.example', to: 'sam@nhs.example', subject: 'Your credential — ready', text: 'Collect it here.\n.\nThanks' };

  it('delivers UTF-8 plain text, the subject encoded (RFC 2047) and a leading dot stuffed (RFC 5321, 4.5.2)', async () => {
    await sendSmtpMail(smtp.url, message, { now: new Date('2026-03-01T09:00:00Z') });
    const mail = smtp.received.at(-1)!;
    expect(mail).toMatchObject({ from: 'hr@trust.example', to: ['sam@nhs.example'] });
    expect(mail.raw).toContain(`Subject: =?UTF-8?B?${Buffer.from(message.subject).toString('base64')}?=`);
    expect(mail.raw).toContain('Date: Sun, 01 Mar 2026 09:00:00 GMT');
    expect(mail.raw).toContain('Content-Type: text/plain; charset=utf-8');
    // The server undoes the stuffing: the lone dot arrives as the text had it.
    expect(mail.raw).toContain('Collect it here.\r\n.\r\nThanks');
  });

  it('fails permanently for a refused mailbox (5xx) and for an address that is not plain, without sending', async () => {
    const before = smtp.received.length;
    await expect(sendSmtpMail(smtp.url, { ...message, to: 'nobody@bounce.test' })).rejects.toMatchObject({ name: 'SmtpSendError', permanent: true });
    await expect(sendSmtpMail(smtp.url, { ...message, to: 'Sam <sam@nhs.example>' })).rejects.toMatchObject({ permanent: true });
    expect(smtp.received.length).toBe(before);
  });

  it('fails for retrying when nothing listens, and when the server does not answer in time', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const unanswered = sendSmtpMail(`smtp://127.0.0.1:${port}`, message, { timeoutMs: 200 });
      await expect(unanswered).rejects.toBeInstanceOf(SmtpSendError);
      await expect(unanswered).rejects.toMatchObject({ permanent: false });
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
    // The port is free again: nothing listens there now.
    await expect(sendSmtpMail(`smtp://127.0.0.1:${port}`, message)).rejects.toMatchObject({ permanent: false });
  });
});
