import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  GitHub,
  context,
  defaults,
  getOctokitOptions,
  getUserAgentWithOrchestrationId
} from "./chunk-SGRFLWPV.js";
import "./chunk-UM4MEZME.js";
export {
  GitHub,
  context,
  defaults,
  getOctokitOptions,
  getUserAgentWithOrchestrationId
};
