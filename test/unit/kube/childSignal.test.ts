import assert from "node:assert/strict";
import { getEventListeners, getMaxListeners } from "node:events";

import { allowFanOut, childSignal, FAN_OUT_LISTENERS } from "../../../harness/kube/deadline.js";

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
    allowFanOut(parent.signal); // as the runner does for its run signal
    // A run signal outlives hundreds of steps and polls; none may stay subscribed once done.
    const children = Array.from({ length: 50 }, () => childSignal(parent.signal, 60_000, "step"));
    assert.equal(getEventListeners(parent.signal, "abort").length, 50);
    for (const child of children) child.release();
    assert.equal(getEventListeners(parent.signal, "abort").length, 0);
    assert.ok(children.every((child) => !child.signal.aborted));
    parent.abort();
    assert.ok(children.every((child) => !child.signal.aborted), "a released child no longer follows its parent");
  });

  it("allows a step's or check's fan-out (a burst of requests each listening) without Node's leak warning", async () => {
    const child = childSignal(undefined, 60_000, "traffic burst");
    assert.equal(getMaxListeners(child.signal), FAN_OUT_LISTENERS);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    const handlers = Array.from({ length: 24 }, () => () => undefined);
    for (const handler of handlers) child.signal.addEventListener("abort", handler);
    await new Promise((resolve) => setImmediate(resolve));
    process.off("warning", onWarning);
    for (const handler of handlers) child.signal.removeEventListener("abort", handler);
    child.release();
    assert.deepEqual(warnings, []);
    assert.equal(getMaxListeners(allowFanOut(new AbortController().signal)), FAN_OUT_LISTENERS);
  });
});
