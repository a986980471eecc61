import assert from "node:assert/strict";

import { parseHelmVersion, parseKindVersion, parseKubectlVersion, sameVersion } from "../../../harness/cli/toolVersions.js";

describe("pinned tool versions", () => {
  it("reads each tool's own version output", () => {
    assert.equal(parseKindVersion("kind v0.33.0 go1.24.4 linux/amd64\n"), "v0.33.0");
    assert.equal(parseHelmVersion("v3.22.0+g1a2b3c4\n"), "v3.22.0");
    assert.equal(parseKubectlVersion('{"clientVersion":{"gitVersion":"v1.34.4","major":"1"},"kustomizeVersion":"v5"}'), "v1.34.4");
    assert.equal(parseKubectlVersion("Client Version: v1.34.4\nKustomize Version: v5.7.1"), "v1.34.4");
    assert.equal(parseKindVersion("garbage"), undefined);
  });

  it("compares up to a leading v and build metadata", () => {
    assert.equal(sameVersion("v3.22.0+gabc", "v3.22.0"), true);
    assert.equal(sameVersion("0.33.0", "v0.33.0"), true);
    assert.equal(sameVersion("v0.32.0", "v0.33.0"), false);
  });
});
