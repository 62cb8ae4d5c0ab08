// Draws the wallet's app icons (public/icons/icon-192.png and icon-512.png): a white staff card
// with a head and two lines of text on NHS blue. Our own simple mark, not the NHS logo. Run once
// when the design changes; the PNGs are committed:
//   node --import tsx examples/wallet-web/scripts/make-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

type Rgb = [number, number, number];
const BLUE: Rgb = [0, 94, 184];
const WHITE: Rgb = [255, 255, 255];
const PALE: Rgb = [174, 183, 189];

/** A shape in unit coordinates (0..1 across the icon): whether a point is inside it. */
type Shape = (x: number, y: number) => boolean;

const roundedRect =
  (left: number, top: number, right: number, bottom: number, radius: number): Shape =>
  (x, y) => {
    if (x < left || x > right || y < top || y > bottom) return false;
    const cx = Math.min(Math.max(x, left + radius), right - radius);
    const cy = Math.min(Math.max(y, top + radius), bottom - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };
const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r ** 2;

// Painted in order; everything sits inside the central 80% so the icon is also maskable.
const LAYERS: [Shape, Rgb][] = [
  [roundedRect(0.2, 0.3, 0.8, 0.7, 0.05), WHITE],
  [circle(0.36, 0.44, 0.06), BLUE],
  [roundedRect(0.27, 0.52, 0.45, 0.62, 0.05), BLUE],
  [roundedRect(0.5, 0.4, 0.72, 0.44, 0.02), BLUE],
  [roundedRect(0.5, 0.49, 0.72, 0.53, 0.02), PALE],
  [roundedRect(0.5, 0.58, 0.66, 0.62, 0.02), PALE],
];

/** The colour at a point: the last layer containing it, else the background. */
function colourAt(x: number, y: number): Rgb {
  let colour = BLUE;
  for (const [shape, fill] of LAYERS) if (shape(x, y)) colour = fill;
  return colour;
}

/** Renders the icon at `size` pixels, 4x4 samples a pixel for smooth edges. */
function drawIcon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          for (let i = 0; i < 3; i++) sum[i]! += c[i]!;
        }
      }
      const at = (py * size + px) * 4;
      for (let i = 0; i < 3; i++) png.data[at + i] = Math.round(sum[i]! / samples ** 2);
      png.data[at + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

const dir = fileURLToPath(new URL('../public/icons/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const size of [192, 512]) writeFileSync(`${dir}icon-${size}.png`, drawIcon(size));
