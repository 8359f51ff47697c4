/**
 * npm run bench:provider — the size of the serialized provider that every ScriptOrder stores in
 * state as `__provider` (goal: at most 4,096 bytes).
 */
import { serializeScriptOrderProvider } from "../provider/serialize";

const GOAL = 4096;

serializeScriptOrderProvider()
  .then((text) => {
    const bytes = Buffer.byteLength(text, "utf8");
    console.log(`serialized __provider: ${bytes} bytes (goal <= ${GOAL}${bytes <= GOAL ? ", met" : ", NOT met"})`);
  })
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
