import assert from "node:assert/strict";
import { parseManifestDocuments } from "../../../harness/kube/manifestDocuments.js";
import { scenarioNamespaceName } from "../../../harness/kube/namespaceLifecycle.js";
import { ScenarioFileError } from "../../../harness/scenario/scenarioFileError.js";

describe("manifest documents", () => {
  it("reads several documents, skips empty ones and unwraps Lists", () => {
    const objects = parseManifestDocuments(
      "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Service, metadata: {name: b}}\n",
      "m.yaml",
    );
    assert.deepEqual(objects.map((o) => `${o.kind}/${o.metadata?.name}`), ["ConfigMap/a", "Service/b"]);
  });

  it("reads numbers as kubectl does (YAML 1.1): a leading 0 is octal", () => {
    const [object] = parseManifestDocuments("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata: {}\nmode: 0755\nplain: 755\n", "m.yaml");
    assert.equal((object as unknown as { mode: number }).mode, 493);
    assert.equal((object as unknown as { plain: number }).plain, 755);
  });

  it("points at documents without kind or name, and at syntax errors", () => {
    assert.throws(
      () => parseManifestDocuments("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nmetadata: {}\n", "m.yaml"),
      (error: unknown) => error instanceof ScenarioFileError && error.issues[0]!.line === 5 && /kind, metadata\.name/.test(error.issues[0]!.problem),
    );
    assert.throws(() => parseManifestDocuments("a: [\n", "m.yaml"), ScenarioFileError);
  });

  it("names scenario namespaces as valid DNS labels", () => {
    assert.equal(scenarioNamespaceName("smoke", "20250101-120000-AB12"), "gd-smoke-0000ab12");
    const long = scenarioNamespaceName("x".repeat(80), "run-1");
    assert.ok(long.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(long), long);
  });
});
