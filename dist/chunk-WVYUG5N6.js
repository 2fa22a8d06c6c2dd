import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  getOctokit
} from "./chunk-5FWNB2WK.js";
import {
  InputError,
  UserError,
  getBoolean,
  getChoice,
  getInteger,
  getString,
  getUrl
} from "./chunk-D65UKCWC.js";

// src/github/deployments.ts
var API_TIMEOUT_MS = 3e4;
var PER_PAGE = 100;
function requireToken(source, common, io, why) {
  const token = common.githubToken || io.github.token;
  if (!token) {
    throw new InputError(
      `${source.describe("github-token")} is required ${why} (the job's token with \`deployments: write\` or \`deployments: read\` permission)`
    );
  }
  if (!/^[^/\s]+\/[^/\s]+$/.test(io.github.repository)) {
    throw new InputError("GITHUB_REPOSITORY must name the repository as owner/name");
  }
  return token;
}
function deploymentsClient(io, token) {
  const [owner, repo] = io.github.repository.split("/");
  const octokit = getOctokit(token, { baseUrl: io.github.apiUrl });
  octokit.hook.wrap(
    "request",
    (request, options) => request({ ...options, request: { ...options.request, signal: AbortSignal.timeout(API_TIMEOUT_MS) } })
  );
  const call = async (what, fn) => {
    try {
      return (await fn()).data;
    } catch (error) {
      throw new UserError(`GitHub API: ${what} failed: ${describeApiError(error)}`);
    }
  };
  return {
    repository: io.github.repository,
    async create({ ref, environment, payload, description, productionEnvironment }) {
      const data = await call(
        `creating a deployment of ${ref} to ${environment}`,
        () => octokit.rest.repos.createDeployment({
          owner,
          repo,
          ref,
          environment,
          payload,
          description,
          auto_merge: false,
          required_contexts: [],
          production_environment: productionEnvironment,
          transient_environment: false
        })
      );
      if (typeof data.id !== "number")
        throw new UserError(`GitHub API: no deployment was created: ${data.message ?? "unknown reason"}`);
      return data;
    },
    createStatus(deploymentId, { state, environmentUrl, logUrl, description, environment }) {
      return call(
        `setting deployment ${deploymentId} to ${state}`,
        () => octokit.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: deploymentId,
          state,
          environment,
          ...environmentUrl ? { environment_url: environmentUrl } : {},
          ...logUrl ? { log_url: logUrl } : {},
          ...description ? { description: description.slice(0, 140) } : {}
        })
      );
    },
    getDeployment(deploymentId) {
      return call(
        `reading deployment ${deploymentId}`,
        () => octokit.rest.repos.getDeployment({ owner, repo, deployment_id: deploymentId })
      );
    },
    async *listDeployments(environment, maxPages) {
      const pages = octokit.paginate.iterator(octokit.rest.repos.listDeployments, {
        owner,
        repo,
        environment,
        per_page: PER_PAGE
      });
      let count = 0;
      const iterator = pages[Symbol.asyncIterator]();
      while (count < maxPages) {
        const page = await call(
          `listing deployments of ${environment}`,
          async () => ({
            data: await iterator.next()
          })
        );
        if (page.done) return;
        count++;
        yield page.value.data;
      }
    },
    listStatuses(deploymentId) {
      return call(
        `listing the statuses of deployment ${deploymentId}`,
        () => octokit.rest.repos.listDeploymentStatuses({
          owner,
          repo,
          deployment_id: deploymentId,
          per_page: PER_PAGE
        })
      );
    },
    async commitTime(sha) {
      const data = await call(
        `reading commit ${sha.slice(0, 12)}`,
        () => octokit.rest.repos.getCommit({ owner, repo, ref: sha, per_page: 1 })
      );
      return data.commit?.committer?.date ?? data.commit?.author?.date;
    }
  };
}
function describeApiError(error) {
  const status = error.status;
  const message = error.response?.data?.message ?? error?.message;
  if (error?.name === "TimeoutError" || /aborted|timeout/i.test(String(message))) {
    return `no answer within ${API_TIMEOUT_MS / 1e3}s`;
  }
  switch (status) {
    case 401:
      return `401 ${message ?? "Bad credentials"}: the token is invalid or expired`;
    case 403:
      return `403 ${message ?? "Forbidden"}: give the job \`permissions: deployments: write\` (or read, for rollback and metrics)`;
    case 404:
      return `404 ${message ?? "Not Found"}: the repository or deployment does not exist, or the token cannot see it`;
    case 409:
      return `409 ${message ?? "Conflict"}`;
    case 422:
      return `422 ${message ?? "Validation Failed"}: check the ref and environment`;
    default:
      return status ? `${status} ${message ?? ""}`.trim() : String(message);
  }
}

// src/gates/deployment/index.ts
var TITLE = "Deployment record";
var STATES = [
  "in_progress",
  "success",
  "failure",
  "error",
  "inactive",
  "queued",
  "pending"
];
var deploymentGate = {
  name: "deployment",
  title: TITLE,
  parseInputs: (source, common, io) => parseDeploymentInputs(source, requireToken(source, common, io, "to record deployments"), io),
  run: runDeployment
};
function getEnvironment(source) {
  return getString(source, "environment", "production");
}
function parseDeploymentInputs(source, token, io) {
  const environment = getEnvironment(source);
  const deploymentId = source.get("deployment-id") === void 0 ? void 0 : getInteger(source, "deployment-id", 0, { min: 1 });
  const rollbackOf = source.get("rollback-of") === void 0 ? void 0 : getInteger(source, "rollback-of", 0, { min: 1 });
  if (deploymentId !== void 0 && rollbackOf !== void 0) {
    throw new InputError(
      `${source.describe("rollback-of")} applies when creating a deployment, not with ${source.describe("deployment-id")}`
    );
  }
  const ref = getString(source, "ref", io.github.sha);
  if (!ref && deploymentId === void 0) {
    throw new InputError(
      `${source.describe("ref")} is required: the git ref or SHA being deployed (GITHUB_SHA is not set)`
    );
  }
  const runUrl = io.github.repository && io.github.runId ? `${io.github.serverUrl}/${io.github.repository}/actions/runs/${io.github.runId}` : void 0;
  return {
    token,
    environment,
    ref,
    payload: parsePayload(source),
    ...deploymentId !== void 0 ? { deploymentId } : {},
    state: getChoice(source, "state", STATES, "in_progress"),
    environmentUrl: getUrl(source, "environment-url")?.href,
    logUrl: getUrl(source, "log-url")?.href ?? runUrl,
    productionEnvironment: getBoolean(source, "production-environment", /prod/i.test(environment)),
    ...rollbackOf !== void 0 ? { rollbackOf } : {}
  };
}
function parsePayload(source) {
  const text = source.get("payload");
  if (text === void 0) return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${source.describe("payload")} is not valid JSON: ${error.message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InputError(
      `${source.describe("payload")} must be a JSON object, e.g. {"artifact":"registry/app@sha256:\u2026"}`
    );
  }
  return value;
}
async function runDeployment(config, io) {
  const client = deploymentsClient(io, config.token);
  let deployment;
  if (config.deploymentId === void 0) {
    const payload = config.rollbackOf === void 0 ? config.payload : { ...config.payload, rollback_of: config.rollbackOf };
    deployment = await client.create({
      ref: config.ref,
      environment: config.environment,
      payload,
      description: config.rollbackOf === void 0 ? `deploy-gates: ${config.ref}` : `deploy-gates: rollback of deployment ${config.rollbackOf}`,
      productionEnvironment: config.productionEnvironment
    });
    io.log.info(
      `created deployment ${deployment.id} of ${deployment.ref} (${deployment.sha.slice(0, 12)}) to ${deployment.environment}`
    );
  } else {
    deployment = await client.getDeployment(config.deploymentId);
  }
  const status = await client.createStatus(deployment.id, {
    state: config.state,
    environment: deployment.environment,
    environmentUrl: config.environmentUrl,
    logUrl: config.logUrl,
    description: `deploy-gates: ${config.state.replace("_", " ")}`
  });
  io.log.info(`deployment ${deployment.id} is now ${status.state}`);
  const rows = [
    ["Deployment", String(deployment.id)],
    ["Environment", deployment.environment],
    ["Ref", `\`${deployment.ref}\` (\`${deployment.sha.slice(0, 12)}\`)`],
    ["State", status.state],
    ...config.rollbackOf !== void 0 ? [["Rolls back", `deployment ${config.rollbackOf}`]] : [],
    ...config.environmentUrl ? [["Environment URL", config.environmentUrl]] : [],
    ...config.logUrl ? [["Log", config.logUrl]] : []
  ];
  return {
    gate: "deployment",
    title: TITLE,
    findings: [],
    outputs: { "deployment-id": String(deployment.id) },
    sections: [
      {
        heading: "Deployment",
        markdown: ["| | |", "| --- | --- |", ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n")
      }
    ],
    scope: `deployment ${deployment.id} of ${deployment.ref} to ${deployment.environment}: ${status.state}`,
    secrets: [],
    data: { deployment, status }
  };
}

export {
  requireToken,
  deploymentsClient,
  deploymentGate,
  getEnvironment
};
