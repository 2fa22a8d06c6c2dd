import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  UserError,
  errorMessage
} from "./chunk-D65UKCWC.js";

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties2) {
  if (!Object.keys(annotationProperties2).length) {
    return {};
  }
  return {
    title: annotationProperties2.title,
    file: annotationProperties2.file,
    line: annotationProperties2.startLine,
    endLine: annotationProperties2.endLine,
    col: annotationProperties2.startColumn,
    endColumn: annotationProperties2.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve3) {
      resolve3(value);
    });
  }
  return new (P || (P = Promise))(function(resolve3, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve3(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}

// src/gates/registry.ts
var loaders = {
  env: async () => (await import("./env-V2H6YCOD.js")).envGate,
  migrations: async () => (await import("./migrations-VIO3ZR7H.js")).migrationsGate,
  contract: async () => (await import("./contract-SU5MRN6X.js")).contractGate,
  health: async () => (await import("./health-6LC2RZUP.js")).healthGate,
  deployment: async () => (await import("./deployment-JEHG22TD.js")).deploymentGate,
  rollback: async () => (await import("./rollback-GLZYT66B.js")).rollbackGate,
  metrics: async () => (await import("./metrics-47LCPTB4.js")).metricsGate
};
async function loadGate(name) {
  return loaders[name]();
}

// src/report/status.ts
function countFindings(findings) {
  const counts = { errors: 0, warnings: 0, notices: 0 };
  for (const finding of findings) {
    if (finding.severity === "error") counts.errors++;
    else if (finding.severity === "warning") counts.warnings++;
    else counts.notices++;
  }
  return counts;
}
function failsStep(severity, failOn) {
  if (failOn === "never" || severity === "notice") return false;
  return severity === "error" || failOn === "warning";
}
function computeStatus(counts, failOn) {
  const failing = (failsStep("error", failOn) ? counts.errors : 0) + (failsStep("warning", failOn) ? counts.warnings : 0);
  return failing > 0 ? "failed" : "passed";
}
var SEVERITY_RANK = { error: 0, warning: 1, notice: 2 };

// src/report/order.ts
function compareFindings(a, b) {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || compareLocation(a, b) || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message);
}
function compareLocation(a, b) {
  if (a.file !== b.file) {
    if (a.file === void 0) return -1;
    if (b.file === void 0) return 1;
    return a.file < b.file ? -1 : 1;
  }
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
function groupByFile(findings) {
  const groups = /* @__PURE__ */ new Map();
  for (const finding of [...findings].sort(
    (a, b) => compareLocation(a, b) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
  )) {
    const list = groups.get(finding.file);
    if (list) list.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return [...groups].map(([file, list]) => ({ file, findings: list }));
}
function formatPosition(finding) {
  if (finding.line === void 0) return "";
  return finding.column === void 0 ? `${finding.line}` : `${finding.line}:${finding.column}`;
}

// src/report/markdown.ts
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\|/g, "&#124;");
}
function escapeMarkdown(text) {
  return escapeHtml(text).replace(/[\\`*_[\]~]/g, "\\$&").replace(/@(?=[\w-])/g, "@&#8203;").replace(/\r?\n/g, "<br>");
}
function inlineCode(text) {
  return `<code>${escapeHtml(text).replace(/\r?\n/g, " ")}</code>`;
}
var SUMMARY_BUDGET = {
  maxSize: 1e6,
  measure: (text) => Buffer.byteLength(text, "utf8"),
  fold: false
};
var COMMENT_MAX_CHARS = 65536;
function commentBudget(marker) {
  return { maxSize: COMMENT_MAX_CHARS - 1e3, measure: (text) => text.length, fold: true, marker };
}
var FOLD_AFTER = 10;
var FOLD_SECTION_CHARS = 1500;
var RESERVE = 600;
var ICON = { error: "\u274C", warning: "\u26A0\uFE0F", notice: "\u2139\uFE0F" };
function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
function countsLine(counts) {
  const parts = [plural(counts.errors, "error"), plural(counts.warnings, "warning")];
  if (counts.notices) parts.push(plural(counts.notices, "notice"));
  return parts.join(", ");
}
var SizedText = class {
  constructor(budget) {
    this.budget = budget;
  }
  budget;
  parts = [];
  size = 0;
  fits(text, reserve = RESERVE) {
    return this.size + this.budget.measure(text) + reserve <= this.budget.maxSize;
  }
  add(text) {
    this.parts.push(text);
    this.size += this.budget.measure(text);
  }
  toString() {
    return this.parts.join("");
  }
};
function tableRow(finding) {
  const cells = [
    `${ICON[finding.severity]} ${finding.severity}`,
    formatPosition(finding) || "\u2014",
    inlineCode(finding.rule),
    escapeMarkdown(finding.message)
  ];
  return `| ${cells.join(" | ")} |
`;
}
var TABLE_HEAD = "| Severity | Line | Rule | Finding |\n| --- | ---: | --- | --- |\n";
function groupSummary(file, findings) {
  const counts = { errors: 0, warnings: 0, notices: 0 };
  for (const finding of findings) {
    if (finding.severity === "error") counts.errors++;
    else if (finding.severity === "warning") counts.warnings++;
    else counts.notices++;
  }
  return `${file === void 0 ? "Not tied to a file" : inlineCode(file)} \u2014 ${countsLine(counts)}`;
}
function helpEntries(findings) {
  const seen = /* @__PURE__ */ new Set();
  const entries = [];
  for (const finding of findings) {
    if (!finding.help) continue;
    const key = `${finding.rule}\0${finding.help}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ rule: finding.rule, help: finding.help });
  }
  return entries;
}
function renderMarkdown(view, budget) {
  const { result, status, counts } = view;
  const out = new SizedText(budget);
  if (budget.marker) out.add(`${budget.marker}
`);
  out.add(`### ${status === "passed" ? "\u2705" : "\u274C"} ${escapeMarkdown(result.title)}: ${status}

`);
  out.add(`**${countsLine(counts)}** \xB7 fail-on: ${inlineCode(view.failOn)}

`);
  if (result.scope) out.add(`Checked: ${escapeMarkdown(result.scope)}

`);
  const groups = groupByFile(result.findings);
  const sorted = groups.flatMap((group) => group.findings);
  const fold = budget.fold && result.findings.length > FOLD_AFTER;
  let written = 0;
  let truncated = false;
  if (result.findings.length === 0) out.add("No findings.\n\n");
  for (const group of groups) {
    const open = fold ? `<details><summary>${groupSummary(group.file, group.findings)}</summary>

` : `#### ${group.file === void 0 ? "Not tied to a file" : inlineCode(group.file)}

`;
    const close = fold ? "\n</details>\n\n" : "\n";
    if (!out.fits(open + TABLE_HEAD + close)) {
      truncated = true;
      break;
    }
    out.add(open + TABLE_HEAD);
    for (const finding of group.findings) {
      const row = tableRow(finding);
      if (!out.fits(row + close)) {
        truncated = true;
        break;
      }
      out.add(row);
      written++;
    }
    out.add(close);
    if (truncated) break;
  }
  if (truncated) {
    const where = view.reportPath ? ` (${inlineCode(view.reportPath)})` : "";
    out.add(
      `_${sorted.length - written} more findings are not shown here: the JSON report${where} lists all of them._

`
    );
  }
  const help = helpEntries(sorted);
  if (help.length) {
    const lines = help.map((entry) => `- ${inlineCode(entry.rule)}: ${escapeMarkdown(entry.help)}
`);
    const foldHelp = budget.fold && help.length > 5;
    let block = foldHelp ? "<details><summary>How to fix</summary>\n\n" : "#### How to fix\n\n";
    let shown = 0;
    for (const line of lines) {
      if (!out.fits(block + line + "\n</details>\n\n")) break;
      block += line;
      shown++;
    }
    if (shown < lines.length) block += `- \u2026 ${lines.length - shown} more in the JSON report
`;
    block += foldHelp ? "\n</details>\n\n" : "\n";
    if (shown > 0) out.add(block);
  }
  for (const section of result.sections) {
    const heading = escapeMarkdown(section.heading);
    const folded = budget.fold && section.markdown.length > FOLD_SECTION_CHARS;
    const block = folded ? `<details><summary>${heading}</summary>

${section.markdown.trim()}

</details>

` : `#### ${heading}

${section.markdown.trim()}

`;
    if (out.fits(block)) out.add(block);
    else out.add(`_${heading}: too large to show here; see the JSON report._

`);
  }
  const footer = [];
  if (view.reportPath && !budget.fold) footer.push(`JSON report: ${inlineCode(view.reportPath)}`);
  if (view.runUrl && budget.fold) footer.push(`<a href="${escapeHtml(view.runUrl)}">workflow run</a>`);
  footer.push("deploy-gates");
  out.add(`<sub>${footer.join(" \xB7 ")}</sub>
`);
  return out.toString();
}

// src/report/console.ts
function shouldUseColor(stream, env) {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== void 0) return force !== "0" && force.toLowerCase() !== "false";
  return stream.isTTY === true && env.TERM !== "dumb";
}
var SEVERITY_COLOR = { error: "31", warning: "33", notice: "36" };
function location(finding) {
  const position = formatPosition(finding);
  if (finding.file === void 0) return "";
  return position ? `${finding.file}:${position}` : finding.file;
}
function formatFindingLine(finding, paint = (_, text) => text) {
  const where = location(finding);
  const severity = paint(SEVERITY_COLOR[finding.severity], finding.severity.padEnd(7));
  return `${where ? `${where}  ` : ""}${severity} ${paint("2", finding.rule)}  ${finding.message}`;
}
function formatConsoleReport(view, color) {
  const paint = color ? (code, text) => `\x1B[${code}m${text}\x1B[0m` : (_, text) => text;
  const lines = [];
  for (const group of groupByFile(view.result.findings)) {
    lines.push(paint("1;4", group.file ?? "not tied to a file"));
    for (const finding of group.findings) {
      lines.push(`  ${formatFindingLine(finding, paint)}`);
      if (finding.help) lines.push(`    ${paint("2", `\u21B3 ${finding.help}`)}`);
    }
    lines.push("");
  }
  const verdict = view.status === "passed" ? paint("32", `\u2714 ${view.result.title} passed`) : paint("1;31", `\u2716 ${view.result.title} failed`);
  lines.push(`${verdict}: ${countsLine(view.counts)} (fail-on: ${view.failOn})`);
  if (view.result.scope) lines.push(paint("2", `  checked: ${view.result.scope}`));
  return lines.join("\n") + "\n";
}

// src/report/failure.ts
function failureMessage(error2) {
  const message = errorMessage(error2).split("\n")[0].trim() || "unknown error";
  return error2 instanceof UserError ? message : `internal error: ${message}`;
}
function failureStack(error2) {
  return !(error2 instanceof UserError) && error2 instanceof Error ? error2.stack : void 0;
}

// src/report/version.ts
var TOOL_NAME = "deploy-gates";
var TOOL_VERSION = true ? "0.1.0" : "dev";
var TOOL_URL = "https://github.com/deploy-gates/deploy-gates";

// src/report/json-report.ts
function buildJsonReport(result, failOn) {
  const counts = countFindings(result.findings);
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    gate: result.gate,
    title: result.title,
    status: computeStatus(counts, failOn),
    failOn,
    counts,
    scope: result.scope,
    findings: [...result.findings].sort(compareFindings),
    outputs: result.outputs,
    data: result.data ?? {}
  };
}

// src/report/files.ts
import { mkdir, writeFile as writeFile2 } from "node:fs/promises";
import * as os5 from "node:os";
import * as path from "node:path";

// src/report/junit.ts
var INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
function escapeXml(text) {
  return text.replace(INVALID_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
function location2(finding) {
  const position = formatPosition(finding);
  if (finding.file === void 0) return position;
  return position ? `${finding.file}:${position}` : finding.file;
}
function findingText(finding) {
  const where = location2(finding);
  return `${finding.severity}${where ? ` ${where}` : ""} ${finding.rule}: ${finding.message}${finding.help ? `
${finding.help}` : ""}`;
}
function openCase(classname, name, at, durationMs) {
  const attributes = [`classname="${escapeXml(classname)}"`, `name="${escapeXml(name)}"`];
  if (at?.file !== void 0) attributes.push(`file="${escapeXml(at.file)}"`);
  if (at?.line !== void 0) attributes.push(`line="${at.line}"`);
  if (durationMs !== void 0) attributes.push(`time="${(durationMs / 1e3).toFixed(3)}"`);
  return `    <testcase ${attributes.join(" ")}>`;
}
function findingCase(gate, finding, failOn) {
  const where = location2(finding);
  const name = `${finding.rule}${where ? ` ${where}` : ""}`;
  const failed = failsStep(finding.severity, failOn);
  const body = failed ? `<failure message="${escapeXml(finding.message)}" type="${escapeXml(finding.rule)}">${escapeXml(findingText(finding))}</failure>` : `<system-out>${escapeXml(findingText(finding))}</system-out>`;
  return {
    xml: `${openCase(`deploy-gates.${gate}`, name, finding)}${body}</testcase>
`,
    failed,
    skipped: false
  };
}
function checkCase(gate, check, failOn) {
  const classname = `deploy-gates.${gate}${check.group ? `.${check.group}` : ""}`;
  const failing = check.findings.filter((finding) => failsStep(finding.severity, failOn)).sort(compareFindings);
  const reported = check.findings.filter((finding) => !failsStep(finding.severity, failOn)).sort(compareFindings);
  let body = "";
  if (check.skipped !== void 0) body += `<skipped message="${escapeXml(check.skipped)}"/>`;
  if (failing.length > 0) {
    const [first] = failing;
    const message = failing.length === 1 ? first.message : `${failing.length} failures; first: ${first.message}`;
    body += `<failure message="${escapeXml(message)}" type="${escapeXml(first.rule)}">${escapeXml(failing.map(findingText).join("\n"))}</failure>`;
  }
  if (reported.length > 0)
    body += `<system-out>${escapeXml(reported.map(findingText).join("\n"))}</system-out>`;
  const at = failing[0] ?? reported[0];
  return {
    xml: `${openCase(classname, check.name, at, check.durationMs)}${body}</testcase>
`,
    failed: failing.length > 0,
    skipped: check.skipped !== void 0 && failing.length === 0
  };
}
function findingKey(finding) {
  return JSON.stringify([
    finding.rule,
    finding.severity,
    finding.message,
    finding.file,
    finding.line,
    finding.column
  ]);
}
function testCases(result, failOn) {
  const findings = [...result.findings].sort(compareFindings);
  if (result.checks && result.checks.length > 0) {
    const claimed = new Set(result.checks.flatMap((check) => check.findings.map(findingKey)));
    return [
      ...result.checks.map((check) => checkCase(result.gate, check, failOn)),
      ...findings.filter((finding) => !claimed.has(findingKey(finding))).map((finding) => findingCase(result.gate, finding, failOn))
    ];
  }
  if (findings.length > 0) return findings.map((finding) => findingCase(result.gate, finding, failOn));
  return [
    {
      xml: `${openCase(`deploy-gates.${result.gate}`, result.title, void 0)}<system-out>${escapeXml(result.scope)}</system-out></testcase>
`,
      failed: false,
      skipped: false
    }
  ];
}
function buildJunit(result, failOn) {
  const cases = testCases(result, failOn);
  const tests = cases.length;
  const failures = cases.filter((c) => c.failed).length;
  const skipped = cases.filter((c) => c.skipped).length;
  const suite = `deploy-gates ${result.gate}: ${result.title}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="deploy-gates" tests="${tests}" failures="${failures}" errors="0">
  <testsuite name="${escapeXml(suite)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">
    <properties><property name="scope" value="${escapeXml(result.scope)}"/><property name="fail-on" value="${failOn}"/></properties>
` + cases.map((c) => c.xml).join("") + "  </testsuite>\n</testsuites>\n";
}

// src/report/sarif.ts
import { createHash } from "node:crypto";
var LEVEL = {
  error: "error",
  warning: "warning",
  notice: "note"
};
function humanize(rule) {
  const words = rule.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
function uri(file) {
  return file.split("/").map(encodeURIComponent).join("/");
}
function buildSarif(result, options) {
  const findings = [...result.findings].sort(compareFindings);
  const rules = [];
  const ruleIndex = /* @__PURE__ */ new Map();
  for (const finding of findings) {
    const known = ruleIndex.get(finding.rule);
    if (known === void 0) {
      ruleIndex.set(finding.rule, rules.length);
      rules.push({
        id: finding.rule,
        severity: finding.severity,
        help: finding.help,
        example: finding.message
      });
    } else if (!rules[known].help && finding.help) rules[known].help = finding.help;
  }
  const results = findings.flatMap((finding) => {
    const file = finding.file !== void 0 ? options.locate(finding.file) : options.fallbackFile;
    if (file === void 0) return [];
    const region = {};
    if (finding.file !== void 0 && finding.line !== void 0) {
      region.startLine = finding.line;
      if (finding.column !== void 0) region.startColumn = finding.column;
      if (finding.endLine !== void 0) region.endLine = finding.endLine;
      if (finding.endColumn !== void 0) region.endColumn = finding.endColumn;
    }
    const fingerprint = createHash("sha256").update(`${result.gate}\0${finding.rule}\0${file}\0${finding.message}`).digest("hex").slice(0, 32);
    return [
      {
        ruleId: finding.rule,
        ruleIndex: ruleIndex.get(finding.rule),
        level: LEVEL[finding.severity],
        message: { text: finding.help ? `${finding.message}
${finding.help}` : finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uri(file), uriBaseId: "%SRCROOT%" },
              ...Object.keys(region).length ? { region } : {}
            }
          }
        ],
        partialFingerprints: { "deployGatesFinding/v1": fingerprint }
      }
    ];
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            informationUri: TOOL_URL,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: humanize(rule.id).replace(/ /g, ""),
              shortDescription: { text: humanize(rule.id) },
              fullDescription: { text: rule.help ?? rule.example },
              help: { text: rule.help ?? rule.example },
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: { tags: [TOOL_NAME, result.gate] }
            }))
          }
        },
        // Separate categories per gate, so uploading one gate's results does not close another's alerts.
        automationDetails: { id: `${TOOL_NAME}/${result.gate}/` },
        columnKind: "utf16CodeUnits",
        results
      }
    ]
  };
}

// src/report/files.ts
function defaultReportPath(gate, env) {
  return path.join(env.RUNNER_TEMP || os5.tmpdir(), `deploy-gates-${gate}.json`);
}
function workflowFile(env) {
  const ref = env.GITHUB_WORKFLOW_REF;
  const repository = env.GITHUB_REPOSITORY;
  if (!ref || !repository || !ref.startsWith(`${repository}/`)) return void 0;
  return ref.slice(repository.length + 1).replace(/@.*$/, "") || void 0;
}
async function writeText(file, text, what) {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile2(file, text);
  } catch (error2) {
    throw new UserError(`cannot write the ${what} to ${file}: ${errorMessage(error2)}`);
  }
}
async function writeReportFiles(result, common, redact, options) {
  const written = {};
  const resolve3 = (file) => path.resolve(common.workingDirectory, file);
  const reportPath = common.reportPath ? resolve3(common.reportPath) : options.defaultReportPath;
  if (reportPath) {
    const report = redact.deep(buildJsonReport(result, common.failOn));
    await writeText(reportPath, redact(JSON.stringify(report, null, 2)) + "\n", "JSON report");
    written.report = reportPath;
  }
  if (common.sarifPath) {
    const sarif = redact.deep(buildSarif(result, options));
    written.sarif = resolve3(common.sarifPath);
    await writeText(written.sarif, redact(JSON.stringify(sarif, null, 2)) + "\n", "SARIF file");
  }
  if (common.junitPath) {
    written.junit = resolve3(common.junitPath);
    await writeText(written.junit, redact(buildJunit(result, common.failOn)), "JUnit file");
  }
  return written;
}

// src/report/paths.ts
import * as path2 from "node:path";
function repositoryPath(file, workingDirectory, workspace) {
  if (!workspace) return toPosix(file);
  const absolute = path2.resolve(workingDirectory, file);
  const relative2 = path2.relative(path2.resolve(workspace), absolute);
  if (relative2 === "" || relative2.startsWith("..") || path2.isAbsolute(relative2)) return toPosix(file);
  return toPosix(relative2);
}
function toPosix(file) {
  return file.split(path2.sep).join("/");
}

// src/report/redact.ts
var REDACTED = "***";
var MIN_SUBSTRING_SECRET_LENGTH = 4;
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function variants(secret) {
  const forms = /* @__PURE__ */ new Set([secret]);
  for (const line of secret.split(/\r?\n/)) if (line.trim() !== "") forms.add(line);
  forms.add(JSON.stringify(secret).slice(1, -1));
  forms.add(encodeURIComponent(secret));
  return [...forms];
}
function createRedactor(secrets) {
  const long = /* @__PURE__ */ new Set();
  const short = /* @__PURE__ */ new Set();
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret.trim().length < 2) continue;
    for (const form of variants(secret)) {
      if (form.trim().length >= MIN_SUBSTRING_SECRET_LENGTH) long.add(form);
      else if (form.trim().length >= 2) short.add(form);
    }
  }
  const alternatives = [...long].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const tokens = [...short].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const parts = [];
  if (alternatives.length) parts.push(alternatives.join("|"));
  if (tokens.length) parts.push(`(?<![\\p{L}\\p{N}_])(?:${tokens.join("|")})(?![\\p{L}\\p{N}_])`);
  const pattern = parts.length ? new RegExp(parts.join("|"), "gu") : void 0;
  const redact = ((text) => pattern ? String(text).replace(pattern, REDACTED) : String(text));
  const deep = (value) => {
    if (!pattern) return value;
    if (typeof value === "string") return redact(value);
    if (Array.isArray(value)) return value.map((item) => deep(item));
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), deep(item)]));
    }
    return value;
  };
  Object.defineProperty(redact, "maskable", { value: [...long].filter((form) => !/[\r\n]/.test(form)) });
  Object.defineProperty(redact, "deep", { value: deep });
  return redact;
}

// src/report/annotations.ts
var ANNOTATION_LIMITS = { error: 10, warning: 10, notice: 10 };
function planAnnotations(findings, limits = ANNOTATION_LIMITS) {
  const sorted = [...findings].sort(compareFindings);
  const bySeverity = (severity) => sorted.filter((finding) => finding.severity === severity);
  const errors = bySeverity("error");
  const warnings = bySeverity("warning");
  const notices = bySeverity("notice");
  const overflow = errors.length > limits.error || warnings.length > limits.warning || notices.length > limits.notice;
  const noticeLimit = overflow ? Math.max(limits.notice - 1, 0) : limits.notice;
  const shown = [
    ...errors.slice(0, limits.error),
    ...warnings.slice(0, limits.warning),
    ...notices.slice(0, noticeLimit)
  ];
  return {
    shown,
    omitted: {
      errors: Math.max(errors.length - limits.error, 0),
      warnings: Math.max(warnings.length - limits.warning, 0),
      notices: Math.max(notices.length - noticeLimit, 0)
    }
  };
}
function omittedTotal(omitted) {
  return omitted.errors + omitted.warnings + omitted.notices;
}
function annotationProperties(finding, file) {
  const properties = { title: finding.rule };
  if (file === void 0) return properties;
  properties.file = file;
  if (finding.line === void 0) return properties;
  properties.startLine = finding.line;
  const endLine = finding.endLine ?? finding.line;
  if (endLine !== finding.line) properties.endLine = endLine;
  else if (finding.column !== void 0) {
    properties.startColumn = finding.column;
    if (finding.endColumn !== void 0 && finding.endColumn >= finding.column)
      properties.endColumn = finding.endColumn;
  }
  return properties;
}

// src/report/comment.ts
function commentMarker(gate) {
  return `<!-- deploy-gates:${gate} -->`;
}
var PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target"]);
function pullRequestTarget(github) {
  if (!PULL_REQUEST_EVENTS.has(github.eventName))
    return `the event is '${github.eventName || "unknown"}', not a pull request`;
  const pullRequest = github.event.pull_request;
  const number = pullRequest?.number ?? github.event.number;
  if (typeof number !== "number" || !Number.isInteger(number))
    return "the event payload has no pull request number";
  const repository = github.repository || String(github.event.repository?.full_name ?? "");
  const [owner, repo] = repository.split("/");
  if (!owner || !repo) return "the repository is unknown (GITHUB_REPOSITORY is not set)";
  return { owner, repo, issueNumber: number };
}
async function findStickyComment(client, target, marker) {
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  });
  for await (const page of pages) {
    const found = page.data.find((comment) => (comment.body ?? "").trimStart().startsWith(marker));
    if (found) return found.id;
  }
  return void 0;
}
async function upsertStickyComment(client, target, marker, body) {
  const existing = await findStickyComment(client, target, marker);
  const common = { owner: target.owner, repo: target.repo, body };
  if (existing !== void 0) {
    const { data: data2 } = await client.rest.issues.updateComment({ ...common, comment_id: existing });
    return { action: "updated", id: data2.id, url: data2.html_url ?? "" };
  }
  const { data } = await client.rest.issues.createComment({ ...common, issue_number: target.issueNumber });
  return { action: "created", id: data.id, url: data.html_url ?? "" };
}
function describeCommentError(error2, timeoutMs) {
  const status = error2?.status;
  const name = error2?.name;
  const message = error2 instanceof Error ? error2.message.split("\n")[0] : String(error2);
  if (name === "AbortError" || name === "TimeoutError" || /aborted|timeout/i.test(message ?? "")) {
    return `the GitHub API did not answer within ${timeoutMs / 1e3}s`;
  }
  if (status === 401) return "the token was rejected (401); check the github-token input";
  if (status === 403 || status === 404) {
    return `the token may not write to this pull request (${status}: ${message}); give the job \`permissions: pull-requests: write\` (on pull requests from forks the token is read-only)`;
  }
  if (typeof status === "number") return `the GitHub API answered ${status}: ${message}`;
  return message ?? "unknown error";
}

// src/report/action.ts
var COMMENT_TIMEOUT_MS = 3e4;
function redactResult(result, redact) {
  return { ...redact.deep({ ...result, secrets: [] }), secrets: [] };
}
function markActionFailed(error2) {
  try {
    setOutput("status", "failed");
  } catch (outputError) {
    debug(`status output not written: ${errorMessage(outputError)}`);
  }
  const stack = failureStack(error2);
  if (stack) debug(stack);
}
async function reportToAction(result, common, io) {
  const redact = createRedactor(result.secrets);
  for (const secret of redact.maskable) setSecret(secret);
  const safe = redactResult(result, redact);
  const counts = countFindings(safe.findings);
  const status = computeStatus(counts, common.failOn);
  const workspace = io.env.GITHUB_WORKSPACE;
  const locate = (file) => repositoryPath(file, common.workingDirectory, workspace);
  const files = await writeReportFiles(safe, common, redact, {
    locate,
    fallbackFile: workflowFile(io.env),
    defaultReportPath: defaultReportPath(safe.gate, io.env)
  });
  for (const [name, value] of Object.entries(safe.outputs)) setOutput(name, redact(value));
  setOutput("status", status);
  setOutput("errors", String(counts.errors));
  setOutput("warnings", String(counts.warnings));
  setOutput("report", files.report ?? "");
  writeAnnotations(safe, redact, locate);
  const view = {
    result: safe,
    status,
    counts,
    failOn: common.failOn,
    reportPath: files.report,
    runUrl: runUrl(io)
  };
  try {
    await summary.addRaw(redact(renderMarkdown(view, SUMMARY_BUDGET))).write();
  } catch (error2) {
    debug(`job summary not written: ${errorMessage(error2)}`);
  }
  if (common.comment) await postComment(view, io, redact);
  if (status === "failed") {
    setFailed(`${safe.title} failed: ${countsLine(counts)} (fail-on: ${common.failOn})`);
  } else {
    info(`${safe.title} passed: ${countsLine(counts)} (fail-on: ${common.failOn})`);
  }
}
function writeAnnotations(result, redact, locate) {
  const plan = planAnnotations(result.findings);
  for (const finding of plan.shown) {
    const text = redact(finding.help ? `${finding.message}
${finding.help}` : finding.message);
    const properties = annotationProperties(
      finding,
      finding.file === void 0 ? void 0 : locate(finding.file)
    );
    if (finding.severity === "error") error(text, properties);
    else if (finding.severity === "warning") warning(text, properties);
    else notice(text, properties);
  }
  const omitted = omittedTotal(plan.omitted);
  if (omitted === 0) return;
  notice(
    `${omitted} more findings (${countsLine(plan.omitted)}) are not annotated: GitHub shows at most 10 errors and 10 warnings per step. The job summary and the JSON report list every finding.`,
    { title: `deploy-gates ${result.gate}: ${omitted} more findings` }
  );
  startGroup(`All ${result.findings.length} findings`);
  for (const finding of [...result.findings].sort(compareFindings))
    info(redact(formatFindingLine(finding)));
  endGroup();
}
function runUrl(io) {
  const { serverUrl, repository, runId } = io.github;
  return repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : void 0;
}
async function postComment(view, io, redact) {
  const target = pullRequestTarget(io.github);
  if (typeof target === "string") {
    debug(`no PR comment: ${target}`);
    return;
  }
  if (!io.github.token) {
    info("no PR comment: the github-token input is empty");
    return;
  }
  const marker = commentMarker(view.result.gate);
  const body = redact(renderMarkdown(view, commentBudget(marker)));
  try {
    const client = await createClient(io.github.token);
    const outcome = await upsertStickyComment(client, target, marker, body);
    info(`PR comment ${outcome.action}${outcome.url ? `: ${outcome.url}` : ""}`);
  } catch (error2) {
    warning(
      `could not update the PR comment: ${redact(describeCommentError(error2, COMMENT_TIMEOUT_MS))}`
    );
  }
}
async function createClient(token) {
  const [{ getOctokit }, { defaults }] = await Promise.all([
    import("./github-RFJSCLOF.js"),
    import("./utils-ZGIIPP7H.js")
  ]);
  const octokit = getOctokit(token, {
    request: { ...defaults.request, signal: AbortSignal.timeout(COMMENT_TIMEOUT_MS) }
  });
  return octokit;
}

// src/runtime.ts
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
function githubContextFromEnv(env, token) {
  let event = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      event = JSON.parse(readFileSync(eventPath, "utf8"));
    } catch {
      event = {};
    }
  }
  return {
    token,
    apiUrl: (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/$/, ""),
    serverUrl: (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/$/, ""),
    repository: env.GITHUB_REPOSITORY ?? "",
    eventName: env.GITHUB_EVENT_NAME ?? "",
    event,
    sha: env.GITHUB_SHA ?? "",
    ref: env.GITHUB_REF ?? "",
    runId: env.GITHUB_RUN_ID ?? ""
  };
}
function gitRunner(cwd) {
  return (args) => new Promise((resolve3, reject) => {
    execFile("git", args, { cwd, maxBuffer: 256 * 1024 * 1024 }, (error2, stdout, stderr) => {
      if (error2) reject(new Error(`git ${args.join(" ")}: ${(stderr || error2.message).trim()}`));
      else resolve3(stdout);
    });
  });
}
var actionLogger = { info, warning, debug };
function createRuntimeIO(cwd, token, log) {
  return {
    cwd,
    env: process.env,
    fetch: globalThis.fetch,
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve3) => setTimeout(resolve3, ms)),
    log,
    git: gitRunner(cwd),
    github: githubContextFromEnv(process.env, token)
  };
}

export {
  setSecret,
  setFailed,
  loadGate,
  countFindings,
  computeStatus,
  shouldUseColor,
  formatConsoleReport,
  failureMessage,
  failureStack,
  TOOL_VERSION,
  buildJsonReport,
  writeReportFiles,
  repositoryPath,
  createRedactor,
  redactResult,
  markActionFailed,
  reportToAction,
  actionLogger,
  createRuntimeIO
};
