/**
 * Locates the TrueType files of the chart font (DejaVu Sans, from the `dejavu-fonts-ttf`
 * package) so PNGs render the same on any machine. Layer: report. Reads the file system.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const FONT_PACKAGE = 'dejavu-fonts-ttf';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'];

/**
 * Paths of the packaged chart font files, or undefined when the package is not installed
 * (the renderer then falls back to the system's fonts of the same family).
 * @example chartFontFiles()?.[0] // '.../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'
 */
export function chartFontFiles(): string[] | undefined {
  let root: string;
  try {
    root = dirname(createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/package.json`));
  } catch {
    return undefined;
  }
  const files = FONT_FILES.map((f) => join(root, 'ttf', f));
  return files.every((f) => existsSync(f)) ? files : undefined;
}
