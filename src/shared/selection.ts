import type { GraphQLResolveInfo, SelectionSetNode } from "graphql";

/**
 * The field names a query selects `path` below the resolved field (`[]`: its own selection;
 * `["edges", "node"]`: a connection's nodes), through inline fragments and named ones.
 */
export function fieldNamesAt(info: GraphQLResolveInfo, path: string[]): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, depth: number) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === "Field") {
        if (depth === path.length) names.add(selection.name.value);
        else if (selection.name.value === path[depth]) visit(selection.selectionSet, depth + 1);
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

/**
 * The field names selected one level down and one more under each of `nested` (e.g.
 * networkReport's `rows` and `totals`): reports compute only the figures a query asks for.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, nested: string[]): Set<string> {
  return new Set([fieldNamesAt(info, []), ...nested.map((name) => fieldNamesAt(info, [name]))].flatMap((names) => [...names]));
}
