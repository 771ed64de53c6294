/** Every bound the node enforces, in one place. Protocol-wide bounds live in @kexin/core's protocolLimits. */
export const nodeLimits = {
  mempoolTxsMax: 50_000,
  mempoolBytesMax: 256 * 1024 * 1024,
  mempoolTxsPerAccountMax: 5_000,
  apiBatchTxsMax: 2_000,
  /** A request body on any route that sets no bound of its own. */
  apiBodyBytesMaxDefault: 1024 * 1024,
  apiBatchBodyBytesMax: 16 * 1024 * 1024,
  /** The request line and headers together (Node's maxHeaderSize, set explicitly so that refusals can name it). */
  apiHeaderBytesMax: 16 * 1024,
  /** How long the API's plugins may take to load: generous, since synced blocks execute on the same event loop meanwhile. */
  apiPluginStartMsMax: 120_000,
  apiBlockListMax: 100,
  apiQueryResultsMax: 1_000,
  websocketClientsMax: 256,
  websocketBufferedBytesMax: 4 * 1024 * 1024,
  /** Committed blocks one WebSocket subscription may ask to have replayed (`fromHeight`). */
  websocketReplayBlocksMax: 1_000,
  recentBlockTreesCached: 8,
  /** Committed state entries admission keeps read between two blocks (see Executor.authorise); past it the cache starts afresh. */
  admissionStateReadsCachedMax: 10_000,
  stateKeyBytesMax: 512,
  stateValueBytesMax: 256 * 1024,
} as const;
