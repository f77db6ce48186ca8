import { IsOptional, Max, Min } from "class-validator";
import { ArgsType, ClassType, Field, Int, ObjectType } from "type-graphql";
import { badUserInput } from "./errors";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many rows (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE})` })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page" })
  @IsOptional()
  after?: string;
}

@ObjectType({ description: "Where a page of a connection ends and whether another follows" })
export class PageInfo {
  constructor(private readonly page: Page<unknown>) {}

  @Field({ description: "Whether rows follow this page (ask again with after: endCursor)" })
  get hasNextPage(): boolean {
    return this.page.hasNextPage;
  }

  @Field(() => String, { nullable: true, description: "The cursor of the page's last row; null on an empty page" })
  get endCursor(): string | null {
    const last = this.page.nodes[this.page.nodes.length - 1];
    return last === undefined ? null : this.page.cursorOf(last);
  }

  /**
   * Pages go forward only (first/after): true when `after` was given and rows come at or before
   * it, looked up only when selected; always false on a first page.
   */
  @Field(() => Boolean, { description: "Whether rows come before this page: pages go forward only, so true only after a cursor" })
  hasPreviousPage(): Promise<boolean> {
    return this.page.hasPreviousPage();
  }

  @Field(() => String, { nullable: true, description: "The cursor of the page's first edge" })
  get startCursor(): string | null {
    const first = this.page.nodes[0];
    return first === undefined ? null : this.page.cursorOf(first);
  }
}

/** What a list query returns before it is shaped into a connection. */
export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  cursorOf(node: T): string;
  /** Counted only when the client asks for totalCount. */
  countTotal(): Promise<number>;
  /** Looked up only when the client asks for hasPreviousPage. */
  hasPreviousPage(): Promise<boolean>;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A Relay connection type for `node`, named `<name>Connection` with `<name>Edge`. */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor` })
  class EdgeType implements Edge<T> {
    @Field({ description: "Opaque; pass it as after to read the rows that follow this one" })
    cursor!: string;

    @Field(() => node, { description: `The ${name} itself` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} rows the caller may read, in a stable order (Relay connection)` })
  class ConnectionType {
    constructor(private readonly page: Page<T>) {}

    /** Each edge's cursor is encoded only when the query selects it. */
    @Field(() => [EdgeType], { description: "The page's rows, in order" })
    get edges(): Edge<T>[] {
      const { cursorOf } = this.page;
      return this.page.nodes.map((node) => ({
        node,
        get cursor() {
          return cursorOf(node);
        },
      }));
    }

    @Field(() => PageInfo, { description: "Where this page ends and whether another follows" })
    get pageInfo(): PageInfo {
      return new PageInfo(this.page);
    }

    @Field(() => Int, { description: "How many rows all pages hold together, under the same filters" })
    totalCount(): Promise<number> {
      return this.page.countTotal();
    }
  }
  return ConnectionType;
}

/** Cursors are opaque to clients: base64url JSON of the sort key. */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The cursor's key parts, each accepted by its check; anything else is the client's error. */
export function decodeCursorOrThrow(cursor: string, checks: readonly ((part: string) => boolean)[]): string[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    key = undefined;
  }
  const valid = Array.isArray(key) && key.length === checks.length && key.every((part, index) => typeof part === "string" && checks[index](part));
  if (!valid) throw badUserInput("after is not a valid cursor", "after");
  return key as string[];
}

export function pageSize(args: PageArgs): number {
  return args.first ?? DEFAULT_PAGE_SIZE;
}
