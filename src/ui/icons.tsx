/**
 * Small line icons for the toolbar (16 px, drawn in the text colour): a button keeps its icon when a
 * narrow window hides its label. Shapes echo the map: a hexagon for depots, a pin for drop points.
 */
import type { ReactNode } from 'react';

const PATHS: Record<string, ReactNode> = {
  select: <path d="M4 2.5v10.5l3-3 2.2 4.5 1.8-.9-2.2-4.4H13z" fill="currentColor" stroke="none" />,
  depot: <path d="M8 1.8l5.4 3.1v6.2L8 14.2l-5.4-3.1V4.9z" />,
  order: (
    <>
      <path d="M8 14.5S3.5 9.6 3.5 6.4a4.5 4.5 0 0 1 9 0C12.5 9.6 8 14.5 8 14.5z" />
      <circle cx="8" cy="6.4" r="1.5" />
    </>
  ),
  zone: (
    <>
      <path d="M2.5 5l5-3 6 2.5-1 7-6.5 2.5-3.5-4z" />
      <path d="M4.5 11.5l7-7.5" />
    </>
  ),
  building: (
    <>
      <path d="M3 14V3.5L9 2v12M9 6h4v8M1.5 14h13" />
      <path d="M5 5.5h2M5 8h2M5 10.5h2" />
    </>
  ),
  delete: <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.8 10h6.4L12 4M6.8 6.5v5M9.2 6.5v5" />,
  measure: <path d="M1.5 11.5l10-10 3 3-10 10zM4.5 8.5l1.5 1.5M6.5 6.5l1.5 1.5M8.5 4.5l1.5 1.5" />,
  undo: <path d="M5.5 3L2.5 6l3 3M2.5 6h7a4 4 0 0 1 0 8H7" />,
  redo: <path d="M10.5 3l3 3-3 3M13.5 6h-7a4 4 0 0 0 0 8H9" />,
  history: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5V8l2.5 1.5" />
    </>
  ),
  new: <path d="M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3M8 7.5v5M5.5 10h5" />,
  open: <path d="M1.5 13.5v-10h4l1.5 1.5h6v2M1.5 13.5l2.5-6h11l-2.5 6z" />,
  save: <path d="M8 1.5v8.5M4.5 6.5L8 10l3.5-3.5M2 11.5v3h12v-3" />,
  reset: <path d="M2.5 8a5.5 5.5 0 1 0 1.7-4M2.5 1.8v2.7h2.7" />,
  panelClose: <path d="M6 3.5l4.5 4.5L6 12.5" />,
  panelOpen: <path d="M10 3.5L5.5 8l4.5 4.5" />,
};

/** The icon named `name`; an unknown name (a tool added later) shows its first letter. */
export function Icon({ name, fallback }: { name: string; fallback?: string }) {
  const path = PATHS[name];
  if (!path) {
    return (
      <span className="icon icon-letter" aria-hidden="true">
        {(fallback ?? name).charAt(0).toUpperCase()}
      </span>
    );
  }
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round">
      {path}
    </svg>
  );
}
