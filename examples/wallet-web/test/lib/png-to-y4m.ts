// Turns a PNG (an offer's QR code) into a short Y4M video, the format Chromium's fake camera
// plays (`--use-file-for-fake-video-capture`): the image centred on white in a 640x480 frame,
// 4:2:0 with grey chroma (a QR code has no colour to keep).
import { PNG } from 'pngjs';

const WIDTH = 640;
const HEIGHT = 480;

/**
 * A Y4M video of `frames` identical frames showing the PNG, scaled (nearest pixel) to fill most of the frame.
 *
 * @example
 * writeFileSync('offer.y4m', pngToY4m(qrPng));
 */
export function pngToY4m(png: Uint8Array, frames = 5): Buffer {
  const image = PNG.sync.read(Buffer.from(png));
  const scale = Math.min((HEIGHT * 0.9) / image.height, (WIDTH * 0.9) / image.width);
  const drawnWidth = Math.floor(image.width * scale);
  const drawnHeight = Math.floor(image.height * scale);
  const left = Math.floor((WIDTH - drawnWidth) / 2);
  const top = Math.floor((HEIGHT - drawnHeight) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 255);
  for (let y = 0; y < drawnHeight; y++) {
    for (let x = 0; x < drawnWidth; x++) {
      const at = (Math.floor(y / scale) * image.width + Math.floor(x / scale)) * 4;
      const alpha = image.data[at + 3]! / 255;
      // Full-range BT.601 luma (C420jpeg), over white where the PNG is transparent.
      const value = 0.299 * image.data[at]! + 0.587 * image.data[at + 1]! + 0.114 * image.data[at + 2]!;
      luma[(top + y) * WIDTH + left + x] = Math.round(value * alpha + 255 * (1 - alpha));
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]);
}
