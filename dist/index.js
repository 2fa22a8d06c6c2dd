import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  actionLogger,
  createRuntimeIO,
  failureMessage,
  loadGate,
  markActionFailed,
  reportToAction,
  setFailed,
  setSecret
} from "./chunk-4NKQJZNZ.js";
import {
  actionInputSource,
  parseCommonInputs
} from "./chunk-D65UKCWC.js";
import "./chunk-UM4MEZME.js";

// src/main.ts
async function run() {
  try {
    const source = actionInputSource();
    const common = parseCommonInputs(source, process.cwd());
    if (common.githubToken) setSecret(common.githubToken);
    const io = createRuntimeIO(common.workingDirectory, common.githubToken, actionLogger);
    const gate = await loadGate(common.gate);
    const config = await gate.parseInputs(source, common, io);
    const result = await gate.run(config, io);
    await reportToAction(result, common, io);
  } catch (error) {
    markActionFailed(error);
    setFailed(failureMessage(error));
  }
}

// src/index.ts
await run();
