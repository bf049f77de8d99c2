/**
 * Runs the `keiba` CLI inside the test process with stdout and stderr captured: the same code
 * path as bin/keiba.mjs (main(argv) and its exit status) without the cost of a process.
 */
import { main } from '../src/cli/main.ts';

export interface CliResult {
  status: number;
  out: string;
  err: string;
}

/**
 * Runs `keiba ...args` in-process and returns its exit status and captured output; `env` is set
 * for the call and the variables it added are removed afterwards.
 */
export async function cliInProcess(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  let out = '';
  let err = '';
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  const saved = { ...process.env };
  Object.assign(process.env, env);
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    const status = await main(args);
    return { status, out, err };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
    process.exitCode = undefined;
    for (const k of Object.keys(env)) if (!(k in saved)) delete process.env[k];
  }
}
