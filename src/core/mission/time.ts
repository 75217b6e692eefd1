import type { MissionTime } from './schema';

/** Seconds after the mission start for a mission time (a number already, or an ISO date-time). */
export function toMissionSeconds(startTime: string, t: MissionTime): number {
  if (typeof t === 'number') return t;
  return (Date.parse(t) - Date.parse(startTime)) / 1000;
}

/** The wall-clock ISO time of a mission second, in UTC. */
export function toIsoTime(startTime: string, seconds: number): string {
  return new Date(Date.parse(startTime) + seconds * 1000).toISOString();
}

/** "hh:mm:ss" on the mission clock, in the start time's own UTC offset. */
export function formatClock(startTime: string, seconds: number): string {
  const offsetMatch = /([+-])(\d\d):?(\d\d)$/.exec(startTime);
  const offsetS = offsetMatch
    ? (offsetMatch[1] === '-' ? -1 : 1) * (Number(offsetMatch[2]) * 3600 + Number(offsetMatch[3]) * 60)
    : 0;
  const local = new Date(Date.parse(startTime) + (seconds + offsetS) * 1000);
  return local.toISOString().slice(11, 19);
}
