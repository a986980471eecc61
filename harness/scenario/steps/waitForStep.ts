// `waitFor:` — blocks until a check holds (watch-based where the check watches), failing at the
// step's timeout with the last state seen: `- waitFor: { deploymentAvailable: web }` with `timeout: 2m`.

import { waitForCondition } from "../checkSession.js";
import type { StepKind } from "../kindTypes.js";

export type WaitForParams = Record<string, unknown>;

export const waitForStep: StepKind<WaitForParams> = {
  kind: "waitFor",
  summary: "Wait until a check holds (e.g. deploymentAvailable, endpointsReady), up to the step's timeout.",
  embedsCheck: true,
  defaultTimeoutMs: 120_000,
  paramsSchema: { type: "object", minProperties: 1, maxProperties: 1 },
  describe: (params) => `wait for ${Object.keys(params)[0] ?? "?"}`,
  async run(params, context) {
    const [kindName, checkParams] = Object.entries(params)[0] ?? [];
    const kind = kindName ? context.registry.check(kindName) : undefined;
    if (!kind || !kindName) throw new Error(`waitFor names no known check (${kindName ?? "none"})`);
    const outcome = await waitForCondition(kind, checkParams, context, {
      reference: context.now(),
      withinMs: context.timeoutMs,
      holdForMs: 0,
      negate: false,
    });
    if (outcome.status !== "passed") {
      throw new Error(`${kind.describe(checkParams)} did not hold within ${Math.round(context.timeoutMs / 1000)}s: ${outcome.status === "pending" ? "" : outcome.detail}`);
    }
    return { detail: outcome.detail };
  },
};
