import assert from "node:assert/strict";

import { isTransientKindFailure } from "../../../harness/cluster/transientKindFailure.js";

describe("isTransientKindFailure", () => {
  it("recognises the runtime losing the race to start a process in a node", () => {
    const seen =
      'failed to create directory /kind: command "docker exec --privileged gameday-x-worker mkdir -p /kind" failed with error: exit status 126\n' +
      "Command Output: OCI runtime exec failed: exec failed: unable to start container process: error writing config to pipe: write init-p: broken pipe: unknown";
    assert.equal(isTransientKindFailure(seen), true);
  });

  it("does not retry failures that would happen again", () => {
    assert.equal(isTransientKindFailure("ERROR: failed to create cluster: failed to init node with kubeadm: command failed"), false);
    assert.equal(isTransientKindFailure('ERROR: failed to create cluster: node(s) already exist for a cluster with the name "gameday-x"'), false);
    assert.equal(isTransientKindFailure("error parsing STDIN: error converting YAML to JSON"), false);
  });
});
