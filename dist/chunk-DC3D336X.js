import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  FileError
} from "./chunk-D65UKCWC.js";

// src/files.ts
import { promises as fs, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
var MAX_INPUT_FILE_BYTES = 20 * 1024 * 1024;
async function readTextFile(cwd, file, { maxBytes = MAX_INPUT_FILE_BYTES } = {}) {
  const absolute = path.resolve(cwd, file);
  const display = path.relative(cwd, absolute) || file;
  let stat;
  try {
    stat = await fs.stat(absolute);
  } catch {
    throw new FileError("file not found", display);
  }
  checkSize(stat, display, maxBytes);
  return { text: decodeText(await fs.readFile(absolute), display), absolute, display };
}
function readTextFileSync(cwd, file, { maxBytes = MAX_INPUT_FILE_BYTES } = {}) {
  const absolute = path.resolve(cwd, file);
  const display = path.relative(cwd, absolute) || file;
  let stat;
  try {
    stat = statSync(absolute);
  } catch {
    throw new FileError("file not found", display);
  }
  checkSize(stat, display, maxBytes);
  return { text: decodeText(readFileSync(absolute), display), absolute, display };
}
function checkSize(stat, display, maxBytes) {
  if (stat.isDirectory()) throw new FileError("is a directory, expected a file", display);
  if (stat.size > maxBytes) {
    throw new FileError(
      `file is ${(stat.size / 1048576).toFixed(1)} MB, larger than the ${maxBytes / 1048576} MB limit`,
      display
    );
  }
}
function decodeText(buffer, display) {
  if (buffer.includes(0)) throw new FileError("is a binary file, expected text", display);
  const text = buffer.toString("utf8");
  return text.charCodeAt(0) === 65279 ? text.slice(1) : text;
}

export {
  MAX_INPUT_FILE_BYTES,
  readTextFile,
  readTextFileSync
};
