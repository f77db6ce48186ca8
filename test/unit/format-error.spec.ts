import { ValidationError } from "class-validator";
import { GraphQLError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import { Client } from "pg";
import { QueryFailedError } from "typeorm";
import { formatError } from "../../src/shared/format-error";
import { badUserInput, conflict } from "../../src/shared/errors";

const formatted = (error: unknown) => formatError({ message: String(error) }, error);

describe("errors as clients see them", () => {
  it("a typed error keeps its code, message and details", () => {
    expect(formatted(conflict("Already decided", { status: "APPROVED" }))).toEqual({
      message: "Already decided",
      extensions: { code: "CONFLICT", status: "APPROVED" },
    });
  });

  it("an unexpected error is masked: no message, no stack, only INTERNAL_SERVER_ERROR", () => {
    const result = formatted(new TypeError("cannot read properties of undefined (reading 'secret')"));
    expect(result).toEqual({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
  });

  it("GraphQL's own coded errors keep their code", () => {
    const error = new GraphQLError("Syntax Error", { extensions: { code: "GRAPHQL_PARSE_FAILED" } });
    expect(formatted(error).extensions).toEqual({ code: "GRAPHQL_PARSE_FAILED" });
  });

  it("bad input names its field in extensions.fields", () => {
    expect(formatted(badUserInput("reason must not be blank", "reason"))).toEqual({
      message: "reason must not be blank",
      extensions: { code: "BAD_USER_INPUT", fields: [{ field: "reason", message: "reason must not be blank" }] },
    });
  });

  it("validation failures of nested inputs are named by their dotted path, one per broken rule", () => {
    const child = Object.assign(new ValidationError(), { property: "score", constraints: { min: "score must not be less than 1", isInt: "score must be an integer" } });
    const item = Object.assign(new ValidationError(), { property: "0", children: [child] });
    const list = Object.assign(new ValidationError(), { property: "scores", children: [item] });
    expect(formatted(new ArgumentValidationError([list])).extensions).toEqual({
      code: "BAD_USER_INPUT",
      fields: [
        { field: "scores.0.score", message: "score must not be less than 1" },
        { field: "scores.0.score", message: "score must be an integer" },
      ],
    });
  });

  it("input the database refuses is bad input with an empty fields list", () => {
    const refused = new QueryFailedError("SELECT 1", [], Object.assign(new Error("invalid input syntax"), { code: "22P02" }));
    expect(formatted(refused).extensions).toEqual({ code: "BAD_USER_INPUT", fields: [] });
  });

  it("text PostgreSQL cannot store (a NUL character) is the client's BAD_USER_INPUT, not a fault", async () => {
    const client = new Client({ connectionString: process.env.LINK_PASS_TEST_ADMIN_URL });
    await client.connect();
    try {
      const refusal = await client.query("SELECT $1::text", ["a\u0000b"]).catch((error: Error) => error);
      expect(formatted(new QueryFailedError("SELECT $1::text", ["a\u0000b"], refusal as Error)).extensions).toEqual({ code: "BAD_USER_INPUT", fields: [] });
    } finally {
      await client.end();
    }
  });
});
