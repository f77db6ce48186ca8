import type Redis from "ioredis";
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimitConfig } from "../config";
import type { Authentication } from "../context/request-context";

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimits {
  consume(authentication: Authentication, clientAddress: string): Promise<RateLimitVerdict>;
}

/**
 * Token buckets per user and per tenant (the token's home tenant, which a caller cannot choose),
 * and per client address for requests without a valid token (login). With Redis, every API
 * process shares the buckets.
 */
export function createRateLimits(config: RateLimitConfig, redis?: Redis): RateLimits {
  const bucket = (keyPrefix: string, points: number): RateLimiterAbstract => {
    const options = { keyPrefix: `link-pass:${keyPrefix}`, points, duration: 60 };
    if (!redis) return new RateLimiterMemory(options);
    // If Redis is unreachable, each process falls back to its own memory buckets rather than failing requests.
    return new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
  };
  const perUser = bucket("user", config.userPerMinute);
  const perTenant = bucket("tenant", config.tenantPerMinute);
  const perAddress = bucket("anonymous", config.anonymousPerMinute);

  return {
    async consume(authentication, clientAddress) {
      try {
        if (authentication.kind === "token") {
          await Promise.all([perUser.consume(authentication.userId), perTenant.consume(authentication.tenantId)]);
        } else {
          await perAddress.consume(clientAddress);
        }
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        throw rejection;
      }
    },
  };
}
