import { GraphQLError } from "graphql";
import { formatError } from "../../src/shared/format-error";
import { conflict } from "../../src/shared/errors";

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
});
