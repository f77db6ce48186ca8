import { Client } from "pg";
import { REQUEST_ROLE } from "../../src/db/database";

/**
 * Counts the round trips requests make: a spy on pg itself that calls through, keeping only the
 * statements of connections logged in as the request role. The owner's pool runs the background
 * jobs, whose ticks land at any moment on a loaded machine and would otherwise be counted too.
 */
export function spyOnRequestStatements() {
  const spy = jest.spyOn(Client.prototype, "query");
  const requestCalls = () => spy.mock.calls.filter((_, index) => (spy.mock.contexts[index] as Client).user === REQUEST_ROLE);
  return {
    clear: () => spy.mockClear(),
    count: () => requestCalls().length,
    texts: () => requestCalls().map((call) => String(call[0])),
    restore: () => spy.mockRestore(),
  };
}
