import { BlockList, isIP } from 'node:net';

// Addresses a did:web lookup must never reach unless configured: loopback, private, link-local
// (cloud metadata at 169.254.169.254), carrier-grade NAT, unspecified, multicast and reserved.
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
// IPv6 also: ranges that carry an IPv4 address inside (IPv4-compatible ::/96, which covers :: and
// ::1; IPv4-translated; NAT64; Teredo; 6to4), so ::7f00:1 is not a way round the IPv4 list, and
// the deprecated site-local and discard-only ranges (IANA IPv6 Special-Purpose Address Registry).
for (const [net, prefix] of [
  ['::', 96], ['::1', 128], ['::ffff:0:0:0', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64],
  ['2001::', 32], ['2001:db8::', 32], ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/**
 * Whether an IP address is loopback, private, link-local or otherwise not a public internet host.
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 *
 * @example
 * isNonPublicAddress('169.254.169.254') // true
 */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return blocked.check(address, 'ipv6');
  return true; // not an address at all: refuse
}
