// The certificate chain a TLS server presents, from a real handshake. Verification is switched off
// on purpose: the point is to read the chain also when it no longer verifies (an expired CA), which
// is exactly when a verifying client would hang up before showing it.

import { connect, type DetailedPeerCertificate } from "node:tls";

import { certificateFromDer, type CertificateFacts } from "./certificateFacts.js";

export async function servingChain(host: string, port: number, options: { timeoutMs: number; servername?: string }): Promise<CertificateFacts[]> {
  const label = `tls ${host}:${port}`;
  return new Promise<CertificateFacts[]>((resolve, reject) => {
    const socket = connect({ host, port, rejectUnauthorized: false, ...(options.servername ? { servername: options.servername } : {}) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${label}: no TLS handshake within ${options.timeoutMs} ms — is the API server up?`));
    }, options.timeoutMs);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      try {
        resolve(chainOf(socket.getPeerCertificate(true), label));
      } catch (error) {
        reject(error as Error);
      } finally {
        socket.end();
      }
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${label}: ${error.message}`));
    });
  });
}

/** The presented chain, leaf first; Node links issuerCertificate to itself at a self-signed root. */
function chainOf(peer: DetailedPeerCertificate, label: string): CertificateFacts[] {
  const chain: CertificateFacts[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = peer;
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(certificateFromDer(current.raw, `${label} [${chain.length}]`));
    current = current.issuerCertificate;
  }
  if (chain.length === 0) throw new Error(`${label}: the server presented no certificate`);
  return chain;
}
