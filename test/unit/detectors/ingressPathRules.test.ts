import assert from "node:assert/strict";
import { effectivePathType, routedPath } from "../../../harness/detectors/ingressPathRules.js";

// Cases from the Ingress API's path rules (pkg/apis/networking/validation: Exact and Prefix must be
// absolute, ImplementationSpecific may be empty; Prefix ignores a trailing slash).
describe("Ingress path rules", () => {
  it("routes an empty ImplementationSpecific path at the root", () => {
    assert.equal(routedPath("", "ImplementationSpecific"), "/");
  });

  it("drops a Prefix path's trailing slash, and keeps / itself", () => {
    assert.equal(routedPath("/shop/", "Prefix"), "/shop");
    assert.equal(routedPath("/", "Prefix"), "/");
  });

  it("leaves Exact and non-empty ImplementationSpecific paths as written", () => {
    assert.equal(routedPath("/shop/", "Exact"), "/shop/");
    assert.equal(routedPath("/shop/", "ImplementationSpecific"), "/shop/");
    assert.equal(routedPath("/shop/(.*)", "ImplementationSpecific"), "/shop/(.*)");
  });

  it("takes a missing pathType as ImplementationSpecific, v1beta1's default", () => {
    assert.equal(effectivePathType(undefined), "ImplementationSpecific");
    assert.equal(effectivePathType(""), "ImplementationSpecific");
    assert.equal(effectivePathType("Exact"), "Exact");
  });
});
