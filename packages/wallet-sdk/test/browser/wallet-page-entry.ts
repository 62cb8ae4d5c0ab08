// What the browser test page loads: the wallet SDK's browser entry, plus the core browser code the
// tests drive (SD-JWT presentation), on `globalThis.sp` for `page.evaluate` to use.
import { presentSdJwt, webCryptoSha256 } from '@staff-passport/core/browser';
import * as wallet from '../../src/browser.js';
import { signJwt } from '../../src/lib/sign-jwt.js';

export const sp = { ...wallet, presentSdJwt, webCryptoSha256, signJwt };
/** The type of `globalThis.sp` in the test page. */
export type WalletPageApi = typeof sp;

(globalThis as unknown as { sp: WalletPageApi }).sp = sp;
