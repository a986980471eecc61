// `kubeadm certs check-expiration`, parsed. kubeadm ≥ 1.26 prints a CertificateExpirationInfo
// (output.kubeadm.k8s.io/v1alpha3) with `-o json`: residualTime in whole seconds (negative once
// expired). Older kubeadm, or output captured from a person's terminal, is the text table, whose
// RESIDUAL TIME is "8m45s", "364d", "<invalid>" (expired) at minute/day precision; both are read.

export interface KubeadmExpiryEntry {
  name: string;
  authority: boolean;
  /** Undefined when the file is missing. */
  expiresAt?: Date;
  /** Seconds left when kubeadm ran; negative (JSON) or -Infinity ("<invalid>" in text) once expired. */
  residualSeconds?: number;
  /** The CA kubeadm says signed it (certificates only). */
  caName?: string;
  missing: boolean;
  externallyManaged: boolean;
}

export class KubeadmOutputError extends Error {
  constructor(problem: string) {
    super(`cannot read the output of \`kubeadm certs check-expiration\`: ${problem} — run it on a control-plane node by hand to see what it prints`);
    this.name = "KubeadmOutputError";
  }
}

interface JsonItem {
  name?: unknown;
  expirationDate?: unknown;
  residualTime?: unknown;
  externallyManaged?: unknown;
  caName?: unknown;
  missing?: unknown;
}

/** JSON when a line starts with "{" (progress lines may come first), the table otherwise. */
export function parseKubeadmExpiration(output: string): KubeadmExpiryEntry[] {
  const start = /^\{/m.exec(output);
  if (start) return parseJson(output.slice(start.index));
  return parseTable(output);
}

function parseJson(text: string): KubeadmExpiryEntry[] {
  let doc: { kind?: unknown; certificates?: unknown; certificateAuthorities?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (error) {
    throw new KubeadmOutputError(`not JSON (${(error as Error).message})`);
  }
  if (doc.kind !== "CertificateExpirationInfo") throw new KubeadmOutputError(`kind is ${String(doc.kind)}, expected CertificateExpirationInfo`);
  const items = (list: unknown, authority: boolean) => (Array.isArray(list) ? (list as JsonItem[]) : []).map((item) => fromJson(item, authority));
  return [...items(doc.certificateAuthorities, true), ...items(doc.certificates, false)];
}

function fromJson(item: JsonItem, authority: boolean): KubeadmExpiryEntry {
  if (typeof item.name !== "string") throw new KubeadmOutputError("an entry has no name");
  const entry: KubeadmExpiryEntry = { name: item.name, authority, missing: item.missing === true, externallyManaged: item.externallyManaged === true };
  if (!entry.missing && typeof item.expirationDate === "string") {
    entry.expiresAt = new Date(item.expirationDate);
    if (typeof item.residualTime === "number") entry.residualSeconds = item.residualTime;
  }
  if (typeof item.caName === "string" && item.caName !== "") entry.caName = item.caName;
  return entry;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// "ca                      Nov 22, 2026 02:51 UTC   8m45s           no"
const CA_ROW = /^(\S+)\s+([A-Z][a-z]{2}) (\d{1,2}), (\d{4}) (\d{2}):(\d{2}) UTC\s+(\S+)\s+(yes|no)\s*$/;
// "apiserver                           Nov 22, 2027 02:42 UTC   364d            ca                      no"
const CERT_ROW = /^(\S+)\s+([A-Z][a-z]{2}) (\d{1,2}), (\d{4}) (\d{2}):(\d{2}) UTC\s+(\S+)\s+(\S+)\s+(yes|no)\s*$/;

function parseTable(text: string): KubeadmExpiryEntry[] {
  const entries: KubeadmExpiryEntry[] = [];
  let section: "certificates" | "authorities" | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    if (/^CERTIFICATE\s+EXPIRES/.test(line)) {
      section = "certificates";
      continue;
    }
    if (/^CERTIFICATE AUTHORITY\s+EXPIRES/.test(line)) {
      section = "authorities";
      continue;
    }
    if (!section || line.trim() === "") continue;
    const missing = /^!MISSING!\s+(\S+)/.exec(line);
    if (missing) {
      entries.push({ name: missing[1]!, authority: section === "authorities", missing: true, externallyManaged: false });
      continue;
    }
    const row = section === "authorities" ? CA_ROW.exec(line) : CERT_ROW.exec(line);
    if (!row) throw new KubeadmOutputError(`unexpected line in the ${section} table: ${JSON.stringify(line)}`);
    const [, name, mon, day, year, hh, mm] = row;
    const residual = row[7]!;
    const entry: KubeadmExpiryEntry = {
      name: name!,
      authority: section === "authorities",
      expiresAt: new Date(Date.UTC(Number(year), MONTHS.indexOf(mon!), Number(day), Number(hh), Number(mm))),
      residualSeconds: parseResidual(residual),
      missing: false,
      externallyManaged: (section === "authorities" ? row[8] : row[9]) === "yes",
    };
    if (section === "certificates") entry.caName = row[8]!;
    entries.push(entry);
  }
  if (!section) throw new KubeadmOutputError("neither JSON nor the CERTIFICATE/CERTIFICATE AUTHORITY tables");
  return entries;
}

/** "364d", "8m45s", "23h", "<invalid>" → seconds (kubeadm's duration.ShortHumanDuration). */
export function parseResidual(text: string): number {
  if (text === "<invalid>") return Number.NEGATIVE_INFINITY;
  const match = /^(?:(\d+)y)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!match || text === "") throw new KubeadmOutputError(`residual time ${JSON.stringify(text)} is not a duration`);
  const [, y, d, h, m, s] = match.map((part) => Number(part ?? 0));
  return (((y! * 365 + d!) * 24 + h!) * 60 + m!) * 60 + s!;
}
