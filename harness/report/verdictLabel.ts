import type { Verdict } from "../scenario/runResult.js";

// Always an icon plus the word: the icon is for scanning, the word for screen readers, for
// colour-blind readers and for plain-text logs.
const ICONS: Record<Verdict, string> = { passed: "✅", failed: "❌", error: "⚠️", skipped: "⏭️" };

/** "✅ passed", "❌ failed", … */
export function verdictLabel(verdict: Verdict): string {
  return `${ICONS[verdict]} ${verdict}`;
}

/** Just the icon, for headings where the word follows anyway. */
export function verdictIcon(verdict: Verdict): string {
  return ICONS[verdict];
}
