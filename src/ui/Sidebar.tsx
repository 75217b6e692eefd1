import { type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useEditorStore } from '../state/editorStore';
import { MissionSummary } from './MissionSummary';
import { Inspector } from './Inspector';
import { ThingList, takeListPick } from './ThingList';
import { MapSettings } from './MapSettings';
import { Icon } from './icons';

export interface SidebarTab {
  id: string;
  label: string;
  render(): ReactNode;
}

/** The editor's tabs; App adds more (physics, plan) through `extraTabs`. */
const EDITOR_TABS: SidebarTab[] = [
  { id: 'inspector', label: 'Inspector', render: () => <Inspector /> },
  { id: 'things', label: 'Things', render: () => <ThingList /> },
  { id: 'map', label: 'Map', render: () => <MapSettings /> },
];

/** Hide or show the sidebar (no modifier; ignored while typing in a field). Free among the editor's keys. */
export const SIDEBAR_SHORTCUT = 'S';

/** Where the sidebar's width and collapsed state are remembered. */
export const SIDEBAR_STORAGE_KEY = 'skyhaul.sidebar.v1';

export const SIDEBAR_MIN_PX = 240;
export const SIDEBAR_MAX_PX = 720;
/** The map keeps at least this much of the window beside a wide sidebar. */
const MAP_MIN_PX = 320;

export interface SidebarLayout {
  collapsed: boolean;
  /** Chosen width in pixels; null: the responsive default (CSS). */
  widthPx: number | null;
}

/** A width within the bounds, or null for anything that is not a usable number. */
export function clampSidebarWidth(px: unknown): number | null {
  if (typeof px !== 'number' || !Number.isFinite(px)) return null;
  return Math.round(Math.min(SIDEBAR_MAX_PX, Math.max(SIDEBAR_MIN_PX, px)));
}

/** The remembered layout, tolerant of anything a user or an older version left in storage. */
export function readSidebarLayout(text: string | null | undefined): SidebarLayout {
  try {
    const raw = text ? (JSON.parse(text) as Partial<Record<keyof SidebarLayout, unknown>>) : {};
    return { collapsed: raw.collapsed === true, widthPx: clampSidebarWidth(raw.widthPx) };
  } catch {
    return { collapsed: false, widthPx: null };
  }
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

function useSidebarLayout(): [SidebarLayout, (next: SidebarLayout) => void] {
  const [layout, setLayout] = useState(() => readSidebarLayout(storage()?.getItem(SIDEBAR_STORAGE_KEY)));
  const save = (next: SidebarLayout) => {
    setLayout(next);
    try {
      storage()?.setItem(SIDEBAR_STORAGE_KEY, JSON.stringify(next));
    } catch {
      // storage full or disabled: the layout still applies until the page is reloaded
    }
  };
  return [layout, save];
}

const typingInForm = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
};

/**
 * Mission summary on top, then tabs: the editor's own and any later panels'. Collapsible (the button by
 * the tabs, or the S key) and resizable (drag its left edge; arrow keys on the edge; double-click for the
 * default width); both remembered. Selecting a thing on the map while the Things tab is open shows it
 * in the Inspector (a pick from the list itself stays in the list).
 */
export function Sidebar({ extraTabs = [] }: { extraTabs?: SidebarTab[] }) {
  const tabs = [...EDITOR_TABS, ...extraTabs];
  const [active, setActive] = useState(tabs[0].id);
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  const [layout, setLayout] = useSidebarLayout();
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const aside = useRef<HTMLElement>(null);

  const selection = useEditorStore((s) => s.selection);
  const activeRef = useRef(active);
  activeRef.current = active;
  useEffect(() => {
    if (!selection) return;
    const fromList = takeListPick(selection);
    if (!fromList && activeRef.current === 'things') setActive('inspector');
  }, [selection]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toUpperCase() !== SIDEBAR_SHORTCUT || e.ctrlKey || e.metaKey || e.altKey || e.repeat || typingInForm(e.target)) return;
      e.preventDefault();
      setLayout({ ...layoutRef.current, collapsed: !layoutRef.current.collapsed });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setLayout]);

  const toggle = (collapsed: boolean) => setLayout({ ...layout, collapsed });
  const toggleTitle = `${layout.collapsed ? 'Show' : 'Hide'} the sidebar (${SIDEBAR_SHORTCUT})`;

  if (layout.collapsed) {
    return (
      <aside className="sidebar collapsed" data-testid="sidebar" aria-label="Sidebar (hidden)">
        <button type="button" className="sidebar-toggle" onClick={() => toggle(false)} title={toggleTitle} aria-label="Show the sidebar" aria-expanded={false} data-testid="sidebar-toggle">
          <Icon name="panelOpen" />
        </button>
        <nav className="tabs" aria-label="Sidebar tabs">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              onClick={() => {
                setActive(t.id);
                toggle(false);
              }}
              title={`Show the sidebar at ${t.label}`}
            >
              {t.label}
            </button>
          ))}
        </nav>
      </aside>
    );
  }

  const width = layout.widthPx === null ? undefined : `min(${layout.widthPx}px, calc(100vw - ${MAP_MIN_PX}px))`;
  return (
    <aside className="sidebar" ref={aside} style={width ? { width } : undefined} data-testid="sidebar" aria-label="Sidebar">
      <SidebarResizer
        chosenPx={layout.widthPx}
        widthPx={() => aside.current?.getBoundingClientRect().width ?? SIDEBAR_MIN_PX}
        onResize={(px) => setLayout({ ...layoutRef.current, widthPx: px })}
      />
      <div className="sidebar-scroll">
        <MissionSummary />
        <nav className="tabs" role="tablist">
          <button type="button" className="sidebar-toggle" onClick={() => toggle(true)} title={toggleTitle} aria-label="Hide the sidebar" aria-expanded data-testid="sidebar-toggle">
            <Icon name="panelClose" />
          </button>
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={t.id === current.id}
              onClick={() => setActive(t.id)}
              data-testid={`tab-${t.id}`}
            >
              {t.label}
            </button>
          ))}
        </nav>
        <div role="tabpanel">{current.render()}</div>
      </div>
    </aside>
  );
}

/** The sidebar's left edge: drag to resize, arrow keys to nudge, double-click for the default width. */
function SidebarResizer({ chosenPx, widthPx, onResize }: { chosenPx: number | null; widthPx(): number; onResize(px: number | null): void }) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = { x: e.clientX, width: widthPx() };
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const s = start.current;
    if (!s) return;
    onResize(clampSidebarWidth(Math.min(s.width + (s.x - e.clientX), window.innerWidth - MAP_MIN_PX)));
  };
  const onPointerUp = () => {
    start.current = null;
  };
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 64 : 16;
    if (e.key === 'ArrowLeft') onResize(clampSidebarWidth(widthPx() + step));
    else if (e.key === 'ArrowRight') onResize(clampSidebarWidth(widthPx() - step));
    else if (e.key === 'Home' || e.key === 'Enter') onResize(null);
    else return;
    e.preventDefault();
  };
  // A focusable window splitter (WAI-ARIA's pattern): dragged with the pointer, nudged with the keys.
  return (
    <div
      className="sidebar-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the sidebar (drag, or arrow keys; Enter for the default width)"
      aria-valuemin={SIDEBAR_MIN_PX}
      aria-valuemax={SIDEBAR_MAX_PX}
      aria-valuenow={chosenPx ?? undefined}
      tabIndex={0}
      title="Drag to resize the sidebar; double-click for the default width"
      data-testid="sidebar-resizer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => onResize(null)}
      onKeyDown={onKeyDown}
    />
  );
}
