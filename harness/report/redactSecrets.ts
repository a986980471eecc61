// Reports travel: CI artifacts, step summaries, training hand-outs. Messages come from CLIs and
// the API server and can echo credentials (a kubeconfig dumped in an error, a curl -v with an
// Authorization header), so every string passes through here before it is written.
// The patterns over-redact on purpose: a lost word in a message is cheap, a leaked key is not.

export const REDACTED = "[REDACTED]";

// PEM private keys of any flavour (RSA, EC, OPENSSH, ENCRYPTED, PKCS#8). A key cut off by a
// truncated message has no END line, so the body then runs to the end of the text.
const PEM_PRIVATE_KEY =
  /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g;

// kubeconfig and Secret fields whose value is a credential, in YAML (`key: value`) or JSON
// (`"key": "value"`) form.
const CREDENTIAL_FIELD =
  /(["']?\b(?:client-key-data|client-key|token|id-token|refresh-token|access-token|auth-provider-token|password|secret-key)["']?\s*[:=]\s*)(["']?)([^\s"',}]+)\2/gi;

// HTTP authorisation headers and their values as curl or client logs print them.
const AUTHORIZATION = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;

// JSON Web Tokens (service-account tokens, OIDC id tokens) wherever they appear on their own.
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

// base64 that starts with "-----BEGIN" (kubeconfig *-data fields under another name, Secret data).
// Certificates are public, so the blob is decoded and only private keys are redacted.
const BASE64_PEM = /LS0tLS1CRUdJT[A-Za-z0-9+/]*={0,2}/g;

/** Replaces anything in `text` that looks like a credential with [REDACTED]. */
export function redactSecrets(text: string): string {
  return text
    .replace(PEM_PRIVATE_KEY, `${REDACTED} private key`)
    .replace(BASE64_PEM, (blob) =>
      Buffer.from(blob, "base64").toString("latin1").includes("PRIVATE KEY") ? `${REDACTED} base64 private key` : blob,
    )
    .replace(AUTHORIZATION, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(CREDENTIAL_FIELD, (_match, key: string, quote: string) => `${key}${quote}${REDACTED}${quote}`);
}
