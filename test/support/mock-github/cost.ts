// GitHub's documented primary-limit formula: add up the requests each connection needs, assuming
// every `first`/`last` is reached (a connection nested under one of 100 nodes needs 100 requests),
// divide by 100, round, at least 1 point.
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from "graphql";

function argumentValue(value: ValueNode, variables: Record<string, unknown>): unknown {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) return variables[value.name.value];
  return undefined;
}

export function connectionRequests(document: DocumentNode, variables: Record<string, unknown>, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
  );
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return 0;

  const walk = (selectionSet: SelectionSetNode, multiplier: number): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const size = selection.arguments
          ?.filter((argument) => argument.name.value === "first" || argument.name.value === "last")
          .map((argument) => argumentValue(argument.value, variables))
          .find((value): value is number => typeof value === "number");
        let childMultiplier = multiplier;
        if (size !== undefined) {
          total += multiplier;
          childMultiplier = multiplier * size;
        }
        if (selection.selectionSet) total += walk(selection.selectionSet, childMultiplier);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += walk(selection.selectionSet, multiplier);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) total += walk(fragment.selectionSet, multiplier);
      }
    }
    return total;
  };
  return walk(operation.selectionSet, 1);
}

export function queryPoints(document: DocumentNode, variables: Record<string, unknown>, operationName?: string | null): number {
  return Math.max(1, Math.round(connectionRequests(document, variables, operationName) / 100));
}
