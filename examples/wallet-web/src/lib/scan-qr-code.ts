// Reads a QR code from the camera: getUserMedia into a <video>, each frame drawn on a canvas and
// handed to jsQR. jsqr is CommonJS; its typings declare an ES default export that bundlers (and
// Node) may hand over as the module object, so the function is taken from either.
import jsqrModule from 'jsqr';

type JsQr = (data: Uint8ClampedArray, width: number, height: number, options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' }) => { data: string } | null;
const jsQR = ((jsqrModule as unknown as { default?: JsQr }).default ?? jsqrModule) as unknown as JsQr;

/** A running scan: stop it to release the camera. */
export interface QrScan {
  stop(): void;
}

/** Options for {@link startQrScan}. */
export interface QrScanOptions {
  /** Called once with the first QR text `accept` allows; the camera is released first. */
  onFound(text: string): void;
  /** Which texts to take (an offer scanner ignores other QR codes); default any. */
  accept?(text: string): boolean;
  /** Milliseconds between frames read (default 150: enough for a phone, light on the battery). */
  intervalMs?: number;
}

/** Largest side of the frame decoded, in pixels: enough for a QR code filling part of the view. */
const MAX_SIDE = 720;

/**
 * Starts the camera (the back one on a phone) in `video` and reads frames until a QR code is found.
 *
 * @example
 * const scan = await startQrScan(video, { onFound: (text) => fill(text), accept: (t) => t.startsWith('openid') });
 * stopButton.onclick = () => scan.stop();
 * @throws DOMException from getUserMedia (NotAllowedError, NotFoundError...) when there is no camera to use.
 */
export async function startQrScan(video: HTMLVideoElement, options: QrScanOptions): Promise<QrScan> {
  if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('this browser cannot use a camera', 'NotSupportedError');
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  video.srcObject = stream;
  video.muted = true;
  video.setAttribute('playsinline', '');
  await video.play().catch(() => undefined);

  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) {
    stop();
    throw new DOMException('this browser cannot read camera frames', 'NotSupportedError');
  }
  const readFrame = (): void => {
    if (stopped) return;
    if (video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'attemptBoth' });
      if (found && found.data !== '' && (options.accept?.(found.data) ?? true)) {
        stop();
        options.onFound(found.data);
        return;
      }
    }
    timer = setTimeout(readFrame, options.intervalMs ?? 150);
  };
  readFrame();
  return { stop };
}
