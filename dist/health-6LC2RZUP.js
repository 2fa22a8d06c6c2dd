import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  httpRequest
} from "./chunk-PESTV343.js";
import {
  InputError,
  formatDuration,
  getChoice,
  getDuration,
  getInteger,
  getList,
  getNumber,
  getString,
  getUrl,
  parseHttpUrl,
  redactUrl
} from "./chunk-D65UKCWC.js";
import "./chunk-UM4MEZME.js";

// src/gates/health/assertion.ts
var AssertionSyntaxError = class extends Error {
  constructor(reason, position) {
    super(`${reason} at position ${position}`);
    this.reason = reason;
    this.position = position;
  }
  reason;
  position;
};
var SYMBOL_OPERATORS = ["==", "!=", "<=", ">=", "<", ">"];
var WORD_OPERATORS = ["contains", "matches"];
function parseAssertion(source, root) {
  const text = source;
  let i = 0;
  const fail = (reason, at = i) => {
    throw new AssertionSyntaxError(reason, at + 1);
  };
  const skipSpaces = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  skipSpaces();
  const pathStart = i;
  if (!text.startsWith(root, i)) fail(`expected a path starting with '${root}'`);
  i += root.length;
  const path = [];
  while (i < text.length && (text[i] === "." || text[i] === "[")) {
    if (text[i] === ".") {
      i++;
      const name = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i))?.[0];
      if (!name) fail("expected a property name after '.'");
      path.push(name);
      i += name.length;
      continue;
    }
    i++;
    const index = /^\d+/.exec(text.slice(i))?.[0];
    if (index !== void 0) {
      path.push(Number(index));
      i += index.length;
    } else if (text[i] === '"' || text[i] === "'") {
      path.push(readQuoted());
    } else {
      fail("expected an array index or a quoted property name after '['");
    }
    if (text[i] !== "]") fail("expected ']'");
    i++;
  }
  const pathText = text.slice(pathStart, i);
  if (i < text.length && !/\s|[=!<>]/.test(text[i])) fail(`unexpected '${text[i]}' in the path`);
  skipSpaces();
  if (i >= text.length) fail("expected an operator (==, !=, <, <=, >, >=, contains, matches)");
  const symbols = /^[=!<>]+/.exec(text.slice(i))?.[0];
  let operator;
  if (symbols) {
    operator = SYMBOL_OPERATORS.find((op) => op === symbols);
    if (!operator) fail(`unknown operator '${symbols}' (use ==, !=, <, <=, >, >=, contains, matches)`);
    i += symbols.length;
  } else {
    const word = /^[A-Za-z]+/.exec(text.slice(i))?.[0];
    operator = WORD_OPERATORS.find((op) => op === word);
    if (!operator)
      fail(`expected an operator (==, !=, <, <=, >, >=, contains, matches), got '${word ?? text[i]}'`);
    i += operator.length;
    if (i < text.length && !/\s/.test(text[i])) fail(`expected a space after '${operator}'`);
  }
  skipSpaces();
  if (i >= text.length) fail(`expected a value after '${operator}'`);
  const valueStart = i;
  const expected = operator === "matches" ? readRegex() : readLiteral();
  skipSpaces();
  if (i < text.length)
    fail(`unexpected '${text.slice(i)}' after the value (quote strings that contain spaces)`);
  if (["<", "<=", ">", ">="].includes(operator) && expected.kind !== "number") {
    fail(`'${operator}' compares numbers; expected a number`, valueStart);
  }
  return { source: source.trim(), path, pathText, operator, expected };
  function readQuoted() {
    const quote = text[i];
    const start = i;
    i++;
    let value = "";
    while (i < text.length && text[i] !== quote) {
      if (text[i] === "\\") {
        const next = text[i + 1];
        if (next === void 0) break;
        const escapes = {
          n: "\n",
          t: "	",
          r: "\r",
          "\\": "\\",
          '"': '"',
          "'": "'",
          "/": "/"
        };
        if (!(next in escapes)) fail(`unknown escape '\\${next}'`);
        value += escapes[next];
        i += 2;
        continue;
      }
      value += text[i];
      i++;
    }
    if (i >= text.length) fail(`unterminated string starting`, start);
    i++;
    return value;
  }
  function readLiteral() {
    if (text[i] === '"' || text[i] === "'") return { kind: "string", value: readQuoted(), bare: false };
    const word = /^\S+/.exec(text.slice(i))[0];
    i += word.length;
    if (word === "true" || word === "false") return { kind: "boolean", value: word === "true" };
    if (word === "null") return { kind: "null" };
    if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(word))
      return { kind: "number", value: Number(word), text: word };
    return { kind: "string", value: word, bare: true };
  }
  function readRegex() {
    const start = i;
    let pattern;
    let flags = "";
    if (text[i] === "/") {
      i++;
      pattern = "";
      while (i < text.length && text[i] !== "/") {
        if (text[i] === "\\" && i + 1 < text.length) pattern += text[i++];
        pattern += text[i++];
      }
      if (i >= text.length) fail("unterminated regular expression, expected a closing '/'", start);
      i++;
      flags = /^[imsu]*/.exec(text.slice(i))[0];
      i += flags.length;
    } else if (text[i] === '"' || text[i] === "'") {
      pattern = readQuoted();
    } else {
      return fail(`'matches' expects a regular expression: /pattern/ or "pattern"`);
    }
    try {
      return { kind: "regex", value: new RegExp(pattern, flags), text: text.slice(start, i) };
    } catch (error) {
      return fail(`invalid regular expression (${error.message})`, start);
    }
  }
}
function select(value, path) {
  let current = value;
  for (const step of path) {
    if (typeof step === "number") {
      if (!Array.isArray(current)) return void 0;
      current = current[step];
    } else {
      if (current === null || typeof current !== "object" || Array.isArray(current)) return void 0;
      if (!Object.hasOwn(current, step)) return void 0;
      current = current[step];
    }
  }
  return current;
}
function evaluate(assertion, document) {
  const actual = select(document, assertion.path);
  const { pathText, operator, expected } = assertion;
  if (actual === void 0) return { ok: false, reason: `${pathText} is missing` };
  const shown = describeValue(actual);
  const failWith = () => ({
    ok: false,
    reason: `${pathText} is ${shown}, expected ${operator} ${describeLiteral(expected)}`
  });
  switch (operator) {
    case "==":
      return equals(actual, expected) ? { ok: true } : failWith();
    case "!=":
      return equals(actual, expected) ? failWith() : { ok: true };
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const n = typeof actual === "number" ? actual : NaN;
      if (Number.isNaN(n)) return { ok: false, reason: `${pathText} is ${shown}, not a number` };
      const e = expected.value;
      const pass = operator === "<" ? n < e : operator === "<=" ? n <= e : operator === ">" ? n > e : n >= e;
      return pass ? { ok: true } : failWith();
    }
    case "contains": {
      if (typeof actual === "string") {
        return actual.includes(literalText(expected)) ? { ok: true } : failWith();
      }
      if (Array.isArray(actual))
        return actual.some((item) => equals(item, expected)) ? { ok: true } : failWith();
      return { ok: false, reason: `${pathText} is ${shown}; 'contains' needs a string or an array` };
    }
    case "matches": {
      if (typeof actual !== "string" && typeof actual !== "number") {
        return { ok: false, reason: `${pathText} is ${shown}; 'matches' needs a string` };
      }
      const regex = expected.value;
      regex.lastIndex = 0;
      return regex.test(String(actual)) ? { ok: true } : failWith();
    }
  }
}
function equals(actual, expected) {
  switch (expected.kind) {
    case "null":
      return actual === null;
    case "boolean":
      return actual === expected.value;
    case "number":
      return actual === expected.value || actual === expected.text;
    case "string":
      return actual === expected.value;
    case "regex":
      return false;
  }
}
function literalText(expected) {
  switch (expected.kind) {
    case "null":
      return "null";
    case "boolean":
      return String(expected.value);
    case "number":
      return expected.text;
    case "string":
      return expected.value;
    case "regex":
      return expected.text;
  }
}
function describeLiteral(expected) {
  if (expected.kind === "string") return JSON.stringify(expected.value);
  return literalText(expected);
}
function describeValue(value) {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === "object") return "an object";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// src/gates/health/config.ts
function parseHealthInputs(source) {
  const secrets = [];
  const targets = getList(source, "url", { commas: false }).map((value) => {
    const url = parseHttpUrl(value, source.describe("url"));
    if (url.password) secrets.push(decodeURIComponent(url.password));
    return url;
  });
  const prometheusUrl = getUrl(source, "prometheus-url");
  if (prometheusUrl?.password) secrets.push(decodeURIComponent(prometheusUrl.password));
  if (targets.length === 0 && !prometheusUrl) {
    throw new InputError(
      `${source.describe("url")} is required: the URLs to probe (or give ${source.describe("prometheus-url")})`
    );
  }
  const intervalMs = getDuration(source, "interval", "5s");
  if (intervalMs <= 0) throw new InputError(`${source.describe("interval")} must be longer than 0`);
  const requestTimeoutMs = getDuration(source, "request-timeout", "10s");
  if (requestTimeoutMs <= 0)
    throw new InputError(`${source.describe("request-timeout")} must be longer than 0`);
  const optionalNumber = (name, min, max) => source.get(name) === void 0 ? void 0 : getNumber(source, name, 0, { min, max });
  return {
    targets,
    expectStatus: parseStatusMatcher(
      getString(source, "expect-status", "2xx"),
      source.describe("expect-status")
    ),
    expectBody: getList(source, "expect-body", { commas: false }).map(
      (line, index) => parseAssertionInput(line, "$", `${source.describe("expect-body")} line ${index + 1}`)
    ),
    expectHeaders: getList(source, "expect-header", { commas: false }).map(
      (line) => parseHeaderExpectation(line, source.describe("expect-header"))
    ),
    readinessTimeoutMs: getDuration(source, "readiness-timeout", "120s"),
    windowMs: getDuration(source, "window", "60s"),
    intervalMs,
    failureLimit: getInteger(source, "failure-limit", 0, { min: 0 }),
    consecutiveErrorLimit: getInteger(source, "consecutive-error-limit", 4, { min: 0 }),
    maxErrorRate: optionalNumber("max-error-rate", 0, 1),
    maxLatencyP95Ms: optionalNumber("max-latency-p95", 0, Number.MAX_SAFE_INTEGER),
    tlsMinDays: optionalNumber("tls-min-days", 0, 36500),
    requestTimeoutMs,
    prometheus: prometheusUrl ? parsePrometheusInputs(source, prometheusUrl) : rejectOrphanPrometheusInputs(source),
    secrets
  };
}
function parsePrometheusInputs(source, url) {
  const query = source.get("prometheus-query");
  if (query === void 0)
    throw new InputError(
      `${source.describe("prometheus-query")} is required with ${source.describe("prometheus-url")}`
    );
  const condition = source.get("success-condition");
  if (condition === void 0) {
    throw new InputError(
      `${source.describe("success-condition")} is required with ${source.describe("prometheus-url")}, e.g. 'result < 0.01'`
    );
  }
  return {
    url,
    query,
    condition: parseAssertionInput(condition, "result", source.describe("success-condition")),
    onNoData: getChoice(source, "on-no-data", ["fail", "pass", "inconclusive"], "fail")
  };
}
function rejectOrphanPrometheusInputs(source) {
  for (const name of ["prometheus-query", "success-condition"]) {
    if (source.get(name) !== void 0) {
      throw new InputError(`${source.describe(name)} needs ${source.describe("prometheus-url")}`);
    }
  }
  return void 0;
}
function parseAssertionInput(text, root, what) {
  try {
    return parseAssertion(text, root);
  } catch (error) {
    if (!(error instanceof AssertionSyntaxError)) throw error;
    throw new InputError(
      `${what}: cannot parse '${text.trim()}': ${error.reason} at position ${error.position}`
    );
  }
}
function parseStatusMatcher(text, what) {
  const ranges = text.split(",").map((part) => {
    const item = part.trim();
    const family = /^([1-5])xx$/i.exec(item);
    if (family) return [Number(family[1]) * 100, Number(family[1]) * 100 + 99];
    const range = /^(\d{3})\s*-\s*(\d{3})$/.exec(item);
    if (range && Number(range[1]) <= Number(range[2])) return [Number(range[1]), Number(range[2])];
    if (/^\d{3}$/.test(item)) return [Number(item), Number(item)];
    throw new InputError(`${what} must be status codes like 2xx, 200, 200,204 or 200-299 (got '${item}')`);
  });
  return { text, accepts: (status) => ranges.some(([low, high]) => status >= low && status <= high) };
}
function parseHeaderExpectation(line, what) {
  const colon = line.indexOf(":");
  const name = (colon < 0 ? line : line.slice(0, colon)).trim();
  if (!/^[!#$%&'*+.^_`|~\w-]+$/.test(name)) {
    throw new InputError(`${what} must be 'Name: value' or 'Name' lines (got '${line}')`);
  }
  return colon < 0 ? { name } : { name, value: line.slice(colon + 1).trim() };
}
function displayUrl(url) {
  return redactUrl(url.toString());
}

// src/gates/health/checks.ts
var READINESS_RULES = /* @__PURE__ */ new Set(["not-ready"]);
var WINDOW_RULES = /* @__PURE__ */ new Set(["failure-limit", "consecutive-errors", "prometheus-query", "no-data"]);
var TLS_RULES = /* @__PURE__ */ new Set(["tls-check", "tls-expiry"]);
function healthChecks(config, outcomes, findings, windowRounds) {
  const of = (rules, prefix) => findings.filter((f) => rules.has(f.rule) && f.message.startsWith(prefix));
  const checks = [];
  const skippedWindow = windowRounds === 0 ? { skipped: "the verification window did not run" } : {};
  for (const url of config.targets) {
    const target = displayUrl(url);
    const readiness = outcomes.filter((o) => o.target === target && o.phase === "readiness");
    checks.push({
      name: `${target} becomes ready`,
      group: "readiness",
      findings: of(READINESS_RULES, `${target} `),
      ...readiness.length > 0 ? { durationMs: readiness[readiness.length - 1].at } : {}
    });
    const window = of(WINDOW_RULES, `${target} `);
    checks.push({
      name: `${target} stays healthy`,
      group: "window",
      findings: window,
      ...window.length === 0 ? skippedWindow : {}
    });
    if (config.tlsMinDays !== void 0 && url.protocol === "https:") {
      checks.push({
        name: `${target} certificate outlives ${config.tlsMinDays} days`,
        group: "tls",
        findings: of(TLS_RULES, `${target}: `)
      });
    }
  }
  if (config.prometheus) {
    const window = [...of(WINDOW_RULES, "Prometheus query "), ...of(WINDOW_RULES, "prometheus ")];
    checks.push({
      name: `Prometheus query ${config.prometheus.query}`,
      group: "window",
      findings: window,
      ...window.length === 0 ? skippedWindow : {}
    });
  }
  if (config.maxErrorRate !== void 0) {
    checks.push({
      name: `error rate at most ${config.maxErrorRate}`,
      group: "window",
      findings: findings.filter((f) => f.rule === "error-rate"),
      ...skippedWindow
    });
  }
  if (config.maxLatencyP95Ms !== void 0) {
    checks.push({
      name: `95th-percentile latency at most ${config.maxLatencyP95Ms} ms`,
      group: "window",
      findings: findings.filter((f) => f.rule === "latency-p95"),
      ...skippedWindow
    });
  }
  return checks;
}

// src/gates/health/summary.ts
function percentile(values, p) {
  if (values.length === 0) return void 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p / 100 * sorted.length) - 1)];
}
var MAX_TABLE_ROWS = 60;
var MAX_CHARTS = 3;
var MAX_CHART_POINTS = 60;
var KIND_LABEL = {
  pass: "\u2705 pass",
  fail: "\u274C fail",
  error: "\u26D4 error",
  inconclusive: "\u2754 no data"
};
var seconds = (ms) => `${(ms / 1e3).toFixed(1)}s`;
var cell = (text) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
function probeSections(outcomes) {
  if (outcomes.length === 0) return [];
  return [{ heading: "Probes", markdown: probeTable(outcomes) }, ...latencyCharts(outcomes)];
}
function probeTable(outcomes) {
  let rows = [...outcomes];
  if (rows.length > MAX_TABLE_ROWS) {
    const keep = new Set(rows.filter((o) => o.kind !== "pass").slice(-MAX_TABLE_ROWS));
    for (const outcome of [...rows].reverse()) {
      if (keep.size >= MAX_TABLE_ROWS) break;
      keep.add(outcome);
    }
    rows = rows.filter((o) => keep.has(o));
  }
  const lines = [
    "| Time | Target | Phase | Result | Status | Latency | Detail |",
    "| ---: | --- | --- | --- | ---: | ---: | --- |",
    ...rows.map(
      (o) => `| ${seconds(o.at)} | ${cell(o.target)} | ${o.phase} | ${KIND_LABEL[o.kind]} | ${o.status ?? ""} | ${Math.round(o.latencyMs)} ms | ${cell(o.reason ?? o.value ?? "")} |`
    )
  ];
  if (rows.length < outcomes.length)
    lines.push("", `${outcomes.length - rows.length} passing probes omitted.`);
  return lines.join("\n");
}
function latencyCharts(outcomes) {
  const targets = [...new Set(outcomes.map((o) => o.target))].slice(0, MAX_CHARTS);
  return targets.flatMap((target) => {
    const points = outcomes.filter((o) => o.target === target).slice(-MAX_CHART_POINTS);
    if (points.length < 2) return [];
    const latencies = points.map((o) => Math.round(o.latencyMs));
    const failures = points.map((o, i) => o.kind === "pass" ? 0 : latencies[i]);
    const top = Math.max(1, ...latencies);
    const chart = [
      "```mermaid",
      "xychart-beta",
      `  title "${target.replace(/"/g, "'")}: latency (ms), bars = failed probes"`,
      `  x-axis "seconds since start" [${points.map((o) => `"${(o.at / 1e3).toFixed(1)}"`).join(", ")}]`,
      `  y-axis "latency (ms)" 0 --> ${Math.ceil(top * 1.1)}`,
      `  bar [${failures.join(", ")}]`,
      `  line [${latencies.join(", ")}]`,
      "```"
    ];
    return [{ heading: `Latency: ${target}`, markdown: chart.join("\n") }];
  });
}

// src/gates/health/tls.ts
import * as net from "node:net";
import * as tls from "node:tls";
function readCertificate(url, timeoutMs) {
  return new Promise((resolve) => {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const socket = tls.connect({
      host,
      port: Number(url.port || 443),
      // SNI must be a host name, never an IP address.
      ...net.isIP(host) ? {} : { servername: host },
      rejectUnauthorized: false
    });
    const finish = (result) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, message: `no TLS handshake within ${timeoutMs}ms` }),
      timeoutMs
    );
    socket.once("secureConnect", () => {
      const certificate = socket.getPeerCertificate();
      if (!certificate?.valid_to) return finish({ ok: false, message: "the server presented no certificate" });
      finish({
        ok: true,
        validTo: new Date(certificate.valid_to),
        subject: [certificate.subject?.CN ?? host].flat()[0] ?? host
      });
    });
    socket.once(
      "error",
      (error) => finish({
        ok: false,
        message: `TLS connection failed (${error.code ?? error.message})`
      })
    );
  });
}

// src/gates/health/probe.ts
async function probeTarget(config, url, io, timeoutMs) {
  const response = await httpRequest(io, url, {
    timeoutMs,
    headers: {
      accept: config.expectBody.length > 0 ? "application/json" : "*/*",
      "user-agent": "deploy-gates-health"
    }
  });
  if (!response.ok) return { kind: "error", latencyMs: response.durationMs, reason: response.message };
  const reason = judge(config, response);
  return {
    kind: reason ? "fail" : "pass",
    status: response.status,
    latencyMs: response.durationMs,
    ...reason ? { reason } : {}
  };
}
function judge(config, response) {
  if (!config.expectStatus.accepts(response.status)) {
    return `status ${response.status}, expected ${config.expectStatus.text}`;
  }
  for (const header of config.expectHeaders) {
    const actual = response.headers.get(header.name);
    if (actual === null) return `header ${header.name} is missing`;
    if (header.value !== void 0 && actual.trim() !== header.value) {
      return `header ${header.name} is '${truncate(actual.trim())}', expected '${header.value}'`;
    }
  }
  if (config.expectBody.length === 0) return void 0;
  let document;
  try {
    document = JSON.parse(response.body);
  } catch {
    const type = response.headers.get("content-type")?.split(";")[0]?.trim() || "no content-type";
    return `the body is not JSON (${type}, ${response.body.length} bytes), so ${config.expectBody[0].source} cannot be checked`;
  }
  const reasons = config.expectBody.flatMap((assertion) => {
    const verdict = evaluate(assertion, document);
    return verdict.ok ? [] : [verdict.reason];
  });
  return reasons.length > 0 ? reasons.join("; ") : void 0;
}
function truncate(text) {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// src/gates/health/prometheus.ts
async function evaluatePrometheus(config, io, timeoutMs) {
  const url = new URL("api/v1/query", config.url.href.endsWith("/") ? config.url : `${config.url.href}/`);
  url.searchParams.set("query", config.query);
  url.searchParams.set("time", String(io.now() / 1e3));
  const response = await httpRequest(io, url, { timeoutMs, headers: { accept: "application/json" } });
  if (!response.ok)
    return { kind: "error", latencyMs: response.durationMs, reason: `Prometheus: ${response.message}` };
  const latencyMs = response.durationMs;
  let body;
  try {
    body = JSON.parse(response.body);
  } catch {
    return {
      kind: "error",
      latencyMs,
      status: response.status,
      reason: `Prometheus answered ${response.status} without JSON`
    };
  }
  if (body.status !== "success") {
    const detail = `${body.errorType ?? "error"}: ${body.error ?? `status ${response.status}`}`;
    if (response.status === 400 || response.status === 422 || body.errorType === "bad_data") {
      return { kind: "fail", latencyMs, status: response.status, reason: detail, queryError: detail };
    }
    return { kind: "error", latencyMs, status: response.status, reason: `Prometheus ${detail}` };
  }
  const values = readValues(body.data);
  if (typeof values === "string") {
    return { kind: "fail", latencyMs, status: response.status, reason: values, queryError: values };
  }
  if (Array.isArray(values) && values.length === 0) {
    const kind = config.onNoData === "pass" ? "pass" : config.onNoData === "fail" ? "fail" : "inconclusive";
    return { kind, latencyMs, status: response.status, reason: "no data", value: "no data" };
  }
  const value = Array.isArray(values) ? values.map(String).join(", ") : String(values);
  const reason = judgeCondition(config, values);
  return {
    kind: reason ? "fail" : "pass",
    latencyMs,
    status: response.status,
    value,
    ...reason ? { reason } : {}
  };
}
function readValues(data) {
  const toNumber = (sample) => Number(sample[1]);
  if (data?.resultType === "scalar" && Array.isArray(data.result)) return toNumber(data.result);
  if (data?.resultType === "vector" && Array.isArray(data.result)) {
    return data.result.map((series) => toNumber(series.value ?? []));
  }
  return `the query returned a ${data?.resultType ?? "malformed"} result; success-condition needs an instant vector or a scalar`;
}
function judgeCondition(config, values) {
  const { condition } = config;
  if (condition.path.length === 0 && Array.isArray(values)) {
    for (const value of values) {
      const verdict2 = evaluate(condition, value);
      if (!verdict2.ok) return verdict2.reason;
    }
    return void 0;
  }
  const verdict = evaluate(condition, values);
  return verdict.ok ? void 0 : verdict.reason;
}

// src/gates/health/verify.ts
var INITIAL_BACKOFF_MS = 100;
var READINESS_GRACE_MS = 100;
async function verify(config, io, startedAt, stop) {
  const outcomes = [];
  const findings = [];
  const record = (target, phase, check, at) => {
    const outcome = { target, phase, at: at - startedAt, ...check };
    outcomes.push(outcome);
    return outcome;
  };
  const readiness = await Promise.all(config.targets.map((url) => awaitReady(url)));
  const notReady = readiness.filter((r) => !r.ready);
  for (const { target, last, probes } of notReady) {
    findings.push({
      rule: "not-ready",
      severity: "error",
      message: `${target} did not answer healthy within the readiness timeout of ${formatDuration(config.readinessTimeoutMs)} (${probes} probes); last: ${last?.reason ?? "no probe ran"}`,
      help: "Check that the new version is deployed and reachable, or raise readiness-timeout if it starts slowly."
    });
  }
  if (notReady.length > 0 || stop.stopped)
    return { outcomes, findings, ready: notReady.length === 0, windowRounds: 0 };
  const streams = [
    ...config.targets.map((url) => ({
      target: displayUrl(url),
      measure: (timeoutMs) => probeTarget(config, url, io, timeoutMs)
    })),
    ...config.prometheus ? [
      {
        target: "prometheus",
        measure: (timeoutMs) => evaluatePrometheus(config.prometheus, io, timeoutMs)
      }
    ] : []
  ].map((stream) => ({ ...stream, failures: 0, consecutiveErrors: 0 }));
  const windowStart = io.now();
  const rounds = Math.floor(config.windowMs / config.intervalMs);
  let windowRounds = 0;
  for (let round2 = 1; round2 <= rounds && !stop.stopped; round2++) {
    const wait = windowStart + round2 * config.intervalMs - io.now();
    if (wait > 0) await io.sleep(wait);
    if (stop.stopped) break;
    windowRounds++;
    const checks = await Promise.all(streams.map((stream) => stream.measure(config.requestTimeoutMs)));
    const at = io.now();
    let breached = false;
    checks.forEach((check, index) => {
      const stream = streams[index];
      const outcome = record(stream.target, "window", check, at);
      const queryError = check.queryError;
      if (queryError) {
        findings.push({
          rule: "prometheus-query",
          severity: "error",
          message: `Prometheus query '${config.prometheus.query}' failed: ${queryError}`,
          help: "Fix the PromQL in prometheus-query; it must return an instant vector or a scalar."
        });
        breached = true;
        return;
      }
      if (check.kind === "error") stream.consecutiveErrors++;
      else stream.consecutiveErrors = 0;
      if (check.kind === "fail") stream.failures++;
      if (check.kind !== "pass")
        io.log.info(`${stream.target}: ${check.kind} at ${formatDuration(outcome.at)}: ${check.reason}`);
      if (check.kind === "fail" && stream.failures > config.failureLimit) {
        findings.push({
          rule: "failure-limit",
          severity: "error",
          message: `${stream.target} failed ${stream.failures} probe(s) in the verification window, more than failure-limit ${config.failureLimit}; last: ${check.reason}`,
          help: "The new version stopped serving correctly after becoming ready: roll back (gate: rollback)."
        });
        breached = true;
      }
      if (check.kind === "error" && stream.consecutiveErrors > config.consecutiveErrorLimit) {
        findings.push({
          rule: "consecutive-errors",
          severity: "error",
          message: `${stream.target} gave no answer ${stream.consecutiveErrors} times in a row, more than consecutive-error-limit ${config.consecutiveErrorLimit}; last: ${check.reason}`,
          help: "The service (or the way to it) went away during the window: roll back (gate: rollback)."
        });
        breached = true;
      }
    });
    if (breached) break;
  }
  return { outcomes, findings, ready: true, windowRounds };
  async function awaitReady(url) {
    const target = displayUrl(url);
    const deadline = io.now() + config.readinessTimeoutMs;
    let delay = Math.min(INITIAL_BACKOFF_MS, config.intervalMs);
    let last;
    let probes = 0;
    while (!stop.stopped) {
      const grace = Math.min(config.requestTimeoutMs, READINESS_GRACE_MS);
      const timeoutMs = Math.max(grace, Math.min(config.requestTimeoutMs, deadline - io.now()));
      const check = await probeTarget(config, url, io, timeoutMs);
      probes++;
      last = record(target, "readiness", check, io.now());
      if (check.kind === "pass") {
        io.log.info(`${target}: ready after ${formatDuration(last.at)} (${probes} probe(s))`);
        return { target, ready: true, last, probes };
      }
      const remaining = deadline - io.now();
      if (remaining <= 0) break;
      await io.sleep(Math.min(delay, remaining));
      delay = Math.min(delay * 2, config.intervalMs);
    }
    return { target, ready: false, last, probes };
  }
}

// src/gates/health/index.ts
var TITLE = "Post-deploy health";
var DAY_MS = 864e5;
var DEADLINE_SLACK_MS = 5e3;
var healthGate = {
  name: "health",
  title: TITLE,
  parseInputs: (source) => parseHealthInputs(source),
  run: runHealth
};
async function runHealth(config, io) {
  const startedAt = io.now();
  const stop = { stopped: false };
  const deadlineMs = config.readinessTimeoutMs + config.windowMs + 2 * config.requestTimeoutMs + DEADLINE_SLACK_MS;
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(() => resolve("deadline"), deadlineMs);
  });
  const work = Promise.all([verify(config, io, startedAt, stop), checkCertificates(config, io)]);
  const settled = await Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  stop.stopped = true;
  let verification;
  const findings = [];
  if (settled === "deadline") {
    verification = { outcomes: [], findings: [], ready: false, windowRounds: 0 };
    findings.push({
      rule: "deadline",
      severity: "error",
      message: `the health check did not finish within its deadline of ${formatDuration(deadlineMs)}`,
      help: "A probe or the TLS check did not return in time; check the network path to the targets."
    });
  } else {
    verification = settled[0];
    findings.push(...settled[1], ...verification.findings);
  }
  const { outcomes } = verification;
  const windowProbes = outcomes.filter((o) => o.phase === "window" && o.target !== "prometheus");
  const unhealthyProbes = windowProbes.filter((o) => o.kind !== "pass").length;
  const errorRate = windowProbes.length > 0 ? unhealthyProbes / windowProbes.length : void 0;
  const answered = windowProbes.filter((o) => o.status !== void 0).map((o) => o.latencyMs);
  const p95 = percentile(answered, 95);
  if (config.maxErrorRate !== void 0 && errorRate !== void 0 && errorRate > config.maxErrorRate) {
    findings.push({
      rule: "error-rate",
      severity: "error",
      message: `${unhealthyProbes} of ${windowProbes.length} probes in the window did not pass (error rate ${round(errorRate)}), above max-error-rate ${config.maxErrorRate}`
    });
  }
  if (config.maxLatencyP95Ms !== void 0 && p95 !== void 0 && p95 > config.maxLatencyP95Ms) {
    findings.push({
      rule: "latency-p95",
      severity: "error",
      message: `95th-percentile probe latency was ${Math.round(p95)} ms over ${answered.length} answers, above max-latency-p95 ${config.maxLatencyP95Ms} ms`
    });
  }
  const noData = outcomes.filter((o) => o.kind === "inconclusive").length;
  if (noData > 0) {
    findings.push({
      rule: "no-data",
      severity: "warning",
      message: `Prometheus query '${config.prometheus?.query}' returned no data in ${noData} of ${outcomes.filter((o) => o.target === "prometheus").length} evaluations (on-no-data: inconclusive)`,
      help: "A query with no data cannot prove the release healthy; check the metric names and labels."
    });
  }
  const healthy = !findings.some((f) => f.severity === "error");
  const targets = config.targets.length + (config.prometheus ? 1 : 0);
  return {
    gate: "health",
    title: TITLE,
    findings,
    outputs: {
      healthy: String(healthy),
      "error-rate": errorRate === void 0 ? "" : String(round(errorRate)),
      "latency-p95-ms": p95 === void 0 ? "" : String(Math.round(p95)),
      probes: String(outcomes.length)
    },
    sections: probeSections(outcomes),
    scope: `${targets} target(s), ${outcomes.length} probes, ${verification.windowRounds} of ${Math.floor(config.windowMs / config.intervalMs)} window rounds every ${formatDuration(config.intervalMs)}`,
    secrets: config.secrets,
    data: { probes: outcomes },
    checks: healthChecks(config, outcomes, findings, verification.windowRounds)
  };
}
async function checkCertificates(config, io) {
  const minDays = config.tlsMinDays;
  if (minDays === void 0) return [];
  const checks = config.targets.filter((url) => url.protocol === "https:").map(async (url) => {
    const target = displayUrl(url);
    const certificate = await readCertificate(url, config.requestTimeoutMs);
    if (!certificate.ok) {
      return [
        {
          rule: "tls-check",
          severity: "error",
          message: `${target}: could not read the certificate: ${certificate.message}`
        }
      ];
    }
    const daysLeft = (certificate.validTo.getTime() - io.now()) / DAY_MS;
    if (daysLeft >= minDays) return [];
    const when = daysLeft < 0 ? `expired on ${certificate.validTo.toISOString()}` : `expires in ${Math.floor(daysLeft)} day(s), on ${certificate.validTo.toISOString()}`;
    return [
      {
        rule: "tls-expiry",
        severity: "error",
        message: `${target}: the certificate for ${certificate.subject} ${when}, sooner than tls-min-days ${minDays}`,
        help: "Renew the certificate (or check that automatic renewal runs)."
      }
    ];
  });
  return (await Promise.all(checks)).flat();
}
var round = (n) => Math.round(n * 1e4) / 1e4;
export {
  healthGate,
  runHealth
};
