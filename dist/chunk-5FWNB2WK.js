import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  Context,
  GitHub,
  getOctokitOptions
} from "./chunk-SGRFLWPV.js";

// node_modules/@actions/github/lib/github.js
var context = new Context();
function getOctokit(token, options, ...additionalPlugins) {
  const GitHubWithPlugins = GitHub.plugin(...additionalPlugins);
  return new GitHubWithPlugins(getOctokitOptions(token, options));
}

export {
  context,
  getOctokit
};
