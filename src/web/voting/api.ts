import { api } from '../api.ts';
import { MATTERS, type MatterFile } from './types.ts';

/** Uploads an attachment or a ballot scan; the server reads `kind` before the file, so it goes first. */
export function uploadMatterFile(matterId: string, kind: MatterFile['kind'], file: File) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file);
  return api<MatterFile>(`${MATTERS}/${matterId}/files`, { form });
}

/** What the server accepts: it checks the first bytes, this only narrows the file dialog. */
export const DOCUMENT_TYPES = 'application/pdf,image/jpeg,image/png';
