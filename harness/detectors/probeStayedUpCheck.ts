// `probeStayedUp:` — holds while a continuous probe of this run (steady.probes) has not been down
// at any moment since the fault (t0): "the app never stopped serving through the incident" as an
// assertion, read from the run's timeline (probes record every up/down change there). Before t0
// the steady-state checks speak for the baseline (and a slow first answer there is not the
// incident's doing). Put it in `recover:` so it covers the fault and the remediation; the probe's
// availability over the whole run is in the report beside it.
//
// The timeline shows only changes: a probe that never ran leaves no trace, so the check also sends
// one request to the probe's target on each evaluation and holds only when that answers 2xx
// as well. The probe id must name a steady.probes entry of the same variants (the loader checks).

import type { CheckKind } from "../scenario/kindTypes.js";
import type { MonoMs, TimelineEvent } from "../scenario/runResult.js";
import { pollingObserver } from "../scenario/pollingObserver.js";
import { describeTarget, sendHttp } from "../probes/httpTarget.js";

export interface ProbeStayedUpParams {
  /** The id of a steady.probes entry. */
  probe: string;
  /** The probe's own target, answered now as a liveness cross-check (a misspelt probe id cannot pass silently). */
  service: string;
  port?: number | string;
  path?: string;
}

export const probeStayedUpCheck: CheckKind<ProbeStayedUpParams> = {
  kind: "probeStayedUp",
  summary: "A continuous probe of this run never went down (from the timeline), and its target answers now.",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["probe", "service"],
    properties: { probe: { type: "string" }, service: { type: "string" }, port: { type: ["integer", "string"] }, path: { type: "string" } },
  },
  describe: (params) => `probe ${params.probe} never went down`,
  probeIds: (params) => [params.probe],
  observe(params, context, emit) {
    const target = { service: params.service, ...(params.port !== undefined ? { port: params.port } : {}), ...(params.path ? { path: params.path } : {}) };
    return pollingObserver(
      context,
      emit,
      async (signal) => {
        const downs = outagesSinceFault(context.timeline.snapshot(), context.timeline.faultAt(), params.probe);
        const reply = await sendHttp(target, context, 5_000, signal);
        const answering = reply.status >= 200 && reply.status < 300;
        if (downs.length > 0) return { holds: false, detail: `probe ${params.probe} was down ${downs.length} time(s) since the fault, first: ${downs[0]?.detail ?? ""}` };
        if (!answering) return { holds: false, detail: `${describeTarget(target)} answers ${reply.status || reply.error} now` };
        return { holds: true, detail: `probe ${params.probe} recorded no outage since the fault; ${describeTarget(target)} answers ${reply.status}` };
      },
      { everyMs: 1_000, evaluationTimeoutMs: 7_000, what: `probe ${params.probe}` },
    );
  },
};

/** Down events of the probe at or after t0, plus an outage still open at t0 (pure; exported for tests). */
export function outagesSinceFault(events: TimelineEvent[], faultAt: MonoMs | null, probe: string): TimelineEvent[] {
  const changes = events.filter((event) => event.kind === "probe" && event.name === probe);
  const from = faultAt ?? 0;
  const before = changes.filter((event) => event.at < from);
  const openAtFault = before[before.length - 1]?.detail?.startsWith("down") ? [before[before.length - 1]!] : [];
  return [...openAtFault, ...changes.filter((event) => event.at >= from && event.detail?.startsWith("down"))];
}
