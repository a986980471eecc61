// Training mode at the terminal (`gameday run <scenario> --train`): after the fault and the
// detections, the broken cluster is handed to a person. They get the story, the kubeconfig and the
// namespace, ask for hints one at a time (vague to precise, as the scenario's README orders them),
// and type `done` when they think it is fixed; the runner then grades the fix with the scenario's
// recovery checks and measures time-to-recover from the hand-over.
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";

import type { RemediationBriefing, RemediationGate } from "../scenario/remediationGate.js";
import type { CliIO } from "./cliIO.js";

const COMMANDS = "type `hint` for a hint, `done` when you think it is fixed, `give up` to end the exercise";

/** What the trainee reads at hand-over. Pure, so it can be checked without a terminal. */
export function briefingText(briefing: RemediationBriefing): string[] {
  return [
    "",
    `── your turn: ${briefing.title} (${briefing.scenario} · ${briefing.variant}) ──`,
    "",
    ...briefing.story.trim().split("\n").map((line) => `  ${line}`),
    "",
    "The cluster is yours. In another terminal:",
    `  export KUBECONFIG=${briefing.kubeconfigPath}`,
    `  kubectl config use-context ${briefing.contextName}`,
    `  kubectl -n ${briefing.namespace} get all`,
    "",
    "When you say done, the harness checks:",
    ...briefing.recoveryChecks.map((check) => `  - ${check}`),
    "",
    `${briefing.hints.length} hint${briefing.hints.length === 1 ? "" : "s"} available; ${COMMANDS}.`,
  ];
}

export class TerminalTrainingGate implements RemediationGate {
  constructor(
    private readonly io: CliIO,
    private readonly input: Readable,
  ) {}

  waitForPerson(briefing: RemediationBriefing, signal: AbortSignal): Promise<{ gaveUp: boolean }> {
    for (const line of briefingText(briefing)) this.io.err(line);
    const lines = createInterface({ input: this.input, terminal: false });
    let hintsShown = 0;
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (outcome: { gaveUp: boolean } | Error) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", onAbort);
        lines.close();
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const onAbort = () => finish(signal.reason instanceof Error ? signal.reason : new Error("training interrupted"));
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      lines.on("line", (raw) => {
        const answer = raw.trim().toLowerCase();
        if (answer === "done") {
          this.io.err("checking your fix …");
          return finish({ gaveUp: false });
        }
        if (answer === "give up" || answer === "giveup") return finish({ gaveUp: true });
        if (answer === "hint") {
          const hint = briefing.hints[hintsShown];
          if (hint === undefined) return this.io.err(briefing.hints.length ? "no more hints: the last one says what to change." : "this scenario has no hints.");
          hintsShown += 1;
          return this.io.err(`hint ${hintsShown}/${briefing.hints.length}: ${hint}`);
        }
        if (answer !== "") this.io.err(`"${raw.trim()}"? ${COMMANDS}.`);
      });
      // Input closed (Ctrl-D, or no terminal at all): nobody is there to fix it.
      lines.on("close", () => {
        if (!settled) this.io.err("input closed: ending the exercise as given up");
        finish({ gaveUp: true });
      });
    });
  }
}
