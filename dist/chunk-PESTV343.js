import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));

// src/http.ts
import * as http from "node:http";
import * as https from "node:https";
import * as zlib from "node:zlib";
function createHttpClient(options = {}) {
  const agents = {
    "http:": new http.Agent({ keepAlive: true }),
    "https:": new https.Agent({ keepAlive: true, ...options.ca ? { ca: options.ca } : {} })
  };
  return async (url, request3) => {
    const started = performance.now();
    const target = typeof url === "string" ? new URL(url) : url;
    const agent = agents[target.protocol];
    const failure = (kind, message) => ({
      ok: false,
      kind,
      message,
      durationMs: performance.now() - started
    });
    if (!agent) return failure("connection", `connection failed (unsupported protocol ${target.protocol})`);
    const outcome = await exchange(target, request3, agent);
    if (outcome.ok) return { ...outcome, durationMs: performance.now() - started };
    if (outcome.timedOut) return failure("timeout", `no answer within ${request3.timeoutMs}ms`);
    return failure("connection", `connection failed (${describeError(outcome)})`);
  };
}
var shared;
function httpRequest(io, url, request3) {
  const client = io.http ?? (shared ??= createHttpClient());
  return client(url, request3);
}
function exchange(target, request3, agent) {
  return new Promise((resolve) => {
    let settled = false;
    let timedOut = false;
    let req;
    const settle = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const fail = (error) => {
      const { code, message } = error;
      settle({ ok: false, timedOut, code, message: message ?? String(error) });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      req?.destroy(new Error("timeout"));
      fail(new Error("timeout"));
    }, request3.timeoutMs);
    try {
      const headers = requestHeaders(request3);
      const send = target.protocol === "https:" ? https.request : http.request;
      req = send(target, { method: (request3.method ?? "GET").toUpperCase(), headers, agent }, (res) => {
        readBody(res).then(
          (body) => settle({ ok: true, status: res.statusCode ?? 0, headers: headerReader(res.rawHeaders), body })
        ).catch(fail);
      });
      req.on("error", fail);
      req.end(request3.body);
    } catch (error) {
      fail(error);
    }
  });
}
function requestHeaders(request3) {
  const headers = {};
  for (const [name, value] of Object.entries(request3.headers ?? {})) headers[name.toLowerCase()] = value;
  headers.accept ??= "*/*";
  headers["user-agent"] ??= "deploy-gates";
  if (request3.body !== void 0) {
    headers["content-type"] ??= "text/plain;charset=UTF-8";
    headers["content-length"] = String(Buffer.byteLength(request3.body));
  }
  return headers;
}
async function readBody(res) {
  const encoding = res.headers["content-encoding"]?.trim().toLowerCase();
  const decoder = encoding === "gzip" || encoding === "x-gzip" ? zlib.createGunzip() : encoding === "deflate" ? zlib.createInflate() : encoding === "br" ? zlib.createBrotliDecompress() : void 0;
  let stream = res;
  if (decoder) {
    res.on("error", (error) => decoder.destroy(error));
    stream = res.pipe(decoder);
  }
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  return text.charCodeAt(0) === 65279 ? text.slice(1) : text;
}
function headerReader(raw) {
  return {
    get(name) {
      const wanted = name.toLowerCase();
      let value = null;
      for (let i = 0; i < raw.length; i += 2) {
        if (raw[i].toLowerCase() === wanted) value = value === null ? raw[i + 1] : `${value}, ${raw[i + 1]}`;
      }
      return value;
    }
  };
}
function describeError({ code, message }) {
  return code && !code.startsWith("ERR_") ? code : message;
}

export {
  httpRequest
};
