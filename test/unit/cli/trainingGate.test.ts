import assert from "node:assert/strict";
import { PassThrough } from "node:stream";

import { trainingTarget } from "../../../harness/cli/commands/run.js";
import type { ScenarioSummary } from "../../../harness/cli/scenarioEngine.js";
import { briefingText, TerminalTrainingGate } from "../../../harness/cli/trainingGate.js";
import type { RemediationBriefing } from "../../../harness/scenario/remediationGate.js";

const briefing: RemediationBriefing = {
  scenario: "probe-cycle",
  variant: "readiness-cycle",
  title: "Readiness probes that call each other",
  story: "orders and payments wait for each other.\nNothing is Ready.",
  hints: ["look at the probes", "readiness calls the peer", "point readiness at /readyz-local"],
  namespace: "gd-probe-cycle-1",
  kubeconfigPath: "/state/kubeconfig/gameday-1.yaml",
  contextName: "kind-gameday-1",
  recoveryChecks: ["deployment orders available", "deployment payments available"],
};

function gate() {
  const input = new PassThrough();
  const said: string[] = [];
  return { input, said, gate: new TerminalTrainingGate({ out: (t) => said.push(t), err: (t) => said.push(t) }, input) };
}

describe("training mode at the terminal", () => {
  it("briefs the trainee: story, how to reach the cluster, what will be checked, how many hints", () => {
    const text = briefingText(briefing).join("\n");
    assert.match(text, /your turn: Readiness probes that call each other \(probe-cycle · readiness-cycle\)/);
    assert.match(text, /  Nothing is Ready\./);
    assert.match(text, /export KUBECONFIG=\/state\/kubeconfig\/gameday-1\.yaml/);
    assert.match(text, /kubectl -n gd-probe-cycle-1 get all/);
    assert.match(text, /- deployment payments available/);
    assert.match(text, /3 hints available/);
    assert.doesNotMatch(text, /readyz-local/, "no hint is given away before it is asked for");
  });

  it("gives hints one at a time, in order, then says there are no more; `done` hands back for grading", async () => {
    const g = gate();
    const waiting = g.gate.waitForPerson(briefing, new AbortController().signal);
    g.input.write("hint\nwhat now\nhint\nhint\nhint\nDone\n");
    assert.deepEqual(await waiting, { gaveUp: false });
    const hints = g.said.filter((line) => /^hint \d|no more hints/.test(line));
    assert.deepEqual(hints, ["hint 1/3: look at the probes", "hint 2/3: readiness calls the peer", "hint 3/3: point readiness at /readyz-local", "no more hints: the last one says what to change."]);
    assert.ok(g.said.some((line) => /^"what now"\? type `hint`/.test(line)), "an unknown answer gets the commands again");
  });

  it("ends as given up on `give up`, or when the input closes", async () => {
    const first = gate();
    const gaveUp = first.gate.waitForPerson(briefing, new AbortController().signal);
    first.input.write("give up\n");
    assert.deepEqual(await gaveUp, { gaveUp: true });

    const second = gate();
    const closed = second.gate.waitForPerson(briefing, new AbortController().signal);
    second.input.end();
    assert.deepEqual(await closed, { gaveUp: true });
    assert.ok(second.said.includes("input closed: ending the exercise as given up"));
  });

  it("stops waiting when the run is interrupted", async () => {
    const g = gate();
    const interrupt = new AbortController();
    const waiting = g.gate.waitForPerson(briefing, interrupt.signal);
    interrupt.abort(new Error("interrupted by SIGINT"));
    await assert.rejects(waiting, /interrupted by SIGINT/);
  });
});

describe("what --train accepts", () => {
  const summary = (name: string, variants: string[]) => ({ name, variants: variants.map((v) => ({ name: v })) }) as unknown as ScenarioSummary;

  it("one scenario with one variant, named or the only one", () => {
    const named = [{ file: "a", scenario: summary("probe-cycle", ["readiness-cycle", "good-practice"]), variants: ["readiness-cycle"] }];
    trainingTarget(named);
    assert.deepEqual(named[0]?.variants, ["readiness-cycle"]);
    const single = [{ file: "b", scenario: summary("ca-expiry", []) }];
    trainingTarget(single);
    assert.deepEqual((single[0] as { variants?: string[] }).variants, ["default"]);
  });

  it("refuses several scenarios, or a scenario whose variant is not chosen, saying what to pass", () => {
    assert.throws(() => trainingTarget([{ file: "a", scenario: summary("a", []) }, { file: "b", scenario: summary("b", []) }]), /--train takes exactly one scenario, got 2/);
    assert.throws(
      () => trainingTarget([{ file: "a", scenario: summary("probe-cycle", ["readiness-cycle", "good-practice"]) }]),
      (err: Error & { hint?: string }) => /needs one variant of probe-cycle, which has 2: readiness-cycle, good-practice/.test(err.message) && /--variant readiness-cycle/.test(err.hint ?? ""),
    );
  });
});
