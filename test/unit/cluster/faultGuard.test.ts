import assert from "node:assert/strict";

import { faultsAllowedFor } from "../../../harness/cluster/existingProvider.js";
import { assertFaultsAllowed, FaultsNotAllowedError, type FaultTarget } from "../../../harness/cluster/faultGuard.js";

const kindCluster: FaultTarget = { provider: "kind", name: "gameday-run1-ab12", contextName: "kind-gameday-run1-ab12", faultsAllowed: true };

describe("fault-target guard", () => {
  it("lets faults through on a cluster the harness created", () => {
    assert.doesNotThrow(() => assertFaultsAllowed(kindCluster, "delete pods"));
  });

  it("refuses a cluster whose faultsAllowed is false, with a safety error naming the cluster and the way out", () => {
    const prod: FaultTarget = { provider: "existing", name: "prod-eu", contextName: "prod-eu", faultsAllowed: false };
    assert.throws(
      () => assertFaultsAllowed(prod, "restart nodes"),
      (err: unknown) => {
        assert.ok(err instanceof FaultsNotAllowedError);
        assert.equal(err.category, "safety");
        assert.match(err.message, /refusing to restart nodes on cluster "prod-eu"/);
        assert.match(err.hint ?? "", /--allow-context prod-eu/);
        return true;
      },
    );
  });

  it("treats only the boolean true as consent", () => {
    for (const value of ["true", 1, "yes", undefined, null]) {
      const target = { ...kindCluster, faultsAllowed: value as unknown as boolean };
      assert.throws(() => assertFaultsAllowed(target, "x"), FaultsNotAllowedError, `faultsAllowed=${String(value)}`);
    }
  });

  it("refuses a kind handle that does not name a gameday- cluster even when the flag says yes", () => {
    assert.throws(() => assertFaultsAllowed({ ...kindCluster, name: "kind", contextName: "kind-kind" }, "x"), /not a cluster the harness created/);
  });

  it("refuses a kind handle whose context points elsewhere", () => {
    assert.throws(() => assertFaultsAllowed({ ...kindCluster, contextName: "prod" }, "x"), /context should be/);
  });

  it("allows an existing context the user allowed", () => {
    assert.doesNotThrow(() => assertFaultsAllowed({ provider: "existing", name: "staging", contextName: "staging", faultsAllowed: true }, "x"));
  });
});

describe("--allow-context consent", () => {
  it("holds only for exactly the same context name", () => {
    assert.equal(faultsAllowedFor("staging", "staging"), true);
    assert.equal(faultsAllowedFor("staging", undefined), false);
    assert.equal(faultsAllowedFor("staging", ""), false);
    assert.equal(faultsAllowedFor("staging", "Staging"), false);
    assert.equal(faultsAllowedFor("staging", "staging "), false);
    assert.equal(faultsAllowedFor("staging-2", "staging"), false);
    assert.equal(faultsAllowedFor("staging", "*"), false);
  });
});
