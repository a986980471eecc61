import assert from "node:assert/strict";

import { assertHarnessClusterName, isHarnessClusterName, newClusterName } from "../../../harness/cluster/clusterName.js";

describe("cluster names", () => {
  it("derives a valid gameday- name from any run id", () => {
    assert.equal(newClusterName("2026-08-01T12:00:00Z", "3fa9"), "gameday-2026-08-01t12-00-00z-3fa9");
    assert.equal(newClusterName("___", "3fa9"), "gameday-3fa9");
    const long = newClusterName("x".repeat(200), "beef");
    assert.ok(long.length <= 40 && long.endsWith("-beef"), long);
    assert.ok(isHarnessClusterName(long));
  });

  it("tells harness clusters from others", () => {
    assert.equal(isHarnessClusterName("gameday-a-1"), true);
    assert.equal(isHarnessClusterName("kind"), false);
    assert.equal(isHarnessClusterName("prod-gameday-1"), false);
    assert.equal(isHarnessClusterName("gameday-UPPER"), false);
    assert.throws(() => assertHarnessClusterName("my-cluster"), /must start with "gameday-"/);
  });
});
