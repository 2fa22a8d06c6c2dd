import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  yaml
} from "./chunk-4ARHKECE.js";

// src/gates/contract/positions.ts
var SEPARATION = /(?:[ \t\r\n]|#[^\n]*)*/y;
var SPEC_YAML_SCHEMA = yaml.CORE_SCHEMA.extend({
  implicit: [yaml.types.merge]
});
function buildPositionTree(text) {
  const stack = [{ start: 0, children: [], results: [] }];
  yaml.load(text, {
    schema: SPEC_YAML_SCHEMA,
    listener(event, state) {
      if (event === "open") {
        stack.push({ start: state.position, children: [], results: [] });
        return;
      }
      const frame = stack.pop();
      SEPARATION.lastIndex = frame.start;
      SEPARATION.exec(state.input);
      const parent = stack[stack.length - 1];
      if (frame.children.length === 1 && frame.results[0] === state.result && typeof state.result === "object") {
        parent.children.push(frame.children[0]);
        parent.results.push(state.result);
        return;
      }
      const node = { start: SEPARATION.lastIndex };
      const kind = state.kind;
      if (kind === "mapping" && frame.children.length % 2 === 0) {
        node.entries = /* @__PURE__ */ new Map();
        for (let i = 0; i < frame.children.length; i += 2) {
          const value = frame.children[i + 1];
          value.keyStart = frame.children[i].start;
          node.entries.set(String(frame.results[i]), value);
        }
      } else if (kind === "sequence") {
        node.items = frame.children;
      }
      parent.children.push(node);
      parent.results.push(state.result);
    }
  });
  return stack[0].children[0] ?? { start: 0 };
}
var LineIndex = class {
  starts = [0];
  constructor(text) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }
  position(offset) {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = low + high + 1 >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low] + 1 };
  }
};
function buildJsonPositionTree(text) {
  let pos = 0;
  const stack = [];
  const skipSpace = () => {
    for (let c = text.charCodeAt(pos); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++pos)) ;
  };
  const skipString = () => {
    pos++;
    for (; ; ) {
      const c = text.charCodeAt(pos++);
      if (c === 92) pos++;
      else if (c === 34 || Number.isNaN(c)) return;
    }
  };
  const readValue = () => {
    const node = { start: pos };
    const c = text.charCodeAt(pos);
    if (c === 123 || c === 91) {
      pos++;
      if (c === 123) node.entries = /* @__PURE__ */ new Map();
      else node.items = [];
      stack.push({ node, isObject: c === 123 });
    } else if (c === 34) {
      skipString();
    } else {
      for (let d = c; !(d === 44 || d === 93 || d === 125 || d === 32 || d === 10 || d === 13 || d === 9 || Number.isNaN(d)); d = text.charCodeAt(++pos)) ;
    }
    return node;
  };
  skipSpace();
  const root = readValue();
  while (stack.length > 0) {
    skipSpace();
    const c = text.charCodeAt(pos);
    if (c === 125 || c === 93 || Number.isNaN(c)) {
      pos++;
      stack.pop();
      continue;
    }
    if (c === 44) {
      pos++;
      skipSpace();
    }
    const top = stack[stack.length - 1];
    if (top.isObject) {
      const keyStart = pos;
      skipString();
      const raw = text.slice(keyStart, pos);
      const key = raw.includes("\\") ? JSON.parse(raw) : raw.slice(1, -1);
      skipSpace();
      pos++;
      skipSpace();
      const value = readValue();
      value.keyStart = keyStart;
      top.node.entries.set(key, value);
    } else {
      top.node.items.push(readValue());
    }
  }
  return root;
}

export {
  SPEC_YAML_SCHEMA,
  buildPositionTree,
  LineIndex,
  buildJsonPositionTree
};
