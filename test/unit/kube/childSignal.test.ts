import assert from "node:assert/strict";
import { getEventListeners } from "node:events";

import { childSignal } from "../../../harness/kube/deadline.js";

describe("childSignal", () => {
  it("aborts with the parent's reason", () => {
    const parent = new AbortController();
    const child = childSignal(parent.signal, 60_000, "step");
    parent.abort(new Error("interrupted"));
    assert.equal(child.signal.aborted, true);
    assert.equal((child.signal.reason as Error).message, "interrupted");
  });

  it("aborts on its own deadline, naming what ran out, and unhooks from the parent", async () => {
    const parent = new AbortController();
    const child = childSignal(parent.signal, 5, "poll of web");
    await new Promise((resolve) => child.signal.addEventListener("abort", resolve));
    assert.match(String((child.signal.reason as Error).message), /poll of web/);
    assert.equal(getEventListeners(parent.signal, "abort").length, 0);
  });

  it("release() unhooks from the parent at once, without aborting the child", () => {
    const parent = new AbortController();
    // A run signal outlives hundreds of steps and polls; none may stay subscribed once done.
    const children = Array.from({ length: 50 }, () => childSignal(parent.signal, 60_000, "step"));
    assert.equal(getEventListeners(parent.signal, "abort").length, 50);
    for (const child of children) child.release();
    assert.equal(getEventListeners(parent.signal, "abort").length, 0);
    assert.ok(children.every((child) => !child.signal.aborted));
    parent.abort();
    assert.ok(children.every((child) => !child.signal.aborted), "a released child no longer follows its parent");
  });
});
