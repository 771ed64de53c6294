// Worker entry in plain JavaScript so it starts without a build step: registers tsx, then loads the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./workerMain.ts");
