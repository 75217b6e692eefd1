import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DroneModel } from '../../core/mission';
import { type ReservePolicy, type WindInput, rangePayloadSeries } from '../../core/energy';

export interface RangePayloadChartProps {
  model: DroneModel;
  wind: WindInput;
  airDensityKgM3: number;
  reserve: ReservePolicy;
  width?: number;
  height?: number;
}

/**
 * Range and delivery radius against payload for one model in the current wind (numbers from
 * src/core/energy rangePayloadSeries): range carrying the parcel all the way, and the out-and-back
 * delivery radius in the worst and best direction.
 */
export function RangePayloadChart({ model, wind, airDensityKgM3, reserve, width = 320, height = 200 }: RangePayloadChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const data = useMemo((): uPlot.AlignedData => {
    const s = rangePayloadSeries(model, { wind, airDensityKgM3, reserve, steps: 20 });
    return [s.payloadKg, s.rangeKm, s.radiusMinKm, s.radiusMaxKm];
  }, [model, wind, airDensityKgM3, reserve]);

  useEffect(() => {
    if (!host.current) return;
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: true },
      scales: { x: { time: false } },
      axes: [
        { label: 'payload (kg)', size: 36 },
        { label: 'km', size: 44 },
      ],
      series: [
        { label: 'payload kg', value: (_u, v) => (v == null ? '' : v.toFixed(2)) },
        { label: 'range', stroke: '#1f5fbf', width: 2, value: (_u, v) => (v == null ? '' : `${v.toFixed(1)} km`) },
        { label: 'radius (worst dir.)', stroke: '#d9453b', width: 2, value: (_u, v) => (v == null ? '' : `${v.toFixed(1)} km`) },
        { label: 'radius (best dir.)', stroke: '#2e7d32', width: 1.5, dash: [6, 4], value: (_u, v) => (v == null ? '' : `${v.toFixed(1)} km`) },
      ],
    };
    const u = new uPlot(opts, data, host.current);
    plot.current = u;
    return () => {
      u.destroy();
      plot.current = null;
    };
    // Recreated only when its size changes; new data goes through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [width, height]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return (
    <figure className="range-payload-chart" data-testid="range-payload-chart" style={{ margin: 0 }}>
      <figcaption style={{ fontSize: 12, color: '#57606a' }}>
        {model.name}: range and delivery radius vs payload (reserve {reserve.minPercent} %, wind {wind.speedMps} m/s)
      </figcaption>
      <div ref={host} />
    </figure>
  );
}
