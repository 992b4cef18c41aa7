/** Short relative time for lists ("now", "5m", "3h", "2d"); exact time in the title attribute. */
export function relativeTime(ms: number | null, now = Date.now()): string {
  if (ms === null) return '';
  const minutes = Math.round((now - ms) / 60_000);
  if (minutes < 1) return 'now';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours}h`;
  return `${Math.round(hours / 24)}d`;
}

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function fullTime(ms: number): string {
  return new Date(ms).toLocaleString();
}

export function initials(name: string): string {
  const words = name.replace(/@.*/, '').split(/[\s._-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? '?') + (words[1]?.[0] ?? '')).toUpperCase();
}
