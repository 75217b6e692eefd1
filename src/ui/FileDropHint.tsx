import { useEffect, useState } from 'react';

const carriesFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');

/**
 * While a file is dragged over the page: a highlighted frame and what dropping it does. The drop itself
 * is App's (it opens the file); this only listens. Enter/leave events also fire for every child
 * element crossed, hence the depth count.
 */
export function FileDropHint() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const end = () => {
      depth = 0;
      setOver(false);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', end);
    window.addEventListener('dragend', end);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', end);
      window.removeEventListener('dragend', end);
    };
  }, []);
  if (!over) return null;
  return (
    <div className="file-drop-hint" data-testid="file-drop-hint" aria-live="polite">
      <div className="panel">
        <strong>Drop the file to open it</strong>
        <span>a mission (.json), GeoJSON polygons (no-fly zones or buildings), an OpenStreetMap extract (.osm, Overpass JSON) or a GeoTIFF elevation model (.tif: the ground)</span>
      </div>
    </div>
  );
}
