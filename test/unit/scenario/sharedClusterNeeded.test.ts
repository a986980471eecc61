import assert from "node:assert/strict";
import { sharedClusterNeeded } from "../../../harness/scenario/suiteRunner.js";

describe("sharedClusterNeeded", () => {
  it("keeps the shared cluster while a later scenario can run on it", () => {
    assert.equal(sharedClusterNeeded([{ dedicated: true }, {}]), true);
    assert.equal(sharedClusterNeeded([{ dedicated: false }]), true);
  });

  it("lets it go when only dedicated scenarios, or none, remain", () => {
    assert.equal(sharedClusterNeeded([{ dedicated: true }, { dedicated: true }]), false);
    assert.equal(sharedClusterNeeded([]), false);
  });
});
