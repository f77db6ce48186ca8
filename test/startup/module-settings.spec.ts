import { startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { capturedLogger, startupFailure } from "./support";

describe("the modules' settings at start-up", () => {
  it("a configuration loaded without the modules' settings is refused before anything starts", async () => {
    const config = loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" });
    const message = await startupFailure(startApp(config, capturedLogger().log));
    expect(message).toContain("the configuration lacks the modules' settings");
    expect(message).toContain("approvalEscalationIntervalSeconds");
  });
});
