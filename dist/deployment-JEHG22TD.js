import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  deploymentGate,
  getEnvironment
} from "./chunk-WVYUG5N6.js";
import "./chunk-5FWNB2WK.js";
import "./chunk-D65UKCWC.js";
import "./chunk-SGRFLWPV.js";
import "./chunk-UM4MEZME.js";
export {
  deploymentGate,
  getEnvironment
};
