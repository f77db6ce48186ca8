import type Redis from "ioredis";
import { createHash } from "node:crypto";
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimitConfig } from "../config";
import type { Authentication, LoginThrottle } from "../context/request-context";
import { RateLimitedError } from "../shared/errors";

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimits {
  consume(authentication: Authentication, clientAddress: string): Promise<RateLimitVerdict>;
}

/** A bucket of `points` a minute; with Redis, every API process shares it. */
function bucket(keyPrefix: string, points: number, redis: Redis | undefined): RateLimiterAbstract {
  const options = { keyPrefix: `link-pass:${keyPrefix}`, points, duration: 60 };
  if (!redis) return new RateLimiterMemory(options);
  // If Redis is unreachable, each process falls back to its own memory buckets rather than failing requests.
  return new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
}

/** Spends one point of each bucket under its key; refused when any of them is empty. */
async function spend(points: [RateLimiterAbstract, string][]): Promise<RateLimitVerdict> {
  try {
    await Promise.all(points.map(([limiter, key]) => limiter.consume(key)));
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    throw rejection;
  }
}

/**
 * Token buckets per user and per tenant (the token's home tenant, which a caller cannot choose),
 * per API key (keyed by its secret's hash, which names it without a database read), and per client address for requests without a valid token (login). With Redis, every API
 * process shares the buckets.
 */
export function createRateLimits(config: RateLimitConfig, redis?: Redis): RateLimits {
  const perUser = bucket("user", config.userPerMinute, redis);
  const perTenant = bucket("tenant", config.tenantPerMinute, redis);
  const perAddress = bucket("anonymous", config.anonymousPerMinute, redis);
  // A key is a principal of its own, with a person's allowance; its tenant is only known in the database.
  const perApiKey = bucket("api-key", config.userPerMinute, redis);
  return {
    consume(authentication, clientAddress) {
      switch (authentication.kind) {
        case "token":
          return spend([[perUser, authentication.userId], [perTenant, authentication.tenantId]]);
        case "apiKey":
          return spend([[perApiKey, authentication.secretHash]]);
        default:
          return spend([[perAddress, clientAddress]]);
      }
    },
  };
}

/**
 * Every login attempt costs a password hash, so attempts are counted per account and per address
 * themselves, not per bearer token: a request carrying some other user's token spends the same
 * points. The account key is a digest of the email as login matches it (trimmed, lower case), so
 * spelling variants share a bucket and no address is stored in clear.
 */
export function createLoginThrottle(config: RateLimitConfig, redis?: Redis): LoginThrottle {
  const perAccount = bucket("login-account", config.loginAccountPerMinute, redis);
  const perAddress = bucket("login-address", config.loginAddressPerMinute, redis);
  return {
    async consumeOrThrow({ email, clientAddress }) {
      const account = createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
      const verdict = await spend([[perAccount, account], [perAddress, clientAddress]]);
      if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterSeconds);
    },
  };
}
