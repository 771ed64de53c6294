/**
 * What the prelude asks of the host: the first argument of every call of its host function. A
 * number crosses more cheaply than a name. `setInteger` is `set` of a safe integer, passed as a
 * number rather than as wire text; `get` answers a safe integer as a number too.
 */
export const hostOperations = {
  refuse: 0,
  deny: 1,
  seed: 2,
  get: 3,
  set: 4,
  setInteger: 5,
  delete: 6,
  list: 7,
  emit: 8,
  call: 9,
  hash: 10,
  verify: 11,
} as const;

/**
 * JavaScript evaluated once inside every interpreter, before any contract code, and captured in the
 * memory image every call starts from. It keeps its own references to the intrinsics it relies on,
 * so a contract that tampers with prototypes changes only its own call (which the next call's image
 * restore erases anyway). It returns the entry points the host calls: invoke, collect, errorText and
 * describe. Values cross the boundary as "wire" text: JSON where byte strings are {"\u0000b": hex},
 * bigints {"\u0000n": decimal}, and object keys starting with U+0000 carry one more U+0000.
 */
export const preludeSource = String.raw`(function (host) {
  "use strict";
  const operations = ${JSON.stringify(hostOperations)};
  const safeIntegerMax = ${Number.MAX_SAFE_INTEGER};
  const global = globalThis;
  const defineProperty = Object.defineProperty;
  const getPrototypeOf = Object.getPrototypeOf;
  const keys = Object.keys;
  const freeze = Object.freeze;
  const is = Object.is;
  const objectPrototype = Object.prototype;
  const uint8ArrayPrototype = Uint8Array.prototype;
  const promisePrototype = Promise.prototype;
  const promiseThen = Promise.prototype.then;
  const apply = Reflect.apply;
  const isArray = Array.isArray;
  const isSafeInteger = Number.isSafeInteger;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const ErrorConstructor = Error;
  const StringConstructor = String;
  const BigIntConstructor = BigInt;
  const Bytes = Uint8Array;
  const charCodeAt = String.prototype.charCodeAt;
  const stringSlice = String.prototype.slice;
  const stringIndexOf = String.prototype.indexOf;
  const nestingDepthMax = 64;
  const errorTextMax = 1000;
  const hexDigits = "0123456789abcdef";

  function refuse(code, message) {
    host(operations.refuse, code, message);
    throw new ErrorConstructor(message);
  }

  function encode(value, depth) {
    if (depth > nestingDepthMax) refuse("CONTRACT_VALUE_INVALID", "a value nested deeper than " + nestingDepthMax + " levels (or circular) cannot cross the contract boundary");
    switch (typeof value) {
      case "string":
        return stringify(value);
      case "boolean":
        return value ? "true" : "false";
      case "number":
        if (!isSafeInteger(value) || is(value, -0)) refuse("CONTRACT_FLOAT_REFUSED", "only safe integers cross the contract boundary, not " + (is(value, -0) ? "-0" : value));
        return "" + value;
      case "bigint":
        return '{"\\u0000n":"' + value + '"}';
      case "object": {
        if (value === null) return "null";
        if (isArray(value)) {
          const length = value.length;
          let text = "[";
          for (let index = 0; index < length; index++) text += (index === 0 ? "" : ",") + encode(value[index], depth + 1);
          return text + "]";
        }
        const prototype = getPrototypeOf(value);
        if (prototype === uint8ArrayPrototype) {
          const length = value.length;
          let text = '{"\\u0000b":"';
          for (let index = 0; index < length; index++) {
            const byte = value[index];
            text += hexDigits[byte >> 4] + hexDigits[byte & 15];
          }
          return text + '"}';
        }
        if (prototype !== objectPrototype && prototype !== null) {
          refuse("CONTRACT_VALUE_INVALID", "only plain objects, arrays and Uint8Array cross the contract boundary");
        }
        const names = keys(value);
        let text = "{";
        for (let index = 0; index < names.length; index++) {
          const name = names[index];
          const wireName = apply(charCodeAt, name, [0]) === 0 ? "\u0000" + name : name;
          text += (index === 0 ? "" : ",") + stringify(wireName) + ":" + encode(value[name], depth + 1);
        }
        return text + "}";
      }
      default:
        return refuse("CONTRACT_VALUE_INVALID", "a value of type " + typeof value + " cannot cross the contract boundary");
    }
  }

  // Thrown by plainValue for a value only encode writes: a byte string, a bigint, or one it refuses.
  const notPlain = freeze({});

  function plainValue(key, value) {
    switch (typeof value) {
      case "string":
      case "boolean":
        return value;
      case "number":
        if (!isSafeInteger(value) || is(value, -0)) refuse("CONTRACT_FLOAT_REFUSED", "only safe integers cross the contract boundary, not " + (is(value, -0) ? "-0" : value));
        return value;
      case "object": {
        if (value === null || isArray(value)) return value;
        const prototype = getPrototypeOf(value);
        if (prototype === objectPrototype || prototype === null) return value;
        throw notPlain;
      }
      default:
        throw notPlain;
    }
  }

  // Most values are plain JSON (objects, arrays, strings, safe integers): JSON.stringify writes
  // those in one built-in call, where encode would make a few calls per property. Anything else
  // (byte strings, bigints, a U+0000 that may start a key, a value to refuse, a cycle) goes to
  // encode, which writes or refuses it. toJSON methods are called, as JSON.stringify does.
  function encodeValue(value) {
    if (typeof value !== "object" || value === null) return encode(value, 0);
    let text;
    try {
      text = stringify(value, plainValue);
    } catch (_) {
      return encode(value, 0);
    }
    return typeof text === "string" && apply(stringIndexOf, text, ["\\u0000"]) === -1 ? text : encode(value, 0);
  }

  function nibble(code) {
    return code <= 57 ? code - 48 : code - 87;
  }

  function revive(value) {
    if (typeof value !== "object" || value === null) return value;
    if (isArray(value)) {
      for (let index = 0; index < value.length; index++) value[index] = revive(value[index]);
      return value;
    }
    const names = keys(value);
    if (names.length === 1 && names[0] === "\u0000b") {
      const hex = value["\u0000b"];
      const bytes = new Bytes(hex.length >> 1);
      for (let index = 0; index < bytes.length; index++) {
        bytes[index] = nibble(apply(charCodeAt, hex, [2 * index])) * 16 + nibble(apply(charCodeAt, hex, [2 * index + 1]));
      }
      return bytes;
    }
    if (names.length === 1 && names[0] === "\u0000n") return BigIntConstructor(value["\u0000n"]);
    let escaped = false;
    for (let index = 0; index < names.length; index++) {
      const name = names[index];
      if (apply(charCodeAt, name, [0]) === 0) escaped = true;
      value[name] = revive(value[name]);
    }
    if (!escaped) return value;
    const unescaped = {};
    for (let index = 0; index < names.length; index++) {
      const name = names[index];
      const plainName = apply(charCodeAt, name, [0]) === 0 ? apply(stringSlice, name, [1]) : name;
      defineProperty(unescaped, plainName, { __proto__: null, value: value[name], writable: true, enumerable: true, configurable: true });
    }
    return unescaped;
  }

  // The host marks text that holds byte strings, bigints or escaped keys with a leading "~";
  // anything else is plain JSON and needs no second pass.
  function decode(text) {
    return apply(charCodeAt, text, [0]) === 126 ? revive(parse(apply(stringSlice, text, [1]))) : parse(text);
  }

  // Math.random: sfc32, seeded for each call from the eight 32-bit words of the host's seed: the
  // first four, mixed, then the last four folded in and mixed again, so every byte matters.
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  function nextRandom() {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  function seed(words) {
    a = words[0];
    b = words[1];
    c = words[2];
    d = words[3];
    for (let round = 0; round < 4; round++) nextRandom();
    a ^= words[4];
    b ^= words[5];
    c ^= words[6];
    d ^= words[7];
    for (let round = 0; round < 12; round++) nextRandom();
  }
  // Seeded on a call's first Math.random only: hashing the seed and mixing it in cost more than
  // many methods do, and most never draw. Module code, which runs before any call, draws unseeded.
  let inCall = false;
  let seeded = false;
  defineProperty(Math, "random", {
    value: function random() {
      if (inCall && !seeded) {
        seeded = true;
        seed(parse(host(operations.seed)));
      }
      return nextRandom();
    },
    writable: true,
    enumerable: false,
    configurable: true,
  });

  const denied = ["Date", "WeakRef", "FinalizationRegistry", "SharedArrayBuffer", "Atomics"];
  for (let index = 0; index < denied.length; index++) {
    const name = denied[index];
    delete global[name];
    defineProperty(global, name, {
      get() {
        host(operations.deny, name);
        throw new ErrorConstructor(name + " is not available to contracts: it is not deterministic");
      },
      enumerable: false,
      configurable: false,
    });
  }

  function stateKey(key) {
    if (typeof key !== "string") refuse("CONTRACT_VALUE_INVALID", "a state key must be a string");
    return key;
  }

  let currentCaller;
  let currentBlock;
  const state = freeze({
    get(key) {
      if (typeof key !== "string") stateKey(key);
      const value = host(operations.get, key);
      return typeof value === "string" ? decode(value) : value;
    },
    set(key, value) {
      if (typeof key !== "string") stateKey(key);
      // A safe integer (not -0) crosses as a number; the test is written out, as a call would count as work.
      if (typeof value === "number" && value % 1 === 0 && value <= safeIntegerMax && value >= -safeIntegerMax && (value !== 0 || 1 / value > 0)) host(operations.setInteger, key, value);
      else host(operations.set, key, encodeValue(value));
    },
    delete(key) {
      host(operations.delete, stateKey(key));
    },
    list(prefix, limit) {
      return decode(host(operations.list, stateKey(prefix), limit));
    },
  });
  // One frozen ctx for every call: what differs between calls is read through its two getters.
  const context = freeze({
    state,
    get caller() {
      return currentCaller;
    },
    get block() {
      return currentBlock;
    },
    emit(type, data) {
      host(operations.emit, type, encodeValue(data));
    },
    call(contract, method, args, gasLimit) {
      return decode(host(operations.call, contract, method, encodeValue(args), gasLimit));
    },
    hash(bytes) {
      return decode(host(operations.hash, encode(bytes, 0)));
    },
    verifySignature(publicKey, message, signature) {
      return host(operations.verify, encode(publicKey, 0), encode(message, 0), encode(signature, 0));
    },
  });

  let settled = "p";
  let rejected = false;
  let rejection;

  function invoke(exportsObject, method, argsText, address, organisation, rolesText, height, time) {
    inCall = true;
    seeded = false;
    currentCaller = freeze({ address, organisation: organisation === null ? undefined : organisation, roles: freeze(parse(rolesText)) });
    currentBlock = freeze({ height, time });
    const implementation = exportsObject[method];
    if (typeof implementation !== "function") refuse("CONTRACT_METHOD_NOT_FOUND", "the contract exports no function " + method);
    const result = implementation(decode(argsText), context);
    if (result !== null && typeof result === "object" && getPrototypeOf(result) === promisePrototype) {
      apply(promiseThen, result, [
        (value) => {
          settled = "r" + encodeValue(value === undefined ? null : value);
        },
        (error) => {
          rejected = true;
          rejection = error;
        },
      ]);
      return "p";
    }
    return "r" + encodeValue(result === undefined ? null : result);
  }

  function collect() {
    if (rejected) throw rejection;
    return settled;
  }

  function errorText(error) {
    let text;
    try {
      text = error !== null && typeof error === "object" ? StringConstructor(error.name) + ": " + StringConstructor(error.message) : StringConstructor(error);
    } catch (_) {
      text = "an error that cannot be printed";
    }
    return text.length > errorTextMax ? apply(stringSlice, text, [0, errorTextMax]) : text;
  }

  function describe(exportsObject) {
    const names = keys(exportsObject);
    const functions = [];
    for (let index = 0; index < names.length; index++) {
      if (typeof exportsObject[names[index]] === "function") functions[functions.length] = names[index];
    }
    const methods = exportsObject.methods;
    return encode({ methods: methods === undefined ? null : methods, functions }, 0);
  }

  return freeze({ invoke, collect, errorText, describe });
})`;
