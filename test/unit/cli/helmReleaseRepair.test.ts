import assert from "node:assert/strict";
import { parseReleaseTarget } from "../../../harness/cli/helmReleaseRepair.js";

describe("gameday repair helm-release target", () => {
  it("splits <namespace>/<release>", () => {
    assert.deepEqual(parseReleaseTarget("shop/web"), { namespace: "shop", release: "web" });
    assert.deepEqual(parseReleaseTarget("gd-x-1/web.v2"), { namespace: "gd-x-1", release: "web.v2" });
  });

  it("rejects anything else with an example", () => {
    for (const bad of ["web", "shop/", "/web", "Shop/web", "a/b/c"]) {
      assert.throws(() => parseReleaseTarget(bad), /is not <namespace>\/<release>/, bad);
    }
  });
});
