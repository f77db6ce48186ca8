// Starts GraphiQL against this server's /graphql; kept out of the page so the page needs no inline script.
// The fetcher sends whatever the headers editor holds (an `authorization` header, for one) with each request.
const fetcher = GraphiQL.createFetcher({ url: "/graphql" });

// GraphiQL keeps tabs and history, headers included, in this store: in memory, a pasted token does not outlive
// the tab, as in the console.
const entries = new Map();
const storage = {
  getItem: (key) => entries.get(key) ?? null,
  setItem: (key, value) => entries.set(key, String(value)),
  removeItem: (key) => entries.delete(key),
  clear: () => entries.clear(),
  get length() {
    return entries.size;
  },
};

ReactDOM.createRoot(document.getElementById("graphiql-root")).render(
  React.createElement(GraphiQL, { fetcher, storage, isHeadersEditorEnabled: true }),
);
