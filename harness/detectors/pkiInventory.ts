// The PKI scanner's core, pure: given every certificate found (node files, kubeconfigs, the API
// server's TLS chain), work out for each one the instant it really stops working. A leaf is only
// as good as the CAs above it: kubeadm v1.34 signs leaves for a year even when the CA that signs
// them expires in minutes, so a leaf's own NotAfter overstates its life and the effective expiry
// is the earliest NotAfter along its chain. Issuers are matched by signature, not by name alone.

import type { CertificateFacts } from "./certificateFacts.js";

export interface InventoryEntry {
  cert: CertificateFacts;
  /** Earliest NotAfter along the chain up to a known root (or as far as issuers are known). */
  effectiveNotAfter: Date;
  /** Which certificate sets effectiveNotAfter (itself, or an issuer). */
  limitedBy: CertificateFacts;
  /** Subjects from this certificate up to the last issuer found. */
  chain: string[];
  /** False when the issuer of some link is not among the known certificates. */
  chainComplete: boolean;
}

const MAX_CHAIN = 8;

/** Distinct certificates by fingerprint; the first source that names one is kept. */
export function distinct(certs: CertificateFacts[]): CertificateFacts[] {
  const seen = new Map<string, CertificateFacts>();
  for (const cert of certs) if (!seen.has(cert.fingerprint)) seen.set(cert.fingerprint, cert);
  return [...seen.values()];
}

/** The certificate among `candidates` that issued `cert` (subject/issuer match and a valid signature). */
export function issuerOf(cert: CertificateFacts, candidates: CertificateFacts[]): CertificateFacts | undefined {
  if (isSelfSigned(cert)) return undefined;
  return candidates.find((candidate) => candidate.isCA && candidate.fingerprint !== cert.fingerprint && cert.x509.checkIssued(candidate.x509) && cert.x509.verify(candidate.x509.publicKey));
}

export function isSelfSigned(cert: CertificateFacts): boolean {
  return cert.x509.checkIssued(cert.x509) && cert.x509.verify(cert.x509.publicKey);
}

/** Every certificate with its effective expiry, soonest first. `certs` may repeat (same cert, several files). */
export function inventory(certs: CertificateFacts[]): InventoryEntry[] {
  const authorities = distinct(certs.filter((cert) => cert.isCA));
  const entries = certs.map((cert) => {
    let limitedBy = cert;
    const chain = [cert.subject];
    let current = cert;
    let complete = true;
    for (let depth = 0; depth < MAX_CHAIN && !isSelfSigned(current); depth++) {
      const issuer = issuerOf(current, authorities);
      if (!issuer) {
        complete = false;
        break;
      }
      chain.push(issuer.subject);
      if (issuer.notAfter < limitedBy.notAfter) limitedBy = issuer;
      current = issuer;
    }
    return { cert, effectiveNotAfter: limitedBy.notAfter, limitedBy, chain, chainComplete: complete };
  });
  return entries.sort((a, b) => a.effectiveNotAfter.getTime() - b.effectiveNotAfter.getTime() || a.cert.source.localeCompare(b.cert.source));
}
