import { createHash, randomBytes } from "node:crypto";

/** Every API key's secret begins with this (DESIGN §8.1), so a bearer value says what it is before any check. */
export const API_KEY_PREFIX = "lpk_";
const API_KEY_SECRET = /^lpk_[A-Za-z0-9_-]{43}$/;

/** A new secret (256 random bits after the prefix) and its SHA-256, all the database keeps of it. */
export function newApiKeySecret(): { secret: string; hash: Buffer } {
  const secret = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { secret, hash: hashApiKeySecret(secret) };
}

/**
 * A fast hash is enough: the secret is random and as long as the hash, so there is nothing to
 * guess, and a slow one (argon2) on every request would cost more than the request.
 */
export function hashApiKeySecret(secret: string): Buffer {
  return createHash("sha256").update(secret, "utf8").digest();
}

export function looksLikeApiKeySecret(bearer: string): boolean {
  return API_KEY_SECRET.test(bearer);
}
