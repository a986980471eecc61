// One X.509 certificate reduced to what expiry monitoring needs, parsed with Node's own X509
// parser. A PEM bundle (a kubeconfig's CA data, a kubelet's cert+key file, a TLS chain) may hold
// several certificates; private-key blocks are skipped and never kept.

import { X509Certificate } from "node:crypto";

export interface CertificateFacts {
  /** Where it was found, e.g. "kind-control-plane:/etc/kubernetes/pki/ca.crt" or "tls 127.0.0.1:6443 [0]". */
  source: string;
  subject: string;
  issuer: string;
  isCA: boolean;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 fingerprint, colon-separated hex (as Node prints it). */
  fingerprint: string;
  /** Kept to check signatures when building chains; a public certificate, never a key. */
  x509: X509Certificate;
}

export class CertificateParseError extends Error {
  constructor(source: string, detail: string) {
    super(`cannot parse the certificate from ${source}: ${detail} — check that the file holds PEM "CERTIFICATE" blocks`);
    this.name = "CertificateParseError";
  }
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function factsOf(x509: X509Certificate, source: string): CertificateFacts {
  return {
    source,
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    isCA: x509.ca,
    // Node prints validity as "Nov 22 02:51:12 2026 GMT", which Date.parse reads exactly.
    notBefore: new Date(Date.parse(x509.validFrom)),
    notAfter: new Date(Date.parse(x509.validTo)),
    fingerprint: x509.fingerprint256,
    x509,
  };
}

/** Every certificate in a PEM text; `source` is suffixed with [i] when there are several. */
export function certificatesInPem(pem: string, source: string): CertificateFacts[] {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  return blocks.map((block, index) => {
    let x509: X509Certificate;
    try {
      x509 = new X509Certificate(block);
    } catch (error) {
      throw new CertificateParseError(source, error instanceof Error ? error.message : String(error));
    }
    return factsOf(x509, blocks.length > 1 ? `${source}[${index}]` : source);
  });
}

/** A DER certificate (as a TLS handshake hands it over). */
export function certificateFromDer(der: Buffer, source: string): CertificateFacts {
  try {
    return factsOf(new X509Certificate(der), source);
  } catch (error) {
    throw new CertificateParseError(source, error instanceof Error ? error.message : String(error));
  }
}

/** "CN=kubernetes" rather than the multi-line form Node uses for several RDNs. */
function oneLine(name: string): string {
  return name.split("\n").filter(Boolean).join(", ");
}
