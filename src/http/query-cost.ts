import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  isInterfaceType,
  isObjectType,
} from "graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../shared/pagination";

/** What one selection costs: 2 per object, 1 per scalar, ×1.5 per nesting level, × the rows a page argument asks for. */
export const COST_WEIGHTS = { object: 2, scalar: 1, depthFactor: 1.5 } as const;

export interface OperationCost {
  cost: number;
  /** Whether a page size came from a variable: the cost then holds for these variables only. */
  readsVariables: boolean;
}

/**
 * The cost of an operation as it will run: a list's `first` counts with its literal value, the
 * value of its variable (`variables`: the operation's coerced variables; unknown: the cap), or,
 * when omitted or null, the page size the resolver then uses. Fragments cost what their
 * selections cost where they are spread, so writing a query with or without them costs the same.
 */
export function operationCost(
  schema: GraphQLSchema,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): OperationCost {
  let readsVariables = false;
  const fragmentCosts = new Map<string, number>();

  const rowsOf = (field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number => {
    const parameter = definition?.args.find((arg) => arg.name === "first");
    if (!parameter) return 1;
    const pageSizeWhenOmitted = typeof parameter.defaultValue === "number" ? parameter.defaultValue : DEFAULT_PAGE_SIZE;
    const value = field.arguments?.find((arg) => arg.name.value === "first")?.value;
    if (!value || value.kind === Kind.NULL) return pageSizeWhenOmitted;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind !== Kind.VARIABLE) return MAX_PAGE_SIZE;
    readsVariables = true;
    if (!variables) return MAX_PAGE_SIZE;
    const given = variables[value.name.value];
    if (given === undefined || given === null) return pageSizeWhenOmitted;
    return typeof given === "number" ? given : MAX_PAGE_SIZE;
  };

  const fieldCost = (field: FieldNode, parentType: GraphQLNamedType | undefined): number => {
    if (field.name.value === "__schema" || field.name.value === "__type") return 0;
    if (!field.selectionSet) return COST_WEIGHTS.scalar;
    const definition = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[field.name.value] : undefined;
    const children = selectionsCost(field.selectionSet, definition && getNamedType(definition.type));
    return (COST_WEIGHTS.object + COST_WEIGHTS.depthFactor * children) * Math.max(1, rowsOf(field, definition));
  };

  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const cost = fragment ? selectionsCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value)) : 0;
    fragmentCosts.set(name, cost);
    return cost;
  };

  function selectionsCost(selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) cost += fieldCost(selection, parentType);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) cost += fragmentCost(selection.name.value);
      else cost += selectionsCost(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType);
    }
    return cost;
  }

  const cost = selectionsCost(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
  return { cost, readsVariables };
}
