import type { Request, Response } from 'express';
import { renderQrPng, renderQrSvg } from '@staff-passport/core';
import type { ApiRoute } from './api-route.js';
import { jsonSchema as s } from './json-schema.js';

/** What the two QR code routes share: where they are, who may call them and what they answer besides. */
export type QrCodeRoutesBase<Deps, Role extends string> = Pick<ApiRoute<Deps, Role>, 'tag' | 'access' | 'params' | 'errors'> & {
  /** The path without the extension (`/orgs/:orgId/offers/:offerId/qr`). */
  path: string;
  /** What the code holds, for the summary (`the offer link`). */
  what: string;
};

/**
 * A link as a QR code, in PNG and SVG, as two route table entries (`{path}.png`, `{path}.svg`),
 * never cached (the link is a one-time credential).
 *
 * @example
 * ...qrCodeRoutes({ path: '/oid4vp/requests/:id/qr', what: 'the openid4vp:// link', tag: 'oid4vp', access: 'public' }, async ({ ctx }, req) => linkOf(ctx, req))
 */
export function qrCodeRoutes<Deps, Role extends string>(base: QrCodeRoutesBase<Deps, Role>, linkOf: (deps: Deps, req: Request, res: Response) => Promise<string>): ApiRoute<Deps, Role>[] {
  const { path, what, ...rest } = base;
  const send = (type: 'image/png' | 'image/svg+xml', render: (link: string) => Promise<Buffer | string>): ApiRoute<Deps, Role>['handler'] => async (deps, req, res) => {
    const link = await linkOf(deps, req, res);
    res.setHeader('cache-control', 'no-store');
    res.type(type).send(await render(link));
  };
  return [
    {
      ...rest,
      method: 'get',
      path: `${path}.png`,
      summary: `${what[0]!.toUpperCase()}${what.slice(1)} as a QR code (PNG)`,
      responses: { 200: { description: 'the QR code', contentType: 'image/png', schema: s.string({ contentMediaType: 'image/png' }) } },
      handler: send('image/png', renderQrPng),
    },
    {
      ...rest,
      method: 'get',
      path: `${path}.svg`,
      summary: `${what[0]!.toUpperCase()}${what.slice(1)} as a QR code (SVG)`,
      responses: { 200: { description: 'the QR code', contentType: 'image/svg+xml', schema: s.string(), example: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 33 33">...</svg>' } },
      handler: send('image/svg+xml', renderQrSvg),
    },
  ];
}
