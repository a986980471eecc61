// Reads the version a pinned tool reports and compares it with the kit lock. Parsing is separate
// from running so it is unit-tested against the real output formats.
export function parseKindVersion(output: string): string | undefined {
  // "kind v0.33.0 go1.24.4 linux/amd64"
  return /\bkind (v\d+\.\d+\.\d+\S*)/.exec(output)?.[1];
}

export function parseHelmVersion(output: string): string | undefined {
  // `helm version --short`: "v3.22.0+g1a2b3c4"
  return /^(v\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)/m.exec(output.trim())?.[1];
}

export function parseKubectlVersion(output: string): string | undefined {
  // `kubectl version --client -o json`: {"clientVersion": {"gitVersion": "v1.34.4", ...}}
  try {
    const parsed = JSON.parse(output) as { clientVersion?: { gitVersion?: unknown } };
    const v = parsed.clientVersion?.gitVersion;
    return typeof v === "string" ? v : undefined;
  } catch {
    return /Client Version: (v\S+)/.exec(output)?.[1]; // older plain-text format
  }
}

/** Equal up to a leading "v" and build metadata (helm adds "+g<commit>"). */
export function sameVersion(actual: string, pinned: string): boolean {
  const norm = (v: string) => v.trim().replace(/^v/, "").replace(/\+.*$/, "");
  return norm(actual) === norm(pinned);
}
