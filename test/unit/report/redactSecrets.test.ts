import assert from "node:assert/strict";

import { redactRunResult } from "../../../harness/report/redactRunResult.js";
import { redactSecrets } from "../../../harness/report/redactSecrets.js";
import { buildSampleRun, SAMPLE_CLIENT_KEY_DATA, SAMPLE_JWT } from "./fixtures/sampleRun.js";

describe("redactSecrets", () => {
  it("removes bearer tokens but keeps the scheme so the message still makes sense", () => {
    const out = redactSecrets("curl: > Authorization: Bearer abcdef0123456789.xyz");
    assert.equal(out, "curl: > Authorization: Bearer [REDACTED]");
  });

  it("removes service-account JWTs that stand alone", () => {
    const out = redactSecrets(`token was ${SAMPLE_JWT}, retrying`);
    assert.ok(!out.includes("eyJ"), out);
    assert.match(out, /\[REDACTED\], retrying$/);
  });

  it("removes PEM private keys, also when the END line was cut off", () => {
    const pem = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBb2\n-----END EC PRIVATE KEY-----";
    assert.equal(redactSecrets(`before ${pem} after`), "before [REDACTED] private key after");
    const cut = redactSecrets("oops -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B");
    assert.equal(cut, "oops [REDACTED] private key");
  });

  it("removes kubeconfig credentials in YAML and JSON form", () => {
    const yaml = `users:\n- name: admin\n  user:\n    client-key-data: ${SAMPLE_CLIENT_KEY_DATA}\n    token: s3cr3t-token\n`;
    const out = redactSecrets(yaml);
    assert.ok(!out.includes(SAMPLE_CLIENT_KEY_DATA.slice(0, 20)), out);
    assert.ok(!out.includes("s3cr3t"), out);
    assert.match(out, /client-key-data: \[REDACTED\]/);
    const json = redactSecrets('{"client-key-data":"QUJDREVGRw==","password": "hunter2"}');
    assert.equal(json, '{"client-key-data":"[REDACTED]","password": "[REDACTED]"}');
  });

  it("keeps base64 certificates, which are public, but not base64 private keys", () => {
    const cert = Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").toString("base64");
    assert.equal(redactSecrets(`certificate-authority-data: ${cert}`), `certificate-authority-data: ${cert}`);
    assert.equal(redactSecrets(`blob ${SAMPLE_CLIENT_KEY_DATA}`), "blob [REDACTED] base64 private key");
  });

  it("leaves ordinary messages alone", () => {
    const text = 'Error: UPGRADE FAILED: "web" has no deployed releases';
    assert.equal(redactSecrets(text), text);
  });

  it("redacts every string of a run without changing the input", () => {
    const run = buildSampleRun();
    const redacted = redactRunResult(run);
    const text = JSON.stringify(redacted);
    assert.ok(!text.includes(SAMPLE_JWT.slice(0, 30)), "JWT left in the redacted copy");
    assert.ok(!text.includes(SAMPLE_CLIENT_KEY_DATA.slice(0, 30)), "client-key-data left in the redacted copy");
    assert.ok(JSON.stringify(run).includes(SAMPLE_JWT), "the input must stay untouched");
    assert.equal(redacted.scenarios.length, run.scenarios.length);
    assert.equal(redacted.scenarios[0]?.expectations[2]?.timeToDetectMs, 8_400);
  });
});
