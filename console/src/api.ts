/** The console's only way to the server: the public GraphQL API (and the CSV route), with the token kept in memory. */

export class ApiError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

export interface Session {
  token: string;
  /** Sent as x-tenant-id: which of the user's own memberships the console acts through. */
  tenantId?: string;
}

let session: Session | undefined;

export function signedIn(): boolean {
  return session !== undefined;
}

export function signOut(): void {
  session = undefined;
}

export function actAs(tenantId: string): void {
  if (session) session = { ...session, tenantId };
}

function headers(): Record<string, string> {
  const result: Record<string, string> = { "content-type": "application/json", "accept-language": navigator.language };
  if (session) result.authorization = `Bearer ${session.token}`;
  if (session?.tenantId) result["x-tenant-id"] = session.tenantId;
  return result;
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch("/graphql", { method: "POST", headers: headers(), body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, error.extensions?.code);
  return body.data as T;
}

export async function login(email: string, password: string): Promise<void> {
  const data = await graphql<{ login: { token: string } }>(
    `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
    { email, password },
  );
  session = { token: data.login.token };
}

/** A report route's CSV as a file, fetched with the token (a plain link could not carry it). */
export async function downloadCsv(path: string, fileName: string): Promise<void> {
  const response = await fetch(path, { headers: headers() });
  if (!response.ok) throw new ApiError(`${response.status} ${response.statusText}`, undefined);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
