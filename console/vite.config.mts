import { defineConfig } from "vite";

// Served by the API under /console (src/modules/console); asset names carry a content hash, so
// the server can let browsers keep them for a year.
export default defineConfig({
  root: import.meta.dirname,
  base: "/console/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    // No inline scripts or styles: the console runs under a Content-Security-Policy without 'unsafe-inline'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // ECharts, even tree-shaken, is one chunk of about half a megabyte (loaded with the first report).
    chunkSizeWarningLimit: 600,
  },
});
