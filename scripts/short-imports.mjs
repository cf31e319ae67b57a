// Shortens the names the wasm module imports from wasm-bindgen's JS glue, in both files.
//
// wasm-bindgen names each import after the function plus a 16-digit hash
// (`__wbg_setattribute_8f3f1b4e0c1d2a3b`); the hashes do not compress, and every name is written
// twice, once in the wasm's import section and once as a key in the glue's import object. Here
// each becomes `_` and a base-36 number. Used by post-build.mjs in release builds.

/** Reads an unsigned LEB128 number at `at`; returns [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    if (b === undefined) throw new Error('wasm ends inside a number');
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

function writeLeb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return out;
}

function limitsEnd(bytes, at) {
  const flags = bytes[at++];
  [, at] = leb(bytes, at);
  if (flags & 1) [, at] = leb(bytes, at);
  return at;
}

/** The offset just past an import's descriptor (function, table, memory, global or tag). */
function descriptorEnd(bytes, at) {
  const kind = bytes[at++];
  switch (kind) {
    case 0: return leb(bytes, at)[1];
    case 1: return limitsEnd(bytes, at + 1);
    case 2: return limitsEnd(bytes, at);
    case 3: return at + 2;
    case 4: return leb(bytes, at + 1)[1];
    default: throw new Error(`unknown import kind ${kind}`);
  }
}

/**
 * Renames the imports of `wasm` (a Buffer) that come from the glue module and whose names appear
 * in `js` as object keys (`name:`), once each. Returns { wasm, js, renamed }. Throws if the two
 * files do not match as expected, so a changed wasm-bindgen output fails the build instead of
 * producing a site that cannot start.
 */
export function shortenImports(wasm, js) {
  const text = new TextDecoder();
  const encode = (s) => [...writeLeb(Buffer.byteLength(s)), ...Buffer.from(s)];
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    const end = body + size;
    if (id !== 2) {
      at = end;
      continue;
    }
    let [count, p] = leb(wasm, body);
    const entries = [];
    const names = new Map();
    for (let i = 0; i < count; i++) {
      const [mlen, m0] = leb(wasm, p);
      const module = text.decode(wasm.subarray(m0, m0 + mlen));
      const [flen, f0] = leb(wasm, m0 + mlen);
      let field = text.decode(wasm.subarray(f0, f0 + flen));
      const d0 = f0 + flen;
      p = descriptorEnd(wasm, d0);
      if (module.endsWith('_bg.js') && /^__wb[\w$]+$/.test(field)) {
        if (!names.has(field)) names.set(field, `_${names.size.toString(36)}`);
        field = names.get(field);
      }
      entries.push([...encode(module), ...encode(field), ...wasm.subarray(d0, p)]);
    }
    if (p !== end) throw new Error('import section has trailing bytes');
    for (const [long, short] of names) {
      const word = `(?<![\\w$])${long.replace(/\$/g, '\\$')}(?![\\w$])`;
      const everywhere = js.match(new RegExp(word, 'g'))?.length ?? 0;
      const asKey = js.match(new RegExp(`${word}(?=:)`, 'g'))?.length ?? 0;
      if (everywhere !== 1 || asKey !== 1) {
        throw new Error(`import ${long} appears ${everywhere} times in the glue (${asKey} as a key), not once as a key`);
      }
      js = js.replace(new RegExp(word), short);
    }
    const section = [...writeLeb(count), ...entries.flat()];
    wasm = Buffer.concat([wasm.subarray(0, at), Buffer.from([2, ...writeLeb(section.length), ...section]), wasm.subarray(end)]);
    return { wasm, js, renamed: names.size };
  }
  return { wasm, js, renamed: 0 };
}
