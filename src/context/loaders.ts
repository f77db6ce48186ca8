import type { EntityManager } from "typeorm";
import type { ActingContext } from "./acting-context";

/**
 * A request's DataLoaders, one group per module under the module's name. The core knows no group:
 * each module adds its own to this interface (`declare module`) and its factory to its descriptor.
 */
export interface Loaders {}

export type LoaderFactory<Group = object> = (db: EntityManager, acting: ActingContext) => Group;

/** A module's loader factories, keyed like its groups in `Loaders`. */
export type LoaderFactories = { [Name in keyof Loaders]?: LoaderFactory<Loaders[Name]> };

const DB = Symbol("db");
const ACTING = Symbol("acting");

/**
 * Makes, per request, an object on which each group comes into being when the request first reads
 * it, bound to that request's transaction and acting member, so no cache outlives its tenant
 * settings and a request pays only for the modules it touches.
 */
export function requestLoaders(factories: Record<string, LoaderFactory>): (db: EntityManager, acting: ActingContext) => Loaders {
  const prototype = {};
  for (const [name, factory] of Object.entries(factories)) {
    Object.defineProperty(prototype, name, {
      get(this: { [DB]: EntityManager; [ACTING]: ActingContext }) {
        const group = factory(this[DB], this[ACTING]);
        Object.defineProperty(this, name, { value: group });
        return group;
      },
    });
  }
  return (db, acting) => Object.assign(Object.create(prototype), { [DB]: db, [ACTING]: acting }) as Loaders;
}
