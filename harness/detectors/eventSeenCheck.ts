// `eventSeen:` — a Kubernetes Event matching reason/message was recorded since this check started
// observing (events from before, e.g. slow startups during setup, are not evidence). Stands for
// the "kubectl describe" evidence people look at first: "Readiness probe failed", "BackOff".

import { eventsWatchTarget, matchingEvents, type EventFilter } from "../kube/kubeEvents.js";
import type { CheckKind } from "../scenario/kindTypes.js";
import { observeObjects } from "./observeObjects.js";

export interface EventSeenParams {
  reason?: string;
  /** Regular expression on the event message. */
  message?: string;
  involvedKind?: string;
  namespace?: string;
}

export const eventSeenCheck: CheckKind<EventSeenParams> = {
  kind: "eventSeen",
  summary: "An Event with this reason/message pattern occurred since observation started (watched).",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    properties: { reason: { type: "string" }, message: { type: "string" }, involvedKind: { type: "string" }, namespace: { type: "string" } },
    anyOf: [{ required: ["reason"] }, { required: ["message"] }],
  },
  describe: (params) => `event ${[params.reason, params.message && `/${params.message}/`].filter(Boolean).join(" ")} seen`,
  observe(params, context, emit) {
    // Events carry wall-clock timestamps with one-second resolution; start the window at the
    // whole second so an event in the same second as the start is not lost.
    const since = new Date(Math.floor(Date.now() / 1000) * 1000);
    const filter: EventFilter = { namespace: params.namespace ?? context.namespace, since };
    if (params.reason) filter.reason = params.reason;
    if (params.message) filter.messagePattern = params.message;
    if (params.involvedKind) filter.involvedKind = params.involvedKind;
    return observeObjects(
      context,
      eventsWatchTarget(filter),
      (objects) => {
        const matches = matchingEvents(objects, filter);
        const last = matches[matches.length - 1];
        return { holds: matches.length > 0, detail: last ? `${matches.length} event(s), last ${last.involved}: ${last.reason}: ${last.message}` : "no matching event" };
      },
      emit,
    );
  },
};
