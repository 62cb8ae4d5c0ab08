import type { Wallet } from '@staff-passport/wallet-sdk/browser';

/**
 * The holder key credentials are bound to: the wallet's first, or a new one on first use.
 *
 * @example
 * await wallet.acceptCredentialOffer(offer, { holder: await holderOf(wallet) });
 */
export async function holderOf(wallet: Wallet): Promise<string> {
  const [existing] = await wallet.listHolders();
  // P-256 (ES256): every browser's WebCrypto has it; the key is created non-extractable.
  return existing ?? (await wallet.createHolder({ alg: 'ES256' }));
}
