import assert from "node:assert/strict";
import { outagesSinceFault } from "../../../harness/detectors/probeStayedUpCheck.js";
import type { TimelineEvent } from "../../../harness/scenario/runResult.js";

const probe = (at: number, state: "up" | "down", name = "web-http"): TimelineEvent => ({ at, wall: "", kind: "probe", name, detail: `${state}: x` });

describe("probeStayedUp", () => {
  it("ignores an outage that ended before the fault (the baseline's business)", () => {
    assert.deepEqual(outagesSinceFault([probe(1, "down"), probe(5, "up")], 10, "web-http"), []);
  });

  it("counts outages after the fault, and one still open at the fault", () => {
    assert.equal(outagesSinceFault([probe(12, "down"), probe(15, "up")], 10, "web-http").length, 1);
    assert.equal(outagesSinceFault([probe(5, "down")], 10, "web-http").length, 1);
  });

  it("only looks at the named probe", () => {
    assert.deepEqual(outagesSinceFault([probe(12, "down", "other")], 10, "web-http"), []);
  });
});
