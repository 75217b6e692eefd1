import { useEffect, useRef } from 'react';
import { viewMetrics } from '../scene/viewMetrics';

const NICE_METRES = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000];

/** Scale bar and north arrow, updated from viewMetrics in an animation loop (no re-renders). */
export function ScaleBar() {
  const bar = useRef<HTMLDivElement>(null);
  const label = useRef<HTMLSpanElement>(null);
  const arrow = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let raf = 0;
    const tick = () => {
      const targetPx = 120;
      const metres = NICE_METRES.find((m) => m / viewMetrics.metresPerPixel >= targetPx / 2) ?? 50_000;
      const px = metres / viewMetrics.metresPerPixel;
      if (bar.current) bar.current.style.width = `${Math.min(400, px).toFixed(0)}px`;
      if (label.current) label.current.textContent = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
      if (arrow.current) arrow.current.style.transform = `rotate(${-viewMetrics.headingDeg}deg)`;
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, []);
  return (
    <div className="scale" data-testid="scale-bar">
      <div className="north" ref={arrow} title="North">
        N
      </div>
      <div className="scale-bar" ref={bar} />
      <span ref={label} />
    </div>
  );
}
