/**
 * One download for an export: the file itself when there is one, a zip (fflate, pure JS) when there
 * are several (one .plan per trip, or everything at once).
 */
import { strToU8, zipSync } from 'fflate';
import type { ExportedFile } from './exportFiles';

export interface Download {
  name: string;
  mimeType: string;
  data: Uint8Array | string;
}

/** `files` as a single download; several files go into `<zipStem>.zip`, under `folder/` when given. */
export function toDownload(files: readonly ExportedFile[], zipStem: string, folder?: string): Download {
  if (files.length === 1 && !folder) return { name: files[0].name, mimeType: files[0].mimeType, data: files[0].text };
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[folder ? `${folder}/${f.name}` : f.name] = strToU8(f.text);
  // Fixed mtime: the same export gives the same zip bytes.
  return { name: `${zipStem}.zip`, mimeType: 'application/zip', data: zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') }) };
}

/** Several groups of files (e.g. one per format) in one zip, a folder per group. */
export function toZip(groups: Record<string, readonly ExportedFile[]>, zipStem: string): Download {
  const entries: Record<string, Uint8Array> = {};
  for (const [folder, files] of Object.entries(groups)) for (const f of files) entries[`${folder}/${f.name}`] = strToU8(f.text);
  return { name: `${zipStem}.zip`, mimeType: 'application/zip', data: zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') }) };
}
