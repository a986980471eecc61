import assert from "node:assert/strict";
import { historyCoherence, parseHelmHistory } from "../../../harness/detectors/helmHistoryCoherence.js";

// The shape of `helm history web -o json` (helm v3.22.0).
const history = (...statuses: string[]) =>
  JSON.stringify(statuses.map((status, index) => ({ revision: index + 1, updated: "2026-01-01T00:00:00Z", status, chart: "web-0.1.0", app_version: "1.35.0", description: "Upgrade complete" })));

describe("helm history coherence", () => {
  it("is coherent with one deployed revision, the newest", () => {
    const verdict = historyCoherence(parseHelmHistory(history("superseded", "superseded", "deployed")), 3);
    assert.deepEqual(verdict, { coherent: true, detail: "v1 superseded, v2 superseded, v3 deployed" });
  });

  it("after a repair the deployed revision must be the newest (a failed upgrade on top does not count as recovered)", () => {
    assert.match(historyCoherence(parseHelmHistory(history("superseded", "deployed", "failed"))).detail, /v2 is not the newest/);
  });

  it("flags no deployed revision, two, pending ones, and too short a history", () => {
    assert.match(historyCoherence(parseHelmHistory(history("superseded", "superseded"))).detail, /0 deployed revisions/);
    assert.match(historyCoherence(parseHelmHistory(history("deployed", "deployed"))).detail, /2 deployed revisions/);
    assert.match(historyCoherence(parseHelmHistory(history("deployed", "pending-upgrade"))).detail, /pending: v2/);
    assert.match(historyCoherence(parseHelmHistory(history("deployed")), 4).detail, /1 revision\(s\), expected at least 4/);
  });

  it("rejects output that is not helm's history", () => {
    assert.throws(() => parseHelmHistory("{}"), /did not print a list/);
    assert.throws(() => parseHelmHistory('[{"rev":1}]'), /no revision\/status/);
  });
});
