/** "12 min", "1 h 05 min"; negative values read as overdue by the caller. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export const formatTimeLeft = (remainingMs: number): string => (remainingMs < 0 ? `vencido há ${formatDuration(remainingMs)}` : `faltam ${formatDuration(remainingMs)}`);
