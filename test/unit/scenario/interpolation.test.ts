import assert from "node:assert/strict";
import { interpolate, placeholdersIn, UnknownReferenceError } from "../../../harness/scenario/interpolation.js";

const values = { namespace: "gd-smoke-1", runId: "r1", scenario: "smoke", variant: "default", scenarioDir: "/s", settings: { replicas: 2, guard: { name: "g" } } };

describe("${{ }} interpolation", () => {
  it("keeps the type of a whole-value placeholder and stringifies inside text", () => {
    assert.deepEqual(interpolate({ min: "${{ settings.replicas }}", url: "http://x/${{namespace}}/${{ settings.replicas }}" }, values), { min: 2, url: "http://x/gd-smoke-1/2" });
    assert.deepEqual(interpolate(["${{ settings.guard.name }}"], values), ["g"]);
  });

  it("leaves shell ${VAR} and $VAR alone", () => {
    assert.equal(interpolate('echo "${HOSTNAME}" $QUERY_STRING', values), 'echo "${HOSTNAME}" $QUERY_STRING');
  });

  it("throws for names that resolve to nothing, listing the known ones", () => {
    assert.throws(() => interpolate("${{ settings.nope }}", values), (error: unknown) => error instanceof UnknownReferenceError && /settings\.replicas/.test(error.message));
    assert.throws(() => interpolate("${{ cluster }}", values), UnknownReferenceError);
  });

  it("finds every placeholder in nested values", () => {
    assert.deepEqual(placeholdersIn({ a: ["${{ namespace }}", { b: "x ${{ settings.a }} ${{runId}}" }], c: 3 }), ["namespace", "settings.a", "runId"]);
  });
});
