import { appModules } from "../../src/app";
import { ConfigError, loadConfig as loadConfigOf } from "../../src/config";

const loadConfig = (env: NodeJS.ProcessEnv) => loadConfigOf(env, appModules().settings);

describe("configuration", () => {
  it("defaults to port 4000, the embedded database and the demo data", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, databaseUrl: undefined, seedDemoData: true, environment: "development" });
    expect(config.settings.responseTargetHours).toEqual({ GENERAL: 48, KEY: 24, SPECIAL: 4 });
  });

  it("names every bad value in one message", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", RESPONSE_TARGET_HOURS: "URGENT=1", NODE_ENV: "production" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const setting of ["PORT", "DATABASE_URL", "RESPONSE_TARGET_HOURS", "JWT_SECRET"]) expect(message).toContain(setting);
  });

  it("requires a JWT secret of at least 32 characters in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production", JWT_SECRET: "short" })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: "production", JWT_SECRET: "x".repeat(32) }).jwtSecret).toBe("x".repeat(32));
  });
});
