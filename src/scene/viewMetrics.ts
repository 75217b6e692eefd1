/**
 * Fast-changing view values written by the scene each frame and read by DOM widgets (scale bar)
 * without React re-renders.
 */
// One of the scene's per-frame objects (docs/architecture.md, "Per-frame values"): one writer, read without re-renders.
export const viewMetrics = {
  /** Ground metres covered by one screen pixel at the orbit target. */
  metresPerPixel: 10,
  /** Camera heading, degrees clockwise from north (for the north arrow). */
  headingDeg: 0,
  /** Frames rendered so far (tests use it to know the canvas is alive). */
  frames: 0,
};
