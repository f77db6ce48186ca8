import {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputField,
  GraphQLNamedType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
} from "graphql";
import { appModules } from "../src/app";
import { buildAppSchema } from "../src/schema";

interface Described {
  description?: string | null;
}

/** Query, Mutation and Subscription are named by the spec itself; their fields carry the descriptions. */
function isRootType(schema: GraphQLSchema, type: GraphQLNamedType): boolean {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].includes(type as never);
}

/** Every element a client reads in the schema's documentation, by its coordinate (`Type.field(arg:)`). */
function documentedElements(schema: GraphQLSchema): Array<[string, Described]> {
  const elements: Array<[string, Described]> = [];
  const field = (owner: string, entry: GraphQLField<unknown, unknown>) => {
    elements.push([`${owner}.${entry.name}`, entry]);
    for (const arg of entry.args as readonly GraphQLArgument[]) elements.push([`${owner}.${entry.name}(${arg.name}:)`, arg]);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || isSpecifiedScalarType(type)) continue;
    if (!isRootType(schema, type)) elements.push([type.name, type]);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const entry of Object.values(type.getFields())) field(type.name, entry);
    } else if (isInputObjectType(type)) {
      for (const entry of Object.values(type.getFields()) as GraphQLInputField[]) elements.push([`${type.name}.${entry.name}`, entry]);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) elements.push([`${type.name}.${value.name}`, value]);
    }
  }
  return elements;
}

describe("schema documentation", () => {
  const elements = documentedElements(buildAppSchema(appModules()));

  it("every type, field, argument, input field and enum value has a description", () => {
    const undescribed = elements.filter(([, element]) => !element.description?.trim()).map(([coordinate]) => coordinate);
    expect(undescribed).toEqual([]);
  });

  it("every description is one line", () => {
    const multiLine = elements.filter(([, element]) => element.description?.includes("\n")).map(([coordinate]) => coordinate);
    expect(multiLine).toEqual([]);
  });
});
