import { createRequire as __deployGatesCreateRequire } from 'node:module'; const require = __deployGatesCreateRequire(import.meta.url); import { fileURLToPath as __deployGatesFileURLToPath } from 'node:url'; const __deployGatesDirname = __deployGatesFileURLToPath(new URL('.', import.meta.url));
import {
  readTextFile,
  readTextFileSync
} from "./chunk-DC3D336X.js";
import {
  FileError,
  InputError,
  UserError,
  getBoolean,
  getChoice,
  getList,
  getString,
  redactUrl
} from "./chunk-D65UKCWC.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-UM4MEZME.js";

// node_modules/libpg-query/wasm/libpg-query.js
var require_libpg_query = __commonJS({
  "node_modules/libpg-query/wasm/libpg-query.js"(exports, module) {
    var PgQueryModule = (() => {
      var _scriptName = globalThis.document?.currentScript?.src;
      return async function(moduleArg = {}) {
        var Module = moduleArg;
        var ENVIRONMENT_IS_WEB = !!globalThis.window;
        var ENVIRONMENT_IS_WORKER = !!globalThis.WorkerGlobalScope;
        var ENVIRONMENT_IS_NODE = globalThis.process?.versions?.node && globalThis.process?.type != "renderer";
        var programArgs = [];
        var thisProgram = "./this.program";
        var quit_ = (status, toThrow) => {
          throw toThrow;
        };
        if (typeof __filename != "undefined") {
          _scriptName = __filename;
        } else if (ENVIRONMENT_IS_WORKER) {
          _scriptName = self.location.href;
        }
        var scriptDirectory = "";
        function locateFile(path14) {
          if (Module["locateFile"]) {
            return Module["locateFile"](path14, scriptDirectory);
          }
          return scriptDirectory + path14;
        }
        var readAsync, readBinary;
        if (ENVIRONMENT_IS_NODE) {
          var fs3 = __require("node:fs");
          scriptDirectory = __deployGatesDirname + "/";
          readBinary = (filename) => {
            filename = isFileURI(filename) ? new URL(filename) : filename;
            var ret = fs3.readFileSync(filename);
            return ret;
          };
          readAsync = async (filename, binary = true) => {
            filename = isFileURI(filename) ? new URL(filename) : filename;
            var ret = fs3.readFileSync(filename, binary ? void 0 : "utf8");
            return ret;
          };
          if (process.argv.length > 1) {
            thisProgram = process.argv[1].replace(/\\/g, "/");
          }
          programArgs = process.argv.slice(2);
          quit_ = (status, toThrow) => {
            process.exitCode = status;
            throw toThrow;
          };
        } else if (ENVIRONMENT_IS_WEB || ENVIRONMENT_IS_WORKER) {
          try {
            scriptDirectory = new URL(".", _scriptName).href;
          } catch {
          }
          {
            if (ENVIRONMENT_IS_WORKER) {
              readBinary = (url) => {
                var xhr = new XMLHttpRequest();
                xhr.open("GET", url, false);
                xhr.responseType = "arraybuffer";
                xhr.send(null);
                return new Uint8Array(xhr.response);
              };
            }
            readAsync = async (url) => {
              var response = await fetch(url, { credentials: "same-origin" });
              if (response.ok) {
                return response.arrayBuffer();
              }
              throw new Error(response.status + " : " + response.url);
            };
          }
        } else {
        }
        var out = console.log.bind(console);
        var err = console.error.bind(console);
        var wasmBinary;
        var ABORT = false;
        var EXITSTATUS;
        var isFileURI = (filename) => filename.startsWith("file://");
        class EmscriptenEH {
        }
        class EmscriptenSjLj extends EmscriptenEH {
        }
        var runtimeInitialized = false;
        function getMemoryBuffer() {
          return wasmMemory.buffer;
        }
        function updateMemoryViews() {
          if (HEAP8?.buffer?.resizable) return;
          var b = getMemoryBuffer();
          HEAP8 = new Int8Array(b);
          HEAP16 = new Int16Array(b);
          Module["HEAPU8"] = HEAPU8 = new Uint8Array(b);
          HEAPU16 = new Uint16Array(b);
          HEAP32 = new Int32Array(b);
          Module["HEAPU32"] = HEAPU32 = new Uint32Array(b);
          HEAPF32 = new Float32Array(b);
          HEAPF64 = new Float64Array(b);
          HEAP64 = new BigInt64Array(b);
          HEAPU64 = new BigUint64Array(b);
        }
        function preRun() {
          var preRun2 = Module["preRun"];
          if (preRun2) {
            if (typeof preRun2 == "function") preRun2 = [preRun2];
            onPreRuns.push(...preRun2);
          }
          callRuntimeCallbacks(onPreRuns);
        }
        function initRuntime() {
          runtimeInitialized = true;
          if (!Module["noFSInit"] && !FS.initialized) FS.init();
          TTY.init();
          wasmExports["A"]();
          FS.ignorePermissions = false;
        }
        function postRun() {
          var postRun2 = Module["postRun"];
          if (postRun2) {
            if (typeof postRun2 == "function") postRun2 = [postRun2];
            onPostRuns.push(...postRun2);
          }
          callRuntimeCallbacks(onPostRuns);
        }
        function abort(what) {
          Module["onAbort"]?.(what);
          what = `Aborted(${what})`;
          err(what);
          ABORT = true;
          what += ". Build with -sASSERTIONS for more info.";
          var e = new WebAssembly.RuntimeError(what);
          throw e;
        }
        var wasmBinaryFile;
        function findWasmBinary() {
          return locateFile("libpg-query.wasm");
        }
        function getBinarySync(file) {
          if (readBinary) {
            return readBinary(file);
          }
          throw "both async and sync fetching of the wasm failed";
        }
        async function getWasmBinary(binaryFile) {
          if (!wasmBinary) {
            try {
              var response = await readAsync(binaryFile);
              return new Uint8Array(response);
            } catch {
            }
          }
          return getBinarySync(binaryFile);
        }
        async function instantiateArrayBuffer(binaryFile, imports) {
          try {
            var binary = await getWasmBinary(binaryFile);
            var instance2 = await WebAssembly.instantiate(binary, imports);
            return instance2;
          } catch (reason) {
            err(`failed to asynchronously prepare wasm: ${reason}`);
            abort(reason);
          }
        }
        async function instantiateAsync(binary, binaryFile, imports) {
          if (!binary && !ENVIRONMENT_IS_NODE) {
            try {
              var response = fetch(binaryFile, { credentials: "same-origin" });
              var instantiationResult = await WebAssembly.instantiateStreaming(response, imports);
              return instantiationResult;
            } catch (reason) {
              err(`wasm streaming compile failed: ${reason}`);
              err("falling back to ArrayBuffer instantiation");
            }
          }
          return instantiateArrayBuffer(binaryFile, imports);
        }
        function getWasmImports() {
          var imports = { a: wasmImports };
          return imports;
        }
        async function createWasm() {
          function receiveInstance(instance2) {
            wasmExports = instance2.exports;
            assignWasmExports(wasmExports);
            updateMemoryViews();
            return wasmExports;
          }
          function receiveInstantiationResult(result2) {
            return receiveInstance(result2["instance"]);
          }
          var info = getWasmImports();
          var instantiateWasm = Module["instantiateWasm"];
          if (instantiateWasm) {
            return new Promise((resolve3) => {
              instantiateWasm(info, (inst) => resolve3(receiveInstance(inst)));
            });
          }
          wasmBinaryFile ??= findWasmBinary();
          var result = await instantiateAsync(wasmBinary, wasmBinaryFile, info);
          var exports2 = receiveInstantiationResult(result);
          return exports2;
        }
        class ExitStatus {
          name = "ExitStatus";
          constructor(status) {
            this.message = `Program terminated with exit(${status})`;
            this.status = status;
          }
        }
        var HEAP16;
        var HEAP32;
        var HEAP64;
        var HEAP8;
        var HEAPF32;
        var HEAPF64;
        var HEAPU16;
        var HEAPU32;
        var HEAPU64;
        var HEAPU8;
        var callRuntimeCallbacks = (callbacks) => {
          while (callbacks.length > 0) {
            callbacks.shift()(Module);
          }
        };
        var onPostRuns = [];
        var onPreRuns = [];
        function getValue(ptr, type = "i8") {
          if (type.endsWith("*")) type = "*";
          switch (type) {
            case "i1":
              return HEAP8[ptr];
            case "i8":
              return HEAP8[ptr];
            case "i16":
              return HEAP16[ptr >> 1];
            case "i32":
              return HEAP32[ptr >> 2];
            case "i64":
              return HEAP64[ptr >> 3];
            case "float":
              return HEAPF32[ptr >> 2];
            case "double":
              return HEAPF64[ptr >> 3];
            case "*":
              return HEAPU32[ptr >> 2];
            default:
              abort(`invalid type for getValue: ${type}`);
          }
        }
        var noExitRuntime = true;
        var stackRestore = (val) => __emscripten_stack_restore(val);
        var stackSave = () => _emscripten_stack_get_current();
        var UTF8Decoder = globalThis.TextDecoder && new TextDecoder();
        var findStringEnd = (heapOrArray, idx, maxBytesToRead, ignoreNul) => {
          var maxIdx = idx + maxBytesToRead;
          if (ignoreNul) return maxIdx;
          while (heapOrArray[idx] && !(idx >= maxIdx)) ++idx;
          return idx;
        };
        var UTF8ArrayToString = (heapOrArray, idx = 0, maxBytesToRead, ignoreNul) => {
          var endPtr = findStringEnd(heapOrArray, idx, maxBytesToRead, ignoreNul);
          if (endPtr - idx > 16 && heapOrArray.buffer && UTF8Decoder) {
            return UTF8Decoder.decode(heapOrArray.subarray(idx, endPtr));
          }
          var str2 = "";
          while (idx < endPtr) {
            var u0 = heapOrArray[idx++];
            if (!(u0 & 128)) {
              str2 += String.fromCharCode(u0);
              continue;
            }
            var u1 = heapOrArray[idx++] & 63;
            if ((u0 & 224) == 192) {
              str2 += String.fromCharCode((u0 & 31) << 6 | u1);
              continue;
            }
            var u2 = heapOrArray[idx++] & 63;
            if ((u0 & 240) == 224) {
              u0 = (u0 & 15) << 12 | u1 << 6 | u2;
            } else {
              u0 = (u0 & 7) << 18 | u1 << 12 | u2 << 6 | heapOrArray[idx++] & 63;
            }
            if (u0 < 65536) {
              str2 += String.fromCharCode(u0);
            } else {
              var ch = u0 - 65536;
              str2 += String.fromCharCode(55296 | ch >> 10, 56320 | ch & 1023);
            }
          }
          return str2;
        };
        var UTF8ToString = (ptr, maxBytesToRead, ignoreNul) => ptr ? UTF8ArrayToString(HEAPU8, ptr, maxBytesToRead, ignoreNul) : "";
        var ___assert_fail = (condition, filename, line, func) => abort(`Assertion failed: ${UTF8ToString(condition)}, at: ` + [filename ? UTF8ToString(filename) : "unknown filename", line, func ? UTF8ToString(func) : "unknown function"]);
        var __abort_js = () => abort("");
        var runtimeKeepaliveCounter = 0;
        var __emscripten_runtime_keepalive_clear = () => {
          noExitRuntime = false;
          runtimeKeepaliveCounter = 0;
        };
        var __emscripten_throw_longjmp = () => {
          throw new EmscriptenSjLj();
        };
        var timers = {};
        var handleException = (e) => {
          if (e instanceof ExitStatus || e == "unwind") {
            return EXITSTATUS;
          }
          quit_(1, e);
        };
        var keepRuntimeAlive = () => noExitRuntime || runtimeKeepaliveCounter > 0;
        var _proc_exit = (code) => {
          EXITSTATUS = code;
          if (!keepRuntimeAlive()) {
            Module["onExit"]?.(code);
            ABORT = true;
          }
          quit_(code, new ExitStatus(code));
        };
        var exitJS = (status, implicit) => {
          EXITSTATUS = status;
          _proc_exit(status);
        };
        var _exit = exitJS;
        var maybeExit = () => {
          if (!keepRuntimeAlive()) {
            try {
              _exit(EXITSTATUS);
            } catch (e) {
              handleException(e);
            }
          }
        };
        var callUserCallback = (func) => {
          if (ABORT) {
            return;
          }
          try {
            return func();
          } catch (e) {
            handleException(e);
          } finally {
            maybeExit();
          }
        };
        var _emscripten_get_now = () => performance.now();
        var __setitimer_js = (which, timeout_ms) => {
          if (timers[which]) {
            clearTimeout(timers[which].id);
            delete timers[which];
          }
          if (!timeout_ms) return 0;
          var id = setTimeout(() => {
            delete timers[which];
            callUserCallback(() => __emscripten_timeout(which, _emscripten_get_now()));
          }, timeout_ms);
          timers[which] = { id, timeout_ms };
          return 0;
        };
        var getHeapMax = () => 1073741824;
        var alignMemory = (size, alignment) => Math.ceil(size / alignment) * alignment;
        var growMemory = (size) => {
          var oldHeapSize = wasmMemory.buffer.byteLength;
          var pages = (size - oldHeapSize + 65535) / 65536 | 0;
          try {
            wasmMemory.grow(pages);
            updateMemoryViews();
            return 1;
          } catch (e) {
          }
        };
        var _emscripten_resize_heap = (requestedSize) => {
          var oldSize = HEAPU8.length;
          requestedSize >>>= 0;
          var maxHeapSize = getHeapMax();
          if (requestedSize > maxHeapSize) {
            return false;
          }
          for (var cutDown = 1; cutDown <= 4; cutDown *= 2) {
            var overGrownHeapSize = oldSize * (1 + 0.2 / cutDown);
            overGrownHeapSize = Math.min(overGrownHeapSize, requestedSize + 100663296);
            var newSize = Math.min(maxHeapSize, alignMemory(Math.max(requestedSize, overGrownHeapSize), 65536));
            var replacement = growMemory(newSize);
            if (replacement) {
              return true;
            }
          }
          return false;
        };
        var PATH = { isAbs: (path14) => path14.charAt(0) === "/", splitPath: (filename) => {
          var splitPathRe = /^(\/?|)([\s\S]*?)((?:\.{1,2}|[^\/]+?|)(\.[^.\/]*|))(?:[\/]*)$/;
          return splitPathRe.exec(filename).slice(1);
        }, normalizeArray: (parts, allowAboveRoot) => {
          var up = 0;
          for (var i = parts.length - 1; i >= 0; i--) {
            var last = parts[i];
            if (last === ".") {
              parts.splice(i, 1);
            } else if (last === "..") {
              parts.splice(i, 1);
              up++;
            } else if (up) {
              parts.splice(i, 1);
              up--;
            }
          }
          if (allowAboveRoot) {
            for (; up; up--) {
              parts.unshift("..");
            }
          }
          return parts;
        }, normalize: (path14) => {
          var isAbsolute = PATH.isAbs(path14), trailingSlash = path14.slice(-1) === "/";
          path14 = PATH.normalizeArray(path14.split("/").filter((p) => !!p), !isAbsolute).join("/");
          if (!path14 && !isAbsolute) {
            path14 = ".";
          }
          if (path14 && trailingSlash) {
            path14 += "/";
          }
          return (isAbsolute ? "/" : "") + path14;
        }, dirname: (path14) => {
          var result = PATH.splitPath(path14), root = result[0], dir = result[1];
          if (!root && !dir) {
            return ".";
          }
          if (dir) {
            dir = dir.slice(0, -1);
          }
          return root + dir;
        }, basename: (path14) => path14 && path14.match(/([^\/]+|\/)\/*$/)[1], join: (...paths) => PATH.normalize(paths.join("/")), join2: (l, r) => PATH.normalize(l + "/" + r) };
        var initRandomFill = () => {
          if (ENVIRONMENT_IS_NODE) {
            var nodeCrypto = __require("node:crypto");
            return (view) => (nodeCrypto.randomFillSync(view), 0);
          }
          return (view) => (crypto.getRandomValues(view), 0);
        };
        var randomFill = (view) => (randomFill = initRandomFill())(view);
        var PATH_FS = { resolve: (...args) => {
          var resolvedPath = "", resolvedAbsolute = false;
          for (var i = args.length - 1; i >= -1 && !resolvedAbsolute; i--) {
            var path14 = i >= 0 ? args[i] : FS.cwd();
            if (typeof path14 != "string") {
              throw new TypeError("Arguments to path.resolve must be strings");
            } else if (!path14) {
              return "";
            }
            resolvedPath = path14 + "/" + resolvedPath;
            resolvedAbsolute = PATH.isAbs(path14);
          }
          resolvedPath = PATH.normalizeArray(resolvedPath.split("/").filter((p) => !!p), !resolvedAbsolute).join("/");
          return (resolvedAbsolute ? "/" : "") + resolvedPath || ".";
        }, relative: (from, to) => {
          from = PATH_FS.resolve(from).slice(1);
          to = PATH_FS.resolve(to).slice(1);
          function trim(arr) {
            var start = 0;
            for (; start < arr.length; start++) {
              if (arr[start] !== "") break;
            }
            var end = arr.length - 1;
            for (; end >= 0; end--) {
              if (arr[end] !== "") break;
            }
            if (start > end) return [];
            return arr.slice(start, end - start + 1);
          }
          var fromParts = trim(from.split("/"));
          var toParts = trim(to.split("/"));
          var length = Math.min(fromParts.length, toParts.length);
          var samePartsLength = length;
          for (var i = 0; i < length; i++) {
            if (fromParts[i] !== toParts[i]) {
              samePartsLength = i;
              break;
            }
          }
          var outputParts = [];
          for (var i = samePartsLength; i < fromParts.length; i++) {
            outputParts.push("..");
          }
          outputParts = outputParts.concat(toParts.slice(samePartsLength));
          return outputParts.join("/");
        } };
        var FS_stdin_getChar_buffer = [];
        var lengthBytesUTF8 = (str2) => {
          var len = 0;
          for (var i = 0; i < str2.length; ++i) {
            var c = str2.charCodeAt(i);
            if (c <= 127) {
              len++;
            } else if (c <= 2047) {
              len += 2;
            } else if (c >= 55296 && c <= 57343) {
              len += 4;
              ++i;
            } else {
              len += 3;
            }
          }
          return len;
        };
        var stringToUTF8Array = (str2, heap, outIdx, maxBytesToWrite) => {
          if (!(maxBytesToWrite > 0)) return 0;
          var startIdx = outIdx;
          var endIdx = outIdx + maxBytesToWrite - 1;
          for (var i = 0; i < str2.length; ++i) {
            var u = str2.codePointAt(i);
            if (u <= 127) {
              if (outIdx >= endIdx) break;
              heap[outIdx++] = u;
            } else if (u <= 2047) {
              if (outIdx + 1 >= endIdx) break;
              heap[outIdx++] = 192 | u >> 6;
              heap[outIdx++] = 128 | u & 63;
            } else if (u <= 65535) {
              if (outIdx + 2 >= endIdx) break;
              heap[outIdx++] = 224 | u >> 12;
              heap[outIdx++] = 128 | u >> 6 & 63;
              heap[outIdx++] = 128 | u & 63;
            } else {
              if (outIdx + 3 >= endIdx) break;
              heap[outIdx++] = 240 | u >> 18;
              heap[outIdx++] = 128 | u >> 12 & 63;
              heap[outIdx++] = 128 | u >> 6 & 63;
              heap[outIdx++] = 128 | u & 63;
              i++;
            }
          }
          heap[outIdx] = 0;
          return outIdx - startIdx;
        };
        var intArrayFromString = (stringy, dontAddNull, length) => {
          var len = length > 0 ? length : lengthBytesUTF8(stringy) + 1;
          var u8array = new Array(len);
          var numBytesWritten = stringToUTF8Array(stringy, u8array, 0, u8array.length);
          if (dontAddNull) u8array.length = numBytesWritten;
          return u8array;
        };
        var FS_stdin_getChar = () => {
          if (!FS_stdin_getChar_buffer.length) {
            var result = null;
            if (ENVIRONMENT_IS_NODE) {
              var BUFSIZE = 256;
              var buf = Buffer.alloc(BUFSIZE);
              var bytesRead = 0;
              var fd = process.stdin.fd;
              try {
                bytesRead = fs3.readSync(fd, buf, 0, BUFSIZE);
              } catch (e) {
                if (e.toString().includes("EOF")) bytesRead = 0;
                else throw e;
              }
              if (bytesRead > 0) {
                result = buf.slice(0, bytesRead).toString("utf-8");
              }
            } else if (globalThis.window?.prompt) {
              result = window.prompt("Input: ");
              if (result !== null) {
                result += "\n";
              }
            } else {
            }
            if (!result) {
              return null;
            }
            FS_stdin_getChar_buffer = intArrayFromString(result, true);
          }
          return FS_stdin_getChar_buffer.shift();
        };
        var TTY = { ttys: [], init() {
        }, shutdown() {
        }, register(dev, ops) {
          TTY.ttys[dev] = { input: [], output: [], ops };
          FS.registerDevice(dev, TTY.stream_ops);
        }, stream_ops: { open(stream) {
          var tty = TTY.ttys[stream.node.rdev];
          if (!tty) {
            throw new FS.ErrnoError(43);
          }
          stream.tty = tty;
          stream.seekable = false;
        }, close(stream) {
          stream.tty.ops.fsync(stream.tty);
        }, fsync(stream) {
          stream.tty.ops.fsync(stream.tty);
        }, read(stream, buffer, offset, length, pos) {
          if (!stream.tty || !stream.tty.ops.get_char) {
            throw new FS.ErrnoError(60);
          }
          var bytesRead = 0;
          for (var i = 0; i < length; i++) {
            var result;
            try {
              result = stream.tty.ops.get_char(stream.tty);
            } catch (e) {
              throw new FS.ErrnoError(29);
            }
            if (result === void 0 && bytesRead === 0) {
              throw new FS.ErrnoError(6);
            }
            if (result === null || result === void 0) break;
            bytesRead++;
            buffer[offset + i] = result;
          }
          if (bytesRead) {
            stream.node.atime = Date.now();
          }
          return bytesRead;
        }, write(stream, buffer, offset, length, pos) {
          if (!stream.tty || !stream.tty.ops.put_char) {
            throw new FS.ErrnoError(60);
          }
          try {
            for (var i = 0; i < length; i++) {
              stream.tty.ops.put_char(stream.tty, buffer[offset + i]);
            }
          } catch (e) {
            throw new FS.ErrnoError(29);
          }
          if (length) {
            stream.node.mtime = stream.node.ctime = Date.now();
          }
          return i;
        } }, default_tty_ops: { get_char(tty) {
          return FS_stdin_getChar();
        }, put_char(tty, val) {
          if (val === null || val === 10) {
            out(UTF8ArrayToString(tty.output));
            tty.output = [];
          } else {
            if (val != 0) tty.output.push(val);
          }
        }, fsync(tty) {
          if (tty.output?.length > 0) {
            out(UTF8ArrayToString(tty.output));
            tty.output = [];
          }
        }, ioctl_tcgets(tty) {
          return { c_iflag: 25856, c_oflag: 5, c_cflag: 191, c_lflag: 35387, c_cc: [3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] };
        }, ioctl_tcsets(tty, optional_actions, data) {
          return 0;
        }, ioctl_tiocgwinsz(tty) {
          return [24, 80];
        } }, default_tty1_ops: { put_char(tty, val) {
          if (val === null || val === 10) {
            err(UTF8ArrayToString(tty.output));
            tty.output = [];
          } else {
            if (val != 0) tty.output.push(val);
          }
        }, fsync(tty) {
          if (tty.output?.length > 0) {
            err(UTF8ArrayToString(tty.output));
            tty.output = [];
          }
        } } };
        var mmapAlloc = (size) => {
          abort();
        };
        var MEMFS = { ops_table: null, mount(mount) {
          return MEMFS.createNode(null, "/", 16895, 0);
        }, createNode(parent, name, mode, dev) {
          if (FS.isBlkdev(mode) || FS.isFIFO(mode)) {
            throw new FS.ErrnoError(63);
          }
          MEMFS.ops_table ||= { dir: { node: { getattr: MEMFS.node_ops.getattr, setattr: MEMFS.node_ops.setattr, lookup: MEMFS.node_ops.lookup, mknod: MEMFS.node_ops.mknod, rename: MEMFS.node_ops.rename, unlink: MEMFS.node_ops.unlink, rmdir: MEMFS.node_ops.rmdir, readdir: MEMFS.node_ops.readdir, symlink: MEMFS.node_ops.symlink }, stream: { llseek: MEMFS.stream_ops.llseek } }, file: { node: { getattr: MEMFS.node_ops.getattr, setattr: MEMFS.node_ops.setattr }, stream: { llseek: MEMFS.stream_ops.llseek, read: MEMFS.stream_ops.read, write: MEMFS.stream_ops.write, mmap: MEMFS.stream_ops.mmap, msync: MEMFS.stream_ops.msync } }, link: { node: { getattr: MEMFS.node_ops.getattr, setattr: MEMFS.node_ops.setattr, readlink: MEMFS.node_ops.readlink }, stream: {} }, chrdev: { node: { getattr: MEMFS.node_ops.getattr, setattr: MEMFS.node_ops.setattr }, stream: FS.chrdev_stream_ops } };
          var node = FS.createNode(parent, name, mode, dev);
          if (FS.isDir(node.mode)) {
            node.node_ops = MEMFS.ops_table.dir.node;
            node.stream_ops = MEMFS.ops_table.dir.stream;
            node.contents = {};
          } else if (FS.isFile(node.mode)) {
            node.node_ops = MEMFS.ops_table.file.node;
            node.stream_ops = MEMFS.ops_table.file.stream;
            node.usedBytes = 0;
            node.contents = MEMFS.emptyFileContents ??= new Uint8Array(0);
          } else if (FS.isLink(node.mode)) {
            node.node_ops = MEMFS.ops_table.link.node;
            node.stream_ops = MEMFS.ops_table.link.stream;
          } else if (FS.isChrdev(node.mode)) {
            node.node_ops = MEMFS.ops_table.chrdev.node;
            node.stream_ops = MEMFS.ops_table.chrdev.stream;
          }
          node.atime = node.mtime = node.ctime = Date.now();
          if (parent) {
            parent.contents[name] = node;
            parent.atime = parent.mtime = parent.ctime = node.atime;
          }
          return node;
        }, getFileDataAsTypedArray(node) {
          return node.contents.subarray(0, node.usedBytes);
        }, expandFileStorage(node, newCapacity) {
          var prevCapacity = node.contents.length;
          if (prevCapacity >= newCapacity) return;
          var CAPACITY_DOUBLING_MAX = 1024 * 1024;
          newCapacity = Math.max(newCapacity, prevCapacity * (prevCapacity < CAPACITY_DOUBLING_MAX ? 2 : 1.125) >>> 0);
          if (prevCapacity) newCapacity = Math.max(newCapacity, 256);
          var oldContents = MEMFS.getFileDataAsTypedArray(node);
          node.contents = new Uint8Array(newCapacity);
          node.contents.set(oldContents);
        }, resizeFileStorage(node, newSize) {
          if (node.usedBytes == newSize) return;
          var oldContents = node.contents;
          node.contents = new Uint8Array(newSize);
          node.contents.set(oldContents.subarray(0, Math.min(newSize, node.usedBytes)));
          node.usedBytes = newSize;
        }, node_ops: { getattr(node) {
          var attr = {};
          attr.dev = FS.isChrdev(node.mode) ? node.id : 1;
          attr.ino = node.id;
          attr.mode = node.mode;
          attr.nlink = 1;
          attr.uid = 0;
          attr.gid = 0;
          attr.rdev = node.rdev;
          if (FS.isDir(node.mode)) {
            attr.size = 4096;
          } else if (FS.isFile(node.mode)) {
            attr.size = node.usedBytes;
          } else if (FS.isLink(node.mode)) {
            attr.size = node.link.length;
          } else {
            attr.size = 0;
          }
          attr.atime = new Date(node.atime);
          attr.mtime = new Date(node.mtime);
          attr.ctime = new Date(node.ctime);
          attr.blksize = 4096;
          attr.blocks = Math.ceil(attr.size / attr.blksize);
          return attr;
        }, setattr(node, attr) {
          for (const key of ["mode", "atime", "mtime", "ctime"]) {
            if (attr[key] != null) {
              node[key] = attr[key];
            }
          }
          if (attr.size !== void 0) {
            MEMFS.resizeFileStorage(node, attr.size);
          }
        }, lookup(parent, name) {
          if (!MEMFS.doesNotExistError) {
            MEMFS.doesNotExistError = new FS.ErrnoError(44);
            MEMFS.doesNotExistError.stack = "<generic error, no stack>";
          }
          throw MEMFS.doesNotExistError;
        }, mknod(parent, name, mode, dev) {
          return MEMFS.createNode(parent, name, mode, dev);
        }, rename(old_node, new_dir, new_name) {
          var new_node;
          try {
            new_node = FS.lookupNode(new_dir, new_name);
          } catch (e) {
          }
          if (new_node) {
            if (FS.isDir(old_node.mode)) {
              for (var i in new_node.contents) {
                throw new FS.ErrnoError(55);
              }
            }
            FS.hashRemoveNode(new_node);
          }
          delete old_node.parent.contents[old_node.name];
          new_dir.contents[new_name] = old_node;
          old_node.name = new_name;
          new_dir.ctime = new_dir.mtime = old_node.parent.ctime = old_node.parent.mtime = Date.now();
        }, unlink(parent, name) {
          delete parent.contents[name];
          parent.ctime = parent.mtime = Date.now();
        }, rmdir(parent, name) {
          var node = FS.lookupNode(parent, name);
          for (var i in node.contents) {
            throw new FS.ErrnoError(55);
          }
          delete parent.contents[name];
          parent.ctime = parent.mtime = Date.now();
        }, readdir(node) {
          return [".", "..", ...Object.keys(node.contents)];
        }, symlink(parent, newname, oldpath) {
          var node = MEMFS.createNode(parent, newname, 511 | 40960, 0);
          node.link = oldpath;
          return node;
        }, readlink(node) {
          if (!FS.isLink(node.mode)) {
            throw new FS.ErrnoError(28);
          }
          return node.link;
        } }, stream_ops: { read(stream, buffer, offset, length, position) {
          var contents = stream.node.contents;
          if (position >= stream.node.usedBytes) return 0;
          var size = Math.min(stream.node.usedBytes - position, length);
          buffer.set(contents.subarray(position, position + size), offset);
          return size;
        }, write(stream, buffer, offset, length, position, canOwn) {
          if (buffer.buffer === HEAP8.buffer) {
            canOwn = false;
          }
          if (!length) return 0;
          var node = stream.node;
          node.mtime = node.ctime = Date.now();
          if (canOwn) {
            node.contents = buffer.subarray(offset, offset + length);
            node.usedBytes = length;
          } else if (node.usedBytes === 0 && position === 0) {
            node.contents = buffer.slice(offset, offset + length);
            node.usedBytes = length;
          } else {
            MEMFS.expandFileStorage(node, position + length);
            node.contents.set(buffer.subarray(offset, offset + length), position);
            node.usedBytes = Math.max(node.usedBytes, position + length);
          }
          return length;
        }, llseek(stream, offset, whence) {
          var position = offset;
          if (whence === 1) {
            position += stream.position;
          } else if (whence === 2) {
            if (FS.isFile(stream.node.mode)) {
              position += stream.node.usedBytes;
            }
          }
          if (position < 0) {
            throw new FS.ErrnoError(28);
          }
          return position;
        }, mmap(stream, length, position, prot, flags) {
          if (!FS.isFile(stream.node.mode)) {
            throw new FS.ErrnoError(43);
          }
          var ptr;
          var allocated;
          var contents = stream.node.contents;
          if (!(flags & 2) && contents.buffer === HEAP8.buffer) {
            allocated = false;
            ptr = contents.byteOffset;
          } else {
            allocated = true;
            ptr = mmapAlloc(length);
            if (!ptr) {
              throw new FS.ErrnoError(48);
            }
            if (contents) {
              if (position > 0 || position + length < contents.length) {
                if (contents.subarray) {
                  contents = contents.subarray(position, position + length);
                } else {
                  contents = Array.prototype.slice.call(contents, position, position + length);
                }
              }
              HEAP8.set(contents, ptr);
            }
          }
          return { ptr, allocated };
        }, msync(stream, buffer, offset, length, mmapFlags) {
          MEMFS.stream_ops.write(stream, buffer, 0, length, offset, false);
          return 0;
        } } };
        var FS_modeStringToFlags = (str2) => {
          if (typeof str2 != "string") return str2;
          var flagModes = { r: 0, "r+": 2, w: 512 | 64 | 1, "w+": 512 | 64 | 2, a: 1024 | 64 | 1, "a+": 1024 | 64 | 2 };
          var flags = flagModes[str2];
          if (typeof flags == "undefined") {
            throw new Error(`Unknown file open mode: ${str2}`);
          }
          return flags;
        };
        var FS_fileDataToTypedArray = (data) => {
          if (typeof data == "string") {
            data = intArrayFromString(data, true);
          }
          if (!data.subarray) {
            data = new Uint8Array(data);
          }
          return data;
        };
        var FS_getMode = (canRead, canWrite) => {
          var mode = 0;
          if (canRead) mode |= 292 | 73;
          if (canWrite) mode |= 146;
          return mode;
        };
        var asyncLoad = async (url) => {
          var arrayBuffer = await readAsync(url);
          return new Uint8Array(arrayBuffer);
        };
        var FS_createDataFile = (...args) => FS.createDataFile(...args);
        var getUniqueRunDependency = (id) => id;
        var dependenciesPromise = null;
        var resolveRunDependencies = async () => dependenciesPromise;
        var runDependencies = 0;
        var dependenciesPromiseResolve = null;
        var removeRunDependency = (id) => {
          runDependencies--;
          Module["monitorRunDependencies"]?.(runDependencies);
          if (!runDependencies) {
            dependenciesPromiseResolve();
          }
        };
        var addRunDependency = (id) => {
          if (!runDependencies) {
            dependenciesPromise = new Promise((resolve3) => dependenciesPromiseResolve = resolve3);
          }
          runDependencies++;
          Module["monitorRunDependencies"]?.(runDependencies);
        };
        var preloadPlugins = [];
        var FS_handledByPreloadPlugin = async (byteArray, fullname) => {
          if (typeof Browser != "undefined") Browser.init();
          for (var plugin of preloadPlugins) {
            if (plugin["canHandle"](fullname)) {
              return plugin["handle"](byteArray, fullname);
            }
          }
          return byteArray;
        };
        var FS_preloadFile = async (parent, name, url, canRead, canWrite, dontCreateFile, canOwn, preFinish) => {
          var fullname = name ? PATH_FS.resolve(PATH.join2(parent, name)) : parent;
          var dep = getUniqueRunDependency(`cp ${fullname}`);
          addRunDependency(dep);
          try {
            var byteArray = url;
            if (typeof url == "string") {
              byteArray = await asyncLoad(url);
            }
            byteArray = await FS_handledByPreloadPlugin(byteArray, fullname);
            preFinish?.();
            if (!dontCreateFile) {
              FS_createDataFile(parent, name, byteArray, canRead, canWrite, canOwn);
            }
          } finally {
            removeRunDependency(dep);
          }
        };
        var FS_createPreloadedFile = (parent, name, url, canRead, canWrite, onload, onerror, dontCreateFile, canOwn, preFinish) => {
          FS_preloadFile(parent, name, url, canRead, canWrite, dontCreateFile, canOwn, preFinish).then(onload).catch(onerror);
        };
        var FS = { root: null, mounts: [], devices: {}, streams: [], nextInode: 1, nameTable: null, currentPath: "/", initialized: false, ignorePermissions: true, filesystems: null, syncFSRequests: 0, ErrnoError: class {
          name = "ErrnoError";
          constructor(errno) {
            this.errno = errno;
          }
        }, FSStream: class {
          shared = {};
          get object() {
            return this.node;
          }
          set object(val) {
            this.node = val;
          }
          get isRead() {
            return (this.flags & 2097155) !== 1;
          }
          get isWrite() {
            return (this.flags & 2097155) !== 0;
          }
          get isAppend() {
            return this.flags & 1024;
          }
          get flags() {
            return this.shared.flags;
          }
          set flags(val) {
            this.shared.flags = val;
          }
          get position() {
            return this.shared.position;
          }
          set position(val) {
            this.shared.position = val;
          }
        }, FSNode: class {
          node_ops = {};
          stream_ops = {};
          readMode = 292 | 73;
          writeMode = 146;
          mounted = null;
          constructor(parent, name, mode, rdev) {
            if (!parent) {
              parent = this;
            }
            this.parent = parent;
            this.mount = parent.mount;
            this.id = FS.nextInode++;
            this.name = name;
            this.mode = mode;
            this.rdev = rdev;
            this.atime = this.mtime = this.ctime = Date.now();
          }
          get read() {
            return (this.mode & this.readMode) === this.readMode;
          }
          set read(val) {
            val ? this.mode |= this.readMode : this.mode &= ~this.readMode;
          }
          get write() {
            return (this.mode & this.writeMode) === this.writeMode;
          }
          set write(val) {
            val ? this.mode |= this.writeMode : this.mode &= ~this.writeMode;
          }
          get isFolder() {
            return FS.isDir(this.mode);
          }
          get isDevice() {
            return FS.isChrdev(this.mode);
          }
          addListener(cb, exclusive = false) {
            var entry = { cb, exclusive };
            var listeners = this.listeners ??= /* @__PURE__ */ new Set();
            listeners.add(entry);
            return { listeners, entry };
          }
          notifyListeners(flags) {
            if (!this.listeners) return;
            var excl;
            for (var entry of this.listeners) {
              if (entry.exclusive) (excl ||= []).push(entry);
              else entry.cb(flags);
            }
            if (excl) {
              var i = (this.exclTurn || 0) % excl.length;
              this.exclTurn = i + 1;
              excl[i].cb(flags);
            }
          }
        }, lookupPath(path14, opts = {}) {
          if (!path14) {
            throw new FS.ErrnoError(44);
          }
          opts.follow_mount ??= true;
          if (!PATH.isAbs(path14)) {
            path14 = FS.cwd() + "/" + path14;
          }
          linkloop: for (var nlinks = 0; nlinks < 40; nlinks++) {
            var parts = path14.split("/").filter((p) => !!p);
            var current = FS.root;
            var current_path = "/";
            for (var i = 0; i < parts.length; i++) {
              var islast = i === parts.length - 1;
              if (islast && opts.parent) {
                break;
              }
              if (parts[i] === ".") {
                continue;
              }
              if (parts[i] === "..") {
                current_path = PATH.dirname(current_path);
                if (FS.isRoot(current)) {
                  path14 = current_path + "/" + parts.slice(i + 1).join("/");
                  nlinks--;
                  continue linkloop;
                } else {
                  current = current.parent;
                }
                continue;
              }
              current_path = PATH.join2(current_path, parts[i]);
              try {
                current = FS.lookupNode(current, parts[i]);
              } catch (e) {
                if (e?.errno === 44 && islast && opts.noent_okay) {
                  return { path: current_path };
                }
                throw e;
              }
              if (FS.isMountpoint(current) && (!islast || opts.follow_mount)) {
                current = current.mounted.root;
              }
              if (FS.isLink(current.mode) && (!islast || opts.follow)) {
                if (!current.node_ops.readlink) {
                  throw new FS.ErrnoError(52);
                }
                var link = current.node_ops.readlink(current);
                if (!PATH.isAbs(link)) {
                  link = PATH.dirname(current_path) + "/" + link;
                }
                path14 = link + "/" + parts.slice(i + 1).join("/");
                continue linkloop;
              }
            }
            return { path: current_path, node: current };
          }
          throw new FS.ErrnoError(32);
        }, getPath(node) {
          var path14;
          while (true) {
            if (FS.isRoot(node)) {
              var mount = node.mount.mountpoint;
              if (!path14) return mount;
              return mount[mount.length - 1] !== "/" ? `${mount}/${path14}` : mount + path14;
            }
            path14 = path14 ? `${node.name}/${path14}` : node.name;
            node = node.parent;
          }
        }, hashName(parentid, name) {
          var hash = 0;
          for (var i = 0; i < name.length; i++) {
            hash = (hash << 5) - hash + name.charCodeAt(i) | 0;
          }
          return (parentid + hash >>> 0) % FS.nameTable.length;
        }, hashAddNode(node) {
          var hash = FS.hashName(node.parent.id, node.name);
          node.name_next = FS.nameTable[hash];
          FS.nameTable[hash] = node;
        }, hashRemoveNode(node) {
          var hash = FS.hashName(node.parent.id, node.name);
          if (FS.nameTable[hash] === node) {
            FS.nameTable[hash] = node.name_next;
          } else {
            var current = FS.nameTable[hash];
            while (current) {
              if (current.name_next === node) {
                current.name_next = node.name_next;
                break;
              }
              current = current.name_next;
            }
          }
        }, lookupNode(parent, name) {
          var errCode = FS.mayLookup(parent);
          if (errCode) {
            throw new FS.ErrnoError(errCode);
          }
          var hash = FS.hashName(parent.id, name);
          for (var node = FS.nameTable[hash]; node; node = node.name_next) {
            var nodeName = node.name;
            if (node.parent.id === parent.id && nodeName === name) {
              return node;
            }
          }
          return FS.lookup(parent, name);
        }, createNode(parent, name, mode, rdev) {
          var node = new FS.FSNode(parent, name, mode, rdev);
          FS.hashAddNode(node);
          return node;
        }, destroyNode(node) {
          FS.hashRemoveNode(node);
        }, isRoot(node) {
          return node === node.parent;
        }, isMountpoint(node) {
          return !!node.mounted;
        }, isFile(mode) {
          return (mode & 61440) === 32768;
        }, isDir(mode) {
          return (mode & 61440) === 16384;
        }, isLink(mode) {
          return (mode & 61440) === 40960;
        }, isChrdev(mode) {
          return (mode & 61440) === 8192;
        }, isBlkdev(mode) {
          return (mode & 61440) === 24576;
        }, isFIFO(mode) {
          return (mode & 61440) === 4096;
        }, isSocket(mode) {
          return (mode & 49152) === 49152;
        }, flagsToPermissionString(flag) {
          var perms = ["r", "w", "rw"][flag & 3];
          if (flag & 512) {
            perms += "w";
          }
          return perms;
        }, nodePermissions(node, perms) {
          if (FS.ignorePermissions) {
            return 0;
          }
          if (perms.includes("r") && !(node.mode & 292)) {
            return 2;
          }
          if (perms.includes("w") && !(node.mode & 146)) {
            return 2;
          }
          if (perms.includes("x") && !(node.mode & 73)) {
            return 2;
          }
          return 0;
        }, mayLookup(dir) {
          if (!FS.isDir(dir.mode)) return 54;
          var errCode = FS.nodePermissions(dir, "x");
          if (errCode) return errCode;
          if (!dir.node_ops.lookup) return 2;
          return 0;
        }, mayCreate(dir, name) {
          if (!FS.isDir(dir.mode)) {
            return 54;
          }
          try {
            var node = FS.lookupNode(dir, name);
            return 20;
          } catch (e) {
          }
          return FS.nodePermissions(dir, "wx");
        }, mayDelete(dir, name, isdir) {
          var node;
          try {
            node = FS.lookupNode(dir, name);
          } catch (e) {
            return e.errno;
          }
          var errCode = FS.nodePermissions(dir, "wx");
          if (errCode) {
            return errCode;
          }
          if (isdir) {
            if (!FS.isDir(node.mode)) {
              return 54;
            }
            if (FS.isRoot(node) || FS.getPath(node) === FS.cwd()) {
              return 10;
            }
          } else if (FS.isDir(node.mode)) {
            return 31;
          }
          return 0;
        }, mayOpen(node, flags) {
          if (!node) {
            return 44;
          }
          if (FS.isLink(node.mode)) {
            return 32;
          }
          var mode = FS.flagsToPermissionString(flags);
          if (FS.isDir(node.mode)) {
            if (mode !== "r" || flags & (512 | 64)) {
              return 31;
            }
          }
          return FS.nodePermissions(node, mode);
        }, checkOpExists(op, err2) {
          if (!op) {
            throw new FS.ErrnoError(err2);
          }
          return op;
        }, MAX_OPEN_FDS: 4096, nextfd() {
          for (var fd = 0; fd <= FS.MAX_OPEN_FDS; fd++) {
            if (!FS.streams[fd]) {
              return fd;
            }
          }
          throw new FS.ErrnoError(33);
        }, getStreamChecked(fd) {
          var stream = FS.getStream(fd);
          if (!stream) {
            throw new FS.ErrnoError(8);
          }
          return stream;
        }, getStream: (fd) => FS.streams[fd], createStream(stream, fd = -1) {
          stream = Object.assign(new FS.FSStream(), stream);
          if (fd == -1) {
            fd = FS.nextfd();
          }
          stream.fd = fd;
          FS.streams[fd] = stream;
          return stream;
        }, closeStream(fd) {
          FS.streams[fd] = null;
        }, dupStream(origStream, fd = -1) {
          var stream = FS.createStream(origStream, fd);
          stream.stream_ops?.dup?.(stream);
          return stream;
        }, doSetAttr(stream, node, attr) {
          var setattr = stream?.stream_ops.setattr;
          var arg = setattr ? stream : node;
          setattr ??= node.node_ops.setattr;
          FS.checkOpExists(setattr, 63);
          try {
            setattr(arg, attr);
          } catch (e) {
            if (e instanceof RangeError) {
              throw new FS.ErrnoError(22);
            }
            throw e;
          }
        }, chrdev_stream_ops: { open(stream) {
          var device = FS.getDevice(stream.node.rdev);
          stream.stream_ops = device.stream_ops;
          stream.stream_ops.open?.(stream);
        }, llseek() {
          throw new FS.ErrnoError(70);
        } }, major: (dev) => dev >> 8, minor: (dev) => dev & 255, makedev: (ma, mi) => ma << 8 | mi, registerDevice(dev, ops) {
          FS.devices[dev] = { stream_ops: ops };
        }, getDevice: (dev) => FS.devices[dev], getMounts(mount) {
          var mounts = [];
          var check = [mount];
          while (check.length) {
            var m = check.pop();
            mounts.push(m);
            check.push(...m.mounts);
          }
          return mounts;
        }, syncfs(populate, callback) {
          if (typeof populate == "function") {
            callback = populate;
            populate = false;
          }
          FS.syncFSRequests++;
          if (FS.syncFSRequests > 1) {
            err(`warning: ${FS.syncFSRequests} FS.syncfs operations in flight at once, probably just doing extra work`);
          }
          var mounts = FS.getMounts(FS.root.mount);
          var completed = 0;
          function doCallback(errCode) {
            FS.syncFSRequests--;
            return callback(errCode);
          }
          function done(errCode) {
            if (errCode) {
              if (!done.errored) {
                done.errored = true;
                return doCallback(errCode);
              }
              return;
            }
            if (++completed >= mounts.length) {
              doCallback(null);
            }
          }
          for (var mount of mounts) {
            if (mount.type.syncfs) {
              mount.type.syncfs(mount, populate, done);
            } else {
              done(null);
            }
          }
        }, mount(type, opts, mountpoint) {
          var root = mountpoint === "/";
          var pseudo = !mountpoint;
          var node;
          if (root && FS.root) {
            throw new FS.ErrnoError(10);
          } else if (!root && !pseudo) {
            var lookup = FS.lookupPath(mountpoint, { follow_mount: false });
            mountpoint = lookup.path;
            node = lookup.node;
            if (FS.isMountpoint(node)) {
              throw new FS.ErrnoError(10);
            }
            if (!FS.isDir(node.mode)) {
              throw new FS.ErrnoError(54);
            }
          }
          var mount = { type, opts, mountpoint, mounts: [] };
          var mountRoot = type.mount(mount);
          mountRoot.mount = mount;
          mount.root = mountRoot;
          if (root) {
            FS.root = mountRoot;
          } else if (node) {
            node.mounted = mount;
            if (node.mount) {
              node.mount.mounts.push(mount);
            }
          }
          return mountRoot;
        }, unmount(mountpoint) {
          var lookup = FS.lookupPath(mountpoint, { follow_mount: false });
          if (!FS.isMountpoint(lookup.node)) {
            throw new FS.ErrnoError(28);
          }
          var node = lookup.node;
          var mount = node.mounted;
          var mounts = FS.getMounts(mount);
          for (var [hash, current] of Object.entries(FS.nameTable)) {
            while (current) {
              var next = current.name_next;
              if (mounts.includes(current.mount)) {
                FS.destroyNode(current);
              }
              current = next;
            }
          }
          node.mounted = null;
          var idx = node.mount.mounts.indexOf(mount);
          node.mount.mounts.splice(idx, 1);
        }, lookup(parent, name) {
          return parent.node_ops.lookup(parent, name);
        }, mknod(path14, mode, dev) {
          var lookup = FS.lookupPath(path14, { parent: true });
          var parent = lookup.node;
          var name = PATH.basename(path14);
          if (!name) {
            throw new FS.ErrnoError(28);
          }
          if (name === "." || name === "..") {
            throw new FS.ErrnoError(20);
          }
          var errCode = FS.mayCreate(parent, name);
          if (errCode) {
            throw new FS.ErrnoError(errCode);
          }
          if (!parent.node_ops.mknod) {
            throw new FS.ErrnoError(63);
          }
          return parent.node_ops.mknod(parent, name, mode, dev);
        }, statfs(path14) {
          return FS.statfsNode(FS.lookupPath(path14, { follow: true }).node);
        }, statfsStream(stream) {
          return FS.statfsNode(stream.node);
        }, statfsNode(node) {
          var rtn = { bsize: 4096, frsize: 4096, blocks: 1e6, bfree: 5e5, bavail: 5e5, files: FS.nextInode, ffree: FS.nextInode - 1, fsid: 42, flags: 2, namelen: 255 };
          if (node.node_ops.statfs) {
            Object.assign(rtn, node.node_ops.statfs(node.mount.opts.root));
          }
          return rtn;
        }, create(path14, mode = 438) {
          mode &= 4095;
          mode |= 32768;
          return FS.mknod(path14, mode, 0);
        }, mkdir(path14, mode = 511) {
          mode &= 511 | 512;
          mode |= 16384;
          return FS.mknod(path14, mode, 0);
        }, mkdirTree(path14, mode) {
          var dirs = path14.split("/");
          var d = "";
          for (var dir of dirs) {
            if (!dir) continue;
            if (d || PATH.isAbs(path14)) d += "/";
            d += dir;
            try {
              FS.mkdir(d, mode);
            } catch (e) {
              if (e.errno != 20) throw e;
            }
          }
        }, mkdev(path14, mode, dev) {
          if (typeof dev == "undefined") {
            dev = mode;
            mode = 438;
          }
          mode |= 8192;
          return FS.mknod(path14, mode, dev);
        }, symlink(oldpath, newpath) {
          if (!PATH_FS.resolve(oldpath)) {
            throw new FS.ErrnoError(44);
          }
          var lookup = FS.lookupPath(newpath, { parent: true });
          var parent = lookup.node;
          if (!parent) {
            throw new FS.ErrnoError(44);
          }
          var newname = PATH.basename(newpath);
          var errCode = FS.mayCreate(parent, newname);
          if (errCode) {
            throw new FS.ErrnoError(errCode);
          }
          if (!parent.node_ops.symlink) {
            throw new FS.ErrnoError(63);
          }
          return parent.node_ops.symlink(parent, newname, oldpath);
        }, link(oldpath, newpath, flags) {
          var lookup = FS.lookupPath(newpath, { parent: true });
          var parent = lookup.node;
          if (!parent) {
            throw new FS.ErrnoError(44);
          }
          var newname = PATH.basename(newpath);
          var errCode = FS.mayCreate(parent, newname);
          if (errCode) {
            throw new FS.ErrnoError(errCode);
          }
          if (!parent.node_ops.link) {
            throw new FS.ErrnoError(34);
          }
          return parent.node_ops.link(parent, newname, oldpath, flags);
        }, rename(old_path, new_path) {
          var old_dirname = PATH.dirname(old_path);
          var new_dirname = PATH.dirname(new_path);
          var old_name = PATH.basename(old_path);
          var new_name = PATH.basename(new_path);
          var lookup, old_dir, new_dir;
          lookup = FS.lookupPath(old_path, { parent: true });
          old_dir = lookup.node;
          lookup = FS.lookupPath(new_path, { parent: true });
          new_dir = lookup.node;
          if (!old_dir || !new_dir) throw new FS.ErrnoError(44);
          if (old_dir.mount !== new_dir.mount) {
            throw new FS.ErrnoError(75);
          }
          var old_node = FS.lookupNode(old_dir, old_name);
          var relative2 = PATH_FS.relative(old_path, new_dirname);
          if (relative2.charAt(0) !== ".") {
            throw new FS.ErrnoError(28);
          }
          relative2 = PATH_FS.relative(new_path, old_dirname);
          if (relative2.charAt(0) !== ".") {
            throw new FS.ErrnoError(55);
          }
          var new_node;
          try {
            new_node = FS.lookupNode(new_dir, new_name);
          } catch (e) {
          }
          if (old_node === new_node) {
            return;
          }
          var isdir = FS.isDir(old_node.mode);
          var errCode = FS.mayDelete(old_dir, old_name, isdir);
          if (errCode) {
            throw new FS.ErrnoError(errCode);
          }
          errCode = new_node ? FS.mayDelete(new_dir, new_name, isdir) : FS.mayCreate(new_dir, new_name);
          if (errCode) {
            throw new FS.ErrnoError(errCode);
          }
          if (!old_dir.node_ops.rename) {
            throw new FS.ErrnoError(63);
          }
          if (FS.isMountpoint(old_node) || new_node && FS.isMountpoint(new_node)) {
            throw new FS.ErrnoError(10);
          }
          if (new_dir !== old_dir) {
            errCode = FS.nodePermissions(old_dir, "w");
            if (errCode) {
              throw new FS.ErrnoError(errCode);
            }
          }
          FS.hashRemoveNode(old_node);
          try {
            old_dir.node_ops.rename(old_node, new_dir, new_name);
            old_node.parent = new_dir;
          } catch (e) {
            throw e;
          } finally {
            FS.hashAddNode(old_node);
          }
        }, rmdir(path14) {
          var lookup = FS.lookupPath(path14, { parent: true });
          var parent = lookup.node;
          var name = PATH.basename(path14);
          var node = FS.lookupNode(parent, name);
          var errCode = FS.mayDelete(parent, name, true);
          if (errCode) {
            throw new FS.ErrnoError(errCode);
          }
          if (!parent.node_ops.rmdir) {
            throw new FS.ErrnoError(63);
          }
          if (FS.isMountpoint(node)) {
            throw new FS.ErrnoError(10);
          }
          parent.node_ops.rmdir(parent, name);
          FS.destroyNode(node);
        }, readdir(path14) {
          var lookup = FS.lookupPath(path14, { follow: true });
          var node = lookup.node;
          var readdir = FS.checkOpExists(node.node_ops.readdir, 54);
          return readdir(node);
        }, unlink(path14) {
          var lookup = FS.lookupPath(path14, { parent: true });
          var parent = lookup.node;
          if (!parent) {
            throw new FS.ErrnoError(44);
          }
          var name = PATH.basename(path14);
          var node = FS.lookupNode(parent, name);
          var errCode = FS.mayDelete(parent, name, false);
          if (errCode) {
            throw new FS.ErrnoError(errCode);
          }
          if (!parent.node_ops.unlink) {
            throw new FS.ErrnoError(63);
          }
          if (FS.isMountpoint(node)) {
            throw new FS.ErrnoError(10);
          }
          parent.node_ops.unlink(parent, name);
          FS.destroyNode(node);
        }, readlink(path14) {
          var lookup = FS.lookupPath(path14);
          var link = lookup.node;
          if (!link) {
            throw new FS.ErrnoError(44);
          }
          if (!link.node_ops.readlink) {
            throw new FS.ErrnoError(28);
          }
          return link.node_ops.readlink(link);
        }, stat(path14, dontFollow) {
          var lookup = FS.lookupPath(path14, { follow: !dontFollow });
          var node = lookup.node;
          var getattr = FS.checkOpExists(node.node_ops.getattr, 63);
          return getattr(node);
        }, fstat(fd) {
          var stream = FS.getStreamChecked(fd);
          var node = stream.node;
          var getattr = stream.stream_ops.getattr;
          var arg = getattr ? stream : node;
          getattr ??= node.node_ops.getattr;
          FS.checkOpExists(getattr, 63);
          return getattr(arg);
        }, lstat(path14) {
          return FS.stat(path14, true);
        }, doChmod(stream, node, mode, dontFollow) {
          FS.doSetAttr(stream, node, { mode: mode & 4095 | node.mode & ~4095, ctime: Date.now(), dontFollow });
        }, chmod(path14, mode, dontFollow) {
          var node;
          if (typeof path14 == "string") {
            var lookup = FS.lookupPath(path14, { follow: !dontFollow });
            node = lookup.node;
          } else {
            node = path14;
          }
          FS.doChmod(null, node, mode, dontFollow);
        }, lchmod(path14, mode) {
          FS.chmod(path14, mode, true);
        }, fchmod(fd, mode) {
          var stream = FS.getStreamChecked(fd);
          FS.doChmod(stream, stream.node, mode, false);
        }, doChown(stream, node, dontFollow) {
          FS.doSetAttr(stream, node, { timestamp: Date.now(), dontFollow });
        }, chown(path14, uid, gid, dontFollow) {
          var node;
          if (typeof path14 == "string") {
            var lookup = FS.lookupPath(path14, { follow: !dontFollow });
            node = lookup.node;
          } else {
            node = path14;
          }
          FS.doChown(null, node, dontFollow);
        }, lchown(path14, uid, gid) {
          FS.chown(path14, uid, gid, true);
        }, fchown(fd, uid, gid) {
          var stream = FS.getStreamChecked(fd);
          FS.doChown(stream, stream.node, false);
        }, doTruncate(stream, node, len) {
          if (FS.isDir(node.mode)) {
            throw new FS.ErrnoError(31);
          }
          if (!FS.isFile(node.mode)) {
            throw new FS.ErrnoError(28);
          }
          var errCode = FS.nodePermissions(node, "w");
          if (errCode) {
            throw new FS.ErrnoError(errCode);
          }
          FS.doSetAttr(stream, node, { size: len, timestamp: Date.now() });
        }, truncate(path14, len) {
          if (len < 0) {
            throw new FS.ErrnoError(28);
          }
          var node;
          if (typeof path14 == "string") {
            var lookup = FS.lookupPath(path14, { follow: true });
            node = lookup.node;
          } else {
            node = path14;
          }
          FS.doTruncate(null, node, len);
        }, ftruncate(fd, len) {
          var stream = FS.getStreamChecked(fd);
          if (len < 0 || (stream.flags & 2097155) === 0) {
            throw new FS.ErrnoError(28);
          }
          FS.doTruncate(stream, stream.node, len);
        }, utime(path14, atime, mtime, dontFollow) {
          var lookup = FS.lookupPath(path14, { follow: !dontFollow });
          FS.doSetAttr(null, lookup.node, { atime, mtime, dontFollow });
        }, open(path14, flags, mode = 438) {
          if (path14 === "") {
            throw new FS.ErrnoError(44);
          }
          flags = FS_modeStringToFlags(flags);
          if (flags & 64) {
            mode = mode & 4095 | 32768;
          } else {
            mode = 0;
          }
          var node;
          var isDirPath;
          if (typeof path14 == "object") {
            node = path14;
          } else {
            isDirPath = path14.endsWith("/");
            var lookup = FS.lookupPath(path14, { follow: !(flags & 131072), noent_okay: true });
            node = lookup.node;
            path14 = lookup.path;
          }
          var created = false;
          if (flags & 64) {
            if (node) {
              if (flags & 128) {
                throw new FS.ErrnoError(20);
              }
            } else if (isDirPath) {
              throw new FS.ErrnoError(31);
            } else {
              node = FS.mknod(path14, mode | 511, 0);
              created = true;
            }
          }
          if (!node) {
            throw new FS.ErrnoError(44);
          }
          if (FS.isChrdev(node.mode)) {
            flags &= ~512;
          }
          if (flags & 65536 && !FS.isDir(node.mode)) {
            throw new FS.ErrnoError(54);
          }
          if (!created) {
            var errCode = FS.mayOpen(node, flags);
            if (errCode) {
              throw new FS.ErrnoError(errCode);
            }
          }
          if (flags & 512 && !created) {
            FS.truncate(node, 0);
          }
          flags &= ~(128 | 512 | 131072);
          var stream = FS.createStream({ node, path: FS.getPath(node), flags, seekable: true, position: 0, stream_ops: node.stream_ops, ungotten: [], error: false });
          if (stream.stream_ops.open) {
            stream.stream_ops.open(stream);
          }
          if (created) {
            FS.chmod(node, mode & 511);
          }
          return stream;
        }, close(stream) {
          if (FS.isClosed(stream)) {
            throw new FS.ErrnoError(8);
          }
          if (stream.getdents) stream.getdents = null;
          stream.node?.notifyListeners(32);
          try {
            if (stream.stream_ops.close) {
              stream.stream_ops.close(stream);
            }
          } catch (e) {
            throw e;
          } finally {
            FS.closeStream(stream.fd);
          }
          stream.fd = null;
        }, isClosed(stream) {
          return stream.fd === null;
        }, llseek(stream, offset, whence) {
          if (FS.isClosed(stream)) {
            throw new FS.ErrnoError(8);
          }
          if (!stream.seekable || !stream.stream_ops.llseek) {
            throw new FS.ErrnoError(70);
          }
          if (whence != 0 && whence != 1 && whence != 2) {
            throw new FS.ErrnoError(28);
          }
          stream.position = stream.stream_ops.llseek(stream, offset, whence);
          stream.ungotten = [];
          return stream.position;
        }, read(stream, buffer, offset, length, position) {
          if (length < 0 || position < 0) {
            throw new FS.ErrnoError(28);
          }
          if (FS.isClosed(stream)) {
            throw new FS.ErrnoError(8);
          }
          if ((stream.flags & 2097155) === 1) {
            throw new FS.ErrnoError(8);
          }
          if (FS.isDir(stream.node.mode)) {
            throw new FS.ErrnoError(31);
          }
          if (!stream.stream_ops.read) {
            throw new FS.ErrnoError(28);
          }
          var seeking = typeof position != "undefined";
          if (!seeking) {
            position = stream.position;
          } else if (!stream.seekable) {
            throw new FS.ErrnoError(70);
          }
          var bytesRead = stream.stream_ops.read(stream, buffer, offset, length, position);
          if (!seeking) stream.position += bytesRead;
          return bytesRead;
        }, write(stream, buffer, offset, length, position, canOwn) {
          if (length < 0 || position < 0) {
            throw new FS.ErrnoError(28);
          }
          if (FS.isClosed(stream)) {
            throw new FS.ErrnoError(8);
          }
          if ((stream.flags & 2097155) === 0) {
            throw new FS.ErrnoError(8);
          }
          if (FS.isDir(stream.node.mode)) {
            throw new FS.ErrnoError(31);
          }
          if (!stream.stream_ops.write) {
            throw new FS.ErrnoError(28);
          }
          if (stream.seekable && stream.flags & 1024) {
            FS.llseek(stream, 0, 2);
          }
          var seeking = typeof position != "undefined";
          if (!seeking) {
            position = stream.position;
          } else if (!stream.seekable) {
            throw new FS.ErrnoError(70);
          }
          var bytesWritten = stream.stream_ops.write(stream, buffer, offset, length, position, canOwn);
          if (!seeking) stream.position += bytesWritten;
          return bytesWritten;
        }, mmap(stream, length, position, prot, flags) {
          if ((prot & 2) !== 0 && (flags & 2) === 0 && (stream.flags & 2097155) !== 2) {
            throw new FS.ErrnoError(2);
          }
          if ((stream.flags & 2097155) === 1) {
            throw new FS.ErrnoError(2);
          }
          if (!stream.stream_ops.mmap) {
            throw new FS.ErrnoError(43);
          }
          if (!length) {
            throw new FS.ErrnoError(28);
          }
          return stream.stream_ops.mmap(stream, length, position, prot, flags);
        }, msync(stream, buffer, offset, length, mmapFlags) {
          if (!stream.stream_ops.msync) {
            return 0;
          }
          return stream.stream_ops.msync(stream, buffer, offset, length, mmapFlags);
        }, ioctl(stream, cmd, arg) {
          if (!stream.stream_ops.ioctl) {
            throw new FS.ErrnoError(59);
          }
          return stream.stream_ops.ioctl(stream, cmd, arg);
        }, readFile(path14, opts = {}) {
          opts.flags = opts.flags ?? 0;
          opts.encoding = opts.encoding ?? "binary";
          if (opts.encoding !== "utf8" && opts.encoding !== "binary") {
            abort(`Invalid encoding type "${opts.encoding}"`);
          }
          var stream = FS.open(path14, opts.flags);
          var stat = FS.stat(path14);
          var length = stat.size;
          var buf = new Uint8Array(length);
          FS.read(stream, buf, 0, length, 0);
          if (opts.encoding === "utf8") {
            buf = UTF8ArrayToString(buf);
          }
          FS.close(stream);
          return buf;
        }, writeFile(path14, data, opts = {}) {
          opts.flags = opts.flags ?? 577;
          var stream = FS.open(path14, opts.flags, opts.mode);
          data = FS_fileDataToTypedArray(data);
          FS.write(stream, data, 0, data.byteLength, void 0, opts.canOwn);
          FS.close(stream);
        }, cwd: () => FS.currentPath, chdir(path14) {
          var lookup = FS.lookupPath(path14, { follow: true });
          if (lookup.node === null) {
            throw new FS.ErrnoError(44);
          }
          if (!FS.isDir(lookup.node.mode)) {
            throw new FS.ErrnoError(54);
          }
          var errCode = FS.nodePermissions(lookup.node, "x");
          if (errCode) {
            throw new FS.ErrnoError(errCode);
          }
          FS.currentPath = lookup.path;
        }, createDefaultDirectories() {
          FS.mkdir("/tmp");
          FS.mkdir("/home");
          FS.mkdir("/home/web_user");
        }, createDefaultDevices() {
          FS.mkdir("/dev");
          FS.registerDevice(FS.makedev(1, 3), { read: () => 0, write: (stream, buffer, offset, length, pos) => length, llseek: () => 0 });
          FS.mkdev("/dev/null", FS.makedev(1, 3));
          TTY.register(FS.makedev(5, 0), TTY.default_tty_ops);
          TTY.register(FS.makedev(6, 0), TTY.default_tty1_ops);
          FS.mkdev("/dev/tty", FS.makedev(5, 0));
          FS.mkdev("/dev/tty1", FS.makedev(6, 0));
          var randomBuffer = new Uint8Array(1024), randomLeft = 0;
          var randomByte = () => {
            if (randomLeft === 0) {
              randomFill(randomBuffer);
              randomLeft = randomBuffer.byteLength;
            }
            return randomBuffer[--randomLeft];
          };
          FS.createDevice("/dev", "random", randomByte);
          FS.createDevice("/dev", "urandom", randomByte);
          FS.mkdir("/dev/shm");
          FS.mkdir("/dev/shm/tmp");
        }, createSpecialDirectories() {
          FS.mkdir("/proc");
          var proc_self = FS.mkdir("/proc/self");
          FS.mkdir("/proc/self/fd");
          FS.mount({ mount() {
            var node = FS.createNode(proc_self, "fd", 16895, 73);
            node.stream_ops = { llseek: MEMFS.stream_ops.llseek };
            node.node_ops = { lookup(parent, name) {
              var fd = +name;
              var stream = FS.getStreamChecked(fd);
              var ret = { parent: null, mount: { mountpoint: "fake" }, node_ops: { readlink: () => stream.path }, id: fd + 1 };
              ret.parent = ret;
              return ret;
            }, readdir() {
              return Array.from(FS.streams.entries()).filter(([k, v]) => v).map(([k, v]) => k.toString());
            } };
            return node;
          } }, {}, "/proc/self/fd");
        }, createStandardStreams(input, output, error) {
          if (input) {
            FS.createDevice("/dev", "stdin", input);
          } else {
            FS.symlink("/dev/tty", "/dev/stdin");
          }
          if (output) {
            FS.createDevice("/dev", "stdout", null, output);
          } else {
            FS.symlink("/dev/tty", "/dev/stdout");
          }
          if (error) {
            FS.createDevice("/dev", "stderr", null, error);
          } else {
            FS.symlink("/dev/tty1", "/dev/stderr");
          }
          var stdin = FS.open("/dev/stdin", 0);
          var stdout = FS.open("/dev/stdout", 1);
          var stderr = FS.open("/dev/stderr", 1);
        }, staticInit() {
          FS.nameTable = new Array(4096);
          FS.mount(MEMFS, {}, "/");
          FS.createDefaultDirectories();
          FS.createDefaultDevices();
          FS.createSpecialDirectories();
          FS.filesystems = { MEMFS };
        }, init(input, output, error) {
          FS.initialized = true;
          input ??= Module["stdin"];
          output ??= Module["stdout"];
          error ??= Module["stderr"];
          FS.createStandardStreams(input, output, error);
        }, quit() {
          FS.initialized = false;
          for (var stream of FS.streams) {
            if (stream) {
              FS.close(stream);
            }
          }
        }, findObject(path14, dontResolveLastLink) {
          var ret = FS.analyzePath(path14, dontResolveLastLink);
          if (!ret.exists) {
            return null;
          }
          return ret.object;
        }, analyzePath(path14, dontResolveLastLink) {
          try {
            var lookup = FS.lookupPath(path14, { follow: !dontResolveLastLink });
            path14 = lookup.path;
          } catch (e) {
          }
          var ret = { isRoot: false, exists: false, error: 0, name: null, path: null, object: null, parentExists: false, parentPath: null, parentObject: null };
          try {
            var lookup = FS.lookupPath(path14, { parent: true });
            ret.parentExists = true;
            ret.parentPath = lookup.path;
            ret.parentObject = lookup.node;
            ret.name = PATH.basename(path14);
            lookup = FS.lookupPath(path14, { follow: !dontResolveLastLink });
            ret.exists = true;
            ret.path = lookup.path;
            ret.object = lookup.node;
            ret.name = lookup.node.name;
            ret.isRoot = lookup.path === "/";
          } catch (e) {
            ret.error = e.errno;
          }
          return ret;
        }, createPath(parent, path14, canRead, canWrite) {
          parent = typeof parent == "string" ? parent : FS.getPath(parent);
          var parts = path14.split("/").reverse();
          while (parts.length) {
            var part = parts.pop();
            if (!part) continue;
            var current = PATH.join2(parent, part);
            try {
              FS.mkdir(current);
            } catch (e) {
              if (e.errno != 20) throw e;
            }
            parent = current;
          }
          return current;
        }, createFile(parent, name, properties, canRead, canWrite) {
          var path14 = PATH.join2(typeof parent == "string" ? parent : FS.getPath(parent), name);
          var mode = FS_getMode(canRead, canWrite);
          return FS.create(path14, mode);
        }, createDataFile(parent, name, data, canRead, canWrite, canOwn) {
          var path14 = name;
          if (parent) {
            parent = typeof parent == "string" ? parent : FS.getPath(parent);
            path14 = name ? PATH.join2(parent, name) : parent;
          }
          var mode = FS_getMode(canRead, canWrite);
          var node = FS.create(path14, mode);
          if (data) {
            data = FS_fileDataToTypedArray(data);
            FS.chmod(node, mode | 146);
            var stream = FS.open(node, 577);
            FS.write(stream, data, 0, data.length, 0, canOwn);
            FS.close(stream);
            FS.chmod(node, mode);
          }
        }, createDevice(parent, name, input, output) {
          var path14 = PATH.join2(typeof parent == "string" ? parent : FS.getPath(parent), name);
          var mode = FS_getMode(!!input, !!output);
          FS.createDevice.major ??= 64;
          var dev = FS.makedev(FS.createDevice.major++, 0);
          FS.registerDevice(dev, { open(stream) {
            stream.seekable = false;
          }, close(stream) {
            if (output?.buffer?.length) {
              output(10);
            }
          }, read(stream, buffer, offset, length, pos) {
            var bytesRead = 0;
            for (var i = 0; i < length; i++) {
              var result;
              try {
                result = input();
              } catch (e) {
                throw new FS.ErrnoError(29);
              }
              if (result === void 0 && bytesRead === 0) {
                throw new FS.ErrnoError(6);
              }
              if (result === null || result === void 0) break;
              bytesRead++;
              buffer[offset + i] = result;
            }
            if (bytesRead) {
              stream.node.atime = Date.now();
            }
            return bytesRead;
          }, write(stream, buffer, offset, length, pos) {
            for (var i = 0; i < length; i++) {
              try {
                output(buffer[offset + i]);
              } catch (e) {
                throw new FS.ErrnoError(29);
              }
            }
            if (length) {
              stream.node.mtime = stream.node.ctime = Date.now();
            }
            return i;
          } });
          return FS.mkdev(path14, mode, dev);
        }, forceLoadFile(obj) {
          if (obj.isDevice || obj.isFolder || obj.link || obj.contents) return true;
          if (globalThis.XMLHttpRequest) {
            abort("Lazy loading should have been performed (contents set) in createLazyFile, but it was not. Lazy loading only works in web workers. Use --embed-file or --preload-file in emcc on the main thread.");
          } else {
            try {
              obj.contents = readBinary(obj.url);
            } catch (e) {
              throw new FS.ErrnoError(29);
            }
          }
        }, createLazyFile(parent, name, url, canRead, canWrite) {
          class LazyUint8Array {
            lengthKnown = false;
            chunks = [];
            get(idx) {
              if (idx > this.length - 1 || idx < 0) {
                return void 0;
              }
              var chunkOffset = idx % this.chunkSize;
              var chunkNum = idx / this.chunkSize | 0;
              return this.getter(chunkNum)[chunkOffset];
            }
            setDataGetter(getter) {
              this.getter = getter;
            }
            cacheLength() {
              var xhr = new XMLHttpRequest();
              xhr.open("HEAD", url, false);
              xhr.send(null);
              if (!(xhr.status >= 200 && xhr.status < 300 || xhr.status === 304)) abort("Couldn't load " + url + ". Status: " + xhr.status);
              var datalength = Number(xhr.getResponseHeader("Content-length"));
              var header;
              var hasByteServing = (header = xhr.getResponseHeader("Accept-Ranges")) && header === "bytes";
              var usesGzip = (header = xhr.getResponseHeader("Content-Encoding")) && header === "gzip";
              var chunkSize = 1024 * 1024;
              if (!hasByteServing) chunkSize = datalength;
              var doXHR = (from, to) => {
                if (from > to) abort(`invalid range (${from}, ${to}) or no bytes requested!`);
                if (to > datalength - 1) abort(`only ${datalength} bytes available! programmer error!`);
                var xhr2 = new XMLHttpRequest();
                xhr2.open("GET", url, false);
                if (datalength !== chunkSize) xhr2.setRequestHeader("Range", "bytes=" + from + "-" + to);
                xhr2.responseType = "arraybuffer";
                if (xhr2.overrideMimeType) {
                  xhr2.overrideMimeType("text/plain; charset=x-user-defined");
                }
                xhr2.send(null);
                if (!(xhr2.status >= 200 && xhr2.status < 300 || xhr2.status === 304)) abort("Couldn't load " + url + ". Status: " + xhr2.status);
                if (xhr2.response !== void 0) {
                  return new Uint8Array(xhr2.response || []);
                }
                return intArrayFromString(xhr2.responseText ?? "", true);
              };
              var lazyArray2 = this;
              lazyArray2.setDataGetter((chunkNum) => {
                var start = chunkNum * chunkSize;
                var end = (chunkNum + 1) * chunkSize - 1;
                end = Math.min(end, datalength - 1);
                if (typeof lazyArray2.chunks[chunkNum] == "undefined") {
                  lazyArray2.chunks[chunkNum] = doXHR(start, end);
                }
                if (typeof lazyArray2.chunks[chunkNum] == "undefined") abort("doXHR failed!");
                return lazyArray2.chunks[chunkNum];
              });
              if (usesGzip || !datalength) {
                chunkSize = datalength = 1;
                datalength = this.getter(0).length;
                chunkSize = datalength;
                out("LazyFiles on gzip forces download of the whole file when length is accessed");
              }
              this._length = datalength;
              this._chunkSize = chunkSize;
              this.lengthKnown = true;
            }
            get length() {
              if (!this.lengthKnown) {
                this.cacheLength();
              }
              return this._length;
            }
            get chunkSize() {
              if (!this.lengthKnown) {
                this.cacheLength();
              }
              return this._chunkSize;
            }
          }
          if (globalThis.XMLHttpRequest) {
            if (!ENVIRONMENT_IS_WORKER) abort("Cannot do synchronous binary XHRs outside webworkers in modern browsers. Use --embed-file or --preload-file in emcc");
            var lazyArray = new LazyUint8Array();
            var properties = { isDevice: false, contents: lazyArray };
          } else {
            var properties = { isDevice: false, url };
          }
          var node = FS.createFile(parent, name, properties, canRead, canWrite);
          if (properties.contents) {
            node.contents = properties.contents;
          } else if (properties.url) {
            node.contents = null;
            node.url = properties.url;
          }
          Object.defineProperties(node, { usedBytes: { get: function() {
            return this.contents.length;
          } } });
          var stream_ops = {};
          for (const [key, fn] of Object.entries(node.stream_ops)) {
            stream_ops[key] = (...args) => {
              FS.forceLoadFile(node);
              return fn(...args);
            };
          }
          function writeChunks(stream, buffer, offset, length, position) {
            var contents = stream.node.contents;
            if (position >= contents.length) return 0;
            var size = Math.min(contents.length - position, length);
            if (contents.slice) {
              for (var i = 0; i < size; i++) {
                buffer[offset + i] = contents[position + i];
              }
            } else {
              for (var i = 0; i < size; i++) {
                buffer[offset + i] = contents.get(position + i);
              }
            }
            return size;
          }
          stream_ops.read = (stream, buffer, offset, length, position) => {
            FS.forceLoadFile(node);
            return writeChunks(stream, buffer, offset, length, position);
          };
          stream_ops.mmap = (stream, length, position, prot, flags) => {
            FS.forceLoadFile(node);
            var ptr = mmapAlloc(length);
            if (!ptr) {
              throw new FS.ErrnoError(48);
            }
            writeChunks(stream, HEAP8, ptr, length, position);
            return { ptr, allocated: true };
          };
          node.stream_ops = stream_ops;
          return node;
        } };
        var SYSCALLS = { currentUmask: 18, calculateAt(dirfd, path14, allowEmpty) {
          if (PATH.isAbs(path14)) {
            return path14;
          }
          var dir;
          if (dirfd === -100) {
            dir = FS.cwd();
          } else {
            var dirstream = SYSCALLS.getStreamFromFD(dirfd);
            dir = dirstream.path;
          }
          if (path14.length == 0) {
            if (!allowEmpty) {
              throw new FS.ErrnoError(44);
            }
            return dir;
          }
          return dir + "/" + path14;
        }, writeStat(buf, stat) {
          HEAPU32[buf >> 2] = stat.dev;
          HEAPU32[buf + 4 >> 2] = stat.mode;
          HEAPU32[buf + 8 >> 2] = stat.nlink;
          HEAPU32[buf + 12 >> 2] = stat.uid;
          HEAPU32[buf + 16 >> 2] = stat.gid;
          HEAPU32[buf + 20 >> 2] = stat.rdev;
          HEAP64[buf + 24 >> 3] = BigInt(stat.size);
          HEAP32[buf + 32 >> 2] = 4096;
          HEAP32[buf + 36 >> 2] = stat.blocks;
          var atime = stat.atime.getTime();
          var mtime = stat.mtime.getTime();
          var ctime = stat.ctime.getTime();
          HEAP64[buf + 40 >> 3] = BigInt(Math.floor(atime / 1e3));
          HEAPU32[buf + 48 >> 2] = atime % 1e3 * 1e3 * 1e3;
          HEAP64[buf + 56 >> 3] = BigInt(Math.floor(mtime / 1e3));
          HEAPU32[buf + 64 >> 2] = mtime % 1e3 * 1e3 * 1e3;
          HEAP64[buf + 72 >> 3] = BigInt(Math.floor(ctime / 1e3));
          HEAPU32[buf + 80 >> 2] = ctime % 1e3 * 1e3 * 1e3;
          HEAP64[buf + 88 >> 3] = BigInt(stat.ino);
          return 0;
        }, writeStatFs(buf, stats) {
          HEAPU32[buf + 4 >> 2] = stats.bsize;
          HEAPU32[buf + 60 >> 2] = stats.bsize;
          HEAP64[buf + 8 >> 3] = BigInt(stats.blocks);
          HEAP64[buf + 16 >> 3] = BigInt(stats.bfree);
          HEAP64[buf + 24 >> 3] = BigInt(stats.bavail);
          HEAP64[buf + 32 >> 3] = BigInt(stats.files);
          HEAP64[buf + 40 >> 3] = BigInt(stats.ffree);
          HEAPU32[buf + 48 >> 2] = stats.fsid;
          HEAPU32[buf + 64 >> 2] = stats.flags;
          HEAPU32[buf + 56 >> 2] = stats.namelen;
        }, doMsync(addr, stream, len, flags, offset) {
          if (!FS.isFile(stream.node.mode)) {
            throw new FS.ErrnoError(43);
          }
          if (flags & 2) {
            return 0;
          }
          var buffer = HEAPU8.subarray(addr, addr + len);
          FS.msync(stream, buffer, offset, len, flags);
        }, getStreamFromFD(fd) {
          var stream = FS.getStreamChecked(fd);
          return stream;
        }, varargs: void 0, getStr(ptr) {
          var ret = UTF8ToString(ptr);
          return ret;
        } };
        function _fd_close(fd) {
          try {
            var stream = SYSCALLS.getStreamFromFD(fd);
            FS.close(stream);
            return 0;
          } catch (e) {
            if (typeof FS == "undefined" || !(e.name === "ErrnoError")) throw e;
            return e.errno;
          }
        }
        var doReadv = (stream, iov, iovcnt, offset) => {
          var ret = 0;
          for (var i = 0; i < iovcnt; i++) {
            var ptr = HEAPU32[iov >> 2];
            var len = HEAPU32[iov + 4 >> 2];
            iov += 8;
            try {
              var curr = FS.read(stream, HEAP8, ptr, len, offset);
            } catch (e) {
              if (ret > 0 && e instanceof FS.ErrnoError && (e.errno == 6 || e.errno == 6)) {
                break;
              }
              throw e;
            }
            if (curr < 0) return -1;
            ret += curr;
            if (curr < len) break;
            if (typeof offset != "undefined") {
              offset += curr;
            }
          }
          return ret;
        };
        function _fd_read(fd, iov, iovcnt, pnum) {
          try {
            var stream = SYSCALLS.getStreamFromFD(fd);
            var num = doReadv(stream, iov, iovcnt);
            HEAPU32[pnum >> 2] = num;
            return 0;
          } catch (e) {
            if (typeof FS == "undefined" || !(e.name === "ErrnoError")) throw e;
            return e.errno;
          }
        }
        var INT53_MAX = 9007199254740992;
        var INT53_MIN = -9007199254740992;
        var bigintToI53Checked = (num) => num < INT53_MIN || num > INT53_MAX ? NaN : Number(num);
        function _fd_seek(fd, offset, whence, newOffset) {
          offset = bigintToI53Checked(offset);
          try {
            if (isNaN(offset)) return 22;
            var stream = SYSCALLS.getStreamFromFD(fd);
            FS.llseek(stream, offset, whence);
            HEAP64[newOffset >> 3] = BigInt(stream.position);
            if (stream.getdents && offset === 0 && whence === 0) stream.getdents = null;
            return 0;
          } catch (e) {
            if (typeof FS == "undefined" || !(e.name === "ErrnoError")) throw e;
            return e.errno;
          }
        }
        var doWritev = (stream, iov, iovcnt, offset) => {
          if (iovcnt == 1) {
            return FS.write(stream, HEAP8, HEAPU32[iov >> 2], HEAPU32[iov + 4 >> 2], offset);
          }
          var total = 0;
          for (var i = 0, p = iov; i < iovcnt; i++, p += 8) {
            total += HEAPU32[p + 4 >> 2];
          }
          var view = new Uint8Array(total);
          var voff = 0;
          for (var i = 0; i < iovcnt; i++, iov += 8) {
            var ptr = HEAPU32[iov >> 2];
            var len = HEAPU32[iov + 4 >> 2];
            view.set(HEAPU8.subarray(ptr, ptr + len), voff);
            voff += len;
          }
          return FS.write(stream, view, 0, total, offset);
        };
        function _fd_write(fd, iov, iovcnt, pnum) {
          try {
            var stream = SYSCALLS.getStreamFromFD(fd);
            var num = doWritev(stream, iov, iovcnt);
            HEAPU32[pnum >> 2] = num;
            return 0;
          } catch (e) {
            if (typeof FS == "undefined" || !(e.name === "ErrnoError")) throw e;
            return e.errno;
          }
        }
        var wasmTableMirror = [];
        var getWasmTableEntry = (funcPtr) => {
          var func = wasmTableMirror[funcPtr];
          if (!func) {
            wasmTableMirror[funcPtr] = func = wasmTable.get(funcPtr);
          }
          return func;
        };
        var stringToUTF8 = (str2, outPtr, maxBytesToWrite) => stringToUTF8Array(str2, HEAPU8, outPtr, maxBytesToWrite);
        FS.createPreloadedFile = FS_createPreloadedFile;
        FS.preloadFile = FS_preloadFile;
        FS.staticInit();
        {
          if (Module["noExitRuntime"]) noExitRuntime = Module["noExitRuntime"];
          if (Module["print"]) out = Module["print"];
          if (Module["printErr"]) err = Module["printErr"];
          if (Module["arguments"]) programArgs = Module["arguments"];
          if (Module["thisProgram"]) thisProgram = Module["thisProgram"];
          var preInit = Module["preInit"];
          if (preInit) {
            if (typeof preInit == "function") Module["preInit"] = preInit = [preInit];
            while (preInit.length > 0) {
              preInit.shift()();
            }
          }
        }
        Module["getValue"] = getValue;
        Module["UTF8ToString"] = UTF8ToString;
        Module["stringToUTF8"] = stringToUTF8;
        Module["lengthBytesUTF8"] = lengthBytesUTF8;
        var _wasm_parse_query, _malloc, _free, _wasm_parse_query_raw, _wasm_free_parse_result, _wasm_parse_plpgsql, _wasm_fingerprint, _wasm_normalize_query, _wasm_parse_query_detailed, _wasm_free_detailed_result, _wasm_scan, _wasm_free_string, __emscripten_timeout, _setThrew, __emscripten_stack_restore, _emscripten_stack_get_current, memory, __indirect_function_table, wasmMemory, wasmTable;
        function assignWasmExports(wasmExports2) {
          _wasm_parse_query = Module["_wasm_parse_query"] = wasmExports2["B"];
          _malloc = Module["_malloc"] = wasmExports2["C"];
          _free = Module["_free"] = wasmExports2["E"];
          _wasm_parse_query_raw = Module["_wasm_parse_query_raw"] = wasmExports2["F"];
          _wasm_free_parse_result = Module["_wasm_free_parse_result"] = wasmExports2["G"];
          _wasm_parse_plpgsql = Module["_wasm_parse_plpgsql"] = wasmExports2["H"];
          _wasm_fingerprint = Module["_wasm_fingerprint"] = wasmExports2["I"];
          _wasm_normalize_query = Module["_wasm_normalize_query"] = wasmExports2["J"];
          _wasm_parse_query_detailed = Module["_wasm_parse_query_detailed"] = wasmExports2["K"];
          _wasm_free_detailed_result = Module["_wasm_free_detailed_result"] = wasmExports2["L"];
          _wasm_scan = Module["_wasm_scan"] = wasmExports2["M"];
          _wasm_free_string = Module["_wasm_free_string"] = wasmExports2["N"];
          __emscripten_timeout = wasmExports2["O"];
          _setThrew = wasmExports2["P"];
          __emscripten_stack_restore = wasmExports2["Q"];
          _emscripten_stack_get_current = wasmExports2["R"];
          memory = wasmMemory = wasmExports2["z"];
          __indirect_function_table = wasmTable = wasmExports2["D"];
        }
        var wasmImports = { c: ___assert_fail, x: __abort_js, w: __emscripten_runtime_keepalive_clear, p: __emscripten_throw_longjmp, o: __setitimer_js, q: _emscripten_resize_heap, m: _exit, u: _fd_close, r: _fd_read, s: _fd_seek, t: _fd_write, g: invoke_i, b: invoke_ii, a: invoke_iii, d: invoke_iiii, k: invoke_iiiii, l: invoke_ji, e: invoke_v, f: invoke_vi, h: invoke_vii, j: invoke_viii, i: invoke_viiii, y: invoke_viiiii, n: invoke_viiiiiiiiiiiii, v: _proc_exit };
        function invoke_iii(index, a1, a2) {
          var sp = stackSave();
          try {
            return getWasmTableEntry(index)(a1, a2);
          } catch (e) {
            stackRestore(sp);
            if (!(e instanceof EmscriptenEH)) throw e;
            _setThrew(1, 0);
          }
        }
        function invoke_ii(index, a1) {
          var sp = stackSave();
          try {
            return getWasmTableEntry(index)(a1);
          } catch (e) {
            stackRestore(sp);
            if (!(e instanceof EmscriptenEH)) throw e;
            _setThrew(1, 0);
          }
        }
        function invoke_i(index) {
          var sp = stackSave();
          try {
            return getWasmTableEntry(index)();
          } catch (e) {
            stackRestore(sp);
            if (!(e instanceof EmscriptenEH)) throw e;
            _setThrew(1, 0);
          }
        }
        function invoke_v(index) {
          var sp = stackSave();
          try {
            getWasmTableEntry(index)();
          } catch (e) {
            stackRestore(sp);
            if (!(e instanceof EmscriptenEH)) throw e;
            _setThrew(1, 0);
          }
        }
        function invoke_iiii(index, a1, a2, a3) {
          var sp = stackSave();
          try {
            return getWasmTableEntry(index)(a1, a2, a3);
          } catch (e) {
            stackRestore(sp);
            if (!(e instanceof EmscriptenEH)) throw e;
            _setThrew(1, 0);
          }
        }
        function invoke_viiii(index, a1, a2, a3, a4) {
          var sp = stackSave();
          try {
            getWasmTableEntry(index)(a1, a2, a3, a4);
          } catch (e) {
            stackRestore(sp);
            if (!(e instanceof EmscriptenEH)) throw e;
            _setThrew(1, 0);
          }
        }
        function invoke_viiiiiiiiiiiii(index, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13) {
          var sp = stackSave();
          try {
            getWasmTableEntry(index)(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13);
          } catch (e) {
            stackRestore(sp);
            if (!(e instanceof EmscriptenEH)) throw e;
            _setThrew(1, 0);
          }
        }
        function invoke_iiiii(index, a1, a2, a3, a4) {
          var sp = stackSave();
          try {
            return getWasmTableEntry(index)(a1, a2, a3, a4);
          } catch (e) {
            stackRestore(sp);
            if (!(e instanceof EmscriptenEH)) throw e;
            _setThrew(1, 0);
          }
        }
        function invoke_viii(index, a1, a2, a3) {
          var sp = stackSave();
          try {
            getWasmTableEntry(index)(a1, a2, a3);
          } catch (e) {
            stackRestore(sp);
            if (!(e instanceof EmscriptenEH)) throw e;
            _setThrew(1, 0);
          }
        }
        function invoke_vi(index, a1) {
          var sp = stackSave();
          try {
            getWasmTableEntry(index)(a1);
          } catch (e) {
            stackRestore(sp);
            if (!(e instanceof EmscriptenEH)) throw e;
            _setThrew(1, 0);
          }
        }
        function invoke_vii(index, a1, a2) {
          var sp = stackSave();
          try {
            getWasmTableEntry(index)(a1, a2);
          } catch (e) {
            stackRestore(sp);
            if (!(e instanceof EmscriptenEH)) throw e;
            _setThrew(1, 0);
          }
        }
        function invoke_viiiii(index, a1, a2, a3, a4, a5) {
          var sp = stackSave();
          try {
            getWasmTableEntry(index)(a1, a2, a3, a4, a5);
          } catch (e) {
            stackRestore(sp);
            if (!(e instanceof EmscriptenEH)) throw e;
            _setThrew(1, 0);
          }
        }
        function invoke_ji(index, a1) {
          var sp = stackSave();
          try {
            return getWasmTableEntry(index)(a1);
          } catch (e) {
            stackRestore(sp);
            if (!(e instanceof EmscriptenEH)) throw e;
            _setThrew(1, 0);
            return 0n;
          }
        }
        async function run() {
          preRun();
          if (runDependencies) {
            await resolveRunDependencies();
          }
          var setStatus = Module["setStatus"];
          if (setStatus) {
            setStatus("Running...");
            await new Promise((resolve3) => setTimeout(resolve3, 1));
            setTimeout(setStatus, 1, "");
          }
          if (ABORT) return;
          initRuntime();
          Module["onRuntimeInitialized"]?.();
          postRun();
        }
        var wasmExports;
        wasmExports = await createWasm();
        await run();
        ;
        return Module;
      };
    })();
    if (typeof exports === "object" && typeof module === "object") {
      module.exports = PgQueryModule;
      module.exports.default = PgQueryModule;
    } else if (typeof define === "function" && define["amd"]) define([], () => PgQueryModule);
  }
});

// src/gates/migrations/changed.ts
async function changedFiles(io, base, directory) {
  let mergeBase;
  try {
    mergeBase = (await io.git(["merge-base", base, "HEAD"])).trim();
  } catch {
    throw new UserError(
      `base-ref '${base}' is not in this clone: fetch it (actions/checkout with fetch-depth: 0) or set base-ref to a ref that exists`
    );
  }
  const result = { base, added: /* @__PURE__ */ new Set(), modified: /* @__PURE__ */ new Set(), deleted: /* @__PURE__ */ new Set() };
  const diff = await io.git([
    "diff",
    "--name-status",
    "--no-renames",
    "--relative",
    mergeBase,
    "--",
    directory
  ]);
  for (const line of diff.split("\n")) {
    const [status, file] = line.split("	");
    if (!status || !file) continue;
    if (status.startsWith("A")) result.added.add(file);
    else if (status.startsWith("D")) result.deleted.add(file);
    else result.modified.add(file);
  }
  const untracked = await io.git(["ls-files", "--others", "--exclude-standard", "--", directory]);
  for (const file of untracked.split("\n")) if (file) result.added.add(file);
  return result;
}
function defaultBaseRef(io) {
  const pullRequest = io.github.event.pull_request;
  if (io.github.eventName.startsWith("pull_request") && pullRequest?.base?.sha) return pullRequest.base.sha;
  return "";
}

// src/gates/migrations/lint/rules.ts
var EXPAND_CONTRACT = "Expand/contract: deploy the new shape beside the old one, ship code that uses both, backfill, then remove the old shape in a later release once no running version reads it.";
var RULES = {
  // ── destructive: data goes away ──────────────────────────────────────────
  "drop-table": {
    severity: "error",
    category: "destructive",
    help: `Stop reading and writing the table in one release, back it up, and drop it in a later migration. ${EXPAND_CONTRACT}`
  },
  "drop-column": {
    severity: "error",
    category: "destructive",
    help: `Remove every use of the column from the code first (and from ORM models), deploy, then drop it in a later migration. ${EXPAND_CONTRACT}`
  },
  "drop-schema": {
    severity: "error",
    category: "destructive",
    help: "Dropping a schema drops every object in it. Move or drop its objects explicitly in reviewed migrations instead."
  },
  truncate: {
    severity: "error",
    category: "destructive",
    help: "TRUNCATE deletes every row and takes an ACCESS EXCLUSIVE lock. Delete in bounded batches with a WHERE clause, or archive the rows first."
  },
  "delete-without-where": {
    severity: "error",
    category: "destructive",
    help: "A DELETE without WHERE empties the table. Add the WHERE clause you mean, and delete in batches on large tables."
  },
  "update-without-where": {
    severity: "error",
    category: "destructive",
    help: "An UPDATE without WHERE rewrites every row (and locks them all). Add a WHERE clause and backfill in batches."
  },
  // ── incompatible with the version still running (and with a rollback to it) ─
  "rename-column": {
    severity: "error",
    category: "incompatible",
    help: `The running version still uses the old name. Add the new column, write both, backfill, switch reads, then drop the old column later; or keep the old name available (a view or column) until no version uses it. ${EXPAND_CONTRACT}`
  },
  "rename-table": {
    severity: "error",
    category: "incompatible",
    help: "The running version still uses the old name. Rename and, in the same migration, `CREATE VIEW <old name> AS SELECT * FROM <new name>` so both versions work; drop the view in a later release."
  },
  "change-column-type": {
    severity: "error",
    category: "incompatible",
    help: `Changing a type rewrites the table under an ACCESS EXCLUSIVE lock and can break the running version. Add a column of the new type, write both, backfill in batches, switch reads, drop the old column later. ${EXPAND_CONTRACT}`
  },
  "add-column-not-null-without-default": {
    severity: "error",
    category: "incompatible",
    help: "The running version inserts rows without this column and will fail. Add the column nullable (or with a constant DEFAULT), backfill, then add a NOT NULL constraint (see set-not-null) once every version writes it."
  },
  "set-not-null": {
    severity: "error",
    category: "incompatible",
    help: "SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock and fails inserts from a version that leaves it empty. Add `CHECK (col IS NOT NULL) NOT VALID`, `VALIDATE CONSTRAINT` it, then SET NOT NULL (PostgreSQL 12+ uses the valid check and skips the scan)."
  },
  // ── locking: blocks reads or writes while it runs ────────────────────────
  "create-index-non-concurrently": {
    severity: "warning",
    category: "locking",
    help: "CREATE INDEX blocks writes to the table until it finishes. Use `CREATE INDEX CONCURRENTLY` in a migration that does not run in a transaction."
  },
  "drop-index-non-concurrently": {
    severity: "warning",
    category: "locking",
    help: "DROP INDEX takes an ACCESS EXCLUSIVE lock on the table. Use `DROP INDEX CONCURRENTLY` in a migration that does not run in a transaction."
  },
  "concurrently-in-transaction": {
    severity: "error",
    category: "locking",
    help: "CONCURRENTLY cannot run inside a transaction block: the migration will fail. Put it alone in its own migration and turn the tool's transaction off for it (dbmate `transaction:false`, knex `config.transaction = false`, Rails `disable_ddl_transaction!`, Django `atomic = False`, node-pg-migrate `pgm.noTransaction()`), or remove the surrounding BEGIN/COMMIT."
  },
  "add-foreign-key-validated": {
    severity: "warning",
    category: "locking",
    help: "Adding a foreign key scans the table while blocking writes on both tables. Add it with `NOT VALID`, then `VALIDATE CONSTRAINT` in a later statement or migration (which takes only a SHARE UPDATE EXCLUSIVE lock)."
  },
  "add-check-validated": {
    severity: "warning",
    category: "locking",
    help: "Adding a CHECK constraint scans the table under an ACCESS EXCLUSIVE lock. Add it with `NOT VALID`, then `VALIDATE CONSTRAINT` separately."
  },
  "add-unique-constraint": {
    severity: "warning",
    category: "locking",
    help: "Adding a UNIQUE constraint builds its index under an ACCESS EXCLUSIVE lock. `CREATE UNIQUE INDEX CONCURRENTLY`, then `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX`."
  },
  "volatile-default": {
    severity: "warning",
    category: "locking",
    help: "A volatile default (random(), gen_random_uuid(), clock_timestamp(), serial\u2026) rewrites the whole table under an ACCESS EXCLUSIVE lock. Add the column without a default, set the default for new rows, and backfill existing rows in batches."
  },
  "missing-lock-timeout": {
    severity: "warning",
    category: "locking",
    help: "A statement waiting for its lock queues every query behind it. Start the migration with `SET lock_timeout = '2s';` and retry on failure."
  },
  // ── history: the migration files themselves ──────────────────────────────
  "sql-syntax-error": {
    severity: "error",
    category: "history",
    help: "PostgreSQL will reject this migration. Fix the SQL at the reported position."
  },
  "edited-migration": {
    severity: "error",
    category: "history",
    help: "A migration that exists on the base branch has probably run somewhere already; editing it changes nothing there (or breaks the checksum). Revert the edit and add a new migration instead."
  },
  "removed-migration": {
    severity: "error",
    category: "history",
    help: "Databases that applied this migration now have history the code does not know. Restore the file and undo it with a new migration instead."
  },
  "missing-down-migration": {
    severity: "warning",
    category: "history",
    help: "This migration drops or changes something a rollback would need back, and it has no down migration. Write the down migration (restoring the shape, and data from a backup where needed) or split the change with expand/contract."
  },
  // ── the database's history table ─────────────────────────────────────────
  "pending-migration": {
    severity: "notice",
    category: "database",
    help: "This deploy will apply it. Review its locks and run time against the production table sizes."
  },
  "applied-migration-missing": {
    severity: "error",
    category: "database",
    help: "The database is ahead of the code (a newer release was deployed, or SQL was run by hand). Rolling back to this code leaves a schema it does not know: restore the migration file or reconcile the history first."
  },
  "failed-migration": {
    severity: "error",
    category: "database",
    help: "A migration stopped half-way. Inspect the schema, repair it by hand, then mark the migration resolved with the tool (prisma migrate resolve, flyway repair, migrate force <version>) before deploying."
  },
  "checksum-mismatch": {
    severity: "error",
    category: "database",
    help: "The file was edited after it was applied: the database ran a different version. Revert the edit and put the change in a new migration."
  },
  "out-of-order": {
    severity: "error",
    category: "database",
    help: "This migration sorts before one already applied: the tool will refuse it or skip it silently. Rename it with a version after the last applied one."
  },
  "repeatable-migration-changed": {
    severity: "notice",
    category: "database",
    help: "A repeatable migration changed since it last ran: Flyway will re-run it on this deploy."
  },
  "history-table-missing": {
    severity: "notice",
    category: "database",
    help: "The database has no migration history table: every migration is pending. Check that database-url names the right database."
  },
  "history-table-shape": {
    severity: "error",
    category: "database",
    help: "The history table does not have the columns this tool writes. Check the `tool` input and the table name."
  },
  "database-unreachable": {
    severity: "error",
    category: "database",
    help: "Check database-url, the network path from the runner, and that the role can log in. The gate fails rather than pass without checking."
  },
  // ── the gate's own inputs and directives ─────────────────────────────────
  "allow-missing-reason": {
    severity: "warning",
    category: "usage",
    help: "Write why the statement is safe: `-- deploy-gates: allow <rule> <reason>`. Without a reason the rule is not silenced."
  },
  "allow-unknown-rule": {
    severity: "warning",
    category: "usage",
    help: "The allow comment names a rule id that does not exist. See the README for the list of rule ids."
  }
};
function isRuleId(id) {
  return Object.hasOwn(RULES, id);
}
function breaksPreviousVersion(rule) {
  return RULES[rule].category === "incompatible" || rule === "drop-table" || rule === "drop-column";
}

// src/gates/migrations/tools/types.ts
var TOOL_NAMES = [
  "prisma",
  "flyway",
  "golang-migrate",
  "knex",
  "node-pg-migrate",
  "dbmate",
  "rails",
  "django",
  "alembic",
  "drizzle",
  "sequelize",
  "typeorm"
];

// src/gates/migrations/config.ts
var DEFAULT_CONNECT_TIMEOUT_MS = 1e4;
var DEFAULT_STATEMENT_TIMEOUT_MS = 15e3;
function parseMigrationsInputs(source) {
  const databaseUrl = getString(source, "database-url");
  if (databaseUrl) {
    let protocol;
    try {
      protocol = new URL(databaseUrl).protocol;
    } catch {
      throw new InputError(
        `${source.describe("database-url")} is not a valid URL (got '${redactUrl(databaseUrl)}')`
      );
    }
    if (protocol !== "postgres:" && protocol !== "postgresql:") {
      throw new InputError(
        `${source.describe("database-url")} must be a postgres:// or postgresql:// URL (got '${protocol}')`
      );
    }
  }
  const allow = getList(source, "allow");
  const unknown = allow.filter((rule) => !isRuleId(rule));
  if (unknown.length) {
    throw new InputError(
      `${source.describe("allow")} names unknown rule(s) ${unknown.join(", ")}; known: ${Object.keys(RULES).join(", ")}`
    );
  }
  return {
    migrationsDir: getString(source, "migrations-dir"),
    tool: getChoice(source, "tool", ["auto", ...TOOL_NAMES], "auto"),
    databaseUrl,
    baseRef: getString(source, "base-ref"),
    dialect: getChoice(source, "dialect", ["postgres"], "postgres"),
    allow,
    lockTimeoutRules: getBoolean(source, "lock-timeout-rules", false),
    connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: DEFAULT_STATEMENT_TIMEOUT_MS,
    source
  };
}
function urlSecrets(url) {
  try {
    const password = new URL(url).password;
    if (!password) return [];
    return [.../* @__PURE__ */ new Set([password, decodeURIComponent(password)])];
  } catch {
    return [];
  }
}

// src/gates/migrations/db/compare.ts
function compareHistory(files, applied, {
  pointer = false,
  addedInChange = /* @__PURE__ */ new Set()
} = {}) {
  const issues = [];
  const byId = new Map(files.map((file) => [file.id, file]));
  const appliedById = new Map(applied.map((row) => [row.id, row]));
  for (const row of applied) {
    const file = byId.get(row.id);
    if (!file) {
      issues.push({
        rule: "applied-migration-missing",
        message: `Migration ${row.label ?? row.id} is applied in the database but missing from the repository.`
      });
    }
    if (row.failed) {
      issues.push({
        rule: "failed-migration",
        message: `Migration ${file?.name ?? row.label ?? row.id} failed or was left dirty in the database; the deploy would start from a half-applied schema.`,
        file: file?.file
      });
      continue;
    }
    if (file && row.checksum !== void 0 && row.checksum !== "" && file.checksums?.length && !file.checksums.includes(row.checksum)) {
      if (file.repeatable) {
        issues.push({
          rule: "repeatable-migration-changed",
          message: `Repeatable migration ${file.name} changed since it last ran and will run again.`,
          file: file.file
        });
      } else {
        issues.push({
          rule: "checksum-mismatch",
          message: `Migration ${file.name} was edited after it was applied: checksum ${file.checksums[0]} in the repository, ${row.checksum} in the database.`,
          file: file.file
        });
      }
    }
  }
  const pending = files.filter((file) => !appliedById.has(file.id));
  const lastApplied = /* @__PURE__ */ new Map();
  files.forEach((file, index) => {
    if (appliedById.has(file.id) && !file.repeatable) lastApplied.set(file.group ?? "", index);
  });
  files.forEach((file, index) => {
    if (appliedById.has(file.id) || file.repeatable) return;
    const last = lastApplied.get(file.group ?? "");
    if (last !== void 0 && index < last) {
      issues.push({
        rule: "out-of-order",
        message: `Migration ${file.name} is pending but sorts before ${files[last].name}, which is already applied.`,
        file: file.file
      });
    }
  });
  if (pointer) {
    for (const file of files) {
      if (addedInChange.has(file.id) && appliedById.get(file.id)?.inferred) {
        issues.push({
          rule: "out-of-order",
          message: `Migration ${file.name} is new in this change but sorts below the database's current version: it will never run.`,
          file: file.file
        });
      }
    }
  }
  return { pending, issues, appliedCount: applied.length };
}

// src/gates/migrations/db/history.ts
var DatabaseError = class extends Error {
  name = "DatabaseError";
};
function quote(identifier) {
  return `"${identifier.replace(/"/g, '""')}"`;
}
async function readHistoryTable(options, table, select) {
  const { default: pg } = await import("./esm-GAFGLFXC.js");
  const client = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs,
    query_timeout: options.statementTimeoutMs,
    application_name: "deploy-gates migrations"
  });
  client.on("error", () => {
  });
  const deadlineMs = options.connectTimeoutMs + 3 * options.statementTimeoutMs;
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new DatabaseError(`no answer from the database within ${Math.round(deadlineMs / 1e3)}s`)),
      deadlineMs
    );
  });
  const work = async () => {
    try {
      await client.connect();
    } catch (error) {
      throw new DatabaseError(
        `cannot connect to ${describeTarget(options.url)}: ${safeMessage(error, options.url)}`
      );
    }
    try {
      await client.query("BEGIN TRANSACTION READ ONLY");
      const ms = Math.max(1, Math.floor(options.statementTimeoutMs));
      await client.query(`SET LOCAL statement_timeout = ${ms}`);
      await client.query(`SET LOCAL lock_timeout = ${ms}`);
      const name = table.schema ? `${quote(table.schema)}.${quote(table.name)}` : quote(table.name);
      const shown = table.schema ? `${table.schema}.${table.name}` : table.name;
      const found = await client.query("SELECT to_regclass($1)::oid AS oid", [name]);
      const oid = found.rows[0]?.oid;
      if (!oid) return { status: "missing", table: shown };
      const columns = await client.query(
        "SELECT attname FROM pg_attribute WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped",
        [oid]
      );
      const present = new Set(columns.rows.map((r) => r.attname));
      const missingColumns = table.columns.filter((c) => !present.has(c));
      if (missingColumns.length) return { status: "shape", table: shown, missingColumns };
      const rows = await client.query(select(name));
      return { status: "ok", rows: rows.rows, table: shown };
    } catch (error) {
      if (error instanceof DatabaseError) throw error;
      throw new DatabaseError(`reading the history table failed: ${safeMessage(error, options.url)}`);
    } finally {
      await client.query("ROLLBACK").catch(() => {
      });
    }
  };
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
    await Promise.race([
      client.end().catch(() => {
      }),
      new Promise((resolve3) => setTimeout(resolve3, 1e3).unref())
    ]);
  }
}
function describeTarget(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname}`;
  } catch {
    return redactUrl(url);
  }
}
function safeMessage(error, url) {
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof AggregateError && error.errors.length)
    message = error.errors.map((e) => e.message).join("; ");
  message = message.replace(/^(\w*Error: )+/, "");
  if (/timeout expired|connection timeout/i.test(message)) message = "connection timed out";
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) message = message.split(password).join("***");
  } catch {
  }
  return message || "unknown error";
}

// src/gates/migrations/lint/lint-all.ts
import { availableParallelism, loadavg } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

// src/gates/migrations/sql/wasm-tiering.ts
import { setFlagsFromString } from "node:v8";
setFlagsFromString("--liftoff-only");

// src/gates/migrations/sql/pg-query.ts
var import_libpg_query = __toESM(require_libpg_query(), 1);
var PgSyntaxError = class extends Error {
  constructor(message, byteOffset) {
    super(message);
    this.byteOffset = byteOffset;
  }
  byteOffset;
  name = "PgSyntaxError";
};
var instance;
var loading;
var encoder = new TextEncoder();
function loadPgQuery() {
  loading ??= (0, import_libpg_query.default)().then((module) => {
    instance = module;
  });
  return loading;
}
function utf8At(heap, pointer) {
  const end = heap.indexOf(0, pointer);
  return Buffer.from(heap.buffer, heap.byteOffset + pointer, end - pointer).toString("utf8");
}
function parseToJson(sql) {
  const pg = instance;
  if (!pg) throw new Error("SQL parser not loaded: call loadPgQuery() first");
  const bytes = Buffer.byteLength(sql, "utf8");
  const query = pg._malloc(bytes + 1);
  let result = 0;
  try {
    let heap = pg.HEAPU8;
    encoder.encodeInto(sql, heap.subarray(query, query + bytes));
    heap[query + bytes] = 0;
    result = pg._wasm_parse_query_raw(query);
    if (!result) throw new Error("SQL parser out of memory");
    heap = pg.HEAPU8;
    const words = pg.HEAPU32;
    const tree = words[result >> 2];
    const error = words[result + 8 >> 2];
    if (error) {
      const message = words[error >> 2];
      const cursor = words[error + 16 >> 2] | 0;
      throw new PgSyntaxError(message ? utf8At(heap, message) : "syntax error", cursor > 0 ? cursor - 1 : 0);
    }
    if (!tree) throw new Error("SQL parser returned no parse tree");
    return utf8At(heap, tree);
  } finally {
    pg._free(query);
    if (result) pg._wasm_free_parse_result(result);
  }
}

// src/gates/migrations/sql/positions.ts
var SourceMap = class {
  constructor(text) {
    this.text = text;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    if (/[^\x00-\x7f]/.test(text)) {
      const bytes = Buffer.byteLength(text, "utf8");
      const map = new Uint32Array(bytes + 1);
      let byte = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.codePointAt(i);
        const width = code < 128 ? 1 : code < 2048 ? 2 : code < 65536 ? 3 : 4;
        for (let k = 0; k < width; k++) map[byte + k] = i;
        byte += width;
        if (code >= 65536) i++;
      }
      map[bytes] = text.length;
      this.charAtByte = map;
    }
  }
  text;
  lineStarts = [0];
  /** char index of each UTF-8 byte offset; absent when the text is pure ASCII (then bytes = chars). */
  charAtByte;
  charOffset(byteOffset) {
    if (!this.charAtByte) return byteOffset;
    return this.charAtByte[Math.min(byteOffset, this.charAtByte.length - 1)];
  }
  /** 1-based line and column of a character offset. */
  position(charOffset) {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (this.lineStarts[mid] <= charOffset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: charOffset - this.lineStarts[lo] + 1 };
  }
};

// src/gates/migrations/sql/parse.ts
var ALLOW_DIRECTIVE = /^--\s*deploy-gates:\s*allow\b\s*(\S*)\s*(.*)$/;
async function loadSqlParser() {
  await loadPgQuery();
}
function parseTree(text) {
  return JSON.parse(parseToJson(text));
}
function parseError(error, map) {
  if (!(error instanceof PgSyntaxError)) throw error;
  return { message: error.message, ...map.position(map.charOffset(error.byteOffset)) };
}
function locate(tree, map, length) {
  return (tree.stmts ?? []).map((raw) => ({
    raw,
    from: map.charOffset(raw.stmt_location ?? 0),
    to: raw.stmt_len ? map.charOffset((raw.stmt_location ?? 0) + raw.stmt_len) : length
  }));
}
function buildStatements(text, map, located) {
  const statements = [];
  let previousEnd = 0;
  for (const { raw, from, to } of located) {
    const gap = skipComments(text, previousEnd, from, true);
    const { start, comments: inside } = skipComments(text, from, to);
    const comments = [...gap.comments, ...inside];
    previousEnd = to;
    const kind = Object.keys(raw.stmt)[0];
    const startPos = map.position(start);
    const endPos = map.position(Math.max(start, to - 1));
    const allows = [];
    for (const comment of comments) {
      const match = ALLOW_DIRECTIVE.exec(comment.text);
      if (match)
        allows.push({ rule: match[1], reason: match[2].trim(), line: map.position(comment.offset).line });
    }
    statements.push({
      kind,
      node: raw.stmt[kind],
      line: startPos.line,
      column: startPos.column,
      endLine: endPos.line,
      endColumn: endPos.column + 1,
      text: text.slice(start, to),
      allows
    });
  }
  return statements;
}
function parseSql(text) {
  if (text.trim() === "") return { statements: [] };
  const map = new SourceMap(text);
  let tree;
  try {
    tree = parseTree(text);
  } catch (error) {
    return { statements: [], error: parseError(error, map) };
  }
  return { statements: buildStatements(text, map, locate(tree, map, text.length)) };
}
var BATCH_SEPARATOR = "\n;\n";
var BATCH_SIZE = 200;
function parseSqlFiles(texts) {
  const results = [];
  for (let i = 0; i < texts.length; i += BATCH_SIZE)
    results.push(...parseBatch(texts.slice(i, i + BATCH_SIZE)));
  return results;
}
function parseBatch(texts) {
  if (texts.length === 1) return [parseSql(texts[0])];
  const joined = texts.join(BATCH_SEPARATOR);
  const map = new SourceMap(joined);
  let located;
  try {
    located = locate(parseTree(joined), map, joined.length);
  } catch {
    return texts.map(parseSql);
  }
  const perFile = texts.map(() => []);
  let offset = 0;
  let next = 0;
  for (const [index, text] of texts.entries()) {
    const end = offset + text.length;
    while (next < located.length && located[next].from < end) {
      const statement = located[next++];
      if (statement.to > end) return texts.map(parseSql);
      perFile[index].push({ ...statement, from: statement.from - offset, to: statement.to - offset });
    }
    const lastEnd = perFile[index].at(-1)?.to ?? 0;
    if (!skipComments(text, lastEnd, text.length, true).clean) return texts.map(parseSql);
    offset = end + BATCH_SEPARATOR.length;
  }
  return texts.map((text, index) => ({
    statements: buildStatements(text, new SourceMap(text), perFile[index])
  }));
}
function skipComments(text, from, to, skipSemicolons = false) {
  const comments = [];
  let clean = true;
  let i = from;
  while (i < to) {
    const ch = text.charCodeAt(i);
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 12 || skipSemicolons && ch === 59) {
      i++;
    } else if (text.startsWith("--", i)) {
      let end = text.indexOf("\n", i);
      if (end === -1 || end > to) end = to;
      comments.push({ text: text.slice(i, end).trimEnd(), offset: i });
      i = end;
    } else if (text.startsWith("/*", i)) {
      let depth = 0;
      let j = i;
      while (j < to) {
        if (text.startsWith("/*", j)) {
          depth++;
          j += 2;
        } else if (text.startsWith("*/", j)) {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      if (depth > 0) clean = false;
      i = j;
    } else break;
  }
  return { start: i, comments, clean: clean && i >= to };
}

// src/gates/migrations/lint/check.ts
var VOLATILE_FUNCTIONS = /* @__PURE__ */ new Set([
  "random",
  "gen_random_uuid",
  "uuid_generate_v1",
  "uuid_generate_v1mc",
  "uuid_generate_v4",
  "uuidv4",
  "uuidv7",
  "clock_timestamp",
  "timeofday",
  "nextval",
  "txid_current",
  "statement_timestamp"
]);
var SERIAL_TYPES = /* @__PURE__ */ new Set(["serial", "serial2", "serial4", "serial8", "smallserial", "bigserial"]);
function relationName(rangeVar) {
  if (!rangeVar) return "?";
  return rangeVar.schemaname ? `${rangeVar.schemaname}.${rangeVar.relname}` : String(rangeVar.relname);
}
function bareName(rangeVar) {
  return String(rangeVar?.relname ?? "").toLowerCase();
}
function constraintsOf(columnDef) {
  return (columnDef.constraints ?? []).map((c) => c.Constraint);
}
function typeName(columnDef) {
  const names = columnDef.typeName?.names ?? [];
  return String(names[names.length - 1]?.String?.sval ?? "").toLowerCase();
}
function callsVolatileFunction(expression) {
  if (!expression || typeof expression !== "object") return false;
  if (Array.isArray(expression)) return expression.some(callsVolatileFunction);
  const node = expression;
  if (node.FuncCall) {
    const names = node.FuncCall.funcname ?? [];
    const name = String(names[names.length - 1]?.String?.sval ?? "").toLowerCase();
    if (VOLATILE_FUNCTIONS.has(name)) return true;
  }
  return Object.values(node).some(callsVolatileFunction);
}
function takesStrongLock(statement) {
  const { kind, node } = statement;
  if (kind === "AlterTableStmt" || kind === "RenameStmt" || kind === "TruncateStmt") return true;
  if (kind === "IndexStmt") return !node.concurrent;
  if (kind === "DropStmt")
    return !node.concurrent && ["OBJECT_TABLE", "OBJECT_INDEX"].includes(node.removeType);
  return false;
}
function checkStatements(statements, options) {
  const violations = [];
  const createdTables = /* @__PURE__ */ new Set();
  const createdViews = /* @__PURE__ */ new Set();
  const columnsAddedLater = (index, table) => {
    const added = /* @__PURE__ */ new Set();
    for (const later of statements.slice(index + 1)) {
      if (later.kind !== "AlterTableStmt" || bareName(later.node.relation) !== table) continue;
      for (const cmd of later.node.cmds ?? []) {
        const c = cmd.AlterTableCmd;
        if (c.subtype === "AT_AddColumn") added.add(String(c.def?.ColumnDef?.colname).toLowerCase());
      }
    }
    return added;
  };
  const viewsCreatedLater = (index) => {
    const names = /* @__PURE__ */ new Set();
    for (const later of statements.slice(index + 1))
      if (later.kind === "ViewStmt") names.add(bareName(later.node.view));
    return names;
  };
  let inExplicitTransaction = false;
  let lockTimeoutSet = false;
  let lockTimeoutReported = false;
  statements.forEach((statement, index) => {
    const { kind, node } = statement;
    const report = (rule, message) => {
      violations.push({ rule, message, statement });
    };
    const existing = (rangeVar) => !createdTables.has(bareName(rangeVar));
    if (options.lockTimeoutRules && !lockTimeoutSet && !lockTimeoutReported && takesStrongLock(statement)) {
      const target = node.relation ?? node.objects;
      if (!node.relation || existing(target)) {
        lockTimeoutReported = true;
        report(
          "missing-lock-timeout",
          "Takes a strong lock with no lock_timeout set earlier in this migration."
        );
      }
    }
    switch (kind) {
      case "TransactionStmt":
        if (["TRANS_STMT_BEGIN", "TRANS_STMT_START"].includes(node.kind)) inExplicitTransaction = true;
        if (["TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK", "TRANS_STMT_PREPARE"].includes(node.kind))
          inExplicitTransaction = false;
        break;
      case "VariableSetStmt":
        if (String(node.name).toLowerCase() === "lock_timeout") lockTimeoutSet = true;
        break;
      case "CreateStmt":
        createdTables.add(bareName(node.relation));
        break;
      case "ViewStmt":
        createdViews.add(bareName(node.view));
        break;
      case "DropStmt": {
        const objects = (node.objects ?? []).map(objectName);
        if (node.removeType === "OBJECT_TABLE") {
          const dropped = objects.filter((name) => !createdTables.has(name.split(".").pop().toLowerCase()));
          if (dropped.length) report("drop-table", `Drops table ${dropped.join(", ")} and all of its rows.`);
        } else if (node.removeType === "OBJECT_SCHEMA") {
          report(
            "drop-schema",
            `Drops schema ${objects.join(", ")}${node.behavior === "DROP_CASCADE" ? " with CASCADE" : ""}.`
          );
        } else if (node.removeType === "OBJECT_INDEX") {
          if (node.concurrent) checkConcurrently(`DROP INDEX CONCURRENTLY ${objects.join(", ")}`);
          else
            report("drop-index-non-concurrently", `Drops index ${objects.join(", ")} without CONCURRENTLY.`);
        }
        break;
      }
      case "TruncateStmt":
        report(
          "truncate",
          `Truncates ${(node.relations ?? []).map((r) => relationName(r.RangeVar)).join(", ")}.`
        );
        break;
      case "DeleteStmt":
        if (!node.whereClause)
          report("delete-without-where", `Deletes every row of ${relationName(node.relation)} (no WHERE).`);
        break;
      case "UpdateStmt":
        if (!node.whereClause)
          report("update-without-where", `Updates every row of ${relationName(node.relation)} (no WHERE).`);
        break;
      case "RenameStmt": {
        const table = relationName(node.relation);
        if (node.renameType === "OBJECT_COLUMN" && node.relationType === "OBJECT_TABLE" && existing(node.relation)) {
          if (!columnsAddedLater(index, bareName(node.relation)).has(String(node.subname).toLowerCase())) {
            report(
              "rename-column",
              `Renames column ${table}.${node.subname} to ${node.newname}; the running version still uses ${node.subname}.`
            );
          }
        } else if (node.renameType === "OBJECT_TABLE" && existing(node.relation)) {
          if (!viewsCreatedLater(index).has(bareName(node.relation))) {
            report(
              "rename-table",
              `Renames table ${table} to ${node.newname}; the running version still uses ${table}.`
            );
          }
        }
        break;
      }
      case "IndexStmt":
        if (node.concurrent)
          checkConcurrently(`CREATE INDEX CONCURRENTLY${node.idxname ? ` ${node.idxname}` : ""}`);
        else if (existing(node.relation)) {
          report(
            "create-index-non-concurrently",
            `Creates index ${node.idxname ?? ""} on ${relationName(node.relation)} without CONCURRENTLY; writes are blocked while it builds.`.replace(
              "index  on",
              "an index on"
            )
          );
        }
        break;
      case "AlterTableStmt":
        if (node.objtype === "OBJECT_TABLE" && existing(node.relation)) checkAlterTable(node);
        break;
    }
    function checkConcurrently(what) {
      if (inExplicitTransaction)
        report(
          "concurrently-in-transaction",
          `${what} runs inside the BEGIN block opened earlier in this file and will fail.`
        );
      else if (options.transaction === "wrapped") {
        report(
          "concurrently-in-transaction",
          `${what} runs inside the transaction this tool wraps the migration in, and will fail.`
        );
      }
    }
    function checkAlterTable(alter) {
      const table = relationName(alter.relation);
      for (const cmd of alter.cmds ?? []) {
        const c = cmd.AlterTableCmd;
        switch (c.subtype) {
          case "AT_DropColumn":
            report("drop-column", `Drops column ${table}.${c.name} and its data.`);
            break;
          case "AT_AlterColumnType":
            report("change-column-type", `Changes the type of ${table}.${c.name}.`);
            break;
          case "AT_SetNotNull":
            report("set-not-null", `Sets ${table}.${c.name} NOT NULL on an existing table.`);
            break;
          case "AT_AddColumn": {
            const column = c.def?.ColumnDef;
            const constraints = constraintsOf(column);
            const has = (type) => constraints.find((x) => x.contype === type);
            const defaultExpr = has("CONSTR_DEFAULT");
            const generated = has("CONSTR_GENERATED") ?? has("CONSTR_IDENTITY");
            if ((has("CONSTR_NOTNULL") || has("CONSTR_PRIMARY")) && !defaultExpr && !generated && !SERIAL_TYPES.has(typeName(column))) {
              report(
                "add-column-not-null-without-default",
                `Adds NOT NULL column ${table}.${column.colname} without a default; inserts from the running version fail.`
              );
            }
            if (defaultExpr && callsVolatileFunction(defaultExpr.raw_expr) || SERIAL_TYPES.has(typeName(column))) {
              report(
                "volatile-default",
                `Adds ${table}.${column.colname} with a volatile default; the whole table is rewritten.`
              );
            }
            const foreign = has("CONSTR_FOREIGN");
            if (foreign && !foreign.skip_validation) {
              report(
                "add-foreign-key-validated",
                `Adds ${table}.${column.colname} REFERENCES ${relationName(foreign.pktable)} and validates it while blocking writes.`
              );
            }
            if (has("CONSTR_UNIQUE"))
              report(
                "add-unique-constraint",
                `Adds ${table}.${column.colname} UNIQUE, building the index under an ACCESS EXCLUSIVE lock.`
              );
            break;
          }
          case "AT_AddConstraint": {
            const constraint = c.def?.Constraint;
            const name = constraint.conname ? ` ${constraint.conname}` : "";
            if (constraint.contype === "CONSTR_FOREIGN" && !constraint.skip_validation) {
              report("add-foreign-key-validated", `Adds foreign key${name} on ${table} without NOT VALID.`);
            } else if (constraint.contype === "CONSTR_CHECK" && !constraint.skip_validation) {
              report("add-check-validated", `Adds check constraint${name} on ${table} without NOT VALID.`);
            } else if (constraint.contype === "CONSTR_UNIQUE" && !constraint.indexname) {
              report(
                "add-unique-constraint",
                `Adds unique constraint${name} on ${table} without USING INDEX.`
              );
            }
            break;
          }
        }
      }
    }
  });
  return violations;
}
function objectName(object) {
  if (object.String) return String(object.String.sval);
  const items = object.List?.items ?? [];
  return items.map((item) => String(item.String?.sval)).join(".");
}

// src/gates/migrations/lint/lint-file.ts
function finding(rule, message, at = {}) {
  return { rule, severity: RULES[rule].severity, message, help: RULES[rule].help, ...at };
}
function lintMigration(migration, lockTimeoutRules, parsed) {
  const result = { findings: [], violations: [], allowed: [], statements: 0 };
  if (migration.sql === void 0) return result;
  parsed ??= parseSql(migration.sql);
  if (parsed.error) {
    const { line, column, message } = parsed.error;
    result.findings.push(
      finding("sql-syntax-error", `PostgreSQL cannot parse this migration: ${message}.`, {
        file: migration.file,
        line,
        column
      })
    );
    return result;
  }
  result.statements = parsed.statements.length;
  const meaningful = parsed.statements.filter((s) => s.kind !== "TransactionStmt");
  const transaction = migration.transaction === "implicit" ? meaningful.length > 1 ? "wrapped" : "none" : migration.transaction;
  const violations = checkStatements(parsed.statements, { transaction, lockTimeoutRules });
  result.violations = violations.map(({ rule, statement }) => ({ rule, line: statement.line }));
  for (const statement of parsed.statements) {
    for (const allow of statement.allows) {
      if (!isRuleId(allow.rule)) {
        result.findings.push(
          finding(
            "allow-unknown-rule",
            `The allow comment names ${allow.rule ? `unknown rule '${allow.rule}'` : "no rule"}.`,
            {
              file: migration.file,
              line: allow.line
            }
          )
        );
      } else if (!allow.reason) {
        result.findings.push(
          finding(
            "allow-missing-reason",
            `The allow comment for ${allow.rule} gives no reason, so it does not silence the rule.`,
            {
              file: migration.file,
              line: allow.line
            }
          )
        );
      }
    }
  }
  for (const violation of violations) {
    const { statement, rule } = violation;
    const allow = statement.allows.find((a) => a.rule === rule && a.reason);
    if (allow) {
      result.allowed.push({ rule, file: migration.file, line: statement.line, reason: allow.reason });
      continue;
    }
    result.findings.push(
      finding(rule, violation.message, {
        file: migration.file,
        line: statement.line,
        column: statement.column,
        endLine: statement.endLine,
        endColumn: statement.endColumn
      })
    );
  }
  return result;
}

// src/gates/migrations/lint/lint-all.ts
var WORKER_TAG = "deploy-gates-migrations-lint";
var CHUNK_FILES = 100;
var EARLY_START_ENTRIES = 500;
var PARALLEL_MIN_SQL_CHARS = 128 * 1024;
var MAX_WORKERS = 3;
var LintWorkers = class {
  workers;
  running;
  failure;
  onChange = () => {
  };
  constructor(count) {
    this.running = count;
    this.workers = Array.from({ length: count }, () => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { tag: WORKER_TAG } });
      worker.unref();
      worker.once("error", (error) => {
        this.failure ??= error;
        this.onChange();
      });
      worker.once("exit", () => {
        this.running--;
        this.onChange();
      });
      return worker;
    });
  }
  stop() {
    for (const worker of this.workers) void worker.terminate();
  }
};
function workerCount(env) {
  const threads = Number.parseInt(env.DEPLOY_GATES_LINT_THREADS ?? "", 10);
  if (threads >= 1) return Math.min(MAX_WORKERS, threads - 1);
  const idle = availableParallelism() - loadavg()[0];
  return Math.max(0, Math.min(MAX_WORKERS, Math.floor(idle) - 1));
}
function startLintWorkers(entries, env) {
  if (entries < EARLY_START_ENTRIES || !import.meta.url.endsWith(".js")) return void 0;
  const count = workerCount(env);
  return count >= 1 ? new LintWorkers(count) : void 0;
}
function lintChunk(migrations, chunk, lockTimeoutRules) {
  const slice = migrations.slice(chunk * CHUNK_FILES, (chunk + 1) * CHUNK_FILES);
  const withSql = slice.filter((migration) => migration.sql !== void 0);
  const parsed = parseSqlFiles(withSql.map((migration) => migration.sql));
  const byMigration = new Map(withSql.map((migration, index) => [migration, parsed[index]]));
  return slice.map(
    (migration) => lintMigration(migration, lockTimeoutRules, byMigration.get(migration))
  );
}
function takeChunks(job, done) {
  const counter = new Int32Array(job.counter);
  const chunks = Math.ceil(job.migrations.length / CHUNK_FILES);
  for (let chunk = Atomics.add(counter, 0, 1); chunk < chunks; chunk = Atomics.add(counter, 0, 1))
    done(chunk, lintChunk(job.migrations, chunk, job.lockTimeoutRules));
}
async function lintMigrations(migrations, lockTimeoutRules, workers) {
  await loadSqlParser();
  let chars = 0;
  for (const migration of migrations) chars += migration.sql?.length ?? 0;
  const parallel = chars >= PARALLEL_MIN_SQL_CHARS ? workers : void 0;
  if (!parallel) workers?.stop();
  const job = {
    migrations: migrations.map(({ file, sql, transaction }) => ({ file, sql, transaction })),
    lockTimeoutRules,
    counter: new SharedArrayBuffer(4)
  };
  const chunks = Math.ceil(job.migrations.length / CHUNK_FILES);
  const results = new Array(chunks);
  let received = 0;
  const helped = /* @__PURE__ */ new Set();
  for (const worker of parallel?.workers ?? []) {
    worker.on("message", (message) => {
      if ("error" in message) parallel.failure ??= new Error(`SQL lint worker failed: ${message.error}`);
      else {
        results[message.chunk] = message.lints;
        received++;
        helped.add(worker);
      }
      parallel.onChange();
    });
    worker.ref();
    worker.postMessage(job);
  }
  try {
    takeChunks(job, (chunk, lints) => {
      results[chunk] = lints;
      received++;
    });
    while (received < chunks) {
      if (parallel?.failure) throw parallel.failure;
      if (!parallel?.running) throw new Error("SQL lint workers exited without linting every migration");
      await new Promise((resolve3) => parallel.onChange = resolve3);
    }
  } finally {
    parallel?.stop();
  }
  return { lints: results.flat(), threads: 1 + helped.size };
}
async function serveWorker() {
  const port = parentPort;
  const loaded = loadSqlParser();
  port.once("message", async (job) => {
    try {
      await loaded;
      takeChunks(job, (chunk, lints) => port.postMessage({ chunk, lints }));
    } catch (error) {
      port.postMessage({
        error: error instanceof Error ? error.message : String(error)
      });
    }
    port.close();
  });
  await loaded.catch(() => void 0);
}
if (!isMainThread && workerData?.tag === WORKER_TAG) void serveWorker();

// src/gates/migrations/locate.ts
import { promises as fs2 } from "node:fs";
import * as path13 from "node:path";

// src/gates/migrations/tools/alembic.ts
import * as path2 from "node:path";

// src/gates/migrations/tools/common.ts
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
async function listEntries(directory) {
  try {
    const entries = await fs.readdir(directory, { withFileTypes: true });
    return entries.filter((entry) => !entry.name.startsWith(".")).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() })).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  } catch {
    return [];
  }
}
async function countEntries(directory) {
  try {
    return (await fs.readdir(directory)).length;
  } catch {
    return 0;
  }
}
async function listFiles(directory, pattern) {
  return (await listEntries(directory)).filter((e) => !e.isDirectory && pattern.test(e.name)).map((e) => e.name);
}
async function exists(file) {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
async function readMigration(cwd, absolute) {
  const { text, display } = readTextFileSync(cwd, absolute);
  return { text, file: display.split(path.sep).join("/") };
}
function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}
function keepRange(text, start, end) {
  const blank = (s) => s.replace(/[^\n]/g, " ");
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}
async function anyFileContains(directory, pattern, marker, limit = 5) {
  const files = (await listFiles(directory, pattern)).slice(0, limit);
  for (const name of files) {
    try {
      const text = await fs.readFile(path.join(directory, name), "utf8");
      if (marker.test(text)) return true;
    } catch {
    }
  }
  return false;
}
function compareVersions(a, b) {
  const pa = a.split(".").map((part) => BigInt(part));
  const pb = b.split(".").map((part) => BigInt(part));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0n;
    const y = pb[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
var CODE_FILE = /\.(c|m)?(j|t)s$/;
function str(value) {
  return value === null || value === void 0 ? "" : String(value);
}
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
var READ_CONCURRENCY = 32;

// src/gates/migrations/tools/embedded-sql.ts
function embeddedSql(text, callees) {
  const [from, to] = upRegion(text);
  const keep = [];
  const calls = new RegExp(`(?:${callees.map((c) => c.replace(/[.$]/g, "\\$&")).join("|")})\\s*\\(\\s*`, "g");
  for (let match = calls.exec(text); match; match = calls.exec(text)) {
    const literal = readLiteral(text, match.index + match[0].length);
    if (literal && literal[0] >= from && literal[1] <= to) keep.push(literal);
  }
  if (callees.includes("execute")) {
    const heredoc = /\bexecute\s*\(?\s*<<[~-]?(['"]?)([A-Z_]+)\1[^\n]*\n/g;
    for (let match = heredoc.exec(text); match; match = heredoc.exec(text)) {
      const start = match.index + match[0].length;
      const end = new RegExp(`^\\s*${match[2]}\\s*$`, "m");
      end.lastIndex = 0;
      const rest = end.exec(text.slice(start));
      if (rest && start >= from && start <= to) keep.push([start, start + rest.index]);
    }
  }
  if (keep.length === 0) return void 0;
  keep.sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  for (const [start, end] of keep) {
    out += text.slice(at, start).replace(/[^\n]/g, " ") + text.slice(start, end);
    at = end;
    if (at < text.length && text[at] !== "\n") {
      out += ";";
      at++;
    }
  }
  return out + text.slice(at).replace(/[^\n]/g, " ");
}
var UP_DEFINITION = /exports\.up\s*=|export\s+(async\s+)?function\s+up\b|export\s+const\s+up\b|\basync\s+up\s*\(|\bup\s*:\s*(async\s*)?(\(|function)|\bdef\s+(up|upgrade|change)\b/;
var DOWN_DEFINITION = /exports\.down\s*=|export\s+(async\s+)?function\s+down\b|export\s+const\s+down\b|\basync\s+down\s*\(|\bdown\s*:\s*(async\s*)?(\(|function)|\bdef\s+(down|downgrade)\b/;
function upRegion(text) {
  const up = UP_DEFINITION.exec(text)?.index ?? 0;
  const down = DOWN_DEFINITION.exec(text)?.index;
  if (down === void 0) return [0, text.length];
  return down > up ? [0, down] : [up, text.length];
}
function readLiteral(text, at) {
  const triple = text.startsWith('"""', at) || text.startsWith("'''", at);
  const quote2 = triple ? text.slice(at, at + 3) : text[at];
  if (!quote2 || !['"', "'", "`", '"""', "'''"].includes(quote2)) return void 0;
  const start = at + quote2.length;
  const end = text.indexOf(quote2, start);
  if (end === -1) return void 0;
  const content = text.slice(start, end);
  if (content.includes("\\") || quote2 === "`" && content.includes("${")) return void 0;
  if (!triple && quote2 !== "`" && content.includes("\n")) return void 0;
  return [start, end];
}
function hasJsDown(text) {
  if (/exports\.down\s*=\s*false/.test(text) || /export\s+const\s+down\s*=\s*false/.test(text)) return false;
  return DOWN_DEFINITION.test(text);
}

// src/gates/migrations/tools/alembic.ts
var REVISION = /^revision(?:\s*:\s*[\w[\], |]+)?\s*=\s*['"]([^'"]+)['"]/m;
var DOWN_REVISION = /^down_revision(?:\s*:\s*[\w[\], |.]+)?\s*=\s*(None|['"][^'"]*['"]|\([^)]*\)|\[[^\]]*\])/m;
var alembic = {
  name: "alembic",
  defaultDirs: ["alembic/versions", "migrations/versions"],
  pointer: true,
  async detect(directory) {
    return await anyFileContains(directory, /\.py$/, /^down_revision/m) ? 3 : 0;
  },
  async list(directory, cwd) {
    const byRevision = /* @__PURE__ */ new Map();
    for (const name of await listFiles(directory, /\.py$/)) {
      const { text, file } = await readMigration(cwd, path2.join(directory, name));
      const revision = REVISION.exec(text)?.[1];
      if (!revision) continue;
      const down = DOWN_REVISION.exec(text)?.[1] ?? "None";
      const parents = [...down.matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]);
      const downgrade = /def\s+downgrade\s*\([^)]*\)[^:]*:\s*\n((?:[ \t]+.*\n?|\s*\n)*)/.exec(text)?.[1] ?? "";
      const downBody = downgrade.replace(/#.*$/gm, "").replace(/("""|''')[\s\S]*?\1/g, "").trim();
      byRevision.set(revision, {
        id: revision,
        name: name.replace(/\.py$/, ""),
        file,
        text,
        sql: embeddedSql(text, ["op.execute"]),
        hasDown: downBody !== "" && downBody !== "pass",
        transaction: "wrapped",
        parents
      });
    }
    const ordered = [];
    const state = /* @__PURE__ */ new Map();
    const visit = (file) => {
      if (state.get(file.id) === "done") return;
      if (state.get(file.id) === "visiting")
        throw new UserError(`${file.file}: alembic revision graph has a cycle at ${file.id}`);
      state.set(file.id, "visiting");
      for (const parent of file.parents) {
        const p = byRevision.get(parent);
        if (p) visit(p);
      }
      state.set(file.id, "done");
      ordered.push(file);
    };
    for (const file of [...byRevision.values()].sort((a, b) => a.id < b.id ? -1 : 1)) visit(file);
    return ordered;
  },
  table: { name: "alembic_version", columns: ["version_num"] },
  select: (table) => `SELECT version_num FROM ${table}`,
  applied(rows, files) {
    const byId = new Map(files.map((f) => [f.id, f]));
    const applied = /* @__PURE__ */ new Map();
    const walk = (id) => {
      if (applied.has(id)) return;
      applied.set(id, { id, failed: false });
      for (const parent of byId.get(id)?.parents ?? []) walk(parent);
    };
    for (const row of rows) walk(str(row.version_num));
    return [...applied.values()];
  }
};

// src/gates/migrations/tools/dbmate.ts
import * as path3 from "node:path";
var FILE = /^(\d+)_?(.*)\.sql$/;
var UP_MARKER = /^--\s*migrate:up\b(.*)$/m;
var DOWN_MARKER = /^--\s*migrate:down\b.*$/m;
function dbmateSections(text) {
  const up = UP_MARKER.exec(text);
  const down = DOWN_MARKER.exec(text);
  const upStart = up ? up.index + up[0].length : 0;
  const upEnd = down && down.index > upStart ? down.index : text.length;
  const downText = down ? text.slice(down.index + down[0].length) : "";
  return {
    up: keepRange(text, upStart, upEnd),
    down: downText,
    transaction: !/transaction\s*:\s*false/.test(up?.[1] ?? "")
  };
}
function hasSqlContent(text) {
  return text.replace(/--[^\n]*/g, "").replace(/\/\*[\s\S]*?\*\//g, "").trim() !== "";
}
var dbmate = {
  name: "dbmate",
  defaultDirs: ["db/migrations"],
  async detect(directory) {
    return await anyFileContains(directory, /\.sql$/, UP_MARKER) ? 3 : 0;
  },
  async list(directory, cwd) {
    return mapLimit(
      await listFiles(directory, FILE),
      READ_CONCURRENCY,
      async (name) => {
        const match = FILE.exec(name);
        const { text, file } = await readMigration(cwd, path3.join(directory, name));
        const sections = dbmateSections(text);
        return {
          id: match[1],
          name: name.replace(/\.sql$/, ""),
          file,
          text,
          sql: sections.up,
          hasDown: hasSqlContent(sections.down),
          transaction: sections.transaction ? "wrapped" : "none"
        };
      }
    );
  },
  table: { name: "schema_migrations", columns: ["version"] },
  select: (table) => `SELECT version FROM ${table} ORDER BY version`,
  applied: (rows) => rows.map((row) => ({ id: str(row.version), failed: false }))
};

// src/gates/migrations/tools/django.ts
import * as path4 from "node:path";
var FILE2 = /^(\d{4})_(.+)\.py$/;
var MARKER = /migrations\.Migration\b/;
var django = {
  name: "django",
  defaultDirs: ["."],
  async detect(directory) {
    if (await anyFileContains(directory, FILE2, MARKER)) return 3;
    for (const entry of await listEntries(directory)) {
      if (entry.isDirectory && await anyFileContains(path4.join(directory, entry.name, "migrations"), FILE2, MARKER))
        return 3;
    }
    return 0;
  },
  async list(directory, cwd) {
    const apps = [];
    if ((await listFiles(directory, FILE2)).length > 0)
      apps.push({ app: path4.basename(path4.dirname(path4.resolve(directory))), dir: directory });
    else {
      for (const entry of await listEntries(directory)) {
        const dir = path4.join(directory, entry.name, "migrations");
        if (entry.isDirectory && (await listFiles(dir, FILE2)).length > 0) apps.push({ app: entry.name, dir });
      }
    }
    const files = [];
    for (const { app, dir } of apps) {
      for (const name of await listFiles(dir, FILE2)) {
        const { text, file } = await readMigration(cwd, path4.join(dir, name));
        const migration = name.replace(/\.py$/, "");
        files.push({
          id: `${app}.${migration}`,
          name: `${app}.${migration}`,
          file,
          text,
          sql: embeddedSql(text, ["migrations.RunSQL", "RunSQL"]),
          transaction: /atomic\s*=\s*False/.test(text) ? "none" : "wrapped",
          group: app
        });
      }
    }
    return files;
  },
  table: { name: "django_migrations", columns: ["id", "app", "name", "applied"] },
  select: (table) => `SELECT app, name FROM ${table} ORDER BY id`,
  applied: (rows) => rows.map((row) => ({ id: `${str(row.app)}.${str(row.name)}`, failed: false }))
};

// src/gates/migrations/tools/drizzle.ts
import * as path5 from "node:path";
var drizzle = {
  name: "drizzle",
  defaultDirs: ["drizzle", "migrations", "src/db/migrations", "db/migrations"],
  async detect(directory) {
    return await exists(path5.join(directory, "meta", "_journal.json")) ? 3 : 0;
  },
  async list(directory, cwd) {
    const journalPath = path5.join(directory, "meta", "_journal.json");
    const { text: journalText, display } = await readTextFile(cwd, journalPath);
    let entries;
    try {
      entries = JSON.parse(journalText).entries;
      if (!Array.isArray(entries)) throw new Error('no "entries" list');
    } catch (error) {
      throw new FileError(
        `not a drizzle journal: ${error instanceof Error ? error.message : String(error)}`,
        display
      );
    }
    const files = [];
    for (const entry of entries) {
      const { text, file } = await readMigration(cwd, path5.join(directory, `${entry.tag}.sql`));
      files.push({
        id: String(entry.when),
        name: entry.tag,
        file,
        text,
        // The breakpoint marker is a SQL comment, so the file parses as it is.
        sql: text,
        transaction: "wrapped",
        checksums: [sha256(text)]
      });
    }
    return files.sort((a, b) => Number(a.id) - Number(b.id));
  },
  table: { schema: "drizzle", name: "__drizzle_migrations", columns: ["id", "hash", "created_at"] },
  select: (table) => `SELECT hash, created_at FROM ${table} ORDER BY created_at`,
  applied: (rows) => rows.map((row) => ({ id: str(row.created_at), checksum: str(row.hash), failed: false }))
};

// src/gates/migrations/tools/flyway.ts
import { crc32 } from "node:zlib";
import * as path6 from "node:path";
var VERSIONED = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;
var REPEATABLE = /^R__(.+)\.sql$/;
function normalizeFlywayVersion(version) {
  const parts = version.replace(/_/g, ".").split(".").map((part) => BigInt(part).toString());
  while (parts.length > 1 && parts[parts.length - 1] === "0") parts.pop();
  return parts.join(".");
}
function flywayChecksum(text) {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[0]?.charCodeAt(0) === 65279) lines[0] = lines[0].slice(1);
  let crc = 0;
  for (const line of lines) crc = crc32(Buffer.from(line, "utf8"), crc);
  return crc | 0;
}
var flyway = {
  name: "flyway",
  defaultDirs: ["db/migration", "src/main/resources/db/migration", "sql", "migrations", "flyway/sql"],
  async detect(directory) {
    const files = await listFiles(directory, /\.sql$/);
    return files.some((name) => /^V\d+(?:[._]\d+)*__.+\.sql$/.test(name) || REPEATABLE.test(name)) ? 3 : 0;
  },
  async list(directory, cwd) {
    const names = await listFiles(directory, /\.sql$/);
    const undo = /* @__PURE__ */ new Set();
    for (const name of names) {
      const match = VERSIONED.exec(name);
      if (match?.[1] === "U") undo.add(normalizeFlywayVersion(match[2]));
    }
    const usesUndo = undo.size > 0;
    const versioned = [];
    const repeatable = [];
    const scripts = names.filter((name) => VERSIONED.exec(name)?.[1] === "V" || REPEATABLE.test(name));
    const texts = await mapLimit(
      scripts,
      READ_CONCURRENCY,
      (name) => readMigration(cwd, path6.join(directory, name))
    );
    for (const [index, name] of scripts.entries()) {
      const match = VERSIONED.exec(name);
      const repeat = REPEATABLE.exec(name);
      const { text, file } = texts[index];
      const checksums = [String(flywayChecksum(text))];
      const base = { text, sql: text, file, transaction: "implicit", checksums };
      if (match) {
        const version = normalizeFlywayVersion(match[2]);
        versioned.push({
          ...base,
          id: version,
          name: `V${match[2]}__${match[3]}`,
          hasDown: usesUndo ? undo.has(version) : void 0
        });
      } else {
        const description = repeat[1].replace(/_/g, " ");
        repeatable.push({ ...base, id: `R:${description}`, name: `R__${repeat[1]}`, repeatable: true });
      }
    }
    versioned.sort((a, b) => compareVersions(a.id, b.id));
    repeatable.sort((a, b) => compareStrings(a.id, b.id));
    return [...versioned, ...repeatable];
  },
  table: {
    name: "flyway_schema_history",
    columns: [
      "installed_rank",
      "version",
      "description",
      "type",
      "script",
      "checksum",
      "installed_by",
      "installed_on",
      "execution_time",
      "success"
    ]
  },
  select: (table) => `SELECT installed_rank, version, description, type, script, checksum, success FROM ${table} ORDER BY installed_rank`,
  applied(rows, files) {
    const versioned = /* @__PURE__ */ new Map();
    const repeatable = /* @__PURE__ */ new Map();
    for (const row of rows) {
      const type = str(row.type);
      const version = row.version === null ? void 0 : normalizeFlywayVersion(str(row.version));
      if (type === "SCHEMA" || type === "DELETE") continue;
      if (type === "BASELINE" && version) {
        for (const file of files) {
          if (!file.repeatable && compareVersions(file.id, version) <= 0)
            versioned.set(file.id, { id: file.id, failed: false });
        }
        continue;
      }
      if (type.startsWith("UNDO_") && version) {
        if (row.success) versioned.delete(version);
        continue;
      }
      const checksum = row.checksum === null ? void 0 : String(row.checksum);
      const entry = { checksum, failed: row.success === false, label: str(row.script) };
      if (version) versioned.set(version, { id: version, ...entry });
      else {
        const id = `R:${str(row.description)}`;
        if (row.success !== false || !repeatable.has(id))
          repeatable.set(id, { id, ...entry, repeatable: true });
      }
    }
    return [...versioned.values(), ...repeatable.values()];
  }
};

// src/gates/migrations/tools/golang-migrate.ts
import * as path7 from "node:path";
var UP = /^(\d+)_(.+)\.up\.sql$/;
var golangMigrate = {
  name: "golang-migrate",
  defaultDirs: ["migrations", "db/migrations", "migrate"],
  pointer: true,
  async detect(directory) {
    return (await listFiles(directory, /\.up\.sql$/)).some((name) => UP.test(name)) ? 3 : 0;
  },
  async list(directory, cwd) {
    const downs = new Set(await listFiles(directory, /\.down\.sql$/));
    const files = await mapLimit(
      await listFiles(directory, UP),
      READ_CONCURRENCY,
      async (name) => {
        const match = UP.exec(name);
        const { text, file } = await readMigration(cwd, path7.join(directory, name));
        const hasDown = downs.has(name.replace(/\.up\.sql$/, ".down.sql"));
        return {
          id: String(BigInt(match[1])),
          name: name.replace(/\.up\.sql$/, ""),
          file,
          text,
          sql: text,
          hasDown,
          transaction: "implicit",
          relatedFiles: [file.replace(/\.up\.sql$/, ".down.sql")]
        };
      }
    );
    return files.sort((a, b) => BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);
  },
  table: { name: "schema_migrations", columns: ["version", "dirty"] },
  select: (table) => `SELECT version, dirty FROM ${table}`,
  applied(rows, files) {
    const row = rows[0];
    if (!row) return [];
    const current = BigInt(str(row.version));
    const applied = files.filter((file) => BigInt(file.id) < current).map((file) => ({ id: file.id, failed: false, inferred: true }));
    applied.push({ id: current.toString(), failed: row.dirty === true, label: `version ${current}` });
    return applied;
  }
};

// src/gates/migrations/tools/code-migrations.ts
import * as path8 from "node:path";
async function listCodeMigrations(directory, cwd, {
  sqlCallees,
  transaction
}) {
  const files = [];
  for (const name of await listFiles(directory, CODE_FILE)) {
    if (name.endsWith(".d.ts")) continue;
    const { text, file } = await readMigration(cwd, path8.join(directory, name));
    files.push({
      id: name,
      name,
      file,
      text,
      sql: embeddedSql(text, sqlCallees),
      hasDown: hasJsDown(text),
      transaction: transaction(text)
    });
  }
  return files;
}

// src/gates/migrations/tools/knex.ts
var knex = {
  name: "knex",
  defaultDirs: ["migrations", "db/migrations"],
  async detect(directory) {
    return await anyFileContains(directory, CODE_FILE, /\bknex\.schema\b|\(\s*knex\s*[,)]|Knex\b/) ? 2 : 0;
  },
  list: (directory, cwd) => listCodeMigrations(directory, cwd, {
    sqlCallees: ["knex.raw", "knex.schema.raw", "trx.raw"],
    transaction: (text) => /transaction\s*:\s*false/.test(text) ? "none" : "wrapped"
  }),
  table: { name: "knex_migrations", columns: ["id", "name", "batch", "migration_time"] },
  select: (table) => `SELECT name FROM ${table} ORDER BY id`,
  applied: (rows) => rows.map((row) => ({ id: str(row.name), failed: false }))
};

// src/gates/migrations/tools/node-pg-migrate.ts
import * as path9 from "node:path";
var FILE3 = /^(\d+)[_-]?.*\.(sql|c?js|mjs|ts)$/;
var UP2 = /^\s*--[\s-]*up\s+migration.*$/im;
var DOWN = /^\s*--[\s-]*down\s+migration.*$/im;
var nodePgMigrate = {
  name: "node-pg-migrate",
  defaultDirs: ["migrations"],
  async detect(directory) {
    if (await anyFileContains(directory, /\.sql$/, UP2)) return 3;
    if (await anyFileContains(
      directory,
      CODE_FILE,
      /\bpgm\s*=>|\(\s*pgm\b|MigrationBuilder|\bpgm\.(sql|create|add|drop)/
    ))
      return 2;
    return 0;
  },
  async list(directory, cwd) {
    const files = await mapLimit(
      await listFiles(directory, FILE3),
      READ_CONCURRENCY,
      async (name) => {
        const { text, file } = await readMigration(cwd, path9.join(directory, name));
        const id = name.replace(/\.[^.]+$/, "");
        if (name.endsWith(".sql")) {
          const up = UP2.exec(text);
          const down = DOWN.exec(text);
          const start = up ? up.index + up[0].length : 0;
          const end = down && down.index > start ? down.index : text.length;
          const downText = down ? text.slice(down.index + down[0].length) : "";
          return {
            id,
            name: id,
            file,
            text,
            sql: keepRange(text, start, end),
            hasDown: hasSqlContent(downText),
            transaction: "wrapped"
          };
        } else {
          return {
            id,
            name: id,
            file,
            text,
            sql: embeddedSql(text, ["pgm.sql"]),
            hasDown: hasJsDown(text),
            transaction: /pgm\.noTransaction\s*\(/.test(text) ? "none" : "wrapped"
          };
        }
      }
    );
    const prefix = (f) => BigInt(/^\d+/.exec(f.id)[0]);
    return files.sort(
      (a, b) => prefix(a) < prefix(b) ? -1 : prefix(a) > prefix(b) ? 1 : a.id < b.id ? -1 : 1
    );
  },
  table: { name: "pgmigrations", columns: ["id", "name", "run_on"] },
  select: (table) => `SELECT name FROM ${table} ORDER BY run_on, id`,
  applied: (rows) => rows.map((row) => ({ id: str(row.name), failed: false }))
};

// src/gates/migrations/tools/prisma.ts
import * as path10 from "node:path";
var prisma = {
  name: "prisma",
  defaultDirs: ["prisma/migrations"],
  async detect(directory) {
    if (await exists(path10.join(directory, "migration_lock.toml"))) return 3;
    for (const entry of await listEntries(directory)) {
      if (entry.isDirectory && await exists(path10.join(directory, entry.name, "migration.sql"))) return 3;
    }
    return 0;
  },
  async list(directory, cwd) {
    const files = [];
    for (const entry of await listEntries(directory)) {
      const script = path10.join(directory, entry.name, "migration.sql");
      if (!entry.isDirectory || !await exists(script)) continue;
      const { text, file } = await readMigration(cwd, script);
      const checksums = [sha256(text), sha256(text.replace(/\r\n/g, "\n"))];
      files.push({
        id: entry.name,
        name: entry.name,
        file,
        text,
        sql: text,
        transaction: "implicit",
        checksums
      });
    }
    return files;
  },
  table: {
    name: "_prisma_migrations",
    columns: [
      "id",
      "checksum",
      "finished_at",
      "migration_name",
      "logs",
      "rolled_back_at",
      "started_at",
      "applied_steps_count"
    ]
  },
  select: (table) => `SELECT migration_name, checksum, finished_at, rolled_back_at FROM ${table} ORDER BY started_at, migration_name`,
  applied(rows) {
    return rows.filter((row) => row.rolled_back_at === null).map((row) => ({
      id: str(row.migration_name),
      checksum: str(row.checksum),
      failed: row.finished_at === null
    }));
  }
};

// src/gates/migrations/tools/rails.ts
import * as path11 from "node:path";
var FILE4 = /^(\d+)_(.+)\.rb$/;
var rails = {
  name: "rails",
  defaultDirs: ["db/migrate"],
  async detect(directory) {
    return await anyFileContains(directory, /\.rb$/, /ActiveRecord::Migration/) ? 3 : 0;
  },
  async list(directory, cwd) {
    const files = [];
    for (const name of await listFiles(directory, FILE4)) {
      const match = FILE4.exec(name);
      const { text, file } = await readMigration(cwd, path11.join(directory, name));
      files.push({
        id: match[1],
        name: name.replace(/\.rb$/, ""),
        file,
        text,
        sql: embeddedSql(text, ["execute"]),
        transaction: /disable_ddl_transaction!/.test(text) ? "none" : "wrapped"
      });
    }
    return files.sort((a, b) => BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);
  },
  table: { name: "schema_migrations", columns: ["version"] },
  select: (table) => `SELECT version FROM ${table} ORDER BY version`,
  applied: (rows) => rows.map((row) => ({ id: str(row.version), failed: false }))
};

// src/gates/migrations/tools/sequelize.ts
var sequelize = {
  name: "sequelize",
  defaultDirs: ["migrations", "db/migrations", "src/migrations"],
  async detect(directory) {
    return await anyFileContains(directory, CODE_FILE, /\bqueryInterface\b/) ? 2 : 0;
  },
  list: (directory, cwd) => listCodeMigrations(directory, cwd, {
    sqlCallees: ["queryInterface.sequelize.query", "sequelize.query"],
    transaction: (text) => /\.transaction\s*\(/.test(text) ? "wrapped" : "none"
  }),
  table: { name: "SequelizeMeta", columns: ["name"] },
  select: (table) => `SELECT name FROM ${table} ORDER BY name`,
  applied: (rows) => rows.map((row) => ({ id: str(row.name), failed: false }))
};

// src/gates/migrations/tools/typeorm.ts
import * as path12 from "node:path";
var CLASS = /\bclass\s+([A-Za-z_$][\w$]*?\d{13})\s*(?:implements\s+MigrationInterface\s*)?\{/;
var NAME_FIELD = /^\s*(?:public\s+|readonly\s+)*name\s*(?::\s*string\s*)?=\s*(['"`])([A-Za-z_$][\w$]*?\d{13})\1/m;
var typeorm = {
  name: "typeorm",
  defaultDirs: ["src/migration", "src/migrations", "migrations", "src/database/migrations"],
  async detect(directory) {
    return await anyFileContains(directory, CODE_FILE, /MigrationInterface/) ? 2 : 0;
  },
  async list(directory, cwd) {
    const files = [];
    for (const name of await listFiles(directory, CODE_FILE)) {
      if (name.endsWith(".d.ts")) continue;
      const { text, file } = await readMigration(cwd, path12.join(directory, name));
      const match = CLASS.exec(text);
      if (!match) continue;
      const id = NAME_FIELD.exec(text.slice(match.index))?.[2] ?? match[1];
      files.push({
        id,
        name: id,
        file,
        text,
        sql: embeddedSql(text, ["queryRunner.query"]),
        hasDown: hasJsDown(text),
        transaction: /transaction\s*=\s*false/.test(text) ? "none" : "wrapped",
        timestamp: BigInt(id.slice(-13))
      });
    }
    return files.sort((a, b) => a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0);
  },
  table: { name: "migrations", columns: ["id", "timestamp", "name"] },
  select: (table) => `SELECT timestamp, name FROM ${table} ORDER BY id`,
  applied: (rows) => rows.map((row) => ({ id: str(row.name), failed: false }))
};

// src/gates/migrations/tools/index.ts
var TOOLS = {
  prisma,
  drizzle,
  flyway,
  "golang-migrate": golangMigrate,
  dbmate,
  rails,
  django,
  alembic,
  "node-pg-migrate": nodePgMigrate,
  knex,
  sequelize,
  typeorm
};

// src/gates/migrations/locate.ts
async function isDirectory(file) {
  try {
    return (await fs2.stat(file)).isDirectory();
  } catch {
    return false;
  }
}
async function locateMigrations(cwd, dirInput, toolInput, source) {
  const display = (dir) => path13.relative(cwd, dir).split(path13.sep).join("/") || ".";
  if (dirInput) {
    const directory2 = path13.resolve(cwd, dirInput);
    if (!await isDirectory(directory2))
      throw new InputError(`${source.describe("migrations-dir")}: directory '${dirInput}' not found`);
  }
  const candidates = (tool2) => dirInput ? [path13.resolve(cwd, dirInput)] : tool2.defaultDirs.map((dir) => path13.resolve(cwd, dir));
  if (toolInput !== "auto") {
    const tool2 = TOOLS[toolInput];
    for (const directory2 of candidates(tool2)) {
      if (await isDirectory(directory2))
        return { tool: tool2, directory: directory2, display: display(directory2), detected: false };
    }
    throw new InputError(
      `no ${tool2.name} migrations directory found (looked in ${tool2.defaultDirs.join(", ")}): set ${source.describe("migrations-dir")}`
    );
  }
  let best = [];
  for (const tool2 of Object.values(TOOLS)) {
    for (const directory2 of candidates(tool2)) {
      if (!await isDirectory(directory2)) continue;
      const score = await tool2.detect(directory2);
      if (score === 0) continue;
      if (best.length === 0 || score > best[0].score) best = [{ tool: tool2, directory: directory2, score }];
      else if (score === best[0].score && !best.some((b) => b.tool === tool2))
        best.push({ tool: tool2, directory: directory2, score });
    }
  }
  if (best.length === 0) {
    const where = dirInput ? `'${dirInput}'` : "the usual places (prisma/migrations, db/migrate, db/migrations, migrations, \u2026)";
    throw new InputError(
      `no migrations of a known tool found in ${where}: set ${source.describe("tool")} and ${source.describe("migrations-dir")}`
    );
  }
  if (best.length > 1) {
    const list = best.map((b) => `${b.tool.name} (${display(b.directory)})`).join(", ");
    throw new InputError(`migrations of several tools found: ${list}; set ${source.describe("tool")}`);
  }
  const { tool, directory } = best[0];
  return { tool, directory, display: display(directory), detected: true };
}

// src/gates/migrations/summary.ts
function cell(text) {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
function renderSections({
  database,
  allowed,
  tool
}) {
  const sections = [];
  if (database) {
    const rows = database.pending.map(
      (file, i) => `| ${i + 1} | \`${cell(file.name)}\` | \`${cell(file.file)}\` |`
    );
    sections.push({
      heading: "Pending migrations",
      markdown: database.pending.length === 0 ? `The database is up to date: ${database.applied} ${tool} migrations applied (\`${database.table}\`).` : [
        `This deploy applies ${database.pending.length} migration(s), in this order:`,
        "",
        "| # | migration | file |",
        "| ---: | --- | --- |",
        ...rows
      ].join("\n")
    });
  }
  if (allowed.length) {
    sections.push({
      heading: "Allowed by comment",
      markdown: [
        "| rule | where | reason |",
        "| --- | --- | --- |",
        ...allowed.map((a) => `| \`${a.rule}\` | \`${cell(a.file)}:${a.line}\` | ${cell(a.reason)} |`)
      ].join("\n")
    });
  }
  return sections;
}

// src/gates/migrations/index.ts
var DOWNGRADE = { error: "warning", warning: "notice", notice: "notice" };
async function firstChangedLine(io, base, file) {
  try {
    const diff = await io.git(["diff", "-U0", base, "--", file]);
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)/m.exec(diff);
    return hunk ? Math.max(1, Number(hunk[1])) : void 0;
  } catch {
    return void 0;
  }
}
async function runMigrationsGate(config, io) {
  const loading2 = loadSqlParser();
  const located = await locateMigrations(io.cwd, config.migrationsDir, config.tool, config.source);
  const { tool } = located;
  const workers = startLintWorkers(await countEntries(located.directory), io.env);
  const files = await tool.list(located.directory, io.cwd);
  if (files.length === 0) {
    throw new InputError(
      `${located.display} contains no ${tool.name} migrations: check ${config.source.describe("migrations-dir")} and ${config.source.describe("tool")}`
    );
  }
  await loading2;
  const findings = [];
  const base = config.baseRef || defaultBaseRef(io);
  let changes;
  let inScope = files;
  if (base) {
    changes = await changedFiles(io, base, located.display);
    const touched = (file) => [file.file, ...file.relatedFiles ?? []].some((f) => changes.added.has(f) || changes.modified.has(f));
    inScope = files.filter(touched);
    const mergeBase = (await io.git(["merge-base", base, "HEAD"])).trim();
    for (const file of files) {
      if (!changes.modified.has(file.file)) continue;
      const line = await firstChangedLine(io, mergeBase, file.file);
      findings.push(
        finding(
          "edited-migration",
          `Migration ${file.name} exists on ${base} and was modified in this change.`,
          { file: file.file, line: line ?? 1 }
        )
      );
    }
    for (const removed of changes.deleted) {
      findings.push(
        finding(
          "removed-migration",
          `Migration file ${removed} exists on ${base} and was deleted in this change.`,
          { file: removed }
        )
      );
    }
  }
  const allowed = [];
  let destructive = false;
  let rollbackSafe = true;
  let statements = 0;
  const { lints, threads } = await lintMigrations(inScope, config.lockTimeoutRules, workers);
  for (const [index, migration] of inScope.entries()) {
    const lint = lints[index];
    statements += lint.statements;
    findings.push(...lint.findings);
    allowed.push(...lint.allowed);
    if (lint.violations.some((v) => RULES[v.rule].category === "destructive")) destructive = true;
    if (lint.findings.some((f) => f.rule in RULES && breaksPreviousVersion(f.rule)))
      rollbackSafe = false;
    const irreversible = lint.violations.find(
      (v) => ["destructive", "incompatible"].includes(RULES[v.rule].category)
    );
    if (migration.hasDown === false && irreversible) {
      findings.push(
        finding(
          "missing-down-migration",
          `Migration ${migration.name} has no down migration, yet it cannot be undone without one (${irreversible.rule} at line ${irreversible.line}).`,
          { file: migration.file, line: irreversible.line }
        )
      );
    }
  }
  let database;
  const outputs = {
    destructive: String(destructive),
    "rollback-safe": String(rollbackSafe)
  };
  if (config.databaseUrl) {
    try {
      const read = await readHistoryTable(
        {
          url: config.databaseUrl,
          connectTimeoutMs: config.connectTimeoutMs,
          statementTimeoutMs: config.statementTimeoutMs
        },
        tool.table,
        tool.select
      );
      if (read.status === "shape") {
        findings.push(
          finding(
            "history-table-shape",
            `History table ${read.table} has no column(s) ${read.missingColumns.join(", ")}: it is not a ${tool.name} history table.`
          )
        );
      } else {
        const applied = read.status === "ok" ? tool.applied(read.rows, files) : [];
        const addedInChange = new Set(files.filter((f) => changes?.added.has(f.file)).map((f) => f.id));
        const comparison = compareHistory(files, applied, { pointer: tool.pointer, addedInChange });
        if (read.status === "missing") {
          findings.push(
            finding(
              "history-table-missing",
              `No ${read.table} table in ${describeTarget(config.databaseUrl)}: all ${files.length} migrations are pending.`
            )
          );
        }
        for (const issue of comparison.issues)
          findings.push(finding(issue.rule, issue.message, issue.file ? { file: issue.file, line: 1 } : {}));
        for (const file of comparison.pending) {
          findings.push(
            finding("pending-migration", `Migration ${file.name} will be applied by this deploy.`, {
              file: file.file,
              line: 1
            })
          );
        }
        database = {
          table: read.table,
          applied: comparison.appliedCount,
          pending: comparison.pending,
          missingTable: read.status === "missing"
        };
        outputs.pending = String(comparison.pending.length);
        outputs["pending-migrations"] = JSON.stringify(comparison.pending.map((file) => file.name));
      }
    } catch (error) {
      if (!(error instanceof DatabaseError)) throw error;
      findings.push(finding("database-unreachable", `Database check failed: ${error.message}.`));
    }
  }
  for (const f of findings)
    if (config.allow.includes(f.rule)) f.severity = DOWNGRADE[f.severity];
  const scopeParts = [
    `${tool.name}: ${files.length} migration${files.length === 1 ? "" : "s"} in ${located.display}`,
    base ? `${inScope.length} changed since ${base.length === 40 ? base.slice(0, 7) : base} linted` : `${inScope.length} linted`,
    `${statements} SQL statement${statements === 1 ? "" : "s"}`
  ];
  if (database) scopeParts.push(`database: ${database.applied} applied, ${database.pending.length} pending`);
  return {
    gate: "migrations",
    title: "Migration check",
    findings,
    outputs,
    sections: renderSections({ database, allowed, tool: tool.name }),
    scope: scopeParts.join(", "),
    secrets: urlSecrets(config.databaseUrl),
    data: {
      tool: tool.name,
      directory: located.display,
      migrations: files.map((f) => ({ id: f.id, name: f.name, file: f.file })),
      linted: inScope.map((f) => f.file),
      lintThreads: threads,
      allowed,
      database: database && {
        table: database.table,
        applied: database.applied,
        pending: database.pending.map((f) => f.name)
      }
    }
  };
}
var migrationsGate = {
  name: "migrations",
  title: "Migration check",
  parseInputs: (source) => parseMigrationsInputs(source),
  run: runMigrationsGate
};
export {
  migrationsGate,
  runMigrationsGate
};
