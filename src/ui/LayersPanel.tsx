import { type RefObject, useLayoutEffect, useRef } from 'react';
import { LAYER_IDS, LAYER_NAMES, useLayersStore } from '../state/layersStore';
import { DRONE_PALETTE } from '../scene/playback/palette';
import { type LegendSymbol, WIDE_LABEL_CHARS, legendByLayer } from './legend';
import './desk.css';

const GROUPS = legendByLayer();

/** Space kept between the panel's top and the toolbar above it, pixels. */
const TOOLBAR_GAP_PX = 8;
/** Space between the panel and the scale bar under it, and the map's edge. */
const SIDE_GAP_PX = 8;
/** Bottom offset when there is no scale bar to stand on. */
const DEFAULT_BOTTOM_PX = 52;

/**
 * Layers and legend in one box at the map's bottom-left, above the scale bar: a switch per layer and,
 * under it, what each of its symbols means. Folds to its title. Never taller than the room between the
 * scale bar and the toolbar (it scrolls inside instead), so it never covers the tools.
 */
export function LayersPanel() {
  const open = useLayersStore((s) => s.panelOpen);
  const visible = useLayersStore((s) => s.visible);
  const box = useRef<HTMLElement>(null);
  useFitUnderToolbar(box, open);
  const store = useLayersStore.getState;
  return (
    <section ref={box} className={`panel layers-panel${open ? '' : ' folded'}`} data-testid="layers-panel" aria-label="Layers and legend">
      <button
        type="button"
        className="layers-head"
        aria-expanded={open}
        onClick={() => store().setPanelOpen(!open)}
        data-testid="layers-toggle"
        title={open ? 'Fold the layers and legend' : 'Show the layers and legend'}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> Layers &amp; legend
      </button>
      {open && (
        <div className="layers-body">
          {LAYER_IDS.map((layer) => (
            <div key={layer} className={`layer${visible[layer] ? '' : ' off'}`} data-layer={layer}>
              <label className="layer-switch">
                <input type="checkbox" checked={visible[layer]} onChange={(e) => store().setVisible(layer, e.target.checked)} data-testid={`layer-${layer}`} />
                {LAYER_NAMES[layer]}
              </label>
              <ul className="legend-items">
                {GROUPS.get(layer)?.entries.map((entry) => (
                  <li
                    key={entry.kind}
                    className={entry.label.length > WIDE_LABEL_CHARS ? 'wide' : undefined}
                    data-testid="legend-item"
                    data-kind={entry.kind}
                    title={entry.title}
                  >
                    <LegendIcon symbol={entry.symbol} />
                    <span>{entry.label}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/**
 * Place the panel just above the scale bar and keep its top below the toolbar's bottom, whatever the
 * layout of the map's overlays (the toolbar wraps on narrow windows, the bottom row may grow): measured
 * when the map or those overlays change size, never per frame.
 */
function useFitUnderToolbar(box: RefObject<HTMLElement | null>, open: boolean): void {
  useLayoutEffect(() => {
    const panel = box.current;
    const viewport = panel?.parentElement;
    if (!panel || !viewport) return;
    const toolbar = () => viewport.querySelector('.toolbar');
    const scale = () => viewport.querySelector('[data-testid="scale-bar"]');
    const place = () => {
      const area = viewport.getBoundingClientRect();
      const bar = scale();
      const below = bar?.getBoundingClientRect();
      const left = below && below.width > 0 ? below.left - area.left : SIDE_GAP_PX;
      // Stand on the scale bar, or on anything beside it in its row that reaches higher under the panel (the hint).
      let standTop = below && below.height > 0 ? below.top : Number.POSITIVE_INFINITY;
      const x0 = area.left + left;
      const x1 = x0 + panel.offsetWidth;
      for (const el of Array.from(bar?.parentElement?.children ?? [])) {
        const r = el.getBoundingClientRect();
        if (el !== panel && r.height > 0 && r.left < x1 && r.right > x0 && r.bottom > area.bottom - area.height / 2) standTop = Math.min(standTop, r.top);
      }
      const bottomPx = Number.isFinite(standTop) ? Math.max(SIDE_GAP_PX, area.bottom - standTop + SIDE_GAP_PX) : DEFAULT_BOTTOM_PX;
      const top = toolbar()?.getBoundingClientRect().bottom ?? area.top;
      panel.style.bottom = `${Math.round(bottomPx)}px`;
      panel.style.left = `${Math.round(left)}px`;
      panel.style.maxHeight = `${Math.max(32, Math.floor(area.bottom - bottomPx - top - TOOLBAR_GAP_PX))}px`;
    };
    place();
    const observer = new ResizeObserver(place);
    observer.observe(viewport);
    for (const el of [toolbar(), scale(), scale()?.parentElement]) if (el) observer.observe(el);
    return () => observer.disconnect();
  }, [box, open]);
}

/** A legend symbol as a small drawing (18 x 14 px). */
function LegendIcon({ symbol: s }: { symbol: LegendSymbol }) {
  return (
    <svg className="legend-symbol" width="18" height="14" viewBox="0 0 18 14" aria-hidden="true">
      {drawSymbol(s)}
    </svg>
  );
}

function drawSymbol(s: LegendSymbol) {
  switch (s.shape) {
    case 'hexagon':
      return <polygon points="9,1 15,4 15,10 9,13 3,10 3,4" fill={s.colour} stroke="#1d2733" strokeWidth="0.6" />;
    case 'pin':
      return <polygon points="4,2 14,2 9,13" fill={s.colour} stroke="#1d2733" strokeWidth="0.6" />;
    case 'disc':
      return <circle cx="9" cy="7" r="5" fill={s.colour} />;
    case 'block':
      return <rect x="3" y="2" width="12" height="10" fill={s.colour} stroke="#5b6472" strokeWidth="0.8" />;
    case 'zone':
      return (
        <rect
          x="2"
          y="2"
          width="14"
          height="10"
          fill={s.colour}
          fillOpacity={Math.min(1, s.opacity * 1.6)}
          stroke={s.edge}
          strokeWidth="1.2"
          strokeDasharray={s.dashed ? '3 2' : undefined}
        />
      );
    case 'line':
      if (s.rainbow)
        return (
          <>
            {DRONE_PALETTE.slice(0, 3).map((c, i) => (
              <line key={c} x1="1" y1={3 + i * 4} x2="17" y2={3 + i * 4} stroke={c} strokeWidth="1.6" />
            ))}
          </>
        );
      return <line x1="1" y1="7" x2="17" y2="7" stroke={s.colour} strokeWidth="2" strokeDasharray={s.dashed ? '4 2' : undefined} opacity={s.opacity} />;
    case 'dart':
      return <polygon points="15,7 4,2 6,7 4,12" fill={s.colour} stroke="#1d2733" strokeWidth="0.5" />;
    case 'halo':
      return (
        <>
          <circle cx="9" cy="7" r="6.4" fill="#ffffff" stroke="#12171f" strokeWidth="0.9" />
          <circle cx="9" cy="7" r="4.9" fill="none" stroke={s.colour} strokeWidth="1.8" />
          <polygon points="12.5,7 6.5,4.2 7.6,7 6.5,9.8" fill={s.colour} />
        </>
      );
    case 'ring':
      return <circle cx="9" cy="7" r="5" fill="none" stroke={s.colour} strokeWidth="2" />;
    case 'parcel':
      return <polygon points="9,3 14,11 4,11" fill={s.colour} />;
    case 'label':
      return (
        <>
          <rect x="1" y="3" width="16" height="9" rx="2" fill={s.colour === '#ffe14d' ? s.colour : '#ffffff'} stroke={s.colour === '#ffe14d' ? '#8a6d00' : s.colour} />
          <text x="9" y="10.2" fontSize="7" textAnchor="middle" fill="#1d2733">
            Aa
          </text>
        </>
      );
    case 'water':
      return (
        <>
          <rect x="1" y="2" width="16" height="10" fill={s.colour} />
          <path d="M2 6 q2 -2 4 0 t4 0 t4 0 M2 9 q2 -2 4 0 t4 0 t4 0" fill="none" stroke="#5f93bf" strokeWidth="0.8" />
        </>
      );
  }
}
