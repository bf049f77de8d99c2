/**
 * Compiles the WebAssembly text sources of the project (src/themis/wasm/*.wat) with wabt and
 * writes each binary, base64-encoded, into the TypeScript module next to it
 * (dense-kernel.wat -> dense-kernel-bytes.ts), so the kernel loads with no build step and no
 * file read at run time. Run after editing a .wat file: `npm run build:wasm`; a test checks
 * that the committed bytes are what the source compiles to.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

export const WASM_SOURCES: readonly string[] = ['src/themis/wasm/dense-kernel.wat'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The binary module of one .wat file (path relative to the project root). */
export async function compileWat(path: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const mod = wabt.parseWat(basename(path), readFileSync(join(root, path), 'utf8'), { simd: true });
  try {
    mod.validate();
    return Uint8Array.from(mod.toBinary({ log: false, write_debug_names: false }).buffer);
  } finally {
    mod.destroy();
  }
}

/** The TypeScript module text holding `bytes` of the .wat file at `path`. */
export function bytesModule(path: string, bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64');
  const lines = b64.match(/.{1,96}/g) ?? [];
  return (
    `/**\n * The compiled bytes of ${basename(path)} (WebAssembly, base64), written by scripts/build-wasm.ts:\n` +
    ` * do not edit by hand; edit the .wat source and run \`npm run build:wasm\`.\n */\n` +
    `export const WASM_BASE64 =\n${lines.map((l) => `  '${l}'`).join(' +\n')};\n`
  );
}

/** Path of the bytes module of a .wat source. */
export function bytesPath(path: string): string {
  return path.replace(/\.wat$/, '-bytes.ts');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const src of WASM_SOURCES) {
    const out = join(root, bytesPath(src));
    const bytes = await compileWat(src);
    writeFileSync(`${out}.tmp`, bytesModule(src, bytes));
    renameSync(`${out}.tmp`, out);
    process.stdout.write(`${src}: ${bytes.length} bytes -> ${bytesPath(src)}\n`);
  }
}
