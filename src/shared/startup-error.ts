import { ConfigError } from "../config";

/**
 * A start-up failure the operator fixes (a port in use, a database that cannot be reached, a
 * pending migration): its message is one line that says what happened and what to do.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

/** Ends a command that failed: the message alone for what the operator fixes, else the stack. */
export function exitOnFailure(error: unknown): never {
  const expected = error instanceof StartupError || error instanceof ConfigError;
  process.stderr.write(expected ? `${error.message}\n` : `${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
}
