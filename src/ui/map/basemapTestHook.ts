/**
 * Test-hook entries of the basemap (spread into window.__skyhaul by src/testHook.ts): what was
 * opened, the zooms drawn and the tile counts of both layers, and the attribution shown.
 */
import { useBasemapSettings } from '../../state/basemapSettings';
import { basemapAttribution, useBasemapStore } from '../../state/basemapStore';

export function basemapTestHook(): Record<string, unknown> {
  return {
    basemap: () => {
      const { status, tiles } = useBasemapStore.getState();
      const { form } = useBasemapSettings.getState();
      return {
        state: status.state,
        error: status.state === 'error' ? status.error : status.state === 'incomplete' ? status.problem : null,
        minZoom: status.state === 'ready' ? status.source.minZoom : null,
        maxZoom: status.state === 'ready' ? status.source.maxZoom : null,
        /** The base layer over the mission and the detail layer around the view: zoom, tiles asked, loaded, missing, failed. */
        tiles: { ...tiles.base },
        detail: { ...tiles.detail },
        attribution: basemapAttribution(status, form.attribution),
      };
    },
  };
}
