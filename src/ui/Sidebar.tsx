import { type ReactNode, useState } from 'react';
import { MissionSummary } from './MissionSummary';
import { Inspector } from './Inspector';
import { ThingList } from './ThingList';
import { MapSettings } from './MapSettings';

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

/** Mission summary on top, then tabs: the editor's own and any later panels'. */
export function Sidebar({ extraTabs = [] }: { extraTabs?: SidebarTab[] }) {
  const tabs = [...EDITOR_TABS, ...extraTabs];
  const [active, setActive] = useState(tabs[0].id);
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  return (
    <aside className="sidebar">
      <MissionSummary />
      <nav className="tabs" role="tablist">
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
    </aside>
  );
}
