import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  deploymentsClient,
  getEnvironment,
  requireToken
} from "./chunk-WVYUG5N6.js";
import "./chunk-5FWNB2WK.js";
import {
  getDuration
} from "./chunk-D65UKCWC.js";
import "./chunk-SGRFLWPV.js";
import "./chunk-UM4MEZME.js";

// src/gates/metrics/dora.ts
var HOUR = 36e5;
var DAY = 24 * HOUR;
var WEEK = 7 * DAY;
var BUCKETS = {
  deploymentFrequency: "elite: daily or more; high: weekly or more; medium: monthly or more; low: less than monthly",
  leadTime: "elite: under a day; high: under a week; medium: under six months; low: six months or more",
  changeFailureRate: "elite: 15% or less; high: 30% or less; medium: 45% or less; low: above 45%",
  timeToRestore: "elite: under an hour; high: under a day; medium: under a week; low: a week or more"
};
function frequencyLevel(perDay) {
  return perDay >= 1 ? "elite" : perDay >= 1 / 7 ? "high" : perDay >= 1 / 30 ? "medium" : "low";
}
function leadTimeLevel(hours2) {
  return hours2 < 24 ? "elite" : hours2 < 168 ? "high" : hours2 < 4380 ? "medium" : "low";
}
function failureRateLevel(rate) {
  return rate <= 0.15 ? "elite" : rate <= 0.3 ? "high" : rate <= 0.45 ? "medium" : "low";
}
function restoreLevel(hours2) {
  return hours2 < 1 ? "elite" : hours2 < 24 ? "high" : hours2 < 168 ? "medium" : "low";
}
function median(values) {
  if (values.length === 0) return void 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function rollbackOf(deployment) {
  const value = deployment.payload?.rollback_of;
  const id = typeof value === "string" ? Number(value) : value;
  return typeof id === "number" && Number.isInteger(id) ? id : void 0;
}
var firstTime = (statuses, states) => Math.min(...statuses.filter((s) => states.includes(s.state)).map((s) => Date.parse(s.created_at)));
function computeDora(histories, since, until) {
  const created = (h) => Date.parse(h.deployment.created_at);
  const inWindow = histories.filter((h) => created(h) >= since && created(h) <= until).sort((a, b) => created(a) - created(b));
  const rollbacks = inWindow.filter((h) => rollbackOf(h.deployment) !== void 0);
  const rolledBackAt = /* @__PURE__ */ new Map();
  for (const h of rollbacks) {
    const id = rollbackOf(h.deployment);
    rolledBackAt.set(id, Math.min(rolledBackAt.get(id) ?? Infinity, created(h)));
  }
  const successAt = (h) => firstTime(h.statuses, ["success"]);
  const changes = inWindow.filter((h) => rollbackOf(h.deployment) === void 0).map((h) => {
    const failedAt = Math.min(
      firstTime(h.statuses, ["failure", "error"]),
      rolledBackAt.get(h.deployment.id) ?? Infinity
    );
    return { history: h, succeededAt: successAt(h), failedAt };
  });
  const finished = changes.filter((c) => Number.isFinite(c.succeededAt) || Number.isFinite(c.failedAt));
  const successful = changes.filter((c) => Number.isFinite(c.succeededAt));
  const failed = finished.filter((c) => Number.isFinite(c.failedAt));
  const leadTimes = successful.filter((c) => c.history.commitTime !== void 0).map((c) => Math.max(0, c.succeededAt - c.history.commitTime) / HOUR);
  const restoreTimes = [];
  let unrestored = 0;
  for (const change of failed) {
    const restoredAt = Math.min(
      ...inWindow.filter((h) => h !== change.history && created(h) >= created(change.history)).map(successAt).filter((t) => t >= change.failedAt)
    );
    if (Number.isFinite(restoredAt)) restoreTimes.push((restoredAt - change.failedAt) / HOUR);
    else unrestored++;
  }
  const windowDays = (until - since) / DAY;
  const deploymentsPerDay = successful.length / windowDays;
  const leadTimeHours = median(leadTimes);
  const changeFailureRate = finished.length > 0 ? failed.length / finished.length : void 0;
  const timeToRestoreHours = median(restoreTimes);
  const weekCount = Math.min(53, Math.max(1, Math.ceil((until - since) / WEEK)));
  const weeks = Array.from({ length: weekCount }, (_, i) => ({
    start: until - (weekCount - i) * WEEK,
    successful: 0,
    failed: 0
  }));
  const weekOf = (time) => weeks[Math.min(weekCount - 1, Math.floor((time - (until - weekCount * WEEK)) / WEEK))];
  for (const change of successful) {
    const week = weekOf(created(change.history));
    if (week) week.successful++;
  }
  for (const change of failed) {
    const week = weekOf(created(change.history));
    if (week) week.failed++;
  }
  return {
    windowDays,
    changes: changes.length,
    successfulChanges: successful.length,
    finishedChanges: finished.length,
    failedChanges: failed.length,
    rollbacks: rollbacks.length,
    deploymentsPerDay,
    ...leadTimeHours !== void 0 ? { leadTimeHours } : {},
    ...changeFailureRate !== void 0 ? { changeFailureRate } : {},
    ...timeToRestoreHours !== void 0 ? { timeToRestoreHours } : {},
    unrestored,
    levels: {
      deploymentFrequency: frequencyLevel(deploymentsPerDay),
      ...leadTimeHours !== void 0 ? { leadTime: leadTimeLevel(leadTimeHours) } : {},
      ...changeFailureRate !== void 0 ? { changeFailureRate: failureRateLevel(changeFailureRate) } : {},
      ...timeToRestoreHours !== void 0 ? { timeToRestore: restoreLevel(timeToRestoreHours) } : {}
    },
    weeks
  };
}

// src/gates/metrics/index.ts
var TITLE = "Delivery metrics (DORA)";
var LIMITS = { pages: 10, statusCalls: 300, commitCalls: 100, concurrency: 8 };
var metricsGate = {
  name: "metrics",
  title: TITLE,
  parseInputs: (source, common, io) => ({
    token: requireToken(source, common, io, "to read deployments"),
    environment: getEnvironment(source),
    windowMs: getDuration(source, "window", "90d")
  }),
  run: runMetrics
};
async function mapLimit(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
async function runMetrics(config, io) {
  const client = deploymentsClient(io, config.token);
  const until = io.now();
  const since = until - config.windowMs;
  const deployments = [];
  let truncated = false;
  for await (const page of client.listDeployments(config.environment, LIMITS.pages)) {
    deployments.push(...page.filter((d) => Date.parse(d.created_at) >= since));
    if (page.some((d) => Date.parse(d.created_at) < since)) break;
  }
  if (deployments.length > LIMITS.statusCalls) {
    truncated = true;
    deployments.length = LIMITS.statusCalls;
  }
  const statuses = await mapLimit(deployments, LIMITS.concurrency, (d) => client.listStatuses(d.id));
  const shas = [
    ...new Set(
      deployments.filter((d, i) => rollbackOf(d) === void 0 && statuses[i].some((s) => s.state === "success")).map((d) => d.sha)
    )
  ].slice(0, LIMITS.commitCalls);
  const commitTimes = /* @__PURE__ */ new Map();
  await mapLimit(shas, LIMITS.concurrency, async (sha) => {
    const time = await client.commitTime(sha);
    if (time) commitTimes.set(sha, Date.parse(time));
  });
  const histories = deployments.map((deployment, i) => ({
    deployment,
    statuses: statuses[i],
    ...commitTimes.has(deployment.sha) ? { commitTime: commitTimes.get(deployment.sha) } : {}
  }));
  const metrics = computeDora(histories, since, until);
  const days = Math.round(metrics.windowDays);
  const findings = [];
  if (deployments.length === 0) {
    findings.push({
      rule: "no-deployments",
      severity: "notice",
      message: `no deployments of ${config.environment} were recorded in the last ${days} days`,
      help: "Record deployments with `gate: deployment` in the deploy workflow."
    });
  }
  if (truncated) {
    findings.push({
      rule: "history-truncated",
      severity: "notice",
      message: `only the newest ${LIMITS.statusCalls} deployments in the window were analysed`
    });
  }
  return {
    gate: "metrics",
    title: TITLE,
    findings,
    outputs: {
      "deployment-frequency": String(round(metrics.deploymentsPerDay, 3)),
      "lead-time-hours": metrics.leadTimeHours === void 0 ? "" : String(round(metrics.leadTimeHours, 2)),
      "change-failure-rate": metrics.changeFailureRate === void 0 ? "" : String(round(metrics.changeFailureRate, 4)),
      "time-to-restore-hours": metrics.timeToRestoreHours === void 0 ? "" : String(round(metrics.timeToRestoreHours, 2))
    },
    sections: [
      { heading: `Four keys: ${config.environment}, last ${days} days`, markdown: keysTable(metrics) },
      { heading: "Deployments per week", markdown: weeklyChart(metrics) }
    ],
    scope: `${config.environment}: ${deployments.length} deployments in ${days} days (${metrics.changes} changes, ${metrics.rollbacks} rollbacks)`,
    secrets: [],
    data: { metrics }
  };
}
var LEVEL_LABEL = {
  elite: "\u{1F7E2} elite",
  high: "\u{1F535} high",
  medium: "\u{1F7E1} medium",
  low: "\u{1F534} low"
};
var round = (n, digits) => Math.round(n * 10 ** digits) / 10 ** digits;
function hours(value) {
  if (value === void 0) return "n/a";
  if (value < 1) return `${Math.round(value * 60)} min`;
  if (value < 48) return `${round(value, 1)} h`;
  return `${round(value / 24, 1)} days`;
}
function keysTable(m) {
  const rows = [
    [
      "Deployment frequency",
      `${round(m.deploymentsPerDay * 7, 2)} per week (${m.successfulChanges} successful)`,
      LEVEL_LABEL[m.levels.deploymentFrequency],
      BUCKETS.deploymentFrequency
    ],
    [
      "Lead time for changes (median)",
      hours(m.leadTimeHours),
      m.levels.leadTime ? LEVEL_LABEL[m.levels.leadTime] : "n/a",
      BUCKETS.leadTime
    ],
    [
      "Change failure rate",
      m.changeFailureRate === void 0 ? "n/a" : `${round(m.changeFailureRate * 100, 1)}% (${m.failedChanges} of ${m.finishedChanges})`,
      m.levels.changeFailureRate ? LEVEL_LABEL[m.levels.changeFailureRate] : "n/a",
      BUCKETS.changeFailureRate
    ],
    [
      "Time to restore (median)",
      `${hours(m.timeToRestoreHours)}${m.unrestored ? ` (${m.unrestored} not restored yet)` : ""}`,
      m.levels.timeToRestore ? LEVEL_LABEL[m.levels.timeToRestore] : "n/a",
      BUCKETS.timeToRestore
    ]
  ];
  return [
    "| Key | Value | Level | Buckets |",
    "| --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.join(" | ")} |`)
  ].join("\n");
}
function weeklyChart(m) {
  const labels = m.weeks.map((w) => `"${new Date(w.start).toISOString().slice(5, 10)}"`);
  const top = Math.max(1, ...m.weeks.map((w) => w.successful));
  return [
    "```mermaid",
    "xychart-beta",
    '  title "Successful (bars) and failed (line) changes per week"',
    `  x-axis "week starting" [${labels.join(", ")}]`,
    `  y-axis "deployments" 0 --> ${top + 1}`,
    `  bar [${m.weeks.map((w) => w.successful).join(", ")}]`,
    `  line [${m.weeks.map((w) => w.failed).join(", ")}]`,
    "```"
  ].join("\n");
}
export {
  LIMITS,
  metricsGate
};
