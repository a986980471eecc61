import assert from "node:assert/strict";
import path from "node:path";
import { repoRoot } from "../../../harness/cluster/repoRoot.js";
import { builtinKinds } from "../../../harness/scenario/builtinKinds.js";
import { ScenarioFileError } from "../../../harness/scenario/scenarioFileError.js";
import { loadScenario } from "../../../harness/scenario/scenarioLoader.js";
import { MINIMAL, scenarioFolder } from "./scenarioFolder.js";
import { probeStayedUpCheck } from "../../../harness/detectors/probeStayedUpCheck.js";

/** The built-in kinds plus probeStayedUp, which scenarios register from their steps.ts. */
function registry() {
  const kinds = builtinKinds();
  kinds.addCheck(probeStayedUpCheck);
  return kinds;
}

async function loadText(text: string | Uint8Array, extra: Record<string, string> = {}) {
  const dir = scenarioFolder({ "scenario.yaml": text, ...extra });
  return loadScenario(dir, { registry: registry() });
}

/** Loads, expects a ScenarioFileError, and returns it. */
async function loadError(text: string | Uint8Array, extra: Record<string, string> = {}): Promise<ScenarioFileError> {
  try {
    await loadText(text, extra);
  } catch (error) {
    assert.ok(error instanceof ScenarioFileError, `expected ScenarioFileError, got ${String(error)}`);
    return error;
  }
  assert.fail("the file loaded, but it should have been refused");
}

describe("scenario loader", () => {
  it("loads the smoke fixture with ids, durations, settings and the default variant", async () => {
    const loaded = await loadScenario(path.join(repoRoot(), "test/fixtures/scenarios/smoke"), { registry: builtinKinds() });
    const scenario = loaded.definition;
    assert.equal(scenario.name, "smoke");
    assert.deepEqual(scenario.cluster, { controlPlanes: 1, workers: 1 });
    assert.deepEqual(scenario.variants.map((v) => v.name), ["default"]);
    assert.deepEqual(scenario.setup.map((s) => `${s.id}:${s.kind}`), ["setup.apply:apply", "setup.waitFor:waitFor"]);
    assert.deepEqual(scenario.setup[0]!.params, { file: "manifests/web.yaml" }, "the scalar shorthand became { file }");
    assert.equal(scenario.setup[1]!.timeoutMs, 360_000);
    assert.equal(scenario.steady.observeForMs, 5_000);
    assert.equal(scenario.detectors[0]!.id, "web-endpoints-empty");
    assert.equal(scenario.detectors[0]!.withinMs, 30_000);
    assert.equal(scenario.detectors[0]!.expect, "fire");
    assert.match(scenario.detectors[0]!.standsFor ?? "", /kube_endpoint_address/);
    assert.equal(scenario.expect[0]!.withinMs, 30_000);
    assert.equal(scenario.recover.length, 2);
    assert.equal(scenario.fault[0]!.source.line, 39, "entries remember where they were written");
  });

  it("accepts a folder anywhere on disk and resolves manifests relative to it", async () => {
    const loaded = await loadText(MINIMAL.replace("fault:", "setup:\n  - apply: m/web.yaml\nfault:"), { "m/web.yaml": "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n" });
    assert.equal(loaded.definition.setup[0]!.kind, "apply");
  });

  it("reads detector fields: negate, expect: silent without a deadline, standsFor", async () => {
    const loaded = await loadText(MINIMAL + "detectors:\n  - id: mismatch\n    deploymentAvailable: web\n    negate: true\n    within: 1m\n  - podsState: { selector: app=web, phase: Pending }\n    expect: silent\n    standsFor: KubePodNotReady\n");
    const [mismatch, blind] = loaded.definition.detectors;
    assert.deepEqual([mismatch!.id, mismatch!.negate, mismatch!.expect, mismatch!.withinMs], ["mismatch", true, "fire", 60_000]);
    assert.deepEqual([blind!.id, blind!.negate, blind!.expect, blind!.standsFor], ["detector.podsState", false, "silent", "KubePodNotReady"]);
  });

  it("reports YAML syntax errors with line and column", async () => {
    const error = await loadError("name: x\ntitle: [unclosed\nstory: s\n");
    assert.ok(error.issues[0]!.line! >= 2, `line ${error.issues[0]!.line}`);
    assert.match(error.format(), /scenario\.yaml:\d+:\d+/);
  });

  it("refuses tabs used for indentation and says to use spaces", async () => {
    const error = await loadError("name: x\ntitle: t\nstory: s\nfault:\n\t- delete: {kind: Pod, name: a}\n");
    assert.equal(error.issues[0]!.line, 5);
    assert.match(error.issues[0]!.fix, /spaces/);
  });

  it("refuses duplicate keys, pointing at the second one", async () => {
    const error = await loadError(MINIMAL + "title: Again\n");
    assert.equal(error.issues[0]!.line, 9);
    assert.match(error.issues[0]!.fix, /remove one of the two keys/);
  });

  it("reports wrong types with the field path and position", async () => {
    const error = await loadError(MINIMAL + "cluster:\n  workers: two\n");
    const issue = error.issues.find((i) => i.field === "cluster.workers");
    assert.ok(issue, error.format());
    assert.equal(issue.line, 10);
    assert.equal(issue.column, 12);
    assert.match(issue.problem, /whole number/);
  });

  it("suggests the nearest step kind for a typo", async () => {
    const error = await loadError(MINIMAL.replace("- delete:", "- delte:"));
    const issue = error.issues[0]!;
    assert.equal(issue.field, "fault[0].delte");
    assert.equal(issue.line, 5);
    assert.match(issue.problem, /unknown step kind "delte"/);
    assert.match(issue.fix, /did you mean "delete"/);
  });

  it("suggests the nearest check kind, also inside waitFor", async () => {
    const error = await loadError(MINIMAL.replace("endpointsEmpty: web", "endpointEmpty: web") + "setup:\n  - waitFor: { deploymentAvalable: web }\n");
    assert.match(error.issues.map((i) => i.fix).join("\n"), /did you mean "endpointsEmpty"/);
    assert.match(error.issues.map((i) => i.fix).join("\n"), /did you mean "deploymentAvailable"/);
  });

  it("suggests the nearest field for an unknown top-level or common field", async () => {
    const error = await loadError(MINIMAL.replace("fault:", "detector: []\nfault:").replace("within: 30s", "within: 30s\n    holdFr: 5s"));
    const fixes = error.issues.map((i) => `${i.field} ${i.fix}`).join("\n");
    assert.match(fixes, /detector did you mean "detectors"/);
  });

  it("flags a misspelled common field of a step while still checking the step", async () => {
    const error = await loadError(MINIMAL.replace("selector: app=web }", "selector: app=web }\n    timout: 5s"));
    assert.equal(error.issues[0]!.field, "fault[0].timout");
    assert.match(error.issues[0]!.fix, /did you mean "timeout"/);
  });

  it("refuses bad durations and bare numbers with the duration syntax as the fix", async () => {
    for (const bad of ["30 sec", "30", "1d", "-5s"]) {
      const error = await loadError(MINIMAL.replace("within: 30s", `within: ${bad}`));
      const issue = error.issues.find((i) => i.field === "expect[0].within");
      assert.ok(issue, `${bad}: ${error.format()}`);
      assert.equal(issue.line, 8);
      assert.match(issue.fix, /ms, s, m or h/);
    }
  });

  it("reports a missing manifest with the path it looked for", async () => {
    const error = await loadError(MINIMAL.replace("fault:", "setup:\n  - apply: manifests/nope.yaml\nfault:"));
    assert.match(error.issues[0]!.problem, /manifests\/nope\.yaml, which does not exist/);
    assert.equal(error.issues[0]!.line, 5);
  });

  it("refuses alias bombs", async () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
`;
    const error = await loadError(MINIMAL + bomb);
    assert.match(error.issues[0]!.problem, /aliases/);
  });

  it("refuses binary content, invalid UTF-8, an empty file and a comment-only file", async () => {
    assert.match((await loadError(new Uint8Array([0x6e, 0x61, 0, 0x01, 0x02]))).issues[0]!.problem, /binary/);
    assert.match((await loadError(new Uint8Array([0x6e, 0x61, 0xff, 0xfe, 0x41]))).issues[0]!.problem, /UTF-8/);
    assert.match((await loadError("")).issues[0]!.problem, /empty/);
    assert.match((await loadError("# only a comment\n\n")).issues[0]!.problem, /no content/);
  });

  it("says when the path does not exist", async () => {
    await assert.rejects(loadScenario("/nonexistent/gameday/scenario", { registry: builtinKinds() }), (error: unknown) => {
      assert.ok(error instanceof ScenarioFileError);
      assert.match(error.issues[0]!.problem, /does not exist/);
      return true;
    });
  });

  it("requires a deadline on expectations and firing detectors", async () => {
    const error = await loadError(MINIMAL.replace("    within: 30s\n", "") + "detectors:\n  - endpointsEmpty: web\n");
    const fields = error.issues.map((i) => i.field);
    assert.deepEqual(fields.sort(), ["detectors[0]", "expect[0]"]);
    assert.match(error.issues[0]!.fix, /within/);
  });

  it("refuses a scenario whose assertions cannot fail", async () => {
    const error = await loadError("name: x\ntitle: t\nstory: s\nfault:\n  - delete: { kind: Pod, name: a }\ndetectors:\n  - endpointsEmpty: web\n    expect: silent\n");
    assert.match(error.issues[0]!.problem, /nothing is asserted after the fault/);
  });

  it("checks variant references and suggests the nearest variant", async () => {
    const error = await loadError(MINIMAL + "  - endpointsEmpty: web\n    within: 5s\n    variants: [with-gaurd]\nvariants:\n  with-guard: {}\n  no-guard: {}\n");
    assert.match(error.issues[0]!.problem, /unknown variant "with-gaurd"/);
    assert.match(error.issues[0]!.fix, /did you mean "with-guard"/);
    assert.equal(error.issues[0]!.line, 11);
  });

  it("checks ${{ }} references against settings in every variant that uses them", async () => {
    const text = MINIMAL.replace("endpointsEmpty: web", 'endpointsEmpty: "${{ settings.service }}"') + "variants:\n  a:\n    settings: { service: web }\n  b: {}\n";
    const error = await loadError(text);
    assert.equal(error.issues.length, 1);
    assert.match(error.issues[0]!.problem, /settings\.service \}\} resolves to nothing in variant "b"/);
  });

  it("refuses duplicate ids", async () => {
    const error = await loadError(MINIMAL.replace("  - endpointsEmpty: web", "  - id: same\n    endpointsEmpty: web") + "recover:\n  - id: same\n    endpointsReady: web\n    within: 1m\n");
    assert.match(error.issues[0]!.problem, /id "same" is already used/);
  });

  it("validates a kind's own parameters with positions inside them", async () => {
    const error = await loadError(MINIMAL.replace("{ kind: Pod, selector: app=web }", "{ kind: Pod, selector: app=web, grace: 1s }"));
    assert.equal(error.issues[0]!.field, "fault[0].delete.grace");
    assert.equal(error.issues[0]!.column, 45);
  });

  it("formats every issue with file:line:column, the source line, a caret and a fix, and no stack trace", async () => {
    const error = await loadError(MINIMAL.replace("within: 30s", "within: soon") + "cluster: { workers: two }\n");
    const text = error.format();
    assert.match(text, /^2 problems in .*scenario\.yaml/);
    assert.match(text, /scenario\.yaml:8:13: expect\[0\]\.within: is not a duration\n {2}8 \| {5}within: soon\n {4}\| {13}\^\n {2}fix: .*\n\n.*scenario\.yaml:9:21: cluster\.workers/);
    assert.doesNotMatch(text, /\n\s+at .*\.js:\d+/);
  });

  describe("rules that keep verdicts honest", () => {
    const sustained = (observeFor: string) =>
      MINIMAL.replace("fault:", `steady:\n  observeFor: ${observeFor}\nfault:`) +
      "detectors:\n  - id: mismatch\n    replicasMismatch: { deployments: [web], for: 15s }\n    within: 1m\n";

    it("refuses a negative-control window shorter than a sustained detector's for:, naming both and the fix", async () => {
      const error = await loadError(sustained("5s"));
      const issue = error.issues.find((candidate) => /mismatch/.test(candidate.problem));
      assert.ok(issue, error.format());
      assert.match(issue.problem, /needs its condition to last 15s before it can fire, but steady\.observeFor is 5s/);
      assert.match(issue.fix, /steady\.observeFor: 15s or more/);
      assert.equal(issue.field, "detectors[0]");
    });

    it("accepts the window once it is as long as the for:", async () => {
      const loaded = await loadText(sustained("15s"));
      assert.equal(loaded.definition.steady.observeForMs, 15_000);
    });

    it("refuses a probeStayedUp that names no steady.probes entry, suggesting the nearest id", async () => {
      const text = MINIMAL.replace("fault:", "steady:\n  probes:\n    - id: shop\n      http: { service: web }\nfault:") + "recover:\n  - probeStayedUp: { probe: shpo, service: web }\n    within: 1m\n";
      const error = await loadError(text);
      const issue = error.issues.find((candidate) => /probe "shpo"/.test(candidate.problem));
      assert.ok(issue, error.format());
      assert.match(issue.fix, /did you mean "shop"\?/);
      await loadText(text.replace("probe: shpo", "probe: shop"));
    });

    it("refuses a probe id that runs only in another variant", async () => {
      const text =
        MINIMAL.replace("fault:", "steady:\n  probes:\n    - id: shop\n      variants: a\n      http: { service: web }\nfault:") +
        "recover:\n  - probeStayedUp: { probe: shop, service: web }\n    within: 1m\nvariants:\n  a: {}\n  b: {}\n";
      const error = await loadError(text);
      assert.match(error.format(), /probe "shop" is not a steady\.probes entry in variant "b"/);
    });

    it("lets an endpoints, http or connectivity probe name a namespace, as the checks can", async () => {
      const text = MINIMAL.replace(
        "fault:",
        "steady:\n  probes:\n    - endpoints: { service: kube-dns, namespace: kube-system }\n    - http: { service: web, namespace: shop }\n    - connectivity: { selector: app=canary, port: 80, namespace: canary }\nfault:",
      );
      const loaded = await loadText(text);
      assert.deepEqual(loaded.definition.steady.probes.map((probe) => (probe.params as { namespace?: string }).namespace), ["kube-system", "shop", "canary"]);
    });
  });
});
