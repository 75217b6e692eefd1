import type { SidebarTab } from '../Sidebar';
import { DispatchTab } from './DispatchTab';

/** The Dispatch sidebar tab (App passes it to Sidebar's extraTabs, next to Plan and Replay). */
export const DISPATCH_TAB: SidebarTab = { id: 'dispatch', label: 'Dispatch', render: () => <DispatchTab /> };
