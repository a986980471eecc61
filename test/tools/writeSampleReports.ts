// Dev tool: writes the four reports of the unit-test fixture run into a directory, so a person
// (or the screenshot script next to this file) can look at them. Not part of the test suite.
//   node dist/test/tools/writeSampleReports.js DIR [only=INDEX] [scale=FACTOR]
// only= keeps one scenario run (to screenshot it alone); scale= stretches every time by FACTOR,
// e.g. scale=5 turns the 6-minute fixture into a 30-minute run, scale=0.1 into a 35-second one.
import type { RunResult, ScenarioResult } from "../../harness/scenario/runResult.js";
import { writeReports } from "../../harness/report/writeReports.js";
import { buildSampleRun } from "../unit/report/fixtures/sampleRun.js";

function option(name: string): string | undefined {
  return process.argv.slice(3).find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

function scaleScenario(s: ScenarioResult, f: number): ScenarioResult {
  const t = (ms: number): number => Math.round(ms * f);
  return {
    ...s,
    startedAt: t(s.startedAt),
    endedAt: t(s.endedAt),
    faultAt: s.faultAt === null ? null : t(s.faultAt),
    expectations: s.expectations.map((e) => ({
      ...e,
      ...(e.observedAt === undefined ? {} : { observedAt: t(e.observedAt) }),
      ...(e.deadlineMs === undefined ? {} : { deadlineMs: t(e.deadlineMs) }),
      ...(e.timeToDetectMs === undefined ? {} : { timeToDetectMs: t(e.timeToDetectMs) }),
      ...(e.timeToRecoverMs === undefined ? {} : { timeToRecoverMs: t(e.timeToRecoverMs) }),
    })),
    probes: s.probes.map((p) => ({ ...p, outages: p.outages.map((o) => ({ from: t(o.from), to: o.to === null ? null : t(o.to) })) })),
    timeline: s.timeline.map((e) => ({ ...e, at: t(e.at) })),
  };
}

const dir = process.argv[2] ?? "reports/sample";
let run: RunResult = buildSampleRun();
const scale = Number(option("scale") ?? "1");
run = { ...run, durationMs: Math.round(run.durationMs * scale), scenarios: run.scenarios.map((s) => scaleScenario(s, scale)) };
const only = option("only");
if (only !== undefined) run = { ...run, scenarios: run.scenarios.filter((_, i) => String(i) === only) };
const { files } = await writeReports(run, dir);
for (const file of files) console.log(file);
