import { loadConfig } from "../../src/config";
import { corsPolicy } from "../../src/http/cors";

describe("CORS_ORIGINS", () => {
  it("outside production defaults to any port of localhost and 127.0.0.1, in production to no origin", () => {
    expect(loadConfig({}).corsOrigins).toEqual(["http://localhost:*", "http://127.0.0.1:*"]);
    expect(loadConfig({ NODE_ENV: "test" }).corsOrigins).toEqual(["http://localhost:*", "http://127.0.0.1:*"]);
    expect(loadConfig({ NODE_ENV: "production", JWT_SECRET: "x".repeat(32) }).corsOrigins).toEqual([]);
  });

  it("is a comma-separated allow-list that replaces the default, empty for none", () => {
    expect(loadConfig({ CORS_ORIGINS: "https://portal.example, https://Admin.Example:8443" }).corsOrigins).toEqual([
      "https://portal.example",
      "https://admin.example:8443",
    ]);
    expect(loadConfig({ CORS_ORIGINS: "" }).corsOrigins).toEqual([]);
  });

  it("refuses an entry that is not an origin, naming it", () => {
    for (const entry of ["*", "portal.example", "https://portal.example/app", "https://*.example", "ftp://portal.example"]) {
      expect(() => loadConfig({ CORS_ORIGINS: `https://ok.example,${entry}` })).toThrow(`CORS_ORIGINS: ${entry.toLowerCase()}`);
    }
  });
});

describe("the CORS policy", () => {
  const allows = corsPolicy(["https://portal.example", "http://localhost:*"]);

  it("allows an exact origin, case aside, and any port of a host listed with :*", () => {
    for (const origin of ["https://portal.example", "HTTPS://PORTAL.EXAMPLE", "http://localhost", "http://localhost:5173"]) expect(allows(origin)).toBe(true);
  });

  it("allows nothing that only starts like an allowed origin", () => {
    for (const origin of [
      "https://portal.example.evil.example",
      "https://portal.example:8443",
      "http://portal.example",
      "http://localhost.evil.example",
      "http://localhost:5173.evil.example",
      "http://localhost:80@evil.example",
      "https://localhost:5173",
      "null",
    ]) {
      expect({ origin, allowed: allows(origin) }).toEqual({ origin, allowed: false });
    }
  });
});
