import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  deploymentsClient,
  getEnvironment,
  requireToken
} from "./chunk-WVYUG5N6.js";
import "./chunk-5FWNB2WK.js";
import {
  readTextFile
} from "./chunk-DC3D336X.js";
import {
  httpRequest
} from "./chunk-PESTV343.js";
import {
  FileError,
  InputError,
  getDuration,
  getString,
  parseHttpUrl,
  redactUrl
} from "./chunk-D65UKCWC.js";
import "./chunk-SGRFLWPV.js";
import "./chunk-UM4MEZME.js";

// src/gates/rollback/index.ts
var TITLE = "Rollback target";
var MAX_CANDIDATES = 100;
var MAX_PAGES = 10;
var rollbackGate = {
  name: "rollback",
  title: TITLE,
  parseInputs(source, common, io) {
    const token = requireToken(source, common, io, "to read deployments");
    const artifactCheck = source.get("artifact-check");
    if (artifactCheck)
      parseHttpUrl(artifactCheck.replace(/\{[^}]*\}/g, "x"), source.describe("artifact-check"));
    const ref = source.get("ref");
    return {
      token,
      environment: getEnvironment(source),
      ...ref ? { ref } : {},
      ...artifactCheck ? { artifactCheck } : {},
      ...source.get("migrations-report") ? { migrationsReport: getString(source, "migrations-report") } : {},
      requestTimeoutMs: getDuration(source, "request-timeout", "10s")
    };
  },
  run: runRollback
};
function isGood(statuses) {
  const latest = statuses[0]?.state;
  return latest === "success" || latest === "inactive" && statuses.some((s) => s.state === "success");
}
async function findTarget(client, config) {
  const considered = [];
  let current;
  let inspected = 0;
  for await (const page of client.listDeployments(config.environment, MAX_PAGES)) {
    for (const deployment of page) {
      if (!current) {
        current = deployment;
        considered.push({ deployment, verdict: "current deployment" });
        continue;
      }
      if (config.ref !== void 0) {
        const matches = deployment.ref === config.ref || config.ref.length >= 7 && deployment.sha.startsWith(config.ref);
        if (!matches) continue;
      } else if (deployment.sha === current.sha) {
        considered.push({ deployment, verdict: "same commit as the current deployment" });
        continue;
      }
      if (inspected++ >= MAX_CANDIDATES)
        return { current, considered, target: void 0, inspected, truncated: true };
      const statuses = await client.listStatuses(deployment.id);
      const good = isGood(statuses);
      const candidate = {
        deployment,
        latest: statuses[0],
        verdict: good ? "rollback target" : "not successful"
      };
      considered.push(candidate);
      if (good) return { current, considered, target: candidate, inspected, truncated: false };
    }
  }
  return { current, considered, target: void 0, inspected, truncated: false };
}
async function runRollback(config, io) {
  const client = deploymentsClient(io, config.token);
  const { current, considered, target, inspected, truncated } = await findTarget(client, config);
  const findings = [];
  const outputs = {};
  if (!target) {
    const searched = truncated ? `the ${MAX_CANDIDATES} deployments before the current one` : `${inspected} earlier deployment(s)`;
    findings.push({
      rule: "nothing-to-roll-back-to",
      severity: "error",
      message: config.ref ? `no successful deployment of '${config.ref}' to ${config.environment} was found (searched ${searched})` : current ? `no earlier successful deployment of ${config.environment} to roll back to (searched ${searched})` : `no deployment of ${config.environment} was ever recorded, so there is nothing to roll back to`,
      help: "Record deployments with `gate: deployment` (state success after a healthy release) so rollbacks have a target."
    });
  } else {
    const { deployment } = target;
    Object.assign(outputs, {
      ref: deployment.ref,
      sha: deployment.sha,
      payload: JSON.stringify(deployment.payload ?? {}),
      "deployment-id": String(deployment.id)
    });
    io.log.info(
      `rollback target: deployment ${deployment.id} of ${deployment.ref} (${deployment.sha.slice(0, 12)})`
    );
    if (config.artifactCheck) findings.push(...await checkArtifact(config, deployment, io));
  }
  if (config.migrationsReport) findings.push(...await checkMigrations(config.migrationsReport, io));
  return {
    gate: "rollback",
    title: TITLE,
    findings,
    outputs,
    sections: [{ heading: "Deployments considered", markdown: candidateTable(considered) }],
    scope: `${config.environment}: ${considered.length} deployment(s) considered`,
    secrets: [],
    data: { target: target?.deployment, current }
  };
}
function candidateTable(considered) {
  if (considered.length === 0) return "No deployments recorded.";
  return [
    "| Deployment | Ref | Commit | Created | Latest status | Verdict |",
    "| ---: | --- | --- | --- | --- | --- |",
    ...considered.map(
      ({ deployment: d, latest, verdict }) => `| ${d.id} | \`${d.ref}\` | \`${d.sha.slice(0, 12)}\` | ${d.created_at} | ${latest?.state ?? ""} | ${verdict} |`
    )
  ].join("\n");
}
function expandTemplate(template, deployment) {
  return template.replace(/\{([^}]*)\}/g, (_match, name) => {
    let value;
    if (name === "sha") value = deployment.sha;
    else if (name === "ref") value = deployment.ref;
    else if (name.startsWith("payload.")) {
      value = name.slice("payload.".length).split(".").reduce(
        (node, key) => node !== null && typeof node === "object" ? node[key] : void 0,
        deployment.payload
      );
    } else {
      throw new InputError(
        `input 'artifact-check': unknown placeholder {${name}}; use {sha}, {ref} or {payload.<key>}`
      );
    }
    if (typeof value !== "string" && typeof value !== "number") {
      throw new InputError(`input 'artifact-check': {${name}} is not set on deployment ${deployment.id}`);
    }
    return encodeURI(String(value)).replace(/[?#]/g, (c) => encodeURIComponent(c));
  });
}
async function checkArtifact(config, deployment, io) {
  const url = expandTemplate(config.artifactCheck, deployment);
  const shown = redactUrl(url);
  const response = await httpRequest(io, url, { timeoutMs: config.requestTimeoutMs });
  if (response.ok && response.status >= 200 && response.status < 300) {
    io.log.info(`artifact check: ${shown} answered ${response.status}`);
    return [];
  }
  const answer = response.ok ? `answered ${response.status}` : `gave no answer: ${response.message}`;
  return [
    {
      rule: "artifact-missing",
      severity: "error",
      message: `the artifact of deployment ${deployment.id} (${deployment.ref}) may be gone: ${shown} ${answer}, expected 2xx`,
      help: "Redeploying a deleted artifact fails mid-rollback; pick another target with `ref`, or restore the artifact."
    }
  ];
}
async function checkMigrations(file, io) {
  const { text, display } = await readTextFile(io.cwd, file);
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new FileError(`not a JSON report: ${error.message}`, display);
  }
  const report = parsed?.result ?? parsed;
  const safe = report?.outputs?.["rollback-safe"];
  if (safe === void 0) {
    throw new FileError(`has no outputs['rollback-safe']: is it the report of the migrations gate?`, display);
  }
  if (safe !== "false") return [];
  const causes = (report.findings ?? []).filter((f) => f.severity === "error" || f.severity === "warning").slice(0, 5).map((f) => `${f.rule}${f.file ? ` (${f.file}${f.line ? `:${f.line}` : ""})` : ""}`);
  return [
    {
      rule: "migrations-not-rollback-safe",
      severity: "warning",
      message: `the migrations applied with this release are not rollback-safe${causes.length ? `: ${causes.join(", ")}` : ""}; the previous version may not run against the migrated schema`,
      file: display,
      help: "Check the schema the rollback target expects, or roll forward with a fix instead."
    }
  ];
}
export {
  MAX_CANDIDATES,
  expandTemplate,
  rollbackGate
};
