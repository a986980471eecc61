import assert from "node:assert/strict";
import { X509Certificate, createPrivateKey } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { KUBEADM_AUTHORITIES, writeShortLivedCas } from "../../../harness/faults/shortLivedCa.js";

describe("short-lived CAs for kubeadm", function () {
  this.timeout(30_000); // three RSA-2048 keys on a busy 2-core machine
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "gameday-ca-test-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes ca, etcd/ca and front-proxy-ca where kubeadm looks, valid for exactly the asked minutes", async () => {
    const now = new Date("2026-11-22T03:00:00.000Z");
    const generated = await writeShortLivedCas({ dir, validityMs: 9 * 60_000, now });
    assert.deepEqual(generated.map((g) => g.file), ["ca", "etcd/ca", "front-proxy-ca"]);
    for (const spec of KUBEADM_AUTHORITIES) {
      const cert = new X509Certificate(await readFile(path.join(dir, `${spec.file}.crt`)));
      assert.equal(cert.ca, true, `${spec.file} is a CA (kubeadm refuses a non-CA)`);
      assert.equal(cert.subject, `CN=${spec.commonName}`);
      assert.equal(new Date(cert.validTo).toISOString(), "2026-11-22T03:09:00.000Z");
      assert.equal(new Date(cert.validFrom).toISOString(), "2026-11-22T02:59:00.000Z", "backdated a minute");
      assert.ok(cert.verify(cert.publicKey), "self-signed");
      const keyFile = path.join(dir, `${spec.file}.key`);
      const key = createPrivateKey(await readFile(keyFile));
      assert.ok(cert.checkPrivateKey(key), `${spec.file}.key belongs to ${spec.file}.crt`);
      assert.equal((await stat(keyFile)).mode & 0o777, 0o600, "keys are private");
    }
  });

  it("refuses a validity that is not positive", async () => {
    await assert.rejects(writeShortLivedCas({ dir, validityMs: 0 }), /must be positive/);
  });
});
