import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded files (photos, attachments) live. Callers speak only in keys, so an object store (S3, OSS, MinIO)
 * can implement the same three calls later without any module changing; the database keeps the key.
 */
export interface BlobStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
}

// Names object stores accept too, and nothing a path could escape with: no empty or dot-led segment (so no '..',
// no leading '/', and no clash with the '.tmp' files below), no '\'.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

function assertKey(key: string): string[] {
  const parts = key.split('/');
  if (key.length > 512 || !parts.every((p) => SEGMENT.test(p))) {
    throw new RangeError(`invalid blob key: ${JSON.stringify(key)}`);
  }
  return parts;
}

/** Blobs as files under rootDir (the data directory), one file per key, e.g. 'workorders/ab/cd/<uuid>.jpg'. */
export function fileStore(rootDir: string): BlobStore {
  const root = path.resolve(rootDir);
  const fileOf = (key: string) => path.join(root, ...assertKey(key));
  return {
    async put(key, data) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Write beside the target and rename: a reader (or another instance) sees the old blob or the whole new one,
      // never a half-written file, even if the process dies mid-write.
      const tmp = path.join(path.dirname(file), `.${randomUUID()}.tmp`);
      try {
        const fh = await open(tmp, 'wx');
        try {
          await fh.writeFile(data);
          await fh.sync();
        } finally {
          await fh.close();
        }
        await rename(tmp, file);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
    async get(key) {
      try {
        return await readFile(fileOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async delete(key) {
      // Idempotent, like an object store's DELETE: a retried clean-up must not fail.
      await rm(fileOf(key), { force: true });
    },
  };
}
