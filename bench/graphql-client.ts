/** Runs GraphQL operations against a bench's server, as a token's user or anonymously; errors throw. */
export function graphqlClient(url: string) {
  return async (token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<any> => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
}
