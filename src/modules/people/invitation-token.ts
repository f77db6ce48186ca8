import { createHash, randomBytes } from "node:crypto";

/** A fresh single-use token (256 random bits) and the hash that is all the database keeps of it. */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
