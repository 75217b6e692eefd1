import { addMeasurePoint } from '../measureStore';
import type { ToolDef } from './types';

/** Measure: each ground click adds a point (snapped to a depot or drop point nearby); things are not picked. */
export const measureTool: ToolDef = {
  id: 'measure',
  label: 'Measure',
  key: 'M',
  hint: 'Click points to measure distance and bearing (snaps to depots and drop points); Esc clears',
  on(event) {
    if (event.type !== 'click-ground') return 'ignored';
    addMeasurePoint(event.at, event.closeRadiusM);
    return 'handled';
  },
};
