import type { ActingContext } from "../../context/acting-context";
import { Role } from "../../context/roles";

/** Who creates, lists and revokes a tenant's API keys: its president or a deputy, as a person (never a key). */
export function administersApiKeys(acting: ActingContext): boolean {
  return acting.apiKeyId === undefined && (acting.role === Role.PRESIDENT || acting.role === Role.DEPUTY);
}
