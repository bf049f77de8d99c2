/**
 * Builds the operations dashboard page at start-up: index.html and app.css as they are on disk,
 * app.ts (browser TypeScript, vega and vega-lite included) bundled by esbuild into one minified
 * script held in memory. No CDN and no inline script: the HTML references /app.js and /app.css
 * only, so the server can send `Content-Security-Policy: default-src 'self'`.
 * Layer: live/dashboard (Node side; reads its own files, writes nothing). Not pure: file reads
 * and the bundler. The first build is cached for the life of the process.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

/** The three assets the server serves from memory: `/` (html), `/app.js` (js), `/app.css` (css). */
export interface PageAssets {
  html: string;
  js: string;
  css: string;
}

const pageFile = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

let cached: Promise<PageAssets> | undefined;

/**
 * Bundles the page once per process and returns the cached assets on later calls.
 * @throws when app.ts does not bundle (esbuild's message names the file and line).
 * @example
 * const { html, js, css } = await buildPage(); // html references /app.js and /app.css
 */
export function buildPage(): Promise<PageAssets> {
  if (cached === undefined) {
    cached = bundlePage();
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

async function bundlePage(): Promise<PageAssets> {
  const [html, css, result] = await Promise.all([
    readFile(pageFile('./index.html'), 'utf8'),
    readFile(pageFile('./app.css'), 'utf8'),
    esbuild.build({
      entryPoints: [pageFile('./app.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      minify: true,
      target: 'es2020',
      legalComments: 'none',
      logLevel: 'silent',
    }),
  ]);
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('buildPage: esbuild produced no output for app.ts');
  return { html, js: output.text, css };
}
