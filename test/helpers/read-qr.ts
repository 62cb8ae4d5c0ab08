// Adapter for jsqr (a CommonJS package whose typings declare an ES default export): decodes a PNG
// QR code the way a phone camera would, for tests of offer and request QR codes.
import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsqrModule as unknown as { default?: JsQr }).default ?? jsqrModule) as unknown as JsQr;

/** The text of the QR code in a PNG image, or undefined when none is found. */
export function readQrPng(png: Uint8Array): string | undefined {
  const image = PNG.sync.read(Buffer.from(png));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}
