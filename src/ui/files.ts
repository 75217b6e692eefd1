/** Browser file plumbing: read a File as text, offer a mission as a download. */
import { type Mission, serializeMission } from '../core/mission';
import { decodeUtf8 } from '../core/mission/text';
import { openFileText, showLoadErrors } from '../state/editorActions';

export async function openFile(file: File): Promise<void> {
  const decoded = decodeUtf8(new Uint8Array(await file.arrayBuffer()));
  if (!decoded.ok) {
    showLoadErrors(file.name, [{ path: '', message: decoded.message, severity: 'error' }]);
    return;
  }
  openFileText(decoded.text, file.name);
}

export function fileNameFor(mission: Mission): string {
  const slug = mission.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${slug || 'mission'}.json`;
}

export function downloadMission(mission: Mission): void {
  const blob = new Blob([serializeMission(mission)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFor(mission);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
