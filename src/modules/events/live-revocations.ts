import type { Logger } from "../../shared/logger";
import { PgListener, parsedPayload } from "./pg-listener";

/**
 * The channel the database NOTIFYs when a user's sessions end (their session_version rises:
 * signOutEverywhere, resetPassword) or one of their memberships is deactivated
 * (migrations/1765281000000-LiveRevocations.ts). PostgreSQL delivers it on commit only.
 */
export const REVOCATION_CHANNEL = "linkpass_revocations";

/** Whose admission to re-check: ids only. */
export interface Revocation {
  userId: string;
  /** Set when one membership was deactivated; the user's other memberships may still admit them. */
  membershipId?: string;
}

/**
 * Always LISTEN/NOTIFY, with or without Redis: the triggers that announce revocations run in the
 * revoking transaction, in the database every process already has a connection to.
 */
export async function listenForRevocations(listener: PgListener, onRevoked: (revocation: Revocation) => void, log: Logger): Promise<void> {
  await listener.listen(
    REVOCATION_CHANNEL,
    (payload) => {
      const revocation = parsedPayload<Revocation>(payload, "revocation", log);
      if (typeof revocation?.userId === "string") onRevoked(revocation);
    },
  );
}
