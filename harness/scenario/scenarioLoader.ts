// Reads scenarios/<name>/scenario.yaml (the folder may be anywhere on disk) into a validated
// ScenarioDefinition, or throws one ScenarioFileError listing every problem found, each with
// file:line:column, field and fix. Order of checks: bytes (binary, empty, size) → YAML syntax
// (tabs, duplicate keys, aliases) → structure (JSON Schema) → kinds and their parameters →
// references (files, variants, ids, ${{ }} placeholders) → "can this scenario fail at all?".
//
//   const loaded = await loadScenario("scenarios/probe-cycle/scenario.yaml", { registry: builtinKinds() });

import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { LineCounter, parseDocument } from "yaml";
import type { ClusterRequirements } from "../cluster/clusterHandle.js";
import { formatDuration, parseDuration } from "./duration.js";
import { interpolate, placeholdersIn, lookup, TOP_LEVEL_NAMES } from "./interpolation.js";
import type { KindRegistry } from "./kindRegistry.js";
import type { CheckKind, StepKind } from "./kindTypes.js";
import { loadLocalKinds } from "./localKinds.js";
import { nearestName } from "./nearestName.js";
import scenarioSchema from "./scenario.schema.json" with { type: "json" };
import { ScenarioFileError, type ScenarioIssue } from "./scenarioFileError.js";
import type {
  DetectorSpec,
  ExpectationSpec,
  ProbeSpec,
  ScenarioDefinition,
  SourceRef,
  StepSpec,
  VariantSpec,
} from "./scenarioModel.js";
import { schemaIssues } from "./schemaIssues.js";
import { formatPath, YamlLocator, type ValuePath } from "./yamlLocator.js";

export interface LoadedScenario {
  definition: ScenarioDefinition;
  /** Built-in kinds plus the scenario's own (from steps.ts), for the runner. */
  registry: KindRegistry;
  /** The steps.ts/steps.js that was loaded, if any. */
  localKindsFile?: string;
}

export interface LoadOptions {
  registry: KindRegistry;
}

const MAX_BYTES = 1024 * 1024;
const MAX_ALIASES = 100;
const DEFAULT_OBSERVE_FOR_MS = 5_000;
const DEFAULT_STEADY_WITHIN_MS = 60_000;
const DEFAULT_PROBE_EVERY_MS = 1_000;
const DEFAULT_VARIANT = "default";

const STEP_FIELDS = ["id", "description", "timeout", "variants", "continueOnError"];
const EXPECTATION_FIELDS = ["id", "description", "within", "holdFor", "negate", "standsFor", "variants"];
const DETECTOR_FIELDS = ["id", "description", "expect", "within", "negate", "standsFor", "variants"];

// verbose: errors carry their parentSchema, which the messages use for suggestions and hints.
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const validateScenario = ajv.compile(scenarioSchema);
const kindValidators = new WeakMap<object, ValidateFunction>();

/** A file path or a folder holding scenario.yaml. */
export async function loadScenario(fileOrDir: string, options: LoadOptions): Promise<LoadedScenario> {
  const file = await scenarioFilePath(fileOrDir);
  const text = await readScenarioText(file);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });

  const syntax: ScenarioIssue[] = document.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { line, column: col, problem: firstLine(error.message), fix: yamlFix(error.code) };
  });
  if (syntax.length > 0) throw new ScenarioFileError(file, syntax, text);

  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new ScenarioFileError(
      file,
      [{ problem: `YAML aliases expand too much (${error instanceof Error ? error.message : String(error)})`, fix: `write the repeated parts out, or use fewer than ${MAX_ALIASES} alias expansions` }],
      text,
    );
  }
  if (raw === null || raw === undefined) {
    throw new ScenarioFileError(file, [{ problem: "has no content (only comments or blank lines)", fix: "write a starter with `gameday init <folder>`" }], text);
  }
  const locator = new YamlLocator(document, lineCounter);
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new ScenarioFileError(file, [{ line: 1, column: 1, problem: "the top level is not a mapping", fix: "write fields like `name: …`, `title: …`, `fault: …` at the top level" }], text);
  }
  if (!validateScenario(raw)) {
    throw new ScenarioFileError(file, schemaIssues(validateScenario.errors ?? [], [], locator), text);
  }

  const dir = path.dirname(file);
  const registry = options.registry.child();
  const localKindsFile = await loadLocalKinds(dir, registry);
  const builder = new DefinitionBuilder(file, dir, raw as unknown as RawScenario, registry, locator);
  const definition = builder.build();
  if (builder.issues.length > 0) throw new ScenarioFileError(file, builder.issues, text);
  return localKindsFile ? { definition, registry, localKindsFile } : { definition, registry };
}

async function scenarioFilePath(fileOrDir: string): Promise<string> {
  const absolute = path.resolve(fileOrDir);
  let info;
  try {
    info = await stat(absolute);
  } catch {
    throw new ScenarioFileError(absolute, [{ problem: "does not exist", fix: "pass a scenario folder or its scenario.yaml (see `gameday list`)" }]);
  }
  return info.isDirectory() ? path.join(absolute, "scenario.yaml") : absolute;
}

async function readScenarioText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.size > MAX_BYTES) {
      throw new ScenarioFileError(file, [{ problem: `is ${info.size} bytes, more than a scenario should be (${MAX_BYTES})`, fix: "move manifests into files under manifests/ and reference them" }]);
    }
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof ScenarioFileError) throw error;
    throw new ScenarioFileError(file, [{ problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, fix: "check the path and its permissions; a scenario folder must contain scenario.yaml" }]);
  }
  if (bytes.includes(0)) {
    throw new ScenarioFileError(file, [{ problem: "is binary (it contains NUL bytes)", fix: "a scenario is a UTF-8 YAML text file; check you passed the right file" }]);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ScenarioFileError(file, [{ problem: "is not valid UTF-8 text", fix: "save the file as UTF-8" }]);
  }
  if (text.trim() === "") {
    throw new ScenarioFileError(file, [{ problem: "is empty", fix: "write a starter with `gameday init <folder>`" }], text);
  }
  return text.replace(/^\uFEFF/, "");
}

function yamlFix(code: string): string {
  switch (code) {
    case "TAB_AS_INDENT":
      return "indent with spaces; YAML does not allow tabs for indentation";
    case "DUPLICATE_KEY":
      return "remove one of the two keys, or rename it (a later key would silently replace the earlier one)";
    case "MULTIPLE_DOCS":
      return "a scenario file holds one document: remove the `---` separator (manifests go in their own files)";
    case "BAD_INDENT":
    case "MISSING_CHAR":
    case "UNEXPECTED_TOKEN":
      return "check indentation and quoting on this line and the one before";
    case "BAD_ALIAS":
      return "define the anchor (&name) before using the alias (*name)";
    case "RESOURCE_EXHAUSTION":
      return `write the repeated parts out, or use fewer than ${MAX_ALIASES} alias expansions`;
    default:
      return "fix the YAML syntax at this position";
  }
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? text).replace(/ at line \d+, column \d+:?$/, "");
}

/** The parsed YAML after schema validation: shapes are known, values are not yet normalized. */
interface RawScenario {
  name: string;
  title: string;
  story: string;
  hints?: string[];
  cluster?: Partial<ClusterRequirements> & { extraMounts?: Array<{ hostPath: string; containerPath: string; readOnly?: boolean }> };
  namespace?: string;
  settings?: Record<string, unknown>;
  setup?: RawEntry[];
  steady?: { expect?: RawEntry[]; probes?: RawEntry[]; observeFor?: string };
  detectors?: RawEntry[];
  fault: RawEntry[];
  expect?: RawEntry[];
  remediate?: RawEntry[];
  recover?: RawEntry[];
  cleanup?: RawEntry[];
  variants?: Record<string, { description?: string; settings?: Record<string, unknown>; detectors?: string[] } | null>;
}

type RawEntry = Record<string, unknown>;

/** Builds the definition entry by entry, collecting every issue instead of stopping at the first. */
class DefinitionBuilder {
  readonly issues: ScenarioIssue[] = [];
  private readonly ids = new Map<string, string>();
  private variantNames: string[] = [];

  constructor(
    private readonly file: string,
    private readonly dir: string,
    private readonly raw: RawScenario,
    private readonly registry: KindRegistry,
    private readonly locator: YamlLocator,
  ) {}

  build(): ScenarioDefinition {
    const raw = this.raw;
    const variants = this.variants();
    this.variantNames = variants.map((variant) => variant.name);
    const definition: ScenarioDefinition = {
      file: this.file,
      dir: this.dir,
      name: raw.name,
      title: raw.title,
      story: raw.story.trim(),
      hints: raw.hints ?? [],
      cluster: this.cluster(),
      namespace: raw.namespace === "none" ? null : (raw.namespace ?? "auto"),
      settings: raw.settings ?? {},
      setup: this.steps("setup", raw.setup),
      steady: {
        expect: this.expectations(["steady", "expect"], raw.steady?.expect, DEFAULT_STEADY_WITHIN_MS),
        probes: this.probes(raw.steady?.probes),
        observeForMs: raw.steady?.observeFor ? this.duration(["steady", "observeFor"], raw.steady.observeFor) : DEFAULT_OBSERVE_FOR_MS,
      },
      detectors: this.detectors(raw.detectors),
      fault: this.steps("fault", raw.fault),
      expect: this.expectations(["expect"], raw.expect, undefined),
      remediate: this.steps("remediate", raw.remediate),
      recover: this.expectations(["recover"], raw.recover, undefined),
      cleanup: this.steps("cleanup", raw.cleanup),
      variants,
    };
    this.checkVariantDetectorRefs(definition);
    this.checkPlaceholders(definition);
    this.checkProbeRefs(definition);
    if (this.issues.length === 0) this.checkNegativeControlWindow(definition);
    // Only judge "can this fail?" on an otherwise valid file: entries dropped for other errors would make it noise.
    if (this.issues.length === 0) this.checkCanFail(definition);
    return definition;
  }

  private issue(pathParts: ValuePath, problem: string, fix: string, atKey = false): void {
    const position = this.locator.positionOf(pathParts, { key: atKey });
    this.issues.push({ line: position.line, column: position.column, field: formatPath(pathParts) || "(top level)", problem, fix });
  }

  private source(pathParts: ValuePath): SourceRef {
    const position = this.locator.positionOf(pathParts);
    return { line: position.line, column: position.column, field: formatPath(pathParts) };
  }

  private duration(pathParts: ValuePath, text: unknown): number {
    try {
      return parseDuration(text);
    } catch (error) {
      this.issue(pathParts, `${JSON.stringify(text)} is not a duration`, (error as { fix?: string }).fix ?? "write e.g. 30s");
      return 0;
    }
  }

  private cluster(): ClusterRequirements {
    const raw = this.raw.cluster ?? {};
    const requirements: ClusterRequirements = { controlPlanes: raw.controlPlanes ?? 1, workers: raw.workers ?? 0 };
    if (raw.kubernetes !== undefined) requirements.kubernetes = raw.kubernetes;
    if (raw.hostPorts !== undefined) requirements.hostPorts = raw.hostPorts;
    if (raw.dedicated !== undefined) requirements.dedicated = raw.dedicated;
    if (raw.kubeadmConfigPatches !== undefined) requirements.kubeadmConfigPatches = raw.kubeadmConfigPatches;
    if (raw.images !== undefined) requirements.images = raw.images;
    if (raw.extraMounts !== undefined) {
      requirements.extraMounts = raw.extraMounts.map((mount, index) => {
        const hostPath = path.resolve(this.dir, mount.hostPath);
        if (!existsSync(hostPath)) {
          this.issue(["cluster", "extraMounts", index, "hostPath"], `${mount.hostPath} does not exist (looked for ${hostPath})`, "paths are relative to the scenario folder; create the file or fix the path");
        }
        return { ...mount, hostPath };
      });
    }
    return requirements;
  }

  private variants(): VariantSpec[] {
    const raw = this.raw.variants;
    if (!raw || Object.keys(raw).length === 0) {
      return [{ name: DEFAULT_VARIANT, settings: {}, source: this.source([]) }];
    }
    return Object.entries(raw).map(([name, body]) => {
      const variant: VariantSpec = { name, settings: body?.settings ?? {}, source: this.source(["variants", name]) };
      if (body?.description) variant.description = body.description;
      if (body?.detectors) variant.detectors = body.detectors;
      return variant;
    });
  }

  private claimId(id: string, pathParts: ValuePath): void {
    const previous = this.ids.get(id);
    if (previous) {
      this.issue([...pathParts, "id"], `id "${id}" is already used by ${previous}`, "ids name test cases in reports and must be unique within the scenario");
      return;
    }
    this.ids.set(id, formatPath(pathParts));
  }

  /** A unique id: the author's, or "<prefix>.<kind>" with a counter for repeats. */
  private idFor(entry: RawEntry, prefix: string, kind: string, pathParts: ValuePath): string {
    if (typeof entry.id === "string") {
      this.claimId(entry.id, pathParts);
      return entry.id;
    }
    let id = `${prefix}.${kind}`;
    for (let n = 2; this.ids.has(id); n += 1) id = `${prefix}.${kind}.${n}`;
    this.ids.set(id, formatPath(pathParts));
    return id;
  }

  private restrictTo(entry: RawEntry, pathParts: ValuePath): string[] | undefined {
    if (entry.variants === undefined) return undefined;
    const names = typeof entry.variants === "string" ? [entry.variants] : (entry.variants as string[]);
    for (const [index, name] of names.entries()) {
      if (!this.variantNames.includes(name)) {
        const near = nearestName(name, this.variantNames);
        const where = typeof entry.variants === "string" ? [...pathParts, "variants"] : [...pathParts, "variants", index];
        this.issue(where, `unknown variant "${name}"`, near ? `did you mean "${near}"?` : this.raw.variants ? `declared variants: ${this.variantNames.join(", ")}` : "declare it under `variants:` first");
      }
    }
    return names;
  }

  /** Finds the one kind key of an entry among the non-common keys, with a helpful issue otherwise. */
  private kindKey(entry: RawEntry, pathParts: ValuePath, common: string[], what: "step" | "check"): string | undefined {
    const candidates = Object.keys(entry).filter((key) => !common.includes(key));
    const known = what === "step" ? this.registry.stepKinds() : this.registry.checkKinds();
    const lookupKind = (key: string) => (what === "step" ? this.registry.step(key) : this.registry.check(key));
    if (candidates.length === 0) {
      this.issue(pathParts, `has no ${what} kind`, `add one of: ${known.join(", ")}`);
      return undefined;
    }
    const unknown = candidates.filter((key) => !lookupKind(key));
    for (const key of unknown) {
      const nearField = nearestName(key, common);
      const nearKind = nearestName(key, known);
      if (nearField && (candidates.length > 1 || !nearKind)) {
        this.issue([...pathParts, key], `unknown field "${key}"`, `did you mean "${nearField}"?`, true);
      } else {
        this.issue([...pathParts, key], `unknown ${what} kind "${key}"`, nearKind ? `did you mean "${nearKind}"? (known: ${known.join(", ")})` : `use one of: ${known.join(", ")}, or register it in the scenario's steps.ts`, true);
      }
    }
    const kinds = candidates.filter((key) => lookupKind(key));
    if (kinds.length > 1) {
      this.issue([...pathParts, kinds[1]!], `has several ${what} kinds: ${kinds.join(", ")}`, `split it into one entry per kind; common fields are ${common.join(", ")}`, true);
      return undefined;
    }
    // Unknown extra keys were reported above; still check the one real kind's parameters.
    return kinds[0];
  }

  /** Shorthand expansion, schema validation and file checks for a kind's parameters. */
  private params(kind: StepKind | CheckKind, value: unknown, pathParts: ValuePath): unknown {
    if ("embedsCheck" in kind && kind.embedsCheck) return this.embeddedCheck(kind, value, pathParts);
    let params = value;
    if (params === null || params === undefined) params = {};
    else if (typeof params !== "object" && kind.shorthand) params = { [kind.shorthand]: params };
    let validate = kindValidators.get(kind);
    if (!validate) {
      validate = ajv.compile(kind.paramsSchema);
      kindValidators.set(kind, validate);
    }
    // Placeholders are checked separately (per variant); for the schema, pretend they already hold a valid value.
    if (!validate(params)) {
      const withoutPlaceholderNoise = (validate.errors ?? []).filter((error) => !isPlaceholderAt(params, error.instancePath));
      if (withoutPlaceholderNoise.length > 0) {
        const issues = schemaIssues(withoutPlaceholderNoise, pathParts, this.locator);
        if (typeof value !== "object" || value === null) {
          issues.forEach((issue) => (issue.fix += kind.shorthand ? ` (the short form \`${kind.kind}: value\` sets ${kind.shorthand})` : ""));
        }
        this.issues.push(...issues);
        return params;
      }
    }
    for (const relative of kind.files?.(params) ?? []) {
      if (placeholdersIn(relative).length > 0) continue;
      const absolute = path.resolve(this.dir, relative);
      if (!existsSync(absolute)) {
        this.issue(pathParts, `refers to ${relative}, which does not exist (looked for ${absolute})`, "paths are relative to the scenario folder; create the file or fix the path");
      }
    }
    return params;
  }

  /** `waitFor: { deploymentAvailable: web }`: the value is itself one check entry. */
  private embeddedCheck(kind: StepKind, value: unknown, pathParts: ValuePath): unknown {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.issue(pathParts, `${kind.kind} needs a check`, `write e.g. \`${kind.kind}: { deploymentAvailable: web }\` (checks: ${this.registry.checkKinds().join(", ")})`);
      return {};
    }
    const inner = this.kindKey(value as RawEntry, pathParts, [], "check");
    if (!inner) return {};
    return { [inner]: this.params(this.registry.check(inner)!, (value as RawEntry)[inner], [...pathParts, inner]) };
  }

  private steps(phase: "setup" | "fault" | "remediate" | "cleanup", entries: RawEntry[] | undefined): StepSpec[] {
    const specs: StepSpec[] = [];
    (entries ?? []).forEach((entry, index) => {
      const at: ValuePath = [phase, index];
      const kindName = this.kindKey(entry, at, STEP_FIELDS, "step");
      const variants = this.restrictTo(entry, at);
      const timeoutMs = entry.timeout !== undefined ? this.duration([...at, "timeout"], entry.timeout) : undefined;
      if (!kindName) return;
      const kind = this.registry.step(kindName)!;
      const spec: StepSpec = {
        id: this.idFor(entry, phase, kindName, at),
        kind: kindName,
        params: this.params(kind, entry[kindName], [...at, kindName]),
        continueOnError: phase === "cleanup" || entry.continueOnError === true,
        source: this.source(at),
      };
      if (timeoutMs !== undefined) spec.timeoutMs = timeoutMs;
      if (typeof entry.description === "string") spec.description = entry.description;
      if (variants) spec.variants = variants;
      specs.push(spec);
    });
    return specs;
  }

  private expectations(at: ValuePath, entries: RawEntry[] | undefined, defaultWithinMs: number | undefined): ExpectationSpec[] {
    const specs: ExpectationSpec[] = [];
    const prefix = at.join(".");
    (entries ?? []).forEach((entry, index) => {
      const where: ValuePath = [...at, index];
      const kindName = this.kindKey(entry, where, EXPECTATION_FIELDS, "check");
      const variants = this.restrictTo(entry, where);
      let withinMs = defaultWithinMs ?? 0;
      if (entry.within !== undefined) withinMs = this.duration([...where, "within"], entry.within);
      else if (defaultWithinMs === undefined) this.issue(where, "has no deadline", "add `within: 60s` (or whatever the real alert's budget is): an expectation without a deadline cannot fail");
      const holdForMs = entry.holdFor !== undefined ? this.duration([...where, "holdFor"], entry.holdFor) : 0;
      if (!kindName) return;
      const kind = this.registry.check(kindName)!;
      const spec: ExpectationSpec = {
        id: this.idFor(entry, prefix, kindName, where),
        kind: kindName,
        params: this.params(kind, entry[kindName], [...where, kindName]),
        withinMs,
        holdForMs,
        negate: entry.negate === true,
        source: this.source(where),
      };
      if (typeof entry.description === "string") spec.description = entry.description;
      if (typeof entry.standsFor === "string") spec.standsFor = entry.standsFor;
      if (variants) spec.variants = variants;
      specs.push(spec);
    });
    return specs;
  }

  private detectors(entries: RawEntry[] | undefined): DetectorSpec[] {
    const specs: DetectorSpec[] = [];
    (entries ?? []).forEach((entry, index) => {
      const where: ValuePath = ["detectors", index];
      const kindName = this.kindKey(entry, where, DETECTOR_FIELDS, "check");
      const variants = this.restrictTo(entry, where);
      const expect = entry.expect === "silent" ? "silent" : "fire";
      let withinMs = 0;
      if (entry.within !== undefined) withinMs = this.duration([...where, "within"], entry.within);
      else if (expect === "fire") this.issue(where, "has no deadline", "add `within: 60s`: a detector must fire within a stated time after the fault to count");
      if (!kindName) return;
      const kind = this.registry.check(kindName)!;
      const spec: DetectorSpec = {
        id: this.idFor(entry, "detector", kindName, where),
        kind: kindName,
        params: this.params(kind, entry[kindName], [...where, kindName]),
        expect,
        withinMs,
        negate: entry.negate === true,
        source: this.source(where),
      };
      if (typeof entry.description === "string") spec.description = entry.description;
      if (typeof entry.standsFor === "string") spec.standsFor = entry.standsFor;
      if (variants) spec.variants = variants;
      specs.push(spec);
    });
    return specs;
  }

  private probes(entries: RawEntry[] | undefined): ProbeSpec[] {
    return (entries ?? []).map((entry, index) => {
      const where: ValuePath = ["steady", "probes", index];
      const kind = entry.http !== undefined ? "http" : entry.connectivity !== undefined ? "connectivity" : "endpoints";
      const params = (entry[kind] ?? {}) as Record<string, unknown>;
      if (kind === "http" && !params.url && !params.service && params.hostPort === undefined) {
        this.issue([...where, "http"], "names no target", "give `service:` (reached through the API server's service proxy), `hostPort:` (a node port in cluster.hostPorts) or `url:`");
      }
      const spec: ProbeSpec = {
        id: this.idFor(entry, "probe", kind, where),
        kind,
        params,
        everyMs: entry.every !== undefined ? this.duration([...where, "every"], entry.every) : DEFAULT_PROBE_EVERY_MS,
        source: this.source(where),
      };
      const variants = this.restrictTo(entry, where);
      if (variants) spec.variants = variants;
      return spec;
    });
  }

  private checkVariantDetectorRefs(definition: ScenarioDefinition): void {
    const detectorIds = definition.detectors.map((detector) => detector.id);
    for (const variant of definition.variants) {
      (variant.detectors ?? []).forEach((id, index) => {
        if (!detectorIds.includes(id)) {
          const near = nearestName(id, detectorIds);
          this.issue(["variants", variant.name, "detectors", index], `unknown detector "${id}"`, near ? `did you mean "${near}"?` : `detector ids: ${detectorIds.join(", ") || "(none declared)"}`);
        }
      });
    }
  }

  /** Every ${{ settings.x }} must resolve in every variant the entry is active in. */
  private checkPlaceholders(definition: ScenarioDefinition): void {
    const entries: Array<{ params: unknown; variants?: string[]; source: SourceRef }> = [
      ...definition.setup,
      ...definition.fault,
      ...definition.remediate,
      ...definition.cleanup,
      ...definition.steady.expect,
      ...definition.steady.probes,
      ...definition.detectors,
      ...definition.expect,
      ...definition.recover,
    ];
    for (const entry of entries) {
      for (const reference of new Set(placeholdersIn(entry.params))) {
        for (const variant of definition.variants) {
          if (entry.variants && !entry.variants.includes(variant.name)) continue;
          const values = { namespace: "x", runId: "x", scenario: "x", variant: "x", scenarioDir: "x", settings: { ...definition.settings, ...variant.settings } };
          if (lookup(reference, values) === undefined) {
            const known = [...TOP_LEVEL_NAMES, ...Object.keys(values.settings).map((key) => `settings.${key}`)];
            const near = nearestName(reference, known);
            const issue: ScenarioIssue = {
              line: entry.source.line,
              column: entry.source.column,
              field: entry.source.field,
              problem: `\${{ ${reference} }} resolves to nothing${definition.variants.length > 1 ? ` in variant "${variant.name}"` : ""}`,
              fix: near ? `did you mean \${{ ${near} }}?` : `define it under settings (or the variant's settings); known: ${known.join(", ")}`,
            };
            if (!this.issues.some((seen) => seen.field === issue.field && seen.problem.startsWith(`\${{ ${reference} }}`))) this.issues.push(issue);
          }
        }
      }
    }
  }

  /** A check that reads a continuous probe (probeStayedUp) must name one that runs in each of its variants. */
  private checkProbeRefs(definition: ScenarioDefinition): void {
    const entries = [...definition.steady.expect, ...definition.detectors, ...definition.expect, ...definition.recover];
    for (const entry of entries) {
      const kind = this.registry.check(entry.kind);
      if (!kind?.probeIds) continue;
      for (const id of kind.probeIds(entry.params)) {
        for (const variant of definition.variants) {
          if (entry.variants && !entry.variants.includes(variant.name)) continue;
          const probes = activeIn(definition.steady.probes, variant.name).map((probe) => probe.id);
          if (probes.includes(id)) continue;
          const near = nearestName(id, probes);
          const suffix = definition.variants.length > 1 ? ` in variant "${variant.name}"` : "";
          this.issues.push({
            line: entry.source.line,
            column: entry.source.column,
            field: `${entry.source.field}.${entry.kind}.probe`,
            problem: `probe "${id}" is not a steady.probes entry${suffix}, so the check would read an empty record`,
            fix: near ? `did you mean "${near}"?` : probes.length > 0 ? `probes: ${probes.join(", ")}` : "add the probe under steady.probes (with the same variants)",
          });
          break;
        }
      }
    }
  }

  /**
   * A negative control proves something only if its detector could fire inside the window: refuse a
   * steady.observeFor shorter than a detector's sustained `for:` (it could never fire before the
   * fault, and a condition already present would fire after t0 and count as a detection).
   */
  private checkNegativeControlWindow(definition: ScenarioDefinition): void {
    const observeFor = definition.steady.observeForMs;
    for (const detector of definition.detectors) {
      const kind = this.registry.check(detector.kind);
      if (!kind?.firesAfterMs) continue;
      for (const variant of definition.variants) {
        if (detector.variants && !detector.variants.includes(variant.name)) continue;
        if (variant.detectors && !variant.detectors.includes(detector.id)) continue;
        const values = { namespace: "x", runId: "x", scenario: definition.name, variant: variant.name, scenarioDir: definition.dir, settings: { ...definition.settings, ...variant.settings } };
        let needs: number;
        try {
          needs = kind.firesAfterMs(interpolate(detector.params, values));
        } catch {
          continue; // an unresolved placeholder or a bad duration is reported by its own check
        }
        if (needs <= observeFor) continue;
        this.issues.push({
          line: detector.source.line,
          column: detector.source.column,
          field: detector.source.field,
          problem: `detector "${detector.id}" needs its condition to last ${formatDuration(needs)} before it can fire, but steady.observeFor is ${formatDuration(observeFor)}: its negative control could never fail, and a condition already there before the fault would fire after t0 and be scored as a detection`,
          fix: `set steady.observeFor: ${formatDuration(needs)} or more (or shorten the detector's for:)`,
        });
        break;
      }
    }
  }

  /** A scenario whose assertions cannot fail is itself a failure: refuse it at load time. */
  private checkCanFail(definition: ScenarioDefinition): void {
    for (const variant of definition.variants) {
      const active = <T extends { variants?: string[] }>(items: T[]) => items.filter((item) => !item.variants || item.variants.includes(variant.name));
      const detectors = active(definition.detectors).filter((detector) => !variant.detectors || variant.detectors.includes(detector.id));
      const firing = detectors.filter((detector) => detector.expect === "fire");
      const suffix = definition.variants.length > 1 ? ` in variant "${variant.name}"` : "";
      if (active(definition.expect).length === 0 && firing.length === 0) {
        this.issue(definition.variants.length > 1 ? ["variants", variant.name] : [], `nothing is asserted after the fault${suffix}`, "add an `expect:` entry or a detector that must fire: a scenario whose assertions cannot fail proves nothing");
      }
      if (active(definition.fault).length === 0) {
        this.issue(definition.variants.length > 1 ? ["variants", variant.name] : ["fault"], `no fault step runs${suffix}`, "add a fault step without a `variants:` limit, or one for this variant");
      }
    }
  }
}

/** True when the value at the JSON pointer is a string holding a ${{ }} placeholder (validated later, per variant). */
function isPlaceholderAt(root: unknown, pointer: string): boolean {
  let current: unknown = root;
  for (const part of pointer.split("/").slice(1)) {
    if (typeof current !== "object" || current === null) return false;
    current = (current as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return typeof current === "string" && placeholdersIn(current).length > 0;
}

function activeIn<T extends { variants?: string[] }>(items: T[], variant: string): T[] {
  return items.filter((item) => !item.variants || item.variants.includes(variant));
}
