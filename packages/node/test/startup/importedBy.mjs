// Imports argv[2] and prints, as JSON, every module URL resolved meanwhile (the tsx loader is registered before).
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";

const { port1, port2 } = new MessageChannel();
register("./resolvedUrls.mjs", import.meta.url, { data: { port: port2 }, transferList: [port2] });
await import(process.argv[2]);
const urls = await new Promise((resolve) => {
  port1.once("message", resolve);
  port1.postMessage("list");
});
port1.close();
process.stdout.write(JSON.stringify(urls));
