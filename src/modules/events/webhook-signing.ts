import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/**
 * The secret signs every delivery, so it is kept recoverable: AES-256-GCM under a key derived
 * from JWT_SECRET (a copy of the table alone does not reveal it). Rotating JWT_SECRET makes the
 * stored secrets unreadable: their webhooks must be created again.
 */
function secretKey(jwtSecret: string): Buffer {
  return createHmac("sha256", jwtSecret).update("linkpass webhook secrets").digest();
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function sealWebhookSecret(secret: string, jwtSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(jwtSecret), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString("base64")).join(".");
}

export function openWebhookSecret(stored: string, jwtSecret: string): string {
  const [iv, tag, sealed] = stored.split(".").map((part) => Buffer.from(part, "base64"));
  const decipher = createDecipheriv("aes-256-gcm", secretKey(jwtSecret), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]).toString("utf8");
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (DESIGN §8.3). */
export function webhookSignature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}
