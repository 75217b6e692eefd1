import type { SidebarTab } from '../Sidebar';
import { PlanPanel } from './PlanPanel';
import { ReplayPanel } from './ReplayPanel';

/** The sidebar tabs of planning and replay (App passes them to Sidebar's extraTabs). */
export const PLAYBACK_TABS: SidebarTab[] = [
  { id: 'plan', label: 'Plan', render: () => <PlanPanel /> },
  { id: 'replay', label: 'Replay', render: () => <ReplayPanel /> },
];
