import type { SidebarTab } from '../Sidebar';
import { WhatIfTab } from './WhatIfTab';

/** The What-if sidebar tab (App passes it to Sidebar's extraTabs). */
export const WHATIF_TAB: SidebarTab = { id: 'whatif', label: 'What-if', render: () => <WhatIfTab /> };
