import assert from "node:assert/strict";
import type { ProbeDependencyReport } from "../../../harness/detectors/probeDependencyGraph.js";
import { cycleObservation } from "../../../harness/detectors/probeDependencyCycleCheck.js";
import { readingOf } from "../../../harness/scenario/observationReading.js";

const edge = (from: string, to: string) => ({ from, to, probe: "readiness" as const, container: "c", target: "GET :80/r", service: to, via: `$PEER=http://${to}` });
const report = (cycles: string[][]): ProbeDependencyReport => ({
  workloads: ["a", "b", "c"],
  edges: cycles.flatMap((members) => members.map((m, i) => edge(m, members[(i + 1) % members.length]!))),
  cycles: cycles.map((members) => ({ members, edges: members.map((m, i) => edge(m, members[(i + 1) % members.length]!)), restartStorm: false })),
  opaque: [],
});

describe("probeDependencyCycle check verdicts", () => {
  it("holds for any cycle, naming it and the input it read", () => {
    const observation = cycleObservation(report([["a", "b"]]), ["m.yaml"], undefined);
    assert.equal(readingOf(observation), "holds");
    assert.match(observation.detail, /^m\.yaml: probe cycle a → b → a: a readinessProbe GET :80\/r needs Service b/);
  });

  it("with members, holds only for exactly that cycle (in any order) and names the others it saw", () => {
    assert.equal(readingOf(cycleObservation(report([["a", "b"]]), ["m.yaml"], ["b", "a"])), "holds");
    const other = cycleObservation(report([["a", "c"]]), ["m.yaml"], ["a", "b"]);
    assert.equal(readingOf(other), "does-not-hold");
    assert.match(other.detail, /no cycle through a, b .* only other cycles: a → c → a/);
    assert.equal(readingOf(cycleObservation(report([["a", "b", "c"]]), ["m.yaml"], ["a", "b"])), "does-not-hold", "a larger cycle is another cycle");
  });

  it("silent on a clean graph, saying how much it looked at", () => {
    const observation = cycleObservation(report([]), ["base.yaml"], undefined);
    assert.equal(readingOf(observation), "does-not-hold");
    assert.equal(observation.detail, "base.yaml: no probe cycle among 3 workload(s), 0 probe dependency edge(s)");
  });

  it("could not tell when the files hold no workload (silence about nothing is no finding, negated or not)", () => {
    const empty: ProbeDependencyReport = { workloads: [], edges: [], cycles: [], opaque: [] };
    const observation = cycleObservation(empty, ["typo.yaml"], undefined);
    assert.equal(readingOf(observation), "could-not-tell");
    assert.match(observation.detail, /typo\.yaml: no workload to analyse/);
  });
});
