import { GraphQLObjectType, isObjectType } from "graphql";
import { allow } from "graphql-shield";
import { appModules } from "../src/app";
import { buildBaseSchema } from "../src/schema";
import { permissionRulesOf, ruleFor as ruleIn } from "../src/permissions/permissions";
import type { ShieldRule } from "../src/permissions/rule-tree";

/** A readable name for a rule: `allow`, a named rule, or `chain(a, b)`. */
function describeRule(rule: ShieldRule | undefined): string {
  if (rule === undefined) return "<none: denied by fallback>";
  if (rule === allow) return "allow";
  const logic = rule as { getRules?: () => ShieldRule[]; constructor: { name: string } };
  if (logic.getRules) {
    const kind = logic.constructor.name.replace(/^Rule/, "").toLowerCase();
    return `${kind}(${logic.getRules().map(describeRule).join(", ")})`;
  }
  return (rule as { name: string }).name;
}

const modules = appModules();
const schema = buildBaseSchema(modules);
const rules = permissionRulesOf(modules.rules);
const ruleFor = (type: string, field: string) => ruleIn(rules, type, field);
const rootFields = (type: GraphQLObjectType | null | undefined) =>
  Object.keys(type?.getFields() ?? {}).map((field) => `${type!.name}.${field}`);

describe("permissions", () => {
  it("every Query and Mutation field has an explicit rule", () => {
    const missing = [...rootFields(schema.getQueryType()), ...rootFields(schema.getMutationType())].filter((path) => {
      const [type, field] = path.split(".");
      return ruleFor(type, field) === undefined;
    });
    expect(missing).toEqual([]);
  });

  it("every type and field a rule is keyed by exists in the schema (a renamed field cannot keep a stale rule)", () => {
    const stale = Object.entries(rules).flatMap(([typeName, typeRules]) => {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) return [typeName];
      if (typeof typeRules !== "object" || typeRules === null || "resolve" in typeRules) return [];
      const fields = type.getFields();
      return Object.keys(typeRules)
        .filter((field) => field !== "*" && !(field in fields))
        .map((field) => `${typeName}.${field}`);
    });
    expect(stale).toEqual([]);
  });

  it("every field of every object type is covered, so none is closed by accident", () => {
    const uncovered: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.keys(type.getFields())) {
        if (ruleFor(type.name, field) === undefined) uncovered.push(`${type.name}.${field}`);
      }
    }
    expect(uncovered).toEqual([]);
  });

  it("the field → rule map of the root fields is as reviewed (a diff here is a permission change)", () => {
    const map = Object.fromEntries(
      [...rootFields(schema.getQueryType()), ...rootFields(schema.getMutationType())].map((path) => {
        const [type, field] = path.split(".");
        return [path, describeRule(ruleFor(type, field))];
      }),
    );
    expect(map).toMatchSnapshot();
  });
});
