import { ErrorsAreMissesCache, InMemoryLRUCache, KeyValueCache, PrefixingKeyValueCache } from "@apollo/utils.keyvaluecache";
import type Redis from "ioredis";

/** Registered query documents expire a day after their last registration. */
const TTL_SECONDS = 24 * 3600;
/** The in-memory store stays under this size, evicting the least recently used documents. */
const MEMORY_BYTES = 16 * 1024 * 1024;

/**
 * The store of automatic persisted queries (mobile clients send a hash, not the document):
 * in memory and bounded by default, shared through Redis when configured. A Redis failure is a
 * cache miss (the client resends the document), never a failed request.
 */
export function persistedQueryCache(redis?: Redis): KeyValueCache {
  if (!redis) return new InMemoryLRUCache({ maxSize: MEMORY_BYTES, sizeCalculation: InMemoryLRUCache.sizeCalculation });
  const shared: KeyValueCache = {
    async get(key) {
      return (await redis.get(key)) ?? undefined;
    },
    async set(key, value, options) {
      await redis.set(key, value, "EX", options?.ttl ?? TTL_SECONDS);
    },
    async delete(key) {
      return (await redis.del(key)) > 0;
    },
  };
  return new ErrorsAreMissesCache(new PrefixingKeyValueCache(shared, "link-pass:apq:"));
}

export const PERSISTED_QUERY_TTL_SECONDS = TTL_SECONDS;
