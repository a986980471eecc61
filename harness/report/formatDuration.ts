// Durations as a person reads them in a report: "0.8 s", "21 s", "2 min 05 s", "1 h 02 min".
// Sub-minute values keep one decimal because TTDs of admission denials are sub-second and the
// difference between 0.8 s and 1.3 s matters when two runs are compared.

/** Formats a duration in milliseconds; undefined/null become an em dash. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return "—";
  const sign = ms < 0 ? "−" : "";
  const abs = Math.abs(ms);
  if (abs < 60_000) {
    const seconds = (abs / 1000).toFixed(1).replace(/\.0$/, "");
    return `${sign}${seconds} s`;
  }
  const totalSeconds = Math.round(abs / 1000);
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    const seconds = totalSeconds % 60;
    return `${sign}${minutes} min ${String(seconds).padStart(2, "0")} s`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  return `${sign}${hours} h ${String(totalMinutes % 60).padStart(2, "0")} min`;
}
