import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/** Addresses a webhook never reaches unless its host is allowed: private, loopback, link-local, and the like. */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, "ipv6");
}

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return INTERNAL.check(address, "ipv4");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return INTERNAL.check(mapped[1], "ipv4");
  return INTERNAL.check(address, "ipv6");
}

export interface ResolvedTarget {
  url: URL;
  /** The address the request connects to: the one checked, so a second lookup cannot swap it. */
  address: string;
  family: 4 | 6;
}

export class RefusedTarget extends Error {}

/**
 * Resolves the webhook's host and refuses internal addresses unless the host is listed in
 * WEBHOOK_ALLOWED_HOSTS. Every address the name has is checked, not only the first.
 */
export async function resolveWebhookTargetOrThrow(url: string, allowedHosts: readonly string[]): Promise<ResolvedTarget> {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new RefusedTarget("only http and https targets are reached");
  const host = parsed.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) as 4 | 6 }] : await lookup(host, { all: true });
  if (addresses.length === 0) throw new RefusedTarget(`${host} does not resolve`);
  if (!allowedHosts.includes(host) && addresses.some(({ address }) => isInternalAddress(address))) {
    throw new RefusedTarget(`${host} resolves to a private, loopback or link-local address; list it in WEBHOOK_ALLOWED_HOSTS to allow it`);
  }
  return { url: parsed, address: addresses[0].address, family: addresses[0].family as 4 | 6 };
}
