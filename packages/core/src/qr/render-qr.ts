import QRCode from 'qrcode';

/** Options for a rendered QR code. */
export interface RenderQrOptions {
  /** Pixels per module for PNG (default 6); SVG scales freely. */
  scale?: number;
  /** Quiet zone in modules (default 4, as ISO/IEC 18004 asks). */
  margin?: number;
}

/**
 * Renders text (an `openid-credential-offer://` or `openid4vp://` link) as a PNG QR code.
 * Error correction M: offers printed on paper or shown on a screen survive some damage.
 *
 * @example
 * res.type('image/png').send(await renderQrPng(offerLink));
 */
export function renderQrPng(text: string, options: RenderQrOptions = {}): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', scale: options.scale ?? 6, margin: options.margin ?? 4 });
}

/**
 * Renders text as an SVG QR code (scalable, for pages and print).
 *
 * @example
 * res.type('image/svg+xml').send(await renderQrSvg(offerLink));
 */
export function renderQrSvg(text: string, options: RenderQrOptions = {}): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: options.margin ?? 4 });
}
