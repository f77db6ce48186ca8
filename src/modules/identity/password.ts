import { hash, verify } from "@node-rs/argon2";

/** argon2id with the library's defaults (OWASP-recommended memory and time cost). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Spent on unknown emails too, so response time does not tell which emails exist. */
const UNKNOWN_USER_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YqfKXzmZYvXbb3pBkmuOu6HcsEYUzCh1yElQzxG6tR8";

export async function passwordMatches(passwordHash: string | undefined, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? UNKNOWN_USER_HASH, password);
  } catch {
    return false;
  }
}
