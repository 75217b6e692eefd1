import { useEffect, useRef } from 'react';

/**
 * Calls `onFrame` once per animation frame while mounted, for DOM readouts of fast values (the
 * playback time): they are written straight into the DOM through refs, never through React state.
 */
export function useAnimationFrame(onFrame: (nowMs: number) => void): void {
  const latest = useRef(onFrame);
  latest.current = onFrame;
  useEffect(() => {
    let id = requestAnimationFrame(function loop(now) {
      latest.current(now);
      id = requestAnimationFrame(loop);
    });
    return () => cancelAnimationFrame(id);
  }, []);
}
