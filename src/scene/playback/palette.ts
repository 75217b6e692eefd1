/** Route colours by drone: distinct hues that stay readable on the light map, reused in order. */
export const DRONE_PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

export function droneColour(index: number): string {
  return DRONE_PALETTE[index % DRONE_PALETTE.length];
}
