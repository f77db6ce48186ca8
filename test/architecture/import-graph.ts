import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const SRC = path.resolve(__dirname, "../../src");

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|(?:^|\n)\s*import\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g;

/** Every .ts file under src/, as a path relative to src/ (e.g. `http/http-server.ts`). */
export function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith(".ts") ? [path.relative(SRC, full)] : [];
  });
}

/** The project files `file` imports (type-only imports included), relative to src/; packages and files outside src/ are left out. */
export function importsOf(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), "utf8");
  const found = new Set<string>();
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier.startsWith(".")) continue;
    const resolved = resolve(path.resolve(SRC, path.dirname(file), specifier));
    if (resolved && resolved.startsWith(SRC + path.sep)) found.add(path.relative(SRC, resolved));
  }
  return [...found];
}

function resolve(base: string): string | undefined {
  return [`${base}.ts`, path.join(base, "index.ts")].find((candidate) => existsSync(candidate));
}

/** The import cycles of the graph, each as the files on it (Tarjan's strongly connected components). */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowLinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    indices.set(file, index);
    lowLinks.set(file, index++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowLinks.set(file, Math.min(lowLinks.get(file)!, lowLinks.get(next)!));
      } else if (onStack.has(next)) {
        lowLinks.set(file, Math.min(lowLinks.get(file)!, indices.get(next)!));
      }
    }
    if (lowLinks.get(file) === indices.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!indices.has(file)) visit(file);
  return cycles;
}
