// Starts Ruru against this server's /graphql; kept out of the page so the page needs no inline script.
import { React, createRoot, Ruru } from "./ruru.js";

globalThis.MonacoEnvironment = {
  getWorker(_, label) {
    const file = label === "json" ? "jsonWorker.js" : label === "graphql" ? "graphqlWorker.js" : "editorWorker.js";
    return new Worker(new URL(file, import.meta.url), { type: "module" });
  },
};

createRoot(document.getElementById("ruru-root")).render(
  React.createElement(Ruru, { endpoint: "/graphql", staticPath: "/graphiql/" }),
);
