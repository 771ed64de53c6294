// Module customization hooks that record every URL resolved, and hand the list over when asked on the port.
const resolved = [];

export async function initialize({ port }) {
  port.on("message", () => port.postMessage(resolved));
  port.unref();
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  resolved.push(result.url);
  return result;
}
