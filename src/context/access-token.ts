import { SignJWT, errors as joseErrors, jwtVerify } from "jose";
import { isUuid } from "../shared/ids";
import { unauthenticated } from "../shared/errors";

const ALGORITHM = "HS256";
const ISSUER = "link-pass";
export const ACCESS_TOKEN_LIFETIME = "12h";

export interface AccessTokenClaims {
  userId: string;
  /** The membership's tenant the token acts through unless x-tenant-id picks another. */
  tenantId: string;
  /** The user's session version when the token was issued; a higher one in the database ends it. */
  sessionVersion: number;
}

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export function issueAccessToken(claims: AccessTokenClaims, secret: string): Promise<string> {
  return new SignJWT({ tid: claims.tenantId, sv: claims.sessionVersion })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(ACCESS_TOKEN_LIFETIME)
    .sign(keyOf(secret));
}

/**
 * Only HS256 tokens we signed, unexpired, with well-formed claims; anything else is
 * UNAUTHENTICATED. Also says until when the token is valid (its signed expiry).
 */
export async function verifyAccessTokenOrThrow(token: string, secret: string): Promise<{ claims: AccessTokenClaims; expiresAtMs: number }> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: [ALGORITHM], issuer: ISSUER, requiredClaims: ["exp"] });
    const { sub, tid, sv } = payload;
    if (typeof sub === "string" && isUuid(sub) && typeof tid === "string" && isUuid(tid) && Number.isSafeInteger(sv) && (sv as number) > 0) {
      return { claims: { userId: sub, tenantId: tid, sessionVersion: sv as number }, expiresAtMs: payload.exp! * 1000 };
    }
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthenticated("Token expired");
  }
  throw unauthenticated("Invalid token");
}
