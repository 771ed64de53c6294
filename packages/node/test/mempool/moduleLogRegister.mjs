// Preloaded (--import) into a worker under test: records every module URL the worker resolves, one a line, in KEXIN_TEST_MODULE_LOG.
import { register } from "node:module";

const file = process.env.KEXIN_TEST_MODULE_LOG;
if (file) register("./moduleLogHooks.mjs", import.meta.url, { data: { file } });
