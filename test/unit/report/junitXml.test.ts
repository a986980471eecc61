import assert from "node:assert/strict";

import { XMLParser, XMLValidator } from "fast-xml-parser";

import { renderJunitXml } from "../../../harness/report/junitXml.js";
import type { RunResult } from "../../../harness/scenario/runResult.js";
import { buildSampleRun, SAMPLE_JWT } from "./fixtures/sampleRun.js";

// The parsed shape we read back; fast-xml-parser returns plain objects, attributes prefixed "@_".
interface Property { "@_name": string; "@_value": string }
interface Outcome { "@_message": string; "@_type"?: string; "#text"?: string }
interface TestCase {
  "@_classname": string;
  "@_name": string;
  "@_time": string;
  properties?: { property: Property[] };
  failure?: Outcome;
  error?: Outcome;
  skipped?: Outcome;
  "system-out"?: string;
}
interface TestSuite {
  "@_name": string;
  "@_tests": string;
  "@_failures": string;
  "@_errors": string;
  "@_time": string;
  "@_timestamp": string;
  properties: { property: Property[] };
  testcase: TestCase[];
}
interface JunitDocument {
  testsuites: { "@_tests": string; "@_failures": string; "@_errors": string; testsuite: TestSuite[] };
}

function parse(xml: string): JunitDocument {
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
  });
  return parser.parse(xml) as JunitDocument;
}

function property(props: { property: Property[] } | undefined, name: string): string | undefined {
  return props?.property.find((p) => p["@_name"] === name)?.["@_value"];
}

describe("renderJunitXml", () => {
  const xml = renderJunitXml(buildSampleRun());
  const doc = parse(xml);
  const suites = doc.testsuites.testsuite;

  it("is well-formed XML 1.0", () => {
    assert.equal(XMLValidator.validate(xml), true);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
  });

  it("has one testsuite per scenario run and one testcase per expectation", () => {
    assert.deepEqual(
      suites.map((s) => s["@_name"]),
      ["probe-cycle.with-analyzer", "helm-release-secret-deleted.with-guard", "helm-release-secret-deleted.no-guard"],
    );
    assert.deepEqual(suites.map((s) => s.testcase.length), [5, 4, 5]);
    const first = suites[0]?.testcase[2];
    assert.equal(first?.["@_classname"], "probe-cycle.with-analyzer");
    assert.equal(first?.["@_name"], "cycle-detected: analyzer finds the cycle svc-a → svc-b → svc-a within 30 s");
  });

  it("counts failures and errors at suite and run level", () => {
    const noGuard = suites[2];
    assert.equal(noGuard?.["@_tests"], "5");
    assert.equal(noGuard?.["@_failures"], "1");
    assert.equal(noGuard?.["@_errors"], "1");
    assert.equal(doc.testsuites["@_tests"], "14");
    assert.equal(doc.testsuites["@_failures"], "1");
    assert.equal(doc.testsuites["@_errors"], "1");
  });

  it("reports failures and errors with their messages, redacted", () => {
    const cases = suites[2]?.testcase ?? [];
    const failed = cases.find((c) => c["@_name"].startsWith("release-recovered"));
    assert.match(failed?.failure?.["@_message"] ?? "", /^deadline 120 s passed/);
    assert.match(failed?.failure?.["#text"] ?? "", /client-key-data: \[REDACTED\]/);
    const errored = cases.find((c) => c["@_name"].startsWith("repair-succeeds"));
    assert.equal(errored?.error?.["@_type"], "error");
    assert.match(errored?.error?.["@_message"] ?? "", /Bearer \[REDACTED\]/);
    assert.ok(!xml.includes(SAMPLE_JWT.slice(0, 30)));
  });

  it("carries TTD, TTR, deadline and stands-for as testcase properties, in seconds", () => {
    const detected = suites[0]?.testcase[2];
    assert.equal(property(detected?.properties, "time_to_detect_seconds"), "8.400");
    assert.equal(property(detected?.properties, "deadline_seconds"), "30.000");
    assert.equal(property(detected?.properties, "stands_for"), "gameday ProbeDependencyCycle analyzer");
    assert.equal(detected?.["@_time"], "8.400");
    const recovered = suites[0]?.testcase[4];
    assert.equal(property(recovered?.properties, "time_to_recover_seconds"), "18.000");
    assert.equal(property(recovered?.properties, "time_to_detect_seconds"), undefined);
  });

  it("carries scenario facts as suite properties and durations in seconds", () => {
    const suite = suites[0];
    assert.equal(property(suite?.properties, "fault_at_seconds"), "30.000");
    assert.equal(property(suite?.properties, "cluster.kubernetes_version"), "v1.34.0");
    assert.equal(property(suite?.properties, "probe.http-ingress.availability"), "0.5600");
    assert.equal(property(suite?.properties, "tool.helm"), "v3.19.0");
    assert.equal(suite?.["@_time"], "101.000");
    assert.equal(suite?.["@_timestamp"], "2025-03-14T09:00:00");
    assert.equal(suites[1]?.["@_timestamp"], "2025-03-14T09:01:41");
  });

  it("escapes special characters and makes control characters visible, round-tripping the text", () => {
    const upgrade = suites[2]?.testcase.find((c) => c["@_name"].startsWith("upgrade-fails"));
    assert.equal(
      upgrade?.["system-out"],
      'Error: UPGRADE FAILED: "web" has no deployed releases <release name="web"> & \'quoted\'\\u0007',
    );
    assert.ok(!xml.includes("\u0007"), "raw BEL must not reach the XML");
    assert.ok(xml.includes("&lt;release name=&quot;web&quot;&gt; &amp; &apos;quoted&apos;"));
  });

  it("adds an error testcase when a scenario failed without a failing expectation", () => {
    const run: RunResult = buildSampleRun();
    const broken = run.scenarios[1];
    assert.ok(broken);
    broken.verdict = "error";
    broken.timeline.push({ at: 110_000, wall: "", kind: "error", name: "setup", detail: "helm install timed out" });
    const suite = parse(renderJunitXml(run)).testsuites.testsuite[1];
    const synthetic = suite?.testcase.at(-1);
    assert.equal(synthetic?.["@_name"], "scenario-verdict: scenario ended error");
    assert.equal(synthetic?.error?.["@_message"], "setup: helm install timed out");
    assert.equal(suite?.["@_errors"], "1");
  });
});
