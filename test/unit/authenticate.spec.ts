import { SignJWT } from "jose";
import { authenticate } from "../../src/context/create-context";

const SECRET = "unit-test-secret-unit-test-secret-unit";
const USER = "00000000-0000-4000-8000-000000000001";
const TENANT = "00000000-0000-4000-8000-000000000002";

const token = (secret: string, expiresInSeconds: number) =>
  new SignJWT({ tid: TENANT, sv: 1 })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(USER)
    .setIssuer("link-pass")
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
    .sign(new TextEncoder().encode(secret));

/** authenticate remembers verified tokens; a remembered one must prove no more than a fresh check. */
describe("authenticate with its verified-token cache", () => {
  it("answers a token it verified before from the cache, with the same claims", async () => {
    const bearer = `Bearer ${await token(SECRET, 600)}`;
    expect(await authenticate(bearer, SECRET)).toEqual({ kind: "token", userId: USER, tenantId: TENANT, sessionVersion: 1 });
    expect(await authenticate(bearer, SECRET)).toEqual({ kind: "token", userId: USER, tenantId: TENANT, sessionVersion: 1 });
  });

  it("does not let a token verified with one secret through under another", async () => {
    const bearer = `Bearer ${await token(SECRET, 600)}`;
    await authenticate(bearer, SECRET);
    expect((await authenticate(bearer, "another-secret-another-secret-another")).kind).toBe("invalid");
  });

  it("refuses a remembered token once it has expired", async () => {
    const bearer = `Bearer ${await token(SECRET, 2)}`;
    expect((await authenticate(bearer, SECRET)).kind).toBe("token");
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await authenticate(bearer, SECRET)).toEqual({ kind: "invalid", reason: "Token expired" });
  });
});
