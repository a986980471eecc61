import assert from "node:assert/strict";
import { eventsWatchTarget, matchingEvents } from "../../../harness/kube/kubeEvents.js";

const event = (reason: string, message: string, lastTimestamp: string, name = "a-1") => ({
  apiVersion: "v1",
  kind: "Event",
  metadata: { name: `${name}.x`, creationTimestamp: lastTimestamp },
  reason,
  message,
  lastTimestamp,
  count: 2,
  involvedObject: { kind: "Pod", name },
});

describe("events", () => {
  it("matches reason, message pattern and the time window", () => {
    const events = [
      event("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", "2025-01-01T12:00:05Z"),
      event("Unhealthy", "Liveness probe failed: timeout", "2025-01-01T12:00:06Z"),
      event("Unhealthy", "Readiness probe failed: connection refused", "2025-01-01T11:59:00Z", "old"),
      event("Killing", "Stopping container", "2025-01-01T12:00:07Z"),
    ];
    const found = matchingEvents(events as never, {
      namespace: "x",
      reason: "Unhealthy",
      messagePattern: "^Readiness probe failed",
      since: new Date("2025-01-01T12:00:00Z"),
    });
    assert.deepEqual(found.map((e) => e.involved), ["Pod/a-1"]);
    assert.equal(found[0]!.count, 2);
  });

  it("filters by reason and kind server-side", () => {
    assert.deepEqual(eventsWatchTarget({ namespace: "x", reason: "BackOff", involvedKind: "Pod" }), {
      apiVersion: "v1",
      kind: "Event",
      namespace: "x",
      fieldSelector: "reason=BackOff,involvedObject.kind=Pod",
    });
  });
});
