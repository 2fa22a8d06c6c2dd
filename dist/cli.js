#!/usr/bin/env node
import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  TOOL_VERSION,
  buildJsonReport,
  computeStatus,
  countFindings,
  createRedactor,
  createRuntimeIO,
  failureMessage,
  failureStack,
  formatConsoleReport,
  loadGate,
  redactResult,
  repositoryPath,
  shouldUseColor,
  writeReportFiles
} from "./chunk-4NKQJZNZ.js";
import {
  load
} from "./chunk-4ARHKECE.js";
import {
  GATE_NAMES,
  InputError,
  UserError,
  mapInputSource,
  parseCommonInputs
} from "./chunk-D65UKCWC.js";
import "./chunk-UM4MEZME.js";

// action.yml
var action_default = "name: deploy-gates\ndescription: Stop bad deployments before users see them \u2014 env drift, dangerous migrations, broken API contracts, unhealthy releases.\nauthor: deploy-gates\nbranding:\n  icon: shield\n  color: green\n\ninputs:\n  # \u2500\u2500 Common \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\n  gate:\n    description: 'Which gate to run: `env`, `migrations`, `contract`, `health`, `deployment`, `rollback` or `metrics`.'\n    required: true\n  fail-on:\n    description: 'Lowest finding severity that fails the step: `error`, `warning` or `never` (report only).'\n    required: false\n    default: error\n  github-token:\n    description: 'Token for PR comments and the Deployments API. The default job token is enough; give `pull-requests: write` for comments and `deployments: write` for records.'\n    required: false\n    default: ${{ github.token }}\n  comment:\n    description: 'Post one sticky comment per gate on `pull_request` events, updated in place on re-runs.'\n    required: false\n    default: 'true'\n  working-directory:\n    description: 'Directory that relative paths are resolved against (and annotation paths are relative to).'\n    required: false\n    default: .\n  report:\n    description: 'Path of the JSON report of every finding. Empty: a file in `RUNNER_TEMP`. Its path is the `report` output.'\n    required: false\n    default: ''\n  sarif:\n    description: 'Also write findings as SARIF 2.1.0 to this path, for `github/codeql-action/upload-sarif`. Empty: none.'\n    required: false\n    default: ''\n  junit:\n    description: 'Also write a JUnit XML report to this path (one test case per check). Empty: none.'\n    required: false\n    default: ''\n\n  # \u2500\u2500 gate: env \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\n  schema:\n    description: '[env] What must be set: a `.env.example`-style file (every key required) or a YAML schema with per-variable `required`, `type`, `pattern`, `values`, `secret`, `parity`.'\n    required: false\n    default: ''\n  env-files:\n    description: '[env] Newline- or comma-separated `.env` files to check, e.g. `.env.staging` and `.env.production`.'\n    required: false\n    default: ''\n  environment:\n    description: '[env] Environment whose rules apply (default: derived from each file name, `.env.production` \u2192 `production`). [deployment, rollback, metrics] The GitHub environment name (default `production`).'\n    required: false\n    default: ''\n  check-process-env:\n    description: \"[env] Also validate the job's own environment, where CI secrets are injected (values are never printed).\"\n    required: false\n    default: 'false'\n\n  # \u2500\u2500 gate: migrations \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\n  migrations-dir:\n    description: \"[migrations] Directory holding the migrations. Empty: detected from the tool's usual layout.\"\n    required: false\n    default: ''\n  tool:\n    description: '[migrations] Migration tool: `auto`, `prisma`, `flyway`, `golang-migrate`, `knex`, `node-pg-migrate`, `dbmate`, `rails`, `django`, `alembic`, `drizzle`, `sequelize`, `typeorm`.'\n    required: false\n    default: auto\n  database-url:\n    description: '[migrations] `postgres://` URL of the target database, read only (a read-only role is enough). Empty: only the offline lint runs. The password is masked.'\n    required: false\n    default: ''\n  base-ref:\n    description: \"[migrations] Lint only migrations added or changed since this git ref. Empty: the pull request's base, else all migrations.\"\n    required: false\n    default: ''\n  dialect:\n    description: '[migrations] SQL dialect of the migrations. Only `postgres` is supported.'\n    required: false\n    default: postgres\n  allow:\n    description: '[migrations] Rule ids to downgrade to warnings (newline- or comma-separated).'\n    required: false\n    default: ''\n  lock-timeout-rules:\n    description: '[migrations] Also flag lock-taking statements that run without a `lock_timeout` (noisy, so off by default).'\n    required: false\n    default: 'false'\n\n  # \u2500\u2500 gate: contract \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\n  spec:\n    description: '[contract] Path of the OpenAPI 3.0 or 3.1 document (YAML or JSON; `$ref`s to other files are followed).'\n    required: false\n    default: ''\n  base-spec:\n    description: '[contract] The spec to diff against: a file, or `REF:path` read from git (e.g. `origin/main:openapi.yaml`). Empty: on a pull request, the same path at the base ref.'\n    required: false\n    default: ''\n  base-url:\n    description: '[contract] URL of the deployed service to verify against the spec. Empty: no live verification.'\n    required: false\n    default: ''\n  headers:\n    description: '[contract] Newline-separated `Name: value` headers sent with every request (how to authenticate). Values are masked.'\n    required: false\n    default: ''\n  operations:\n    description: '[contract] Which operations to verify: newline-separated operationIds, `tag:<name>`, or paths; prefix `!` to exclude. Empty: all.'\n    required: false\n    default: ''\n  unsafe-methods:\n    description: '[contract] Also send POST, PUT, PATCH and DELETE requests. Off: only GET, HEAD and OPTIONS are sent.'\n    required: false\n    default: 'false'\n  concurrency:\n    description: '[contract] Requests in flight at once during live verification.'\n    required: false\n    default: '8'\n  request-timeout:\n    description: '[contract, health] Timeout of one HTTP request, with units (`500ms`, `10s`).'\n    required: false\n    default: 10s\n  breaking-rules:\n    description: '[contract] File overriding breaking-change rule severities, one `<rule-id> error|warning|off` a line.'\n    required: false\n    default: ''\n\n  # \u2500\u2500 gate: health \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\n  url:\n    description: '[health] Newline-separated URLs to probe.'\n    required: false\n    default: ''\n  expect-status:\n    description: '[health] Accepted status codes: `2xx`, `200`, `200,204`, `200-299`.'\n    required: false\n    default: 2xx\n  expect-body:\n    description: '[health] Newline-separated assertions on the JSON body, e.g. `$.version == abc123`, `$.db == \"ok\"`, `$.queue.lag < 100` (`==`, `!=`, `<`, `<=`, `>`, `>=`, `contains`, `matches`).'\n    required: false\n    default: ''\n  expect-header:\n    description: '[health] Newline-separated `Name: value` headers the response must carry (`Name` alone: must be present).'\n    required: false\n    default: ''\n  readiness-timeout:\n    description: '[health] How long to wait, with backoff, for the first healthy answer.'\n    required: false\n    default: 120s\n  window:\n    description: '[health] Verification window after readiness (default `60s`). [metrics] History window (default `90d`).'\n    required: false\n    default: ''\n  interval:\n    description: '[health] Time between probes (and Prometheus evaluations) during the window.'\n    required: false\n    default: 5s\n  failure-limit:\n    description: '[health] Failed probes tolerated in the window before the gate fails (Argo Rollouts semantics: fail when failures exceed it).'\n    required: false\n    default: '0'\n  consecutive-error-limit:\n    description: '[health] Consecutive probe errors (connection refused, timeout) tolerated before the gate fails.'\n    required: false\n    default: '4'\n  max-error-rate:\n    description: '[health] Highest tolerated share of failed probes over the window, from 0 to 1. Empty: not checked.'\n    required: false\n    default: ''\n  max-latency-p95:\n    description: '[health] Highest tolerated 95th-percentile probe latency, in milliseconds. Empty: not checked.'\n    required: false\n    default: ''\n  tls-min-days:\n    description: '[health] For https URLs, fail when the certificate expires within this many days. Empty: not checked.'\n    required: false\n    default: ''\n  prometheus-url:\n    description: '[health] Prometheus base URL for canary analysis (queried at `/api/v1/query`).'\n    required: false\n    default: ''\n  prometheus-query:\n    description: '[health] PromQL query evaluated at each interval, e.g. an error ratio.'\n    required: false\n    default: ''\n  success-condition:\n    description: \"[health] Condition on the query's value, e.g. `result < 0.01`.\"\n    required: false\n    default: ''\n  on-no-data:\n    description: '[health] What a query returning no data means: `fail`, `pass` or `inconclusive` (a warning).'\n    required: false\n    default: fail\n\n  # \u2500\u2500 gate: deployment \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\n  ref:\n    description: \"[deployment] Git ref or SHA being deployed (default: the workflow's SHA). [rollback] Roll back to this ref instead of the last good one.\"\n    required: false\n    default: ''\n  payload:\n    description: '[deployment] JSON object stored with the deployment: the immutable artifact''s identity, e.g. `{\"artifact\":\"registry/app@sha256:\u2026\"}`.'\n    required: false\n    default: ''\n  deployment-id:\n    description: '[deployment] Existing deployment to move to `state`. Empty: create a new deployment.'\n    required: false\n    default: ''\n  state:\n    description: '[deployment] Status to set: `in_progress`, `success`, `failure`, `error`, `inactive`, `queued` or `pending`.'\n    required: false\n    default: in_progress\n  environment-url:\n    description: '[deployment] URL of the deployed environment, shown on the deployment.'\n    required: false\n    default: ''\n  log-url:\n    description: \"[deployment] URL of the deployment's logs (default: this workflow run).\"\n    required: false\n    default: ''\n  production-environment:\n    description: '[deployment] Mark the environment as production (default: true when its name contains `prod`).'\n    required: false\n    default: ''\n  rollback-of:\n    description: '[deployment] Id of the deployment this one rolls back; recorded as `payload.rollback_of`.'\n    required: false\n    default: ''\n\n  # \u2500\u2500 gate: rollback \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\n  artifact-check:\n    description: \"[rollback] URL expected to answer 2xx when the rollback target's artifact still exists; `{sha}`, `{ref}` and `{payload.<key>}` are substituted.\"\n    required: false\n    default: ''\n  migrations-report:\n    description: '[rollback] JSON report of the migration gate; warns when migrations applied since the target are not rollback-safe.'\n    required: false\n    default: ''\n\noutputs:\n  status:\n    description: '`passed` or `failed`.'\n  errors:\n    description: 'Number of error findings.'\n  warnings:\n    description: 'Number of warning findings.'\n  report:\n    description: 'Path of the JSON report of every finding.'\n  pending:\n    description: '[migrations] Number of migrations this deploy will apply.'\n  pending-migrations:\n    description: '[migrations] JSON list of the pending migrations, in order.'\n  destructive:\n    description: '[migrations] `true` when a migration in scope drops or deletes data.'\n  rollback-safe:\n    description: '[migrations] `false` when the previous application version cannot run against the migrated schema.'\n  breaking-changes:\n    description: '[contract] Number of breaking changes between base and head spec.'\n  violations:\n    description: '[contract] Number of live responses that did not match the spec.'\n  operations-checked:\n    description: '[contract] Number of operations verified against the live service.'\n  healthy:\n    description: '[health] `true` when every target passed readiness and the verification window.'\n  error-rate:\n    description: '[health] Share of failed probes in the window, 0 to 1.'\n  latency-p95-ms:\n    description: '[health] 95th-percentile probe latency in milliseconds.'\n  probes:\n    description: '[health] Number of probes sent.'\n  deployment-id:\n    description: '[deployment] Id of the deployment created or updated. [rollback] Id of the rollback target.'\n  ref:\n    description: '[rollback] Ref of the last good deployment.'\n  sha:\n    description: '[rollback] Commit SHA of the last good deployment.'\n  payload:\n    description: '[rollback] JSON payload of the last good deployment (the artifact to redeploy).'\n  deployment-frequency:\n    description: '[metrics] Successful deployments (not counting rollbacks) per day over the window.'\n  lead-time-hours:\n    description: '[metrics] Median hours from the deployed commit to its successful deployment. Empty: no data.'\n  change-failure-rate:\n    description: '[metrics] Share of changes, 0 to 1, that got a failure status or were rolled back. Empty: no data.'\n  time-to-restore-hours:\n    description: '[metrics] Median hours from a failed change to the next successful deployment. Empty: no data.'\n\nruns:\n  using: node24\n  main: dist/index.js\n";

// src/cli/action-inputs.ts
var TAG = /\[([a-z, -]+)\]\s*/g;
function splitDescription(description) {
  const perGate = {};
  const tags = [...description.matchAll(TAG)].filter(
    (match) => match[1].split(",").every((name) => GATE_NAMES.includes(name.trim()))
  );
  if (tags.length === 0) return { untagged: description.trim(), perGate };
  tags.forEach((match, i) => {
    const start = match.index + match[0].length;
    const end = i + 1 < tags.length ? tags[i + 1].index : description.length;
    const text = description.slice(start, end).trim();
    for (const name of match[1].split(",")) perGate[name.trim()] = text;
  });
  return { untagged: description.slice(0, tags[0].index).trim(), perGate };
}
function parseActionInputs(actionYml) {
  const action = load(actionYml);
  return Object.entries(action.inputs ?? {}).map(([name, spec]) => {
    const description = String(spec.description ?? "");
    const { untagged, perGate } = splitDescription(description);
    const fallback = spec.default === void 0 || spec.default === null ? "" : String(spec.default);
    return {
      name,
      description: untagged || description,
      default: fallback,
      common: Object.keys(perGate).length === 0,
      perGate,
      boolean: fallback === "true" || fallback === "false"
    };
  });
}
function inputsForGate(inputs, gate) {
  return [
    ...inputs.filter((input) => input.common),
    ...inputs.filter((input) => input.perGate[gate] !== void 0)
  ];
}
function describeFor(input, gate) {
  return gate && input.perGate[gate] || input.description;
}

// src/cli/action-yml.ts
var ACTION_INPUTS = parseActionInputs(action_default);

// src/cli/closest.ts
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}
function closest(word, candidates) {
  let best;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = candidate.startsWith(word) && word.length >= 3 ? 1 : editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== void 0 && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : void 0;
}

// src/cli/args.ts
var UsageError = class extends UserError {
  name = "UsageError";
};
var CLI_FLAGS = ["json", "help", "version"];
var ACTION_ONLY_INPUTS = /* @__PURE__ */ new Set(["comment"]);
function parseGate(word) {
  if (GATE_NAMES.includes(word)) return word;
  const guess = closest(word, GATE_NAMES);
  throw new UsageError(
    `unknown gate '${word}'${guess ? `; did you mean '${guess}'?` : ""} (gates: ${GATE_NAMES.join(", ")})`
  );
}
function unknownFlag(flag, gate, allInputs, allowed) {
  const owner = allInputs.find((input) => input.name === flag && input.name !== "gate");
  if (owner) {
    const gates = Object.keys(owner.perGate).join(", ");
    return new UsageError(
      `--${flag} is an input of the ${gates} gate${gates.includes(",") ? "s" : ""}, not of ${gate}`
    );
  }
  const guess = closest(flag, allowed);
  return new UsageError(`unknown option --${flag}${guess ? `; did you mean --${guess}?` : ""}`);
}
function parseCliArgs(argv, allInputs) {
  const words = [...argv];
  const wantsHelp = words.some((word) => word === "--help" || word === "-h");
  if (words.some((word) => word === "--version" || word === "-V")) return { kind: "version" };
  const first = words[0];
  if (first === void 0 || first.startsWith("-")) {
    if (wantsHelp) return { kind: "help" };
    throw new UsageError(
      first === void 0 ? "name a gate: deploy-gates <gate> [options]" : `the gate comes first: deploy-gates <gate> ${first}`
    );
  }
  const gate = parseGate(first);
  if (wantsHelp) return { kind: "help", gate };
  const inputs = inputsForGate(allInputs, gate).filter((input) => input.name !== "gate");
  const byName = new Map(inputs.map((input) => [input.name, input]));
  const allowed = [...inputs.map((input) => input.name), ...CLI_FLAGS];
  const values = {};
  let json = false;
  const set = (name, value) => {
    values[name] = values[name] === void 0 ? value : `${values[name]}
${value}`;
  };
  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    if (!word.startsWith("--") || word === "--") throw new UsageError(`unexpected argument '${word}'`);
    const eq = word.indexOf("=");
    let name = eq > 0 ? word.slice(2, eq) : word.slice(2);
    let inline = eq > 0 ? word.slice(eq + 1) : void 0;
    if (name === "json") {
      if (inline !== void 0) throw new UsageError("--json takes no value");
      json = true;
      continue;
    }
    if (!byName.has(name) && name.startsWith("no-") && byName.get(name.slice(3))?.boolean && inline === void 0) {
      name = name.slice(3);
      inline = "false";
    }
    const input = byName.get(name);
    if (!input) throw unknownFlag(name, gate, allInputs, allowed);
    if (inline !== void 0) {
      set(name, inline);
      continue;
    }
    const next = words[i + 1];
    if (input.boolean) {
      if (next !== void 0 && /^(true|false|yes|no|on|off|1|0)$/i.test(next)) set(name, words[++i]);
      else set(name, "true");
      continue;
    }
    if (next === void 0 || next.startsWith("--")) throw new UsageError(`--${name} needs a value`);
    set(name, words[++i]);
  }
  return { kind: "run", gate, values, json };
}
function withDefaults(values, gate, allInputs) {
  const merged = {};
  for (const input of inputsForGate(allInputs, gate)) {
    if (input.default !== "" && !input.default.includes("${{")) merged[input.name] = input.default;
  }
  return { ...merged, ...values, gate };
}

// src/cli/help.ts
var WIDTH = 100;
var NAME_COLUMN = 30;
function plain(text) {
  return text.replace(/`/g, "").replace(/\s+/g, " ").trim();
}
function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
function option(label, description) {
  const lines = wrap(description, WIDTH - NAME_COLUMN);
  const first = `  ${label}`.padEnd(NAME_COLUMN);
  const head = first.length > NAME_COLUMN ? `${first}
${" ".repeat(NAME_COLUMN)}` : first;
  return head + lines.join(`
${" ".repeat(NAME_COLUMN)}`);
}
function inputOption(input, gate) {
  const label = input.boolean ? `--${input.name}` : `--${input.name} <value>`;
  let description = plain(describeFor(input, gate));
  if (input.default !== "" && !input.default.includes("${{")) description += ` (default: ${input.default})`;
  if (input.name === "github-token") description += " (default: $GITHUB_TOKEN)";
  if (ACTION_ONLY_INPUTS.has(input.name)) description += " (action only: the CLI never comments)";
  return option(label, description);
}
var TRAILER = [
  "Output options:",
  option(
    "--json",
    "Print the JSON report (the same as the action writes) instead of the human-readable report."
  ),
  option("-h, --help", "Show this help."),
  option("-V, --version", "Show the version."),
  "",
  "Exit codes: 0 passed, 1 the gate failed or could not run, 2 usage error.",
  "Colour is used on a terminal; NO_COLOR=1 turns it off, FORCE_COLOR=1 forces it."
];
function renderHelp(allInputs, gate) {
  const lines = [];
  if (!gate) {
    lines.push(
      "usage: deploy-gates <gate> [--<input> <value>]... [--json]",
      "",
      `Runs one deploy gate locally, exactly as the GitHub Action does. Gates: ${GATE_NAMES.join(", ")}.`,
      "Options are the action's inputs; `deploy-gates <gate> --help` lists a gate's own.",
      "",
      "example:",
      "  deploy-gates env --schema .env.example --env-files .env.staging,.env.production",
      "",
      "Common options:"
    );
    for (const input of allInputs.filter((input2) => input2.common && input2.name !== "gate"))
      lines.push(inputOption(input, void 0));
  } else {
    const inputs = inputsForGate(allInputs, gate).filter((input) => input.name !== "gate");
    lines.push(
      `usage: deploy-gates ${gate} [--<input> <value>]... [--json]`,
      "",
      `Options of the ${gate} gate:`
    );
    for (const input of inputs.filter((input2) => !input2.common)) lines.push(inputOption(input, gate));
    lines.push("", "Common options:");
    for (const input of inputs.filter((input2) => input2.common)) lines.push(inputOption(input, gate));
  }
  lines.push("", ...TRAILER);
  return lines.join("\n") + "\n";
}

// src/cli/run.ts
var defaultStreams = () => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd()
});
async function runCli(argv, inputs, streams = defaultStreams()) {
  const { stdout, stderr, env } = streams;
  const debug = env.RUNNER_DEBUG === "1" || Boolean(env.DEPLOY_GATES_DEBUG);
  const gateForHint = GATE_NAMES.find((name) => name === argv[0]) ?? "";
  try {
    const command = parseCliArgs(argv, inputs);
    if (command.kind === "help") {
      stdout.write(renderHelp(inputs, command.gate));
      return 0;
    }
    if (command.kind === "version") {
      stdout.write(`deploy-gates ${TOOL_VERSION}
`);
      return 0;
    }
    const source = mapInputSource(withDefaults(command.values, command.gate, inputs));
    const common = parseCommonInputs(source, streams.cwd);
    const io = createRuntimeIO(common.workingDirectory, common.githubToken || env.GITHUB_TOKEN || "", {
      info: (message) => stderr.write(`${message}
`),
      warning: (message) => stderr.write(`warning: ${message}
`),
      debug: (message) => debug ? stderr.write(`debug: ${message}
`) : void 0
    });
    const gate = await loadGate(common.gate);
    const config = await gate.parseInputs(source, common, io);
    const result = await gate.run(config, io);
    const redact = createRedactor(result.secrets);
    const safe = redactResult(result, redact);
    const counts = countFindings(safe.findings);
    const status = computeStatus(counts, common.failOn);
    await writeReportFiles(safe, common, redact, {
      locate: (file) => repositoryPath(file, common.workingDirectory, env.GITHUB_WORKSPACE)
    });
    if (command.json)
      stdout.write(redact(JSON.stringify(redact.deep(buildJsonReport(safe, common.failOn)), null, 2)) + "\n");
    else {
      const color = shouldUseColor(stdout, env);
      stdout.write(
        redact(formatConsoleReport({ result: safe, status, counts, failOn: common.failOn }, color))
      );
    }
    return status === "failed" ? 1 : 0;
  } catch (error) {
    const usage = error instanceof UsageError || error instanceof InputError;
    stderr.write(`deploy-gates: ${failureMessage(error)}
`);
    if (usage)
      stderr.write(`run 'deploy-gates ${gateForHint ? `${gateForHint} ` : ""}--help' for the options
`);
    const stack = failureStack(error);
    if (stack && debug) stderr.write(`${stack}
`);
    return usage ? 2 : 1;
  }
}

// src/cli.ts
process.exitCode = await runCli(process.argv.slice(2), ACTION_INPUTS);
