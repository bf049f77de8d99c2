/**
 * Atomic file-system steps of the dataset writer: write a file under a temporary name and
 * rename it into place; move a finished folder into place (swapping out an old one); check
 * an output folder is free. Layer: data/io; effectful (file system).
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { DataError } from '../errors.ts';

/**
 * A short random hex suffix for temporary names.
 * @example randomSuffix() // e.g. '9f86d081884c'
 */
export function randomSuffix(): string {
  return randomBytes(6).toString('hex');
}

/**
 * Writes `data` to `path` via `<path>.partial-<random>`, flushed to disk, then renamed, so
 * `path` either holds the whole content or does not exist.
 * @throws the file system's error (the partial file is removed).
 * @example await writeFileAtomic('out/races.arrow', bytes)
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const partial = `${path}.partial-${randomSuffix()}`;
  try {
    const fh = await open(partial, 'wx');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(partial, path);
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
}

/** State of an output folder: absent, an empty folder, a non-empty folder, or not a folder. */
export type OutState = 'absent' | 'empty' | 'full' | 'file';

/**
 * Tells whether `dir` is free for a dataset.
 * @example await outState('does/not/exist') // 'absent'
 */
export async function outState(dir: string): Promise<OutState> {
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) return 'file';
    return (await readdir(dir)).length === 0 ? 'empty' : 'full';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw e;
  }
}

/**
 * Refuses an output folder that is taken: a file, or a non-empty folder unless `overwrite`.
 * @throws DataError DATA_OUT_EXISTS naming the folder.
 * @example await assertOutFree('datasets/new', false) // 'absent'
 */
export async function assertOutFree(dir: string, overwrite: boolean): Promise<OutState> {
  const state = await outState(dir);
  if (state === 'file') throw new DataError('DATA_OUT_EXISTS', 'output path exists and is not a folder', { file: dir });
  if (state === 'full' && !overwrite) {
    throw new DataError('DATA_OUT_EXISTS', 'output folder exists and is not empty (use --overwrite, or the overwrite option, to replace it)', { file: dir });
  }
  return state;
}

/**
 * Moves the finished folder `ready` to `dir`. An empty `dir` is removed first; a non-empty one
 * (only with `overwrite`) is renamed away, the new one renamed in, then the old one deleted;
 * if the second rename fails the old folder is put back.
 * @throws DataError DATA_OUT_EXISTS when `dir` became taken meanwhile; file system errors.
 * @example await moveDirIntoPlace('datasets/x.tmp-0a1b2c', 'datasets/x', false)
 */
export async function moveDirIntoPlace(ready: string, dir: string, overwrite: boolean): Promise<void> {
  const state = await assertOutFree(dir, overwrite);
  if (state === 'absent') {
    await rename(ready, dir);
    return;
  }
  if (state === 'empty') {
    await rmdir(dir);
    await rename(ready, dir);
    return;
  }
  const old = `${dir}.old-${randomSuffix()}`;
  await rename(dir, old);
  try {
    await rename(ready, dir);
  } catch (e) {
    await rename(old, dir);
    throw e;
  }
  await rm(old, { recursive: true, force: true });
}
