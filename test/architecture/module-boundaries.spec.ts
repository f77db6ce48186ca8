import { importCycles, importsOf, sourceFiles } from "./import-graph";

const graph = new Map(sourceFiles().map((file) => [file, importsOf(file)]));

/** The core: what every module builds on, and what must build on no module. */
const CORE = ["db/", "context/", "permissions/", "http/", "shared/", "config.ts"];
const isCore = (file: string) => CORE.some((prefix) => file === prefix || file.startsWith(prefix));

describe("module boundaries", () => {
  it("the import graph is read (a broken reader would pass every rule below)", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("app.ts")).toContain("modules/index.ts");
  });

  it("no file of the core imports a module, the demo data or the app that assembles them", () => {
    const crossings = [...graph].flatMap(([file, imports]) =>
      isCore(file) ? imports.filter((target) => !isCore(target)).map((target) => `${file} → ${target}`) : [],
    );
    expect(crossings).toEqual([]);
  });

  it("src/config.ts is a leaf: it imports nothing of the project", () => {
    expect(graph.get("config.ts")).toEqual([]);
  });

  it("the cycle finder finds a cycle when there is one", () => {
    expect(importCycles(new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", ["a.ts"]], ["d.ts", ["a.ts"]]]))).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });

  it("there is no import cycle anywhere in src/", () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it("every module folder has a descriptor, and src/modules/index.ts lists each one", () => {
    const folders = [...new Set(sourceFiles().filter((f) => f.startsWith("modules/") && f.split("/").length === 3).map((f) => f.split("/")[1]))];
    const listed = graph.get("modules/index.ts")!;
    expect(folders.filter((folder) => !listed.includes(`modules/${folder}/${folder}.module.ts`))).toEqual([]);
  });
});
