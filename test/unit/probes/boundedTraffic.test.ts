import assert from "node:assert/strict";
import { addReply, backendOf, formatTally, shareOf, type TrafficTally } from "../../../harness/probes/boundedTraffic.js";

const reply = (status: number, headers: Record<string, string> = {}, body = "") => ({ status, headers, body, elapsedMs: 1 });

describe("bounded traffic tally", () => {
  it("names the backend from a header, else from a body marker, else unknown/none", () => {
    const marker = { backendHeader: "X-Backend", backendPattern: "backend=(\\S+)" };
    assert.equal(backendOf(reply(200, { "x-backend": "svc-a-1" }), marker), "svc-a-1");
    assert.equal(backendOf(reply(200, {}, "hello backend=svc-b-2\n"), marker), "svc-b-2");
    assert.equal(backendOf(reply(404, {}, "nothing"), marker), "unknown");
    assert.equal(backendOf(reply(0), marker), "none");
  });

  it("tallies statuses and backends and computes shares", () => {
    const tally: TrafficTally = { requests: 0, statuses: {}, backends: {}, elapsedMs: 1_200 };
    const marker = { backendHeader: "x-backend" };
    for (let i = 0; i < 7; i += 1) addReply(tally, reply(200, { "x-backend": "a" }), marker);
    for (let i = 0; i < 3; i += 1) addReply(tally, reply(503), marker);
    assert.equal(shareOf(tally, { backend: "a" }), 0.7);
    assert.equal(shareOf(tally, { status: "503" }), 0.3);
    assert.equal(formatTally(tally), "10 requests in 1.2s; status 200×7 503×3; backend a×7 unknown×3");
    assert.equal(shareOf({ requests: 0, statuses: {}, backends: {}, elapsedMs: 0 }, { backend: "a" }), 0);
  });
});
