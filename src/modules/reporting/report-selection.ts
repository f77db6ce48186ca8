import type { GraphQLResolveInfo, SelectionSetNode } from "graphql";

/**
 * The field names selected under the resolved field, one level down and one more under each of
 * `nested` (e.g. networkReport's `rows` and `totals`), through inline fragments and named ones.
 * Reports compute only the figures a query asks for.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, nested: string[]): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, depth: number) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === "Field") {
        names.add(selection.name.value);
        if (depth === 0 && nested.includes(selection.name.value)) visit(selection.selectionSet, 1);
      } else if (selection.kind === "InlineFragment") {
        visit(selection.selectionSet, depth);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet, depth);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, 0);
  return names;
}
