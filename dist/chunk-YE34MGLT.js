import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));

// src/http.ts
async function httpRequest(fetchImpl, url, { method = "GET", headers = {}, body, timeoutMs }) {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(url, { method, headers, body, signal: controller.signal, redirect: "manual" });
    const text = await response.text();
    return { ok: true, status: response.status, headers: response.headers, body: text, durationMs: performance.now() - started };
  } catch (error) {
    const durationMs = performance.now() - started;
    if (controller.signal.aborted) return { ok: false, kind: "timeout", message: `no answer within ${timeoutMs}ms`, durationMs };
    return { ok: false, kind: "connection", message: describeConnectionError(error), durationMs };
  } finally {
    clearTimeout(timer);
  }
}
function describeConnectionError(error) {
  const cause = error?.cause;
  if (cause?.code) return `connection failed (${cause.code})`;
  if (cause?.message) return `connection failed (${cause.message})`;
  return `connection failed (${error instanceof Error ? error.message : String(error)})`;
}

export {
  httpRequest
};
