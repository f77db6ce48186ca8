import { readFileSync } from "node:fs";
import path from "node:path";
import { appModules } from "../src/app";
import { buildAppSchema, printSortedSchema } from "../src/schema";

describe("schema.graphql", () => {
  it("matches the running schema (run `npm run schema` after changing the API)", () => {
    const committed = readFileSync(path.join(__dirname, "..", "schema.graphql"), "utf8");
    expect(printSortedSchema(buildAppSchema(appModules()))).toBe(committed);
  });
});
