import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));

// src/errors.ts
var UserError = class extends Error {
  name = "UserError";
};
var InputError = class extends UserError {
  name = "InputError";
};
var FileError = class extends UserError {
  constructor(message, file, line, column) {
    super(`${file}${line ? `:${line}${column ? `:${column}` : ""}` : ""}: ${message}`);
    this.file = file;
    this.line = line;
    this.column = column;
  }
  file;
  line;
  column;
  name = "FileError";
};
function errorMessage(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}

// src/duration.ts
var UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
function parseDuration(value, what) {
  const text = value.trim();
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (!text || parts.map((p) => p[0]).join("") !== text) {
    throw new InputError(`${what} must be a duration with units, like 500ms, 30s or 2m (got '${value}')`);
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * UNIT_MS[unit], 0);
}
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  if (ms < 6e4) return `${+(ms / 1e3).toFixed(1)}s`;
  return `${Math.floor(ms / 6e4)}m${Math.round(ms % 6e4 / 1e3)}s`;
}

// src/inputs.ts
import * as path from "node:path";

// src/types.ts
var GATE_NAMES = [
  "env",
  "migrations",
  "contract",
  "health",
  "deployment",
  "rollback",
  "metrics"
];

// src/inputs.ts
function actionInputSource(env = process.env) {
  return {
    get(name) {
      const value = env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`];
      return value === void 0 || value.trim() === "" ? void 0 : value.trim();
    },
    describe: (name) => `input '${name}'`
  };
}
function mapInputSource(values) {
  return {
    get(name) {
      const value = values[name];
      return value === void 0 || value.trim() === "" ? void 0 : value.trim();
    },
    describe: (name) => `--${name}`
  };
}
function getString(source, name, fallback = "") {
  return source.get(name) ?? fallback;
}
function getBoolean(source, name, fallback) {
  const value = source.get(name);
  if (value === void 0) return fallback;
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  throw new InputError(`${source.describe(name)} must be true or false (got '${value}')`);
}
function getChoice(source, name, choices, fallback) {
  const value = source.get(name);
  if (value === void 0) return fallback;
  if (choices.includes(value)) return value;
  throw new InputError(`${source.describe(name)} must be one of ${choices.join(", ")} (got '${value}')`);
}
function getInteger(source, name, fallback, { min = -Infinity, max = Infinity } = {}) {
  const value = source.get(name);
  if (value === void 0) return fallback;
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || n < min || n > max) {
    const range = max === Infinity ? `at least ${min}` : `from ${min} to ${max}`;
    throw new InputError(`${source.describe(name)} must be a whole number ${range} (got '${value}')`);
  }
  return n;
}
function getNumber(source, name, fallback, { min = -Infinity, max = Infinity } = {}) {
  const value = source.get(name);
  if (value === void 0) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new InputError(`${source.describe(name)} must be a number from ${min} to ${max} (got '${value}')`);
  }
  return n;
}
function getDuration(source, name, fallback) {
  return parseDuration(source.get(name) ?? fallback, source.describe(name));
}
function getList(source, name, { commas = true } = {}) {
  const value = source.get(name);
  if (value === void 0) return [];
  return value.split(commas ? /[\n,]/ : /\n/).map((item) => item.trim()).filter((item) => item !== "" && !item.startsWith("#"));
}
function getUrl(source, name) {
  const value = source.get(name);
  if (value === void 0) return void 0;
  return parseHttpUrl(value, source.describe(name));
}
function parseHttpUrl(value, what) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`${what} is not a valid URL (got '${redactUrl(value)}')`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InputError(`${what} must be an http or https URL (got '${url.protocol}')`);
  }
  return url;
}
function redactUrl(value) {
  return value.replace(/(\/\/[^/:@\s]*:)[^@/\s]*@/, "$1***@");
}
function parseGateName(source) {
  const value = source.get("gate");
  if (value === void 0)
    throw new InputError(`${source.describe("gate")} is required: one of ${GATE_NAMES.join(", ")}`);
  if (!GATE_NAMES.includes(value)) {
    throw new InputError(
      `${source.describe("gate")} must be one of ${GATE_NAMES.join(", ")} (got '${value}')`
    );
  }
  return value;
}
function parseCommonInputs(source, cwd) {
  const workingDirectory = path.resolve(cwd, source.get("working-directory") ?? ".");
  return {
    gate: parseGateName(source),
    failOn: getChoice(source, "fail-on", ["error", "warning", "never"], "error"),
    githubToken: source.get("github-token") ?? "",
    comment: getBoolean(source, "comment", true),
    workingDirectory,
    reportPath: source.get("report") ?? "",
    sarifPath: source.get("sarif") ?? "",
    junitPath: source.get("junit") ?? ""
  };
}

export {
  UserError,
  InputError,
  FileError,
  errorMessage,
  parseDuration,
  formatDuration,
  GATE_NAMES,
  actionInputSource,
  mapInputSource,
  getString,
  getBoolean,
  getChoice,
  getInteger,
  getNumber,
  getDuration,
  getList,
  getUrl,
  parseHttpUrl,
  redactUrl,
  parseCommonInputs
};
