import type { EntityManager } from "typeorm";
import { unauthenticated } from "../../shared/errors";
import { issueAccessToken } from "../../context/access-token";
import { AuthPayload } from "./identity.types";
import { passwordMatches } from "./password";
import { User } from "./user.entity";
import { query, sql } from "../../db/rows/sql";

interface LoginRow {
  user_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  tenant_id: string;
  session_version: number;
}

/** Same answer for an unknown email, a wrong password and a user with no active membership. */
export async function loginOrThrow(
  db: EntityManager,
  credentials: { email: string; password: string },
  jwtSecret: string,
): Promise<AuthPayload> {
  const [row] = await query<LoginRow>(db, sql`SELECT l.*, app.session_version_of(l.user_id) AS session_version FROM app.find_login(${credentials.email}) l`);
  const matches = await passwordMatches(row?.password_hash, credentials.password);
  if (!row || !matches) throw unauthenticated("Invalid email or password");
  const user = Object.assign(new User(), { id: row.user_id, email: row.email, displayName: row.display_name });
  const token = await issueAccessToken({ userId: row.user_id, tenantId: row.tenant_id, sessionVersion: row.session_version }, jwtSecret);
  return { token, user };
}
