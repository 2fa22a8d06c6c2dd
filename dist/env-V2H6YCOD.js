import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  LineIndex,
  SPEC_YAML_SCHEMA,
  buildPositionTree
} from "./chunk-ZBWNEWC2.js";
import {
  yaml
} from "./chunk-4ARHKECE.js";
import {
  readTextFile
} from "./chunk-DC3D336X.js";
import {
  FileError,
  InputError,
  getBoolean,
  getList,
  parseDuration,
  redactUrl
} from "./chunk-D65UKCWC.js";
import "./chunk-UM4MEZME.js";

// src/gates/env/index.ts
import * as path2 from "node:path";

// src/gates/env/config.ts
import * as path from "node:path";
var BASE_ENVIRONMENT = "default";
var ENVIRONMENT_NAME = /^[A-Za-z0-9][\w.-]*$/;
function environmentFromFileName(file) {
  const name = path.basename(file).toLowerCase();
  const dotted = /^\.env\.(.+?)(?:\.local)?$/.exec(name);
  if (dotted) return dotted[1];
  const suffixed = /^(.+)\.env$/.exec(name);
  if (suffixed) return suffixed[1];
  if (name === ".env") return BASE_ENVIRONMENT;
  return name.replace(/\.[^.]*$/, "") || name;
}
function parseEnvInputs(source) {
  const envFiles = getList(source, "env-files");
  const checkProcessEnv = getBoolean(source, "check-process-env", false);
  const schema = source.get("schema") ?? "";
  if (envFiles.length === 0 && !checkProcessEnv) {
    throw new InputError(
      `${source.describe("env-files")} is required: the .env files to check (or set ${source.describe("check-process-env")} to true)`
    );
  }
  if (checkProcessEnv && !schema) {
    throw new InputError(
      `${source.describe("check-process-env")} needs ${source.describe("schema")}: the schema says what the process environment must contain`
    );
  }
  const named = getList(source, "environment").map((name) => name.toLowerCase());
  for (const name of named) {
    if (!ENVIRONMENT_NAME.test(name)) {
      throw new InputError(
        `${source.describe("environment")} must be environment names like production or staging (got '${name}')`
      );
    }
  }
  if (named.length > 1 && named.length !== envFiles.length) {
    throw new InputError(
      `${source.describe("environment")} must be one name, or one per env file (${envFiles.length}); got ${named.length}`
    );
  }
  const derivedNames = envFiles.map(environmentFromFileName);
  const environments = named.length > 1 ? named : derivedNames.every((name) => name === BASE_ENVIRONMENT) && named.length === 1 ? derivedNames.map(() => named[0]) : derivedNames;
  let processEnvironment;
  if (checkProcessEnv) {
    const derived = [...new Set(environments.filter((name) => name !== BASE_ENVIRONMENT))];
    if (named.length !== 1 && derived.length > 1) {
      throw new InputError(
        `${source.describe("environment")} is needed with ${source.describe("check-process-env")} when the env files cover several environments (${derived.join(", ")}): name the one this job deploys`
      );
    }
    processEnvironment = named.length === 1 ? named[0] : derived[0] ?? BASE_ENVIRONMENT;
  }
  return {
    schema,
    envFiles,
    environments,
    ...processEnvironment ? { processEnvironment } : {},
    checkProcessEnv
  };
}

// src/gates/env/expand.ts
var REFERENCE = /(?<!\\)\$\{([^{}]+)\}|(?<!\\)\$([A-Za-z_][A-Za-z0-9_]*)/g;
var OPERATOR = /(:\+|\+|:-|-)/;
function splitExpression(expression) {
  const operator = OPERATOR.exec(expression)?.[0] ?? "";
  if (!operator) return { name: expression, operator, rest: "" };
  const [name, ...rest] = expression.split(operator);
  return { name, operator, rest: rest.join(operator) };
}
function findReferences(text) {
  const references = [];
  for (const match of text.matchAll(REFERENCE)) {
    const { name, operator } = match[1] !== void 0 ? splitExpression(match[1]) : { name: match[2], operator: "" };
    references.push({ name, operator, index: match.index, length: match[0].length });
  }
  return references;
}
function expandsToNothing(reference, lookup) {
  if (reference.operator !== "") return false;
  return !lookup(reference.name);
}
function expandValue(value, env, runningParsed) {
  const pattern = new RegExp(REFERENCE.source, "g");
  let result = value;
  const seen = /* @__PURE__ */ new Set();
  for (let match = pattern.exec(result); match !== null; match = pattern.exec(result)) {
    seen.add(result);
    const [template, braced, unbraced] = match;
    const { name, operator, rest } = splitExpression(braced ?? unbraced);
    let replacement;
    if (operator === ":+" || operator === "+") replacement = env[name] ? rest : "";
    else {
      const found = env[name];
      replacement = found ? seen.has(found) ? rest : found : rest;
    }
    result = result.replace(template, replacement);
    if (result === runningParsed[name]) break;
    pattern.lastIndex = 0;
  }
  return result;
}
var unescapeDollars = (value) => value.replace(/\\\$/g, "$");
function expandAll(parsed, processEnv) {
  const runningParsed = /* @__PURE__ */ Object.create(null);
  const expanded = /* @__PURE__ */ new Map();
  for (const [key, raw] of parsed) {
    const fromProcess = Object.hasOwn(processEnv, key) ? processEnv[key] : void 0;
    let value;
    if (fromProcess && fromProcess !== raw) value = fromProcess;
    else if (!raw.includes("$")) value = raw;
    else {
      const env = Object.assign(/* @__PURE__ */ Object.create(null), runningParsed, processEnv);
      value = expandValue(raw, env, runningParsed);
    }
    const final = unescapeDollars(value);
    expanded.set(key, final);
    runningParsed[key] = final;
  }
  return expanded;
}

// src/gates/env/closest-name.ts
function closestName(name, candidates) {
  let best;
  if (name.length < 4) return void 0;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > 2) continue;
    const distance = editDistance(name.toUpperCase(), candidate.toUpperCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      );
    }
    previous = current;
  }
  return previous[b.length];
}

// src/gates/env/secrets.ts
var SECRET_NAME = /(SECRET|TOKEN|PASSW(OR)?D|(^|_)PWD($|_)|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY|CREDENTIAL|(^|_)SALT($|_)|(^|_)DSN($|_)|(^|_)AUTH_?KEY|WEBHOOK_?KEY|(^|_)PASS($|_))/i;
function isSecretName(key) {
  return SECRET_NAME.test(key);
}
var LIVE_TOKENS = [
  { what: "an AWS access key ID", pattern: /(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/ },
  { what: "a GitHub token", pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,}/ },
  { what: "a GitHub fine-grained token", pattern: /github_pat_[A-Za-z0-9_]{60,}/ },
  { what: "a Slack token", pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/ },
  {
    what: "a Slack webhook URL",
    pattern: /hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{20,}/
  },
  { what: "a live Stripe secret key", pattern: /(?<![A-Za-z0-9])[sr]k_live_[A-Za-z0-9]{20,}/ },
  { what: "a private key", pattern: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/ },
  { what: "a Google API key", pattern: /(?<![A-Za-z0-9])AIza[A-Za-z0-9_-]{35}/ },
  {
    what: "an OpenAI API key",
    pattern: /(?<![A-Za-z0-9])sk-(proj-|svcacct-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/
  },
  { what: "an Anthropic API key", pattern: /(?<![A-Za-z0-9])sk-ant-[a-z0-9]+-[A-Za-z0-9_-]{40,}/ },
  { what: "a SendGrid API key", pattern: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/ },
  { what: "an npm token", pattern: /(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}/ },
  { what: "a Twilio API key", pattern: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![0-9a-f])/ }
];
var LIVE_TOKEN_LITERAL = /AKIA|ASIA|gh[pousr]_|github_pat_|xox[abposr]-|hooks\.slack\.com|[sr]k_live_|-----BEGIN |AIza|sk-|SG\.|npm_|SK[0-9a-f]/;
var LIVE_TOKEN_MIN_LENGTH = 15;
function liveTokenKind(value) {
  if (value.length < LIVE_TOKEN_MIN_LENGTH || !LIVE_TOKEN_LITERAL.test(value)) return void 0;
  return LIVE_TOKENS.find((token) => token.pattern.test(value))?.what;
}
function shannonEntropy(value) {
  const counts = /* @__PURE__ */ new Map();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
function looksRandom(value) {
  const userInfo = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/@\s]*)@/.exec(value);
  if (userInfo) return userInfo[1].split(":").some((part) => looksRandomToken(decodeURIComponentSafe(part)));
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return false;
  return looksRandomToken(value);
}
function looksRandomToken(value) {
  if (value.length < 16 || /\s/.test(value) || value.includes("${")) return false;
  if (!/[A-Za-z]/.test(value) || !/[0-9]/.test(value)) return false;
  return shannonEntropy(value) >= 3.5;
}
function decodeURIComponentSafe(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// src/gates/env/dotenv-parser.ts
var ASSIGNMENT = new RegExp(
  [
    "^\\s*(export\\s+)?",
    // 1: optional `export `
    "([\\w.-]+)",
    // 2: key
    "(\\s*=\\s*?|:\\s+?)",
    // 3: separator (`KEY=value`, and dotenv's YAML-ish `KEY: value`)
    "(?:",
    "(\\s*'(?:\\\\'|[^'])*')",
    // 4: single-quoted (may span lines)
    '|(\\s*"(?:\\\\"|[^"])*")',
    // 5: double-quoted (may span lines)
    "|(\\s*`(?:\\\\`|[^`])*`)",
    // 6: backtick-quoted (may span lines)
    "|([^#\\r\\n]+)",
    // 7: unquoted, up to a `#` or the end of the line
    ")?\\s*(?:#.*)?$"
  ].join(""),
  "dgm"
);
var PORTABLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
var LOOKS_LIKE_ASSIGNMENT = /^(\s*)(?:export\s+)?([A-Za-z_][\w.-]*)\s*=/;
function normalizeLineBreaks(text) {
  return text.replace(/\r\n?/g, "\n");
}
function dotenvValue(trimmed) {
  let value = trimmed.replace(/^(['"`])([\s\S]*)\1$/gm, "$2");
  if (trimmed[0] === '"') value = value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
  return value;
}
function parseEnvText(source) {
  const text = normalizeLineBreaks(source);
  const lines = new LineIndex(text);
  const positionAt = (offset) => lines.position(offset);
  const entries = [];
  const byKey = /* @__PURE__ */ new Map();
  const issues = [];
  const issue = (rule, severity, offset, message, help, key) => issues.push({
    rule,
    severity,
    message,
    help,
    ...positionAt(offset),
    ...key === void 0 ? {} : { key }
  });
  let coveredUntil = 0;
  ASSIGNMENT.lastIndex = 0;
  for (let match = ASSIGNMENT.exec(text); match; match = ASSIGNMENT.exec(text)) {
    if (match[0] === "") {
      ASSIGNMENT.lastIndex++;
      continue;
    }
    reportIgnoredLines(text, coveredUntil, match.index, positionAt, issues);
    coveredUntil = match.index + match[0].length;
    const indices = match.indices;
    const key = match[2];
    const keyOffset = indices[2][0];
    const separatorEnd = indices[3][1];
    const quotedGroup = [4, 5, 6].find((group) => match[group] !== void 0);
    const valueGroup = quotedGroup ?? (match[7] !== void 0 ? 7 : void 0);
    const raw = valueGroup === void 0 ? "" : match[valueGroup];
    const rawStart = valueGroup === void 0 ? separatorEnd : indices[valueGroup][0];
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    const valueOffset = rawStart + leading;
    const quote = quotedGroup === void 0 ? "" : trimmed[0];
    const entry = {
      key,
      value: dotenvValue(trimmed),
      quote,
      exported: match[1] !== void 0,
      keyStart: positionAt(keyOffset),
      valueStart: positionAt(valueOffset),
      valueEnd: positionAt(valueOffset + trimmed.length),
      contentOffset: quote ? valueOffset + 1 : valueOffset,
      content: quote ? trimmed.slice(1, -1) : trimmed
    };
    entries.push(entry);
    if (!PORTABLE_KEY.test(key)) {
      issue(
        "non-portable-key-name",
        "warning",
        keyOffset,
        `${key} is not a portable variable name: shells, Docker and most platforms cannot set it`,
        `Use letters, digits and underscores only, not starting with a digit (e.g. ${key.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1")}).`,
        key
      );
    }
    if (quotedGroup === void 0) checkUnquotedValue(text, entry, trimmed, valueOffset, separatorEnd, issue);
    else {
      if (entry.valueStart.line > entry.keyStart.line) {
        issue(
          "value-on-next-line",
          "warning",
          valueOffset,
          `the value of ${key} starts on line ${entry.valueStart.line}, not on the line of its key: dotenv joins them`,
          `Write ${key}= and its value on one line; for an empty value, leave no quoted line after it.`,
          key
        );
      }
      checkMultilineValue(entry, valueOffset, trimmed, positionAt, issue);
    }
    const previous = byKey.get(key);
    if (previous) {
      const same = previous.value === entry.value;
      issue(
        "duplicate-key",
        same ? "warning" : "error",
        keyOffset,
        `${key} is set again (first on line ${previous.keyStart.line})${same ? " to the same value" : " to a different value; dotenv uses this later one"}`,
        "Keep one assignment per key.",
        key
      );
    }
    byKey.set(key, entry);
  }
  reportIgnoredLines(text, coveredUntil, text.length, positionAt, issues);
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return { entries, byKey, issues, text, positionAt };
}
function checkUnquotedValue(text, entry, trimmed, valueOffset, separatorEnd, issue) {
  const { key } = entry;
  const first = trimmed[0];
  if (first === '"' || first === "'" || first === "`") {
    const close = trimmed.indexOf(first, 1);
    if (close === -1) {
      issue(
        "unterminated-quote",
        "error",
        valueOffset,
        `the ${quoteName(first)} opening the value of ${key} is never closed, so dotenv keeps it as part of the value`,
        `Close the quote at the end of the value (${key}=${first}\u2026${first}).`,
        key
      );
    } else {
      const after = close + 1 + (trimmed.slice(close + 1).length - trimmed.slice(close + 1).trimStart().length);
      issue(
        "text-after-quote",
        "error",
        valueOffset + after,
        `text follows the closing ${quoteName(first)} of ${key}'s value, so dotenv keeps the quotes as part of the value`,
        `Put the whole value inside the quotes, or start a comment with ' #'.`,
        key
      );
    }
  }
  const hashAt = trimmed === "" ? separatorEnd : valueOffset + trimmed.length;
  const glued = text[hashAt] === "#";
  if (glued) {
    issue(
      "unquoted-hash",
      "warning",
      hashAt,
      `the value of ${key} is cut at '#': dotenv reads the rest of the line as a comment`,
      `Quote the value (${key}="\u2026#\u2026") if the '#' belongs to it, or put a space before the comment.`,
      key
    );
  }
}
function checkMultilineValue(entry, valueOffset, trimmed, positionAt, issue) {
  if (!trimmed.includes("\n")) return;
  let lineOffset = valueOffset + trimmed.indexOf("\n") + 1;
  for (const line of trimmed.slice(trimmed.indexOf("\n") + 1).split("\n")) {
    const assignment = LOOKS_LIKE_ASSIGNMENT.exec(line);
    if (assignment) {
      const at2 = positionAt(lineOffset + assignment[1].length);
      issue(
        "swallowed-assignment",
        "warning",
        lineOffset + assignment[1].length,
        `line ${at2.line} looks like an assignment of ${assignment[2]}, but it is inside the multi-line value of ${entry.key} (opened on line ${entry.valueStart.line}, column ${entry.valueStart.column})`,
        `Check the quotes of ${entry.key}: a quote left open swallows the lines after it.`,
        entry.key
      );
      return;
    }
    lineOffset += line.length + 1;
  }
}
function quoteName(quote) {
  return quote === '"' ? "double quote" : quote === "'" ? "single quote" : "backtick";
}
function reportIgnoredLines(text, from, to, positionAt, issues) {
  let offset = from;
  for (const line of text.slice(from, to).split("\n")) {
    const lineOffset = offset;
    offset += line.length + 1;
    const indent = line.length - line.trimStart().length;
    const content = line.trim();
    if (content === "" || content.startsWith("#")) continue;
    const at2 = (column) => positionAt(lineOffset + column);
    const exportPrefix = /^export\s+/.exec(line.slice(indent));
    const keyFrom = indent + (exportPrefix ? exportPrefix[0].length : 0);
    const equals = line.indexOf("=", keyFrom);
    const keyText = equals === -1 ? "" : line.slice(keyFrom, equals).trimEnd();
    const bad = keyText.search(/[^\w.-]/);
    if (equals !== -1 && bad !== -1) {
      issues.push({
        rule: "invalid-key-name",
        severity: "error",
        // Only the offending character is quoted: a line that is not an assignment may well be a pasted secret.
        message: `the variable name contains ${JSON.stringify(keyText[bad])}, which dotenv does not accept, so it ignores this line`,
        help: "Variable names may contain letters, digits and underscores.",
        ...at2(keyFrom + bad)
      });
    } else if (equals !== -1 && keyText === "") {
      issues.push({
        rule: "malformed-line",
        severity: "error",
        message: `no variable name before '=', so dotenv ignores this line`,
        help: "Write KEY=value.",
        ...at2(equals)
      });
    } else {
      issues.push({
        rule: "malformed-line",
        severity: "error",
        message: `this line is not a KEY=value assignment or a comment, so dotenv ignores it`,
        help: "Write KEY=value, or start the line with # to make it a comment.",
        ...at2(indent)
      });
    }
  }
}

// src/gates/env/value-checks.ts
import { isIP } from "node:net";
var VALUE_TYPES = [
  "string",
  "url",
  "int",
  "number",
  "port",
  "bool",
  "enum",
  "email",
  "duration",
  "json",
  "host",
  "uuid"
];
var HOST_NAME = /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$/;
var TYPE_EXPECTATION = {
  string: "a string",
  url: "a URL with a scheme and host (e.g. https://host/path)",
  int: "a whole number",
  number: "a number",
  port: "a port number from 1 to 65535",
  bool: "a boolean (true/false, 1/0, yes/no, on/off)",
  enum: "one of the listed values",
  email: "an email address",
  duration: "a duration with units (e.g. 500ms, 30s, 2m)",
  json: "valid JSON",
  host: "a host name or IP address",
  uuid: "a UUID"
};
function ipVersion(value) {
  return /^[0-9a-fA-F:.]+$/.test(value) && /[.:]/.test(value) ? isIP(value) : 0;
}
function isValidHost(value) {
  const bare = value.startsWith("[") && value.endsWith("]") ? value.slice(1, -1) : value;
  return ipVersion(bare) !== 0 || HOST_NAME.test(value);
}
function matchesType(type, value) {
  switch (type) {
    case "string":
    case "enum":
      return true;
    case "url": {
      if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return false;
      try {
        return new URL(value).host !== "" || /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\//.test(value);
      } catch {
        return false;
      }
    }
    case "int":
      return /^[+-]?\d+$/.test(value);
    case "number":
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value);
    case "port":
      return /^\d{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535;
    case "bool":
      return /^(true|false|1|0|yes|no|on|off)$/i.test(value);
    case "email":
      return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
    case "duration":
      try {
        parseDuration(value, "value");
        return true;
      } catch {
        return false;
      }
    case "json":
      try {
        JSON.parse(value);
        return true;
      } catch {
        return false;
      }
    case "host":
      return isValidHost(value);
    case "uuid":
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
  }
}
function numericValue(type, value) {
  if (type !== "int" && type !== "number" && type !== "port") return void 0;
  const n = Number(value);
  return Number.isFinite(n) ? n : void 0;
}
var PLACEHOLDER_WHOLE = /^(?:<[^<>]*>|\{\{[^{}]*\}\}|change[-_ ]?(?:me|it|this)|todo|tbd|fixme|placeholder|replace[-_ ]?me|dummy|fake|sample|example|x{3,}|(?:x+[-_])+x+|\.{3}|…|your[-_ ].*|(?:insert|enter|put|add)[-_ ].*[-_ ]here|.*[-_ ]here)$/i;
var PLACEHOLDER_WORD = /(?:^|[^A-Za-z0-9])(?:change_?me|replace_?me|xxx+)(?:$|[^A-Za-z0-9])/i;
var PLACEHOLDER_MARKER = /(?:^|[^A-Za-z0-9])(?:TODO|FIXME|TBD)(?:$|[^A-Za-z0-9])/;
var EXAMPLE_DOMAIN = /(^|\.)(example\.(com|org|net)|example|invalid|test)$/i;
function isPlaceholder(value) {
  const text = value.trim();
  if (text === "") return false;
  if (PLACEHOLDER_WHOLE.test(text) || PLACEHOLDER_WORD.test(text) || PLACEHOLDER_MARKER.test(text))
    return true;
  const host = urlHost(text);
  return host !== void 0 && EXAMPLE_DOMAIN.test(host);
}
function urlHost(value) {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return void 0;
  try {
    const host = new URL(value).hostname.toLowerCase();
    return host.startsWith("[") ? host.slice(1, -1) : host || void 0;
  } catch {
    return void 0;
  }
}
function urlPassword(value) {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return void 0;
  try {
    const password = new URL(value).password;
    return password ? decodeURIComponent(password) : void 0;
  } catch {
    const match = /^[^:]+:\/\/[^:/@\s]*:([^@/\s]+)@/.exec(value);
    return match?.[1];
  }
}
function localHostKind(host) {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost") || name === "host.docker.internal")
    return "loopback";
  if (name === "0.0.0.0" || name === "::" || name === "::1") return "loopback";
  if (ipVersion(name) === 4) {
    const [a, b] = name.split(".").map(Number);
    if (a === 127) return "loopback";
    if (a === 10 || a === 172 && b >= 16 && b <= 31 || a === 192 && b === 168 || a === 169 && b === 254) {
      return "private";
    }
    if (a === 100 && b >= 64 && b <= 127) return "private";
    return void 0;
  }
  if (ipVersion(name) === 6) {
    if (/^::ffff:/.test(name)) return localHostKind(name.slice(7));
    if (/^f[cd]/.test(name) || /^fe[89ab]/.test(name)) return "private";
    return void 0;
  }
  if (name.endsWith(".local") || name.endsWith(".internal") || name.endsWith(".lan")) return "private";
  return void 0;
}

// src/gates/env/schema.ts
var VARIABLE_KEYS = [
  "required",
  "type",
  "pattern",
  "values",
  "secret",
  "parity",
  "description",
  "default",
  "min",
  "max"
];
var TOP_LEVEL_KEYS = ["variables", "production-environments"];
var VARIABLE_NAME = /^[\w.-]+$/;
function isYamlSchema(file) {
  return /\.(ya?ml|json)$/i.test(file);
}
function parseSchema(text, file) {
  return isYamlSchema(file) ? parseYamlSchema(text, file) : parseExampleSchema(text, file);
}
function parseExampleSchema(text, file) {
  const envFile = parseEnvText(text);
  const variables = /* @__PURE__ */ new Map();
  for (const entry of envFile.entries) {
    variables.set(entry.key, {
      name: entry.key,
      required: true,
      type: "string",
      secret: isSecretName(entry.key),
      parity: false
    });
  }
  return { file, format: "env-example", variables, envFile };
}
var SchemaError = class extends Error {
  constructor(message, path3, atKey = false) {
    super(message);
    this.path = path3;
    this.atKey = atKey;
  }
  path;
  atKey;
};
function parseYamlSchema(text, file) {
  let document;
  try {
    document = yaml.load(text, { schema: SPEC_YAML_SCHEMA, filename: file });
  } catch (error) {
    const { reason, mark } = error;
    if (!mark) throw new FileError(`invalid YAML: ${error.message}`, file);
    throw new FileError(`invalid YAML: ${reason ?? "syntax error"}`, file, mark.line + 1, mark.column + 1);
  }
  try {
    return readSchemaDocument(document, file);
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    const at2 = locate(text, error.path, error.atKey);
    throw new FileError(error.message, file, at2?.line, at2?.column);
  }
}
function locate(text, path3, atKey) {
  let node = buildPositionTree(text);
  let found = node;
  for (const step of path3) {
    node = typeof step === "number" ? node?.items?.[step] : node?.entries?.get(step);
    if (!node) break;
    found = node;
  }
  const offset = atKey && node === found && found.keyStart !== void 0 ? found.keyStart : found.start;
  return new LineIndex(text).position(offset);
}
function isMapping(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function describe(value) {
  if (value === null) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (isMapping(value)) return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}
function scalarText(value) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return void 0;
}
function readSchemaDocument(document, file) {
  if (!isMapping(document))
    throw new SchemaError(
      `the schema must be a mapping with a 'variables' key (got ${describe(document)})`,
      []
    );
  for (const key of Object.keys(document)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      throw new SchemaError(
        `unknown top-level key '${key}' (expected ${TOP_LEVEL_KEYS.join(" or ")})`,
        [key],
        true
      );
    }
  }
  const declared = document.variables;
  if (!isMapping(declared)) {
    throw new SchemaError(
      `'variables' must be a mapping of variable names to rules (got ${describe(declared)})`,
      declared === void 0 ? [] : ["variables"]
    );
  }
  const variables = /* @__PURE__ */ new Map();
  for (const [name, spec] of Object.entries(declared)) {
    variables.set(name, readVariable(name, spec));
  }
  const production = document["production-environments"];
  let productionEnvironments;
  if (production !== void 0) {
    productionEnvironments = readNameList(
      production,
      ["production-environments"],
      `'production-environments'`
    );
  }
  return { file, format: "yaml", variables, ...productionEnvironments ? { productionEnvironments } : {} };
}
function readNameList(value, path3, what, expected = "a list of environment names") {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === "string" && item.trim() !== "")) {
    throw new SchemaError(`${what} must be ${expected} (got ${describe(value)})`, path3);
  }
  return list.map((item) => item.trim().toLowerCase());
}
function readVariable(name, spec) {
  const path3 = ["variables", name];
  const where = `variable ${name}`;
  if (!VARIABLE_NAME.test(name)) {
    throw new SchemaError(
      `'${name}' is not a valid variable name (letters, digits, '_', '.', '-')`,
      path3,
      true
    );
  }
  const fields = spec === null ? {} : typeof spec === "string" ? { type: spec } : spec;
  if (!isMapping(fields))
    throw new SchemaError(`${where}: expected a mapping of rules (got ${describe(spec)})`, path3);
  for (const key of Object.keys(fields)) {
    if (!VARIABLE_KEYS.includes(key)) {
      const near = closestName(key, VARIABLE_KEYS);
      const expected = near ? `did you mean '${near}'?` : `expected one of ${VARIABLE_KEYS.join(", ")}`;
      throw new SchemaError(`${where}: unknown key '${key}' (${expected})`, [...path3, key], true);
    }
  }
  const at2 = (key) => typeof spec === "string" ? path3 : [...path3, key];
  let type = "string";
  if (fields.type !== void 0) {
    if (typeof fields.type !== "string" || !VALUE_TYPES.includes(fields.type)) {
      const near = typeof fields.type === "string" ? closestName(fields.type, VALUE_TYPES) : void 0;
      const expected = near ? `did you mean '${near}'? ` : "";
      throw new SchemaError(
        `${where}: unknown type ${JSON.stringify(fields.type)} (${expected}expected one of ${VALUE_TYPES.join(", ")})`,
        at2("type")
      );
    }
    type = fields.type;
  }
  let values;
  if (fields.values !== void 0) {
    const list = fields.values;
    const texts = Array.isArray(list) ? list.map(scalarText) : [];
    if (!Array.isArray(list) || list.length === 0 || texts.some((text) => text === void 0)) {
      throw new SchemaError(
        `${where}: 'values' must be a non-empty list of strings (got ${describe(list)})`,
        at2("values")
      );
    }
    values = texts;
    if (fields.type === void 0) type = "enum";
  } else if (type === "enum") {
    throw new SchemaError(`${where}: type enum needs 'values', the list of accepted values`, at2("type"));
  }
  let pattern;
  if (fields.pattern !== void 0) {
    if (typeof fields.pattern !== "string")
      throw new SchemaError(`${where}: 'pattern' must be a string`, at2("pattern"));
    try {
      pattern = new RegExp(fields.pattern, "u");
    } catch (error) {
      throw new SchemaError(
        `${where}: 'pattern' is not a valid regular expression: ${error.message}`,
        at2("pattern")
      );
    }
  }
  const flag = (key) => {
    const value = fields[key];
    if (value === void 0) return false;
    if (typeof value !== "boolean")
      throw new SchemaError(`${where}: '${key}' must be true or false (got ${describe(value)})`, at2(key));
    return value;
  };
  const boolOrEnvironments = (key) => {
    const value = fields[key];
    if (value === void 0 || typeof value === "boolean") return value ?? false;
    return readNameList(value, at2(key), `${where}: '${key}'`, "true, false or a list of environment names");
  };
  let defaultValue;
  if (fields.default !== void 0 && fields.default !== null) {
    defaultValue = scalarText(fields.default);
    if (defaultValue === void 0)
      throw new SchemaError(`${where}: 'default' must be a single value`, at2("default"));
  }
  const bound = (key) => {
    const value = fields[key];
    if (value === void 0) return void 0;
    if (type !== "int" && type !== "number" && type !== "port") {
      throw new SchemaError(
        `${where}: '${key}' applies to types int, number and port (this one is ${type})`,
        at2(key)
      );
    }
    if (typeof value !== "number")
      throw new SchemaError(`${where}: '${key}' must be a number (got ${describe(value)})`, at2(key));
    return value;
  };
  if (fields.description !== void 0 && typeof fields.description !== "string") {
    throw new SchemaError(`${where}: 'description' must be text`, at2("description"));
  }
  const rule = {
    name,
    // A variable with a default need not be set; one without must be, unless the schema says otherwise.
    required: fields.required === void 0 ? defaultValue === void 0 : boolOrEnvironments("required"),
    type,
    secret: flag("secret"),
    parity: boolOrEnvironments("parity"),
    ...pattern ? { pattern } : {},
    ...values ? { values } : {},
    ...typeof fields.description === "string" ? { description: fields.description } : {},
    ...defaultValue !== void 0 ? { default: defaultValue } : {}
  };
  const min = bound("min");
  const max = bound("max");
  if (min !== void 0) rule.min = min;
  if (max !== void 0) rule.max = max;
  if (defaultValue !== void 0) {
    const problem = valueProblem(rule, defaultValue);
    if (problem) throw new SchemaError(`${where}: the default ${problem.text}`, at2("default"));
  }
  return rule;
}
function valueProblem(rule, value) {
  if (!matchesType(rule.type, value))
    return { rule: "invalid-type", text: `is not ${TYPE_EXPECTATION[rule.type]}` };
  if (rule.values && !rule.values.includes(value)) {
    return { rule: "invalid-enum", text: `is not one of ${rule.values.join(", ")}` };
  }
  const n = numericValue(rule.type, value);
  if (n !== void 0 && rule.min !== void 0 && n < rule.min) {
    return { rule: "out-of-range", text: `is below the minimum ${rule.min}` };
  }
  if (n !== void 0 && rule.max !== void 0 && n > rule.max) {
    return { rule: "out-of-range", text: `is above the maximum ${rule.max}` };
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    return { rule: "pattern-mismatch", text: `does not match the pattern /${rule.pattern.source}/` };
  }
  return void 0;
}

// src/gates/env/check.ts
var PRODUCTION_NAME = /(^|[-_.])(prod|production|prd|live)($|[-_.])/i;
var TEMPLATE_ENVIRONMENT = /^(example|sample|template|dist)$/;
var HOST_KEY = /(^|_)(HOST|HOSTNAME|ADDR|ADDRESS)$/i;
var MIN_MASKED_LENGTH = 4;
var SEVERITY_ORDER = { error: 0, warning: 1, notice: 2 };
function isProductionEnvironment(name, schema) {
  return schema?.productionEnvironments ? schema.productionEnvironments.includes(name) : PRODUCTION_NAME.test(name);
}
function requiredIn(rule, environment) {
  return rule.required === true || Array.isArray(rule.required) && rule.required.includes(environment);
}
function buildViews(input) {
  const base = input.files.filter((file) => file.environment === BASE_ENVIRONMENT);
  const names = [
    ...new Set(input.files.map((file) => file.environment).filter((name) => name !== BASE_ENVIRONMENT))
  ];
  if (names.length === 0) names.push(input.processEnv?.environment ?? BASE_ENVIRONMENT);
  return names.map((name) => {
    const own = name === BASE_ENVIRONMENT ? base : input.files.filter((file) => file.environment === name);
    const files = name === BASE_ENVIRONMENT ? base : [...base, ...own];
    const assignments = /* @__PURE__ */ new Map();
    for (const file of files)
      for (const entry of file.parsed.byKey.values()) assignments.set(entry.key, { entry, file });
    const processEnv = input.processEnv?.environment === name ? input.processEnv.values : void 0;
    const raw = new Map([...assignments].map(([key, { entry }]) => [key, entry.value]));
    const seenByExpand = Object.fromEntries(raw);
    if (processEnv) {
      for (const [key, value] of Object.entries(processEnv))
        if (value !== void 0) seenByExpand[key] = value;
    }
    const values = expandAll(raw, seenByExpand);
    if (processEnv && input.schema) {
      for (const key of input.schema.variables.keys())
        if (processEnv[key] !== void 0) values.set(key, processEnv[key]);
    }
    return {
      name,
      production: isProductionEnvironment(name, input.schema),
      files,
      own,
      ...processEnv ? { processEnv } : {},
      assignments,
      values
    };
  });
}
function checkEnv(input) {
  const findings = [];
  const secrets = /* @__PURE__ */ new Set();
  const { schema } = input;
  const views = buildViews(input);
  const add = (finding) => findings.push(finding);
  const keepSecret = (value) => {
    if (value && value.length >= MIN_MASKED_LENGTH) secrets.add(value);
  };
  const isSecret = (key, value) => Boolean(schema?.variables.get(key)?.secret) || isSecretName(key) || liveTokenKind(value) !== void 0 || urlPassword(value) !== void 0;
  const shown = (key, value) => !isSecret(key, value) && value.length <= 60 && !/[\n\r]/.test(value) ? ` (got '${value}')` : "";
  for (const file of [...input.files, ...input.schemaFile ? [input.schemaFile] : []]) {
    for (const issue of file.parsed.issues) {
      add({
        rule: issue.rule,
        severity: issue.severity,
        message: issue.message,
        file: file.file,
        line: issue.line,
        column: issue.column,
        help: issue.help
      });
    }
    for (const entry of file.parsed.entries) {
      if (isSecret(entry.key, entry.value)) keepSecret(entry.value);
      keepSecret(urlPassword(entry.value));
    }
  }
  checkCommittedSecrets(input, add);
  checkUndeclared(input, add);
  for (const view of views) {
    for (const value of view.values.values()) keepSecret(urlPassword(value));
    for (const [key, value] of view.values) if (isSecret(key, value)) keepSecret(value);
    checkValues(view, input, add, shown);
    checkMissing(view, input, add);
  }
  checkAcrossEnvironments(views, schema, add);
  checkParity(views, schema, add, shown);
  return { findings: sortFindings(dedupe(findings), input.files), secrets, views };
}
function fileList(files) {
  return files.map((file) => file.file).join(" and ");
}
function at(position) {
  return { line: position.line, column: position.column };
}
function checkValues(view, input, add, shown) {
  const { schema } = input;
  const ownFiles = new Set(view.own);
  const where = view.processEnv ? `${fileList(view.files) || "the files"} or the process environment` : fileList(view.files);
  const lookup = (name) => view.processEnv?.[name] ?? view.assignments.get(name)?.entry.value;
  for (const [key, { entry, file }] of view.assignments) {
    const rule = schema?.variables.get(key);
    const fromProcess = view.processEnv?.[key] !== void 0 && rule !== void 0;
    if (fromProcess) continue;
    const value = view.values.get(key) ?? entry.value;
    const located = { file: file.file, ...at(entry.valueStart) };
    let unresolved = false;
    for (const reference of findReferences(entry.content)) {
      const selfReference = reference.name === key && reference.operator === "" && !view.processEnv?.[key];
      if (!selfReference && !expandsToNothing(reference, lookup)) continue;
      unresolved = true;
      const unsupported = /[:?=]/.test(reference.name) && !/^[A-Za-z_]\w*$/.test(reference.name);
      add({
        rule: "unresolved-reference",
        severity: "error",
        message: unsupported ? `${key} uses '${entry.content.slice(reference.index, reference.index + reference.length)}', which dotenv-expand does not understand, so it expands to an empty string` : selfReference ? `${key} refers to itself, so dotenv-expand replaces the reference with an empty string` : `${key} refers to ${reference.name}, which is not set in ${where}, so it expands to an empty string`,
        file: file.file,
        ...at(file.parsed.positionAt(entry.contentOffset + reference.index)),
        help: unsupported ? "dotenv-expand supports ${VAR}, $VAR, ${VAR:-default}, ${VAR-default}, ${VAR:+alt} and ${VAR+alt}." : `Set ${reference.name}, give a fallback with \${${reference.name}:-default}, or write \\$ for a literal dollar sign.`
      });
    }
    if (entry.value === "") {
      const required = rule ? requiredIn(rule, view.name) : false;
      if (required || !rule) {
        add({
          rule: "empty-value",
          severity: required ? "error" : "warning",
          message: `${key} is empty in ${file.file}${required ? ` but required in ${view.name}` : ""}`,
          ...located,
          help: required ? `Give ${key} a value, or remove it from the schema's required list for ${view.name}.` : `Give ${key} a value or remove the line.`
        });
      }
      continue;
    }
    if (unresolved) continue;
    checkValue(
      key,
      value,
      rule,
      view,
      input,
      add,
      shown,
      located,
      ownFiles.has(file) ? file.file : `${file.file} (used by ${view.name})`
    );
  }
  if (view.processEnv && schema) {
    for (const [key, rule] of schema.variables) {
      const value = view.processEnv[key];
      if (value === void 0) continue;
      if (value === "") {
        if (requiredIn(rule, view.name)) {
          add({
            rule: "empty-value",
            severity: "error",
            message: `${key} is empty in the process environment but required in ${view.name}`,
            help: `Set the ${key} secret or variable for the ${view.name} environment.`
          });
        }
        continue;
      }
      checkValue(key, value, rule, view, input, add, () => "", {}, "the process environment");
    }
  }
}
function checkValue(key, value, rule, view, input, add, shown, located, where) {
  if (rule) {
    const problem = valueProblem(rule, value);
    if (problem) {
      add({
        rule: problem.rule,
        severity: "error",
        message: `${key} in ${where} ${problem.text}${shown(key, value)}`,
        ...located,
        help: rule.description ? `${key}: ${rule.description}` : `Fix the value of ${key}, or its rule in ${input.schema.file}.`
      });
    }
  }
  if (!TEMPLATE_ENVIRONMENT.test(view.name) && isPlaceholder(value)) {
    add({
      rule: "placeholder-value",
      severity: view.production ? "error" : "warning",
      message: `${key} in ${where} is a placeholder, not a real value${shown(key, value)}`,
      ...located,
      help: `Set the real value of ${key} for ${view.name}${isSecretName(key) || rule?.secret ? ", from your secret store" : ""}.`
    });
  }
  if (view.production) {
    const host = urlHost(value) ?? (rule?.type === "host" || HOST_KEY.test(key) ? value.toLowerCase() : void 0);
    const kind = host === void 0 ? void 0 : localHostKind(host);
    if (kind) {
      const hidden2 = shown(key, value) === "";
      add({
        rule: kind === "loopback" ? "localhost-url" : "private-network-url",
        severity: kind === "loopback" ? "error" : "warning",
        message: kind === "loopback" ? `${key} in ${where} points at ${hidden2 ? "the local machine" : host}, which does not exist in ${view.name}` : `${key} in ${where} points at ${hidden2 ? "a private-network address" : `the private-network address ${host}`} in ${view.name}`,
        ...located,
        help: kind === "loopback" ? `Use the ${view.name} host name of this service.` : `Make sure ${view.name} can reach this address; prefer a DNS name that each environment resolves.`
      });
    }
  }
}
function checkMissing(view, input, add) {
  if (!input.schema) return;
  const target = view.own[view.own.length - 1];
  const files = fileList(view.files);
  for (const [key, rule] of input.schema.variables) {
    if (!requiredIn(rule, view.name)) continue;
    if (view.assignments.has(key) || view.processEnv?.[key] !== void 0) continue;
    const where = view.processEnv ? files ? `${files} nor in the process environment` : "the process environment" : files;
    add({
      rule: "missing-key",
      severity: "error",
      message: `${key} is required${rule.required === true ? "" : ` in ${view.name}`} (${input.schema.file}) but not set in ${where}`,
      ...target ? { file: target.file } : {},
      help: (target ? `Add ${key}=\u2026 to ${target.file}` : `Set ${key} in the job's environment (e.g. from a secret)`) + (rule.description ? `: ${rule.description}` : ".")
    });
  }
}
function checkAcrossEnvironments(views, schema, add) {
  if (views.length < 2) return;
  const firstSeen = /* @__PURE__ */ new Map();
  for (const view of views) {
    for (const file of view.own) {
      for (const entry of file.parsed.byKey.values())
        if (!firstSeen.has(entry.key)) firstSeen.set(entry.key, { view, entry, file });
    }
  }
  for (const [key, seen] of firstSeen) {
    if (schema?.variables.has(key)) continue;
    for (const view of views) {
      if (view.assignments.has(key) || view.processEnv?.[key] !== void 0) continue;
      const target = view.own[view.own.length - 1];
      add({
        rule: "missing-in-environment",
        severity: "error",
        message: `${key} is set in ${seen.file.file} (line ${seen.entry.keyStart.line}) but missing from ${fileList(view.files) || view.name}`,
        ...target ? { file: target.file } : {},
        help: `Add ${key} to ${target?.file ?? `the ${view.name} environment`}, or remove it from ${seen.file.file} if ${view.name} really does not need it.`
      });
    }
  }
}
function parityRows(views, schema) {
  if (!schema) return [];
  const rows = [];
  for (const [key, rule] of schema.variables) {
    if (rule.parity === false) continue;
    const names = rule.parity === true ? views.map((view) => view.name) : rule.parity;
    const cells = /* @__PURE__ */ new Map();
    for (const view of views) {
      if (!names.includes(view.name)) continue;
      const value = view.values.get(key);
      const assignment = view.assignments.get(key);
      const fromProcess = view.processEnv?.[key] !== void 0;
      cells.set(
        view.name,
        value === void 0 ? void 0 : {
          value,
          fromProcess,
          ...assignment && !fromProcess ? {
            file: assignment.file.file,
            line: assignment.entry.keyStart.line,
            column: assignment.entry.valueStart.column
          } : {}
        }
      );
    }
    if (cells.size === 0) continue;
    const present = [...cells.values()].filter((cell) => cell !== void 0);
    const equal = present.every((cell) => cell.value === present[0].value);
    rows.push({
      key,
      secret: rule.secret || isSecretName(key) || present.some((cell) => cell.fromProcess),
      cells,
      equal
    });
  }
  return rows;
}
function checkParity(views, schema, add, shown) {
  for (const row of parityRows(views, schema)) {
    if (row.equal) continue;
    const present = [...row.cells].filter((pair) => pair[1] !== void 0);
    const [baseName, base] = present[0];
    const describeCell = (name, cell) => `${name} (${cell.fromProcess ? "process environment" : `${cell.file}:${cell.line}`})${row.secret || cell.fromProcess ? "" : shown(row.key, cell.value).replace(" (got ", ": ").replace(/\)$/, "")}`;
    for (const [name, cell] of present.slice(1)) {
      if (cell.value === base.value) continue;
      add({
        rule: "parity-drift",
        severity: "error",
        message: `${row.key} must be equal across environments but differs: ${describeCell(baseName, base)} vs ${describeCell(name, cell)}`,
        ...cell.file ? { file: cell.file, line: cell.line, column: cell.column } : {},
        help: `Use one value of ${row.key} everywhere, or drop 'parity' from its rule in ${schema.file}.`
      });
    }
  }
}
function credentialLikeEntries(parsed, schema, { anyName = false } = {}) {
  const found = [];
  for (const entry of parsed.entries) {
    const kind = liveTokenKind(entry.value);
    if (kind) found.push({ entry, kind });
    else if ((anyName || schema?.variables.get(entry.key)?.secret || isSecretName(entry.key)) && looksRandom(entry.value) && !isPlaceholder(entry.value)) {
      found.push({ entry, kind: "" });
    }
  }
  return found;
}
function checkCommittedSecrets(input, add) {
  for (const file of [...input.files, ...input.schemaFile ? [input.schemaFile] : []]) {
    if (!file.tracked) continue;
    const production = isProductionEnvironment(file.environment, input.schema);
    for (const { entry, kind } of credentialLikeEntries(file.parsed, input.schema)) {
      add({
        rule: "committed-secret",
        severity: kind || production ? "error" : "warning",
        message: kind ? `${entry.key} holds what looks like ${kind}, in a file tracked by git` : `${entry.key} holds what looks like a real secret (a long random value), in a file tracked by git`,
        file: file.file,
        ...at(entry.valueStart),
        help: `Rotate it now (it is in the git history), delete it from ${file.file}, and inject ${entry.key} from a secret store (e.g. GitHub environment secrets).`
      });
    }
  }
}
function checkUndeclared(input, add) {
  const { schema } = input;
  if (!schema) return;
  const declared = [...schema.variables.keys()];
  for (const file of input.files) {
    for (const entry of file.parsed.byKey.values()) {
      if (schema.variables.has(entry.key)) continue;
      const near = closestName(entry.key, declared);
      add({
        rule: "undeclared-key",
        severity: "notice",
        message: `${entry.key} is not declared in ${schema.file}${near ? ` (did you mean ${near}?)` : ""}`,
        file: file.file,
        ...at(entry.keyStart),
        help: near ? `Rename it to ${near}, or declare ${entry.key} in ${schema.file}.` : `Declare ${entry.key} in ${schema.file}, or remove it.`
      });
    }
  }
}
function dedupe(findings) {
  const kept = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    const id = `${finding.rule}\0${finding.file ?? ""}\0${finding.line ?? ""}\0${finding.column ?? ""}\0${finding.line === void 0 ? finding.message : ""}`;
    const previous = kept.get(id);
    if (!previous || SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[previous.severity])
      kept.set(id, finding);
  }
  return [...kept.values()];
}
function sortFindings(findings, files) {
  const order = new Map(files.map((file, i) => [file.file, i]));
  const rank = (finding) => finding.file === void 0 ? -1 : order.get(finding.file) ?? files.length;
  return findings.sort(
    (a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
  );
}

// src/gates/env/parity-table.ts
var MAX_SHOWN = 40;
function redactionLetters(row) {
  const letters = /* @__PURE__ */ new Map();
  for (const cell of row.cells.values()) {
    if (cell && !letters.has(cell.value))
      letters.set(cell.value, String.fromCharCode(65 + letters.size % 26));
  }
  return letters;
}
function hidden(row, cell) {
  return row.secret || cell.fromProcess;
}
function markdownCode(value) {
  value = redactUrl(value);
  const short = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 1)}\u2026` : value;
  const text = short.replace(/\n/g, "\u23CE").replace(/\|/g, "\\|");
  const fence = text.includes("`") ? "`` " : "`";
  return `${fence}${text}${fence.split("").reverse().join("")}`;
}
function paritySection(rows, environments) {
  if (rows.length === 0) return void 0;
  const header = `| | Variable | ${environments.join(" | ")} |
|---|---|${environments.map(() => "---").join("|")}|`;
  const lines = rows.map((row) => {
    const letters = redactionLetters(row);
    const cells = environments.map((name) => {
      if (!row.cells.has(name)) return "\xB7";
      const cell = row.cells.get(name);
      if (!cell) return "*(not set)*";
      const value = hidden(row, cell) ? `\u2022\u2022\u2022 ${letters.get(cell.value)}` : markdownCode(cell.value);
      const origin = cell.fromProcess ? "process env" : `${cell.file}:${cell.line}`;
      return `${value}<br><sub>${origin}</sub>`;
    });
    return `| ${row.equal ? "\u2705" : "\u274C"} | \`${row.key}\`${row.secret ? " (secret)" : ""} | ${cells.join(" | ")} |`;
  });
  const note = rows.some((row) => row.secret || [...row.cells.values()].some((cell) => cell?.fromProcess)) ? "\n\nSecret values are never shown: the same letter means the same value." : "";
  return { heading: "Parity across environments", markdown: `${header}
${lines.join("\n")}${note}` };
}
function parityData(rows) {
  return rows.map((row) => {
    const letters = redactionLetters(row);
    return {
      key: row.key,
      equal: row.equal,
      secret: row.secret,
      environments: Object.fromEntries(
        [...row.cells].map(([name, cell]) => [
          name,
          cell === void 0 ? null : {
            ...hidden(row, cell) ? { redacted: letters.get(cell.value) } : { value: redactUrl(cell.value) },
            source: cell.fromProcess ? "process-env" : `${cell.file}:${cell.line}`
          }
        ])
      )
    };
  });
}

// src/gates/env/index.ts
async function trackedFiles(io, files) {
  if (files.length === 0) return /* @__PURE__ */ new Set();
  try {
    const listed = await io.git(["ls-files", "-z", "--", ...files]);
    return new Set(
      listed.split("\0").filter(Boolean).map((file) => path2.normalize(file))
    );
  } catch (error) {
    io.log.debug(`env: not checking for committed secrets (git ls-files failed: ${error.message})`);
    return /* @__PURE__ */ new Set();
  }
}
async function runEnvGate(config, io) {
  const schemaText = config.schema ? await readTextFile(io.cwd, config.schema) : void 0;
  const yamlSchema = schemaText !== void 0 && isYamlSchema(schemaText.display);
  let schema = schemaText && !yamlSchema ? parseSchema(schemaText.text, schemaText.display) : void 0;
  const reads = await Promise.allSettled(config.envFiles.map((file) => readTextFile(io.cwd, file)));
  const read = reads.flatMap((result) => result.status === "fulfilled" ? [result.value] : []);
  const parsed = read.map((file) => ({ display: file.display, parsed: parseEnvText(file.text) }));
  if (schema?.envFile) parsed.push({ display: schema.file, parsed: schema.envFile });
  const suspects = parsed.filter(
    (file) => credentialLikeEntries(file.parsed, schema, { anyName: yamlSchema }).length > 0
  );
  const tracking = read.length === reads.length ? trackedFiles(
    io,
    suspects.map((file) => file.display)
  ) : Promise.resolve(/* @__PURE__ */ new Set());
  if (yamlSchema) schema = parseSchema(schemaText.text, schemaText.display);
  for (const result of reads) if (result.status === "rejected") throw result.reason;
  const tracked = await tracking;
  const isTracked = (file) => tracked.has(path2.normalize(file));
  const files = read.map((file, i) => ({
    file: file.display,
    environment: config.environments[i],
    parsed: parsed[i].parsed,
    tracked: isTracked(file.display)
  }));
  const processEnvironment = config.checkProcessEnv ? config.processEnvironment : void 0;
  const { findings, secrets, views } = checkEnv({
    files,
    ...schema ? { schema } : {},
    ...schema?.envFile ? {
      schemaFile: {
        file: schema.file,
        environment: "example",
        parsed: schema.envFile,
        tracked: isTracked(schema.file)
      }
    } : {},
    ...processEnvironment !== void 0 ? { processEnv: { values: io.env, environment: processEnvironment } } : {}
  });
  const rows = parityRows(views, schema);
  const environments = views.map((view) => view.name);
  const section = paritySection(rows, environments);
  const keyCount = new Set(files.flatMap((file) => [...file.parsed.byKey.keys()])).size;
  const scope = [
    files.length > 0 ? `${files.length} env file${files.length === 1 ? "" : "s"} (${environments.join(", ")}), ${keyCount} keys` : "",
    schema ? `schema ${schema.file} (${schema.variables.size} variables)` : "",
    processEnvironment !== void 0 ? `process environment as ${processEnvironment}` : ""
  ].filter(Boolean).join("; ");
  return {
    gate: "env",
    title: envGate.title,
    findings,
    outputs: {},
    sections: section ? [section] : [],
    scope,
    secrets: [...secrets],
    data: {
      schema: schema ? { file: schema.file, format: schema.format, variables: schema.variables.size } : null,
      files: files.map((file) => ({
        file: file.file,
        environment: file.environment,
        keys: file.parsed.byKey.size
      })),
      environments: views.map((view) => ({
        name: view.name,
        production: view.production,
        files: view.files.map((file) => file.file),
        keys: view.assignments.size,
        processEnv: view.processEnv !== void 0
      })),
      parity: parityData(rows)
    }
  };
}
var envGate = {
  name: "env",
  title: "Environment validation",
  parseInputs: (source) => parseEnvInputs(source),
  run: runEnvGate
};
export {
  envGate,
  runEnvGate
};
