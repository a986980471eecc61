// Generates the three CAs kubeadm looks for (`ca`, `etcd/ca`, `front-proxy-ca`) with a validity of
// minutes, laid out as /etc/kubernetes/pki expects. kubeadm init finds them ("Using existing ca
// certificate authority") and signs every leaf with them, so the cluster's trust expires when we
// say — without touching the clock. openssl 3.0's req/x509 only speak whole days, hence
// @peculiar/x509 (WebCrypto keys, any NotBefore/NotAfter); it needs the reflect-metadata polyfill.

import "reflect-metadata";

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(globalThis.crypto);

export interface AuthoritySpec {
  /** Path under the PKI directory without extension, as kubeadm names it: "ca", "etcd/ca", "front-proxy-ca". */
  file: string;
  commonName: string;
}

/** kubeadm's three CAs and the common names kubeadm itself would give them. */
export const KUBEADM_AUTHORITIES: readonly AuthoritySpec[] = [
  { file: "ca", commonName: "kubernetes" },
  { file: "etcd/ca", commonName: "etcd-ca" },
  { file: "front-proxy-ca", commonName: "front-proxy-ca" },
];

export interface GeneratedAuthority extends AuthoritySpec {
  certPath: string;
  notBefore: Date;
  notAfter: Date;
}

export interface ShortLivedCaOptions {
  /** Where to write (the directory mounted as /etc/kubernetes/pki). */
  dir: string;
  validityMs: number;
  /** Defaults to the current time; injectable for tests. */
  now?: Date;
  /**
   * NotBefore is this far before `now` (default 60 s), as CAs usually are, so a component that
   * checks NotBefore with a slightly different reading of the same clock is never surprised.
   */
  backdateMs?: number;
  authorities?: readonly AuthoritySpec[];
}

// RSA 2048 / SHA-256: what kubeadm generates by default, so nothing but the validity differs.
const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;

export async function writeShortLivedCas(options: ShortLivedCaOptions): Promise<GeneratedAuthority[]> {
  if (!(options.validityMs > 0)) throw new RangeError(`CA validity must be positive, got ${options.validityMs} ms`);
  const specs = options.authorities ?? KUBEADM_AUTHORITIES;
  // Keys first: RSA key generation took ~50 s on the loaded test machine, and that time must not
  // come out of a validity measured in minutes.
  const keyPairs: CryptoKeyPair[] = [];
  for (let i = 0; i < specs.length; i++) keyPairs.push((await globalThis.crypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair);
  const now = options.now ?? new Date();
  const notBefore = new Date(now.getTime() - (options.backdateMs ?? 60_000));
  const notAfter = new Date(now.getTime() + options.validityMs);
  const generated: GeneratedAuthority[] = [];
  for (const [index, spec] of specs.entries()) {
    const keys = keyPairs[index]!;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: `CN=${spec.commonName}`,
      notBefore,
      notAfter,
      keys,
      signingAlgorithm: ALGORITHM,
      extensions: [
        // The same constraints kubeadm puts on its own CAs (pkiutil.NewSelfSignedCACert).
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const certPath = path.join(options.dir, `${spec.file}.crt`);
    await mkdir(path.dirname(certPath), { recursive: true, mode: 0o700 });
    await writeFile(certPath, `${cert.toString("pem")}\n`, { mode: 0o644 });
    const pkcs8 = Buffer.from(await globalThis.crypto.subtle.exportKey("pkcs8", keys.privateKey));
    await writeFile(path.join(options.dir, `${spec.file}.key`), pemBlock("PRIVATE KEY", pkcs8), { mode: 0o600 });
    generated.push({ ...spec, certPath, notBefore, notAfter });
  }
  return generated;
}

function randomSerial(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f; // positive, as RFC 5280 requires
  return Buffer.from(bytes).toString("hex");
}

function pemBlock(label: string, der: Buffer): string {
  const body = der.toString("base64").match(/.{1,64}/g)?.join("\n") ?? "";
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
