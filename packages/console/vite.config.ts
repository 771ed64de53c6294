import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The API the development server forwards to (`npm run dev -w @kexin/console` next to `npm start`). */
const nodeUrl = process.env.KEXIN_NODE_URL ?? "http://127.0.0.1:7420";

export default defineConfig({
  plugins: [react()],
  // @kexin/core picks its crypto backend through the "#crypto-backend" import map: "node" for
  // OpenSSL, "default" for the pure-JavaScript one. Vite resolves client code without the "node"
  // condition, so the bundle gets the browser backend; "browser" is listed to say so explicitly.
  resolve: { conditions: ["browser", "module", "import", "default"] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // One bundle on purpose: the Verify page must keep working after the network goes away, so no
    // page may depend on a chunk fetched later.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: { codeSplitting: false },
      onLog(level, log, handler) {
        // sm-crypto-v2 imports node:crypto only where globalThis.crypto is missing, which no supported browser lacks.
        if (log.message.includes('"crypto" has been externalized') && log.message.includes("sm-crypto-v2")) return;
        handler(level, log);
      },
    },
  },
  server: {
    proxy: {
      "/v1/ws": { target: nodeUrl.replace(/^http/, "ws"), ws: true },
      "/v1": nodeUrl,
      "/healthz": nodeUrl,
    },
  },
});
