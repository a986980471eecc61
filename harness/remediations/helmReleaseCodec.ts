// Helm's storage format for one release revision, as its secrets/configmaps drivers write it
// (helm pkg/storage/driver/util.go, identical in v3 and v4): JSON of the release, gzip-compressed
// (BestCompression), then base64 with Go's base64.StdEncoding. A Secret's `data.release` is base64
// once more, by the Kubernetes API itself — which is why the value looks double-encoded from
// kubectl. Decoding accepts un-gzipped JSON too, because helm's own decoder does (old releases were
// stored uncompressed): it gunzips only when more than three bytes start with 1f 8b 08.
//
// The base64 text is read exactly as helm reads it (Go's StdEncoding.DecodeString), so that a
// record this harness accepts is one helm accepts, and the other way round:
//   - "\r" and "\n" are skipped wherever they are (records wrapped by `base64` or an editor);
//   - padding is required: unpadded text, text whose length is not a multiple of four, and "="
//     anywhere but at the end are rejected, even though Node's Buffer would decode them;
//   - every other character outside the standard alphabet is rejected — spaces and tabs too.

import { gunzipSync, gzipSync, constants } from "node:zlib";

/** The fields of a Helm release the harness reads or changes; everything else is carried along untouched. */
export interface HelmRelease {
  name: string;
  namespace: string;
  version: number;
  info: {
    status: string;
    description?: string;
    first_deployed?: string;
    last_deployed?: string;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

export class HelmReleaseDecodeError extends Error {
  constructor(what: string, reason: string) {
    super(`${what} is not a Helm release record: ${reason} (expected base64 of gzip'd JSON, as helm's secrets driver writes it; is this a release secret of type helm.sh/release.v1?)`);
    this.name = "HelmReleaseDecodeError";
  }
}

/**
 * Decodes Helm's encoding (the string inside the Secret after the API's own base64 is removed,
 * i.e. Buffer.from(secret.data.release, "base64").toString()).
 */
export function decodeHelmRelease(encoded: string, what = "the value"): HelmRelease {
  const bytes = decodeStdBase64(encoded, what);
  const isGzip = bytes.length > GZIP_MAGIC.length && GZIP_MAGIC.every((byte, index) => bytes[index] === byte);
  let json: string;
  try {
    json = (isGzip ? gunzipSync(bytes) : bytes).toString("utf8");
  } catch (error) {
    throw new HelmReleaseDecodeError(what, `gzip data is corrupt (${error instanceof Error ? error.message : String(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new HelmReleaseDecodeError(what, isGzip ? "the gzip payload is not JSON" : "neither gzip nor JSON");
  }
  return assertRelease(parsed, what);
}

/** Encodes a release the way helm does, so helm reads it back. */
export function encodeHelmRelease(release: HelmRelease): string {
  // BestCompression is what helm uses; any gzip level decodes the same, this just keeps sizes alike.
  const gz = gzipSync(Buffer.from(JSON.stringify(release), "utf8"), { level: constants.Z_BEST_COMPRESSION });
  return gz.toString("base64");
}

/** `secret.data.release` (the API's base64) → release. */
export function decodeSecretReleaseData(secretDataRelease: string, what?: string): HelmRelease {
  return decodeHelmRelease(Buffer.from(secretDataRelease, "base64").toString("latin1"), what);
}

/** release → the value to put in `secret.data.release`. */
export function encodeSecretReleaseData(release: HelmRelease): string {
  return Buffer.from(encodeHelmRelease(release), "latin1").toString("base64");
}

/** Go's base64.StdEncoding.DecodeString: line breaks skipped, padding required, nothing else allowed. */
function decodeStdBase64(encoded: string, what: string): Buffer {
  const text = encoded.replace(/[\r\n]/g, "");
  if (text.length === 0) throw new HelmReleaseDecodeError(what, "it is empty");
  const stray = /[^A-Za-z0-9+/=]/.exec(text);
  if (stray) {
    const shown = JSON.stringify(stray[0]);
    throw new HelmReleaseDecodeError(what, `not base64: ${shown} at character ${stray.index} (helm's decoder skips only line breaks)`);
  }
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
    throw new HelmReleaseDecodeError(
      what,
      `not padded base64 (${text.length} characters without line breaks; helm's decoder needs a multiple of four, with "=" only at the end) — helm would fail on this record too`,
    );
  }
  return Buffer.from(text, "base64");
}

function assertRelease(value: unknown, what: string): HelmRelease {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new HelmReleaseDecodeError(what, "the JSON is not an object");
  const record = value as Record<string, unknown>;
  const info = record.info as Record<string, unknown> | undefined;
  if (typeof record.name !== "string") throw new HelmReleaseDecodeError(what, "it has no name");
  if (typeof record.version !== "number") throw new HelmReleaseDecodeError(what, "it has no numeric version");
  if (typeof info !== "object" || info === null || typeof info.status !== "string") throw new HelmReleaseDecodeError(what, "it has no info.status");
  return value as HelmRelease;
}
