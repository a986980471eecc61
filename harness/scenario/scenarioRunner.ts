// Runs one variant of one loaded scenario on a cluster and returns its ScenarioResult.
//
//   import { loadScenario } from "./scenarioLoader.js";
//   import { builtinKinds } from "./builtinKinds.js";
//   import { runScenario } from "./scenarioRunner.js";
//
//   const loaded = await loadScenario("scenarios/smoke", { registry: builtinKinds() });
//   const result = await runScenario(loaded, "default", {
//     cluster,                     // a ClusterHandle … or: provider + acquire options (the runner acquires/releases)
//     runId: "20250101-120000-ab12",
//     log: streamRunLog(process.stderr, clock.now),
//     clock,                       // optional: share one RunClock across the scenarios of a run
//     signal,                      // optional: Ctrl-C; cleanup still runs (with its own deadline)
//     remediation,                 // optional: a RemediationGate = training mode (a person fixes it)
//   });
//
// Phases: cluster → setup → steady (probes start, steady expectations must hold; then detectors
// start and are observed silent for `steady.observeFor`: the negative control) → fault (t0 = start
// of the first fault step) → expect (symptoms and detectors, concurrently, deadlines from t0; blind
// spots through their window and a fresh look at its end) → remediate (steps, or the person) →
// recover (deadlines and TTR from the start of remediation, or from t0 when nobody acts) → cleanup
// (always: cleanup steps, then the namespace deleted and verified gone).
// Every external call has a deadline; nothing here sleeps except observation windows.

import { assertFaultsAllowed } from "../cluster/faultGuard.js";
import type { ClusterHandle, ClusterProvider, ClusterRequirements } from "../cluster/clusterHandle.js";
import { allowFanOut, childSignal, pause, withDeadline } from "../kube/deadline.js";
import { createKubeClients, type KubeClients } from "../kube/kubeClients.js";
import { createNamespace, deleteNamespace, scenarioNamespaceName } from "../kube/namespaceLifecycle.js";
import { connectivityProbe } from "../probes/connectivityProbe.js";
import type { ContinuousProbe } from "../probes/continuousProbe.js";
import { endpointsProbe } from "../probes/endpointsProbe.js";
import { httpProbe } from "../probes/httpProbe.js";
import type { HttpTarget } from "../probes/httpTarget.js";
import { CheckSession, waitForCondition, type StampedObservation } from "./checkSession.js";
import { DetectorTracker } from "./detectorTracker.js";
import { detectionResult, negativeControlResult, type DetectorVerdictInput } from "./detectorVerdicts.js";
import { formatDuration, parseDuration } from "./duration.js";
import { interpolate, type InterpolationValues } from "./interpolation.js";
import type { CheckKind, PreparationContext, RunContext, StepContext } from "./kindTypes.js";
import type { RemediationGate } from "./remediationGate.js";
import { RunClock } from "./runClock.js";
import { heartbeat, type RunLog } from "./runLog.js";
import type { ExpectationPhase, ExpectationResult, MonoMs, ProbeSummary, ScenarioResult } from "./runResult.js";
import type { LoadedScenario } from "./scenarioLoader.js";
import type { DetectorSpec, ExpectationSpec, StepSpec } from "./scenarioModel.js";
import { scenarioVerdict } from "./scenarioVerdict.js";
import { Timeline } from "./timeline.js";
import { planVariant, vacuityProblems, type ScenarioPlan } from "./variantPlan.js";


export interface ClusterSource {
  provider: ClusterProvider;
  offline: boolean;
  /** Keep a cluster the runner created (for debugging); reused clusters are never deleted here. */
  keep: boolean;
  timeoutMs: number;
}

export interface RunScenarioOptions {
  /** The cluster to run on, or where to get one for the scenario's requirements. */
  cluster: ClusterHandle | ClusterSource;
  runId: string;
  log: RunLog;
  clock?: RunClock;
  signal?: AbortSignal;
  /** Training mode: a person remediates instead of the scenario's remediate steps. */
  remediation?: RemediationGate;
  /** API clients for the cluster; built from its kubeconfig when absent. */
  kube?: KubeClients;
}

const NAMESPACE_TIMEOUT_MS = 30_000;
const NAMESPACE_DELETE_TIMEOUT_MS = 3 * 60_000;
/** How long a detector may take to report its first observation (a watch's first list, a first poll). */
const FIRST_OBSERVATION_GRACE_MS = 30_000;
/**
 * Past a sustained detector's `for`, measured from the last first observation: lets a condition
 * that held all along be reported (its timer fires a moment after `for`) inside the window.
 */
const SUSTAINED_MARGIN_MS = 1_000;
/** Steps enforce their own timeout; the runner's hard stop comes this much later, so their own (clearer) errors win. */
const STEP_GRACE_MS = 2_000;
const HEARTBEAT_MS = 10_000;

/** What a check asserts, in the words of reports and logs ("not: deployment web available"). */
function checkText(kind: CheckKind, spec: ExpectationSpec, params: unknown): string {
  return `${spec.negate ? "not: " : ""}${kind.describe(params)}`;
}

export async function runScenario(loaded: LoadedScenario, variant: string, options: RunScenarioOptions): Promise<ScenarioResult> {
  const plan = planVariant(loaded.definition, variant);
  return new ScenarioRun(loaded, plan, options).run();
}

function isClusterHandle(value: ClusterHandle | ClusterSource): value is ClusterHandle {
  return "kubeconfigPath" in value;
}

interface DetectorRun {
  spec: DetectorSpec;
  kind: CheckKind;
  params: unknown;
  tracker: DetectorTracker;
  session: CheckSession;
  description: string;
  /** Observations reported so far, readable or not. */
  observations: number;
  /** Notified on every observation, so the expect phase can stop waiting as soon as it fired. */
  onChange?: () => void;
}

class ScenarioRun {
  private readonly clock: RunClock;
  private readonly timeline: Timeline;
  private readonly log: RunLog;
  private readonly signal: AbortSignal;
  private readonly results: Record<ExpectationPhase, ExpectationResult[]> = {
    "negative-control": [],
    steady: [],
    expect: [],
    remediate: [],
    recover: [],
    cleanup: [],
  };
  private readonly outputs = new Map<string, unknown>();
  private readonly disposals: Array<{ name: string; dispose: () => Promise<void> }> = [];
  private readonly detectors: DetectorRun[] = [];
  private readonly probes: ContinuousProbe[] = [];
  private probeSummaries: ProbeSummary[] = [];
  private cluster: ClusterHandle | undefined;
  private acquired = false;
  private kube: KubeClients | undefined;
  private namespace = "default";
  private namespaceCreated = false;
  private faultAt: MonoMs | null = null;
  private readonly name: string;

  constructor(
    private readonly loaded: LoadedScenario,
    private readonly plan: ScenarioPlan,
    private readonly options: RunScenarioOptions,
  ) {
    this.clock = options.clock ?? new RunClock();
    this.timeline = new Timeline(this.clock);
    this.signal = options.signal ?? new AbortController().signal;
    // Every detector, expectation and probe observed at the same time listens on this signal and
    // removes its listener when it settles: a few dozen at once is the design.
    allowFanOut(this.signal);
    this.name = `${plan.definition.name}/${plan.variant.name}`;
    this.log = {
      info: (message) => options.log.info(`${this.name}: ${message}`),
      warn: (message) => options.log.warn(`${this.name}: ${message}`),
    };
  }

  async run(): Promise<ScenarioResult> {
    const startedAt = this.clock.now();
    try {
      await this.body();
    } catch (error) {
      // Anything unexpected: on the timeline and in the results, then cleanup as always.
      const message = describeError(error);
      this.timeline.record("error", "run", message);
      this.log.warn(`aborted: ${message}`);
      this.results.steady.push({ id: "run", phase: "steady", description: "the run completed without an unexpected error", verdict: "error", message });
    } finally {
      await this.stopObservers();
      await this.cleanup();
    }
    const expectations = [
      ...this.results.steady,
      ...this.results["negative-control"],
      ...this.results.expect,
      ...this.results.remediate,
      ...this.results.recover,
      ...this.results.cleanup,
    ];
    const cluster = this.cluster;
    const result: ScenarioResult = {
      scenario: this.plan.definition.name,
      variant: this.plan.variant.name,
      title: this.plan.definition.title,
      verdict: scenarioVerdict(expectations),
      startedAt,
      endedAt: this.clock.now(),
      faultAt: this.faultAt,
      cluster: { provider: cluster?.provider ?? "none", name: cluster?.name ?? "none" },
      expectations,
      probes: this.probeSummaries,
      timeline: this.timeline.snapshot(),
    };
    const version = await this.kubernetesVersion();
    if (version) result.cluster.kubernetesVersion = version;
    const nodes = await this.nodeCount();
    if (nodes) result.cluster.nodes = nodes;
    this.log.info(`${result.verdict} (${expectations.filter((e) => e.verdict === "passed").length}/${expectations.length} expectations passed)`);
    return result;
  }

  private async body(): Promise<void> {
    const vacuous = vacuityProblems(this.plan);
    if (vacuous.length > 0) {
      // The loader refuses such files; a plan can still end up here through programmatic use.
      this.results.steady.push({ id: "scenario.can-fail", phase: "steady", description: "the scenario asserts something that can fail", verdict: "failed", message: vacuous.join("; ") });
      return;
    }

    this.phase("cluster");
    this.cluster = await this.acquireCluster();
    this.kube = this.options.kube ?? createKubeClients(this.cluster.kubeconfigPath, this.cluster.contextName);
    // Every scenario injects a fault (the loader refuses one that does not), so the safety gate
    // applies before anything touches the cluster, whatever kinds the fault steps are.
    assertFaultsAllowed(this.cluster, `inject the faults of scenario ${this.plan.definition.name}`);

    this.phase("setup");
    await this.setupNamespace();
    if (!(await this.runSteps(this.plan.setup, "setup"))) return this.skipAfter("setup failed");

    this.phase("steady");
    this.startProbes();
    const steady = await Promise.all(this.plan.steadyExpect.map((spec) => this.evaluate(spec, "steady", this.clock.now())));
    this.results.steady.push(...steady);
    if (steady.some((result) => result.verdict !== "passed")) return this.skipAfter("the steady state never held, so a fault would prove nothing");
    // The negative control starts only now: what a detector says while the baseline settles is not
    // a false alarm, and a detector that fires once the steady state holds is one.
    await this.negativeControlWindow();

    this.phase("fault");
    this.faultAt = this.clock.now();
    for (const detector of this.detectors) {
      detector.tracker.markFault(this.faultAt);
      this.results["negative-control"].push(negativeControlResult(this.verdictInput(detector), detector.tracker.negativeControl));
    }
    const faultOk = await this.runSteps(this.plan.fault, "fault");
    if (!faultOk) return this.skipAfter("the fault could not be injected");

    this.phase("expect");
    const t0 = this.faultAt;
    const [expectations] = await Promise.all([
      Promise.all(this.plan.expect.map((spec) => this.evaluate(spec, "expect", t0))),
      Promise.all(this.detectors.filter((d) => d.spec.expect === "fire").map((d) => this.awaitDetection(d, t0))),
    ]);
    this.results.expect.push(...expectations);
    // Blind spots must stay silent at least through their window, and through the whole expect phase;
    // at its end a fresh look shows the check still reads the cluster (a watch with nothing new to
    // say reports nothing, and silence without evidence proves nothing).
    await Promise.all(
      this.detectors
        .filter((d) => d.spec.expect === "silent")
        .map(async (d) => {
          await this.untilInstant(t0 + d.spec.withinMs);
          await this.freshLook(d);
        }),
    );
    await this.stopDetectors();
    for (const detector of this.detectors) this.results.expect.push(detectionResult(this.verdictInput(detector), detector.tracker.close()));

    this.phase("remediate");
    const remediationStart = this.clock.now();
    const someoneActs = this.options.remediation !== undefined || this.plan.remediate.length > 0;
    // Time to recover runs from the start of remediation (from t0 when nobody acts). Deadlines count
    // from there too, except that a trainee gets as long as they need: theirs count from "done",
    // and the time the person took is added to each TTR.
    const recoveryStart = someoneActs ? remediationStart : t0;
    let reference = recoveryStart;
    if (this.options.remediation) {
      const outcome = await this.options.remediation.waitForPerson(this.briefing(), this.signal);
      reference = this.clock.now();
      this.timeline.record("remediation", "person", `${outcome.gaveUp ? "gave up" : "says it is fixed"} after ${formatDuration(reference - remediationStart)}`);
      if (outcome.gaveUp) {
        this.results.remediate.push({ id: "remediate.person", phase: "remediate", description: "the trainee fixed the cluster", verdict: "failed", message: "gave up" });
        return this.skipAfter("the trainee gave up");
      }
    } else if (!(await this.runSteps(this.plan.remediate, "remediate"))) {
      return this.skipAfter("a remediation step failed");
    }

    this.phase("recover");
    const recovered = await Promise.all(this.plan.recover.map((spec) => this.evaluate(spec, "recover", reference, reference - recoveryStart)));
    this.results.recover.push(...recovered);
  }

  // ── cluster and namespace ────────────────────────────────────────────────────────────────

  private async acquireCluster(): Promise<ClusterHandle> {
    const source = this.options.cluster;
    if (isClusterHandle(source)) return source;
    const requirements = await this.prepareCluster();
    this.log.info(`acquiring a cluster (${requirements.controlPlanes} control plane, ${requirements.workers} worker)`);
    const stop = heartbeat(HEARTBEAT_MS, (elapsed) => this.log.info(`… still acquiring a cluster (${formatDuration(elapsed)})`), this.clock.now);
    const acquiring = source.provider.acquire(requirements, { runId: this.options.runId, offline: source.offline, timeoutMs: source.timeoutMs });
    try {
      const cluster = await withDeadline(acquiring, source.timeoutMs + STEP_GRACE_MS, "acquire cluster", this.signal);
      this.acquired = true;
      this.timeline.record("note", "cluster", `${cluster.provider} ${cluster.name}`);
      return cluster;
    } catch (error) {
      if (this.signal.aborted) await this.releaseLateCluster(acquiring, source);
      throw error;
    } finally {
      stop();
    }
  }

  /**
   * Interrupted while the cluster was being made: `kind create` cannot be cancelled, so wait for it
   * to finish and delete what it made — an interrupted run must not leave a cluster behind.
   */
  private async releaseLateCluster(acquiring: Promise<ClusterHandle>, source: ClusterSource): Promise<void> {
    this.log.info("interrupted while the cluster is being created: waiting for it to finish, then deleting it");
    try {
      const late = await withDeadline(acquiring, source.timeoutMs + STEP_GRACE_MS, "finish cluster creation");
      await withDeadline(source.provider.release(late, { keep: source.keep, timeoutMs: source.timeoutMs }), source.timeoutMs + STEP_GRACE_MS, "release cluster");
      this.log.info(`${source.keep ? "kept" : "deleted"} cluster ${late.name}, created after the interruption`);
    } catch (error) {
      // A creation that failed cleans up after itself; anything else is left for `gameday clean`.
      this.log.warn(`after the interruption: ${describeError(error)} — \`gameday clean\` removes what is left`);
    }
  }

  /** Runs the scenario's cluster preparations (host-side, before any cluster exists) in order. */
  private async prepareCluster(): Promise<ClusterRequirements> {
    let requirements = this.plan.definition.cluster;
    for (const preparation of this.loaded.registry.clusterPreparations()) {
      this.log.info(`preparing the cluster: ${preparation.summary}`);
      const context: PreparationContext = {
        scenario: this.plan.definition.name,
        variant: this.plan.variant.name,
        runId: this.options.runId,
        scenarioDir: this.plan.definition.dir,
        settings: this.plan.settings,
        log: this.log,
        timeline: this.timeline,
        now: this.clock.now,
        signal: this.signal,
      };
      const prepared = await preparation.prepare(requirements, context);
      if (prepared.dispose) this.disposals.push({ name: preparation.name, dispose: prepared.dispose });
      if (prepared.output !== undefined) this.outputs.set(preparation.name, prepared.output);
      this.timeline.record("step", preparation.name, prepared.detail ?? "prepared");
      requirements = prepared.requirements;
    }
    return requirements;
  }

  private async setupNamespace(): Promise<void> {
    const wanted = this.plan.definition.namespace;
    if (wanted === null) return;
    this.namespace = wanted === "auto" ? scenarioNamespaceName(this.plan.definition.name, this.options.runId) : wanted;
    await createNamespace(this.kube!, this.namespace, { runId: this.options.runId, scenario: this.plan.definition.name }, { timeoutMs: NAMESPACE_TIMEOUT_MS, signal: this.signal });
    this.namespaceCreated = true;
    this.timeline.record("step", "namespace", `created ${this.namespace}`);
  }

  // ── steps ────────────────────────────────────────────────────────────────────────────────

  /** Runs steps in order; false when one failed (and was not allowed to). Failures become results. */
  private async runSteps(steps: StepSpec[], phase: "setup" | "fault" | "remediate" | "cleanup", signal = this.signal): Promise<boolean> {
    for (const spec of steps) {
      const outcome = await this.runStep(spec, phase, signal);
      const resultPhase: ExpectationPhase = phase === "setup" ? "steady" : phase === "fault" ? "expect" : phase;
      // Remediation steps are what is being tested, so each is a result; other steps only when they fail.
      if (phase === "remediate" || !outcome.ok) {
        const result: ExpectationResult = {
          id: spec.id,
          phase: resultPhase,
          description: `${phase} step: ${outcome.description}`,
          verdict: outcome.ok ? "passed" : "error",
          observedAt: outcome.endedAt,
        };
        if (outcome.message) result.message = outcome.message;
        this.results[resultPhase].push(result);
      }
      if (!outcome.ok && !spec.continueOnError) return false;
    }
    return true;
  }

  private async runStep(
    spec: StepSpec,
    phase: "setup" | "fault" | "remediate" | "cleanup",
    parentSignal: AbortSignal,
  ): Promise<{ ok: boolean; description: string; message?: string; endedAt: MonoMs }> {
    const kind = this.loaded.registry.step(spec.kind);
    let description = spec.description ?? spec.kind;
    if (!kind) return { ok: false, description, message: `unknown step kind ${spec.kind}`, endedAt: this.clock.now() };
    const timeoutMs = spec.timeoutMs ?? kind.defaultTimeoutMs;
    const { signal, release } = childSignal(parentSignal, timeoutMs + STEP_GRACE_MS, `${phase} step ${spec.id}`);
    const started = this.clock.now();
    if (phase === "fault") this.timeline.record("fault", spec.id, spec.description, started);
    let stopHeartbeat = () => undefined as void;
    try {
      const params = interpolate(spec.params, this.values());
      description = spec.description ?? kind.describe(params);
      this.log.info(`${phase}: ${description}`);
      stopHeartbeat = heartbeat(HEARTBEAT_MS, (elapsed) => this.log.info(`… ${description} (${formatDuration(elapsed)} of ${formatDuration(timeoutMs)})`), this.clock.now);
      const context: StepContext = { ...this.context(signal), timeoutMs, stepId: spec.id };
      const outcome = await withDeadline(kind.run(params, context), timeoutMs + 2 * STEP_GRACE_MS, `${phase} step ${spec.id}`, signal);
      if (outcome?.output !== undefined) this.outputs.set(spec.id, outcome.output);
      const detail = outcome?.detail ?? "ok";
      this.timeline.record(phase === "remediate" ? "remediation" : "step", spec.id, detail);
      return { ok: true, description, message: detail, endedAt: this.clock.now() };
    } catch (error) {
      const message = describeError(error);
      this.timeline.record(phase === "remediate" ? "remediation" : "step", spec.id, `failed: ${message}`);
      this.log.warn(`${phase} step ${spec.id} failed after ${formatDuration(this.clock.now() - started)}: ${message}`);
      return { ok: false, description, message, endedAt: this.clock.now() };
    } finally {
      stopHeartbeat();
      release();
    }
  }

  // ── expectations ─────────────────────────────────────────────────────────────────────────

  /** `recoverOffsetMs`: time before `reference` that counts toward time-to-recover (a trainee's work). */
  private async evaluate(spec: ExpectationSpec, phase: "steady" | "expect" | "recover", reference: MonoMs, recoverOffsetMs = 0): Promise<ExpectationResult> {
    const kind = this.loaded.registry.check(spec.kind);
    const base: ExpectationResult = { id: spec.id, phase, description: spec.description ?? spec.kind, verdict: "error", deadlineMs: spec.withinMs };
    if (spec.standsFor) base.standsFor = spec.standsFor;
    if (!kind) return { ...base, message: `unknown check kind ${spec.kind}` };
    let params: unknown;
    try {
      params = interpolate(spec.params, this.values());
    } catch (error) {
      return { ...base, message: describeError(error) };
    }
    const what = checkText(kind, spec, params);
    base.description = spec.description ?? `${what} within ${formatDuration(spec.withinMs)}${spec.holdForMs ? `, holding ${formatDuration(spec.holdForMs)}` : ""}`;
    this.log.info(`${phase}: waiting up to ${formatDuration(reference + spec.withinMs - this.clock.now())} for ${what}`);
    const outcome = await waitForCondition(kind, params, this.context(this.signal), { reference, withinMs: spec.withinMs, holdForMs: spec.holdForMs, negate: spec.negate });
    if (outcome.status === "passed") {
      const result: ExpectationResult = { ...base, verdict: "passed", observedAt: outcome.observedAt, message: outcome.detail };
      if (phase === "expect") {
        result.timeToDetectMs = outcome.elapsedMs;
        this.timeline.record("symptom", spec.id, outcome.detail, outcome.observedAt);
      }
      if (phase === "recover") {
        result.timeToRecoverMs = outcome.elapsedMs + recoverOffsetMs;
        if (outcome.firstObservation) result.message = `already held when first observed, so recovery took at most ${formatDuration(result.timeToRecoverMs)}: ${outcome.detail}`;
        this.timeline.record("recovery", spec.id, outcome.detail, outcome.observedAt);
      }
      this.log.info(`${phase}: ✓ ${spec.id} after ${formatDuration(result.timeToRecoverMs ?? outcome.elapsedMs)}`);
      return result;
    }
    if (outcome.status === "pending") return { ...base, message: "the observation ended without a verdict" };
    this.log.warn(`${phase}: ✗ ${spec.id}: ${outcome.detail}`);
    return { ...base, verdict: outcome.status === "failed" ? "failed" : "error", observedAt: outcome.observedAt, message: outcome.detail };
  }

  // ── detectors ────────────────────────────────────────────────────────────────────────────

  /** Starts every detector with its baseline window open from `from` (the steady state holds). */
  private startDetectors(from: MonoMs): void {
    for (const spec of this.plan.detectors) {
      const kind = this.loaded.registry.check(spec.kind);
      if (!kind) throw new Error(`unknown check kind ${spec.kind} for detector ${spec.id}`);
      const params = interpolate(spec.params, this.values());
      const tracker = new DetectorTracker({ expect: spec.expect, withinMs: spec.withinMs, negate: spec.negate });
      tracker.openBaseline(from);
      const description = `${spec.negate ? "not: " : ""}${kind.describe(params)}`;
      // The callbacks below only run after start(), when `run` is initialised.
      const session = new CheckSession(
        kind,
        params,
        this.context(this.signal),
        (observation) => this.feed(run, observation),
        (error) => {
          this.timeline.record("error", spec.id, `detector stopped observing: ${describeError(error)}`);
          run.onChange?.();
        },
      );
      const run: DetectorRun = { spec, kind, params, tracker, description, session, observations: 0 };
      session.start();
      this.detectors.push(run);
    }
  }

  private feed(run: DetectorRun, observation: StampedObservation): void {
    const wasPending = run.tracker.result.status === "pending";
    run.observations += 1;
    run.tracker.observe(observation);
    const after = run.tracker.result;
    if (wasPending && after.status === "fired") this.timeline.record("detection", run.spec.id, observation.detail, after.at);
    run.onChange?.();
  }

  /**
   * The negative-control window: detectors start now, each must report a first observation
   * (bounded), and the window lasts steady.observeFor — longer if a sustained detector's `for`
   * would not fit after the last first observation (the loader refuses observeFor < for; startup
   * latency is what this covers).
   */
  private async negativeControlWindow(): Promise<void> {
    const from = this.clock.now();
    this.startDetectors(from);
    if (this.detectors.length === 0) return;
    this.log.info(`steady: the steady state holds; every detector must stay silent for ${formatDuration(this.plan.definition.steady.observeForMs)} (negative control)`);
    await this.untilEveryDetector((d) => d.observations > 0, FIRST_OBSERVATION_GRACE_MS);
    const longestFor = Math.max(0, ...this.detectors.map((d) => d.kind.firesAfterMs?.(d.params) ?? 0));
    const end = Math.max(from + this.plan.definition.steady.observeForMs, longestFor > 0 ? this.clock.now() + longestFor + SUSTAINED_MARGIN_MS : 0);
    await this.untilInstant(end);
  }

  /** Resolves when `done` holds for every detector that is still observing, or after `timeoutMs`. */
  private async untilEveryDetector(done: (detector: DetectorRun) => boolean, timeoutMs: number): Promise<void> {
    const waiting = () => this.detectors.filter((d) => !done(d) && !d.session.error);
    if (waiting().length === 0) return;
    const signal = this.signal;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, timeoutMs);
      function finish() {
        clearTimeout(timer);
        signal.removeEventListener("abort", finish);
        resolve();
      }
      for (const detector of this.detectors) detector.onChange = () => waiting().length === 0 && finish();
      signal.addEventListener("abort", finish, { once: true });
    });
    for (const detector of this.detectors) delete detector.onChange;
  }

  /**
   * Evidence at the end of a blind spot's window: a new session of the same check (a fresh list for
   * watches, a new evaluation for polled checks), whose first observation is fed to the detector.
   * Nothing within the bound leaves the blind spot without evidence: could not tell.
   */
  private async freshLook(detector: DetectorRun): Promise<void> {
    if (this.signal.aborted) return;
    const { signal, release } = childSignal(this.signal, FIRST_OBSERVATION_GRACE_MS, `fresh look at detector ${detector.spec.id}`);
    let session: CheckSession | undefined;
    try {
      await new Promise<void>((resolve) => {
        let seen = false;
        session = new CheckSession(
          detector.kind,
          detector.params,
          this.context(signal),
          (observation) => {
            if (seen) return;
            seen = true;
            this.feed(detector, observation);
            resolve();
          },
          () => resolve(),
        );
        signal.addEventListener("abort", () => resolve(), { once: true });
        session.start();
      });
    } finally {
      await session?.stop();
      release();
    }
  }

  private verdictInput(detector: DetectorRun): DetectorVerdictInput {
    const input: DetectorVerdictInput = { spec: detector.spec, description: detector.description };
    if (detector.session.error) input.sessionError = describeError(detector.session.error);
    return input;
  }

  /** Resolves when a "fire" detector fired, stopped observing, or its deadline passed. */
  private awaitDetection(detector: DetectorRun, t0: MonoMs): Promise<void> {
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        delete detector.onChange;
        resolve();
      };
      const timer = setTimeout(finish, Math.max(0, t0 + detector.spec.withinMs - this.clock.now()) + 1);
      detector.onChange = () => {
        if (detector.tracker.result.status === "fired" || detector.session.error) finish();
      };
      detector.onChange();
    });
  }

  private async stopDetectors(): Promise<void> {
    await Promise.all(this.detectors.map((detector) => detector.session.stop()));
  }

  // ── probes ───────────────────────────────────────────────────────────────────────────────

  private startProbes(): void {
    for (const spec of this.plan.probes) {
      const onChange = (up: boolean, at: MonoMs, detail: string) => this.timeline.record("probe", spec.id, `${up ? "up" : "down"}: ${detail}`, at);
      const params = interpolate(spec.params, this.values()) as Record<string, unknown>;
      // A probe may name an object in another namespace, as the checks can (`namespace:`).
      const namespace = typeof params.namespace === "string" ? params.namespace : this.namespace;
      let probe: ContinuousProbe;
      if (spec.kind === "http") {
        const { expectStatus, timeout, namespace: _namespace, ...target } = params as HttpTarget & { expectStatus?: number; timeout?: string; namespace?: string };
        probe = httpProbe({
          name: spec.id,
          target,
          environment: { kube: this.kube!, cluster: this.cluster!, namespace },
          everyMs: spec.everyMs,
          requestTimeoutMs: timeout ? parseDuration(timeout) : 5_000,
          now: this.clock.now,
          onChange,
          ...(expectStatus !== undefined ? { expectStatus } : {}),
        });
      } else if (spec.kind === "connectivity") {
        probe = connectivityProbe({
          name: spec.id,
          kube: this.kube!,
          target: {
            namespace,
            selector: String(params.selector),
            port: Number(params.port),
            path: typeof params.path === "string" ? params.path : "/",
            requestTimeoutSeconds: Number(params.requestTimeoutSeconds ?? 1),
          },
          everyMs: spec.everyMs,
          now: this.clock.now,
          onChange,
        });
      } else {
        probe = endpointsProbe({
          name: spec.id,
          kube: this.kube!,
          namespace,
          service: String(params.service),
          min: Number(params.min ?? 1),
          everyMs: spec.everyMs,
          now: this.clock.now,
          onChange,
          onError: (error) => this.timeline.record("error", spec.id, `probe stopped: ${describeError(error)}`),
        });
      }
      probe.start();
      this.probes.push(probe);
    }
  }

  private async stopObservers(): Promise<void> {
    await this.stopDetectors();
    if (this.probes.length > 0 && this.probeSummaries.length === 0) {
      this.probeSummaries = await Promise.all(this.probes.map((probe) => probe.stop()));
    }
  }

  // ── cleanup ──────────────────────────────────────────────────────────────────────────────

  /** Always runs, with its own deadlines (the run may have been cancelled). */
  private async cleanup(): Promise<void> {
    this.phase("cleanup");
    const cleanupSignal = new AbortController().signal;
    try {
      if (this.kube && this.cluster) {
        await this.runSteps(this.plan.cleanup, "cleanup", cleanupSignal);
        if (this.namespaceCreated) {
          this.log.info(`cleanup: deleting namespace ${this.namespace}`);
          const started = this.clock.now();
          const result: ExpectationResult = {
            id: "cleanup.namespace-deleted",
            phase: "cleanup",
            description: `namespace ${this.namespace} deleted and gone within ${formatDuration(NAMESPACE_DELETE_TIMEOUT_MS)}`,
            verdict: "passed",
            deadlineMs: NAMESPACE_DELETE_TIMEOUT_MS,
          };
          try {
            result.message = await deleteNamespace(this.kube, this.namespace, { timeoutMs: NAMESPACE_DELETE_TIMEOUT_MS, signal: cleanupSignal });
            result.observedAt = this.clock.now();
            this.timeline.record("step", "namespace", `deleted ${this.namespace} in ${formatDuration(this.clock.now() - started)}`);
          } catch (error) {
            result.verdict = "failed";
            result.message = `leaked: ${describeError(error)}`;
            this.timeline.record("error", "namespace", result.message);
          }
          this.results.cleanup.push(result);
        }
      }
    } finally {
      if (this.acquired && this.cluster && !isClusterHandle(this.options.cluster)) {
        const source = this.options.cluster;
        try {
          await withDeadline(source.provider.release(this.cluster, { keep: source.keep, timeoutMs: source.timeoutMs }), source.timeoutMs + STEP_GRACE_MS, "release cluster");
        } catch (error) {
          const message = describeError(error);
          this.timeline.record("error", "cluster", `release failed: ${message}`);
          this.results.cleanup.push({ id: "cleanup.cluster-released", phase: "cleanup", description: "cluster released", verdict: "error", message });
        }
      }
      // What preparations made on the host goes last: the cluster may have mounted it until now.
      for (const { name, dispose } of this.disposals.reverse()) {
        try {
          await dispose();
        } catch (error) {
          const message = describeError(error);
          this.timeline.record("error", name, `cleanup of the cluster preparation failed: ${message}`);
          this.results.cleanup.push({ id: `cleanup.${name}`, phase: "cleanup", description: `${name}: host files removed`, verdict: "error", message });
        }
      }
    }
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────────────

  private phase(name: string): void {
    this.timeline.record("phase", name);
    this.log.info(`── ${name}`);
  }

  private skipAfter(reason: string): void {
    this.timeline.record("note", "skipped", reason);
    const reached = new Set(Object.values(this.results).flat().map((result) => result.id));
    const skip = (specs: Array<{ id: string; description?: string }>, phase: ExpectationPhase) => {
      for (const spec of specs) {
        if (reached.has(spec.id)) continue;
        this.results[phase].push({ id: spec.id, phase, description: spec.description ?? spec.id, verdict: "skipped", message: `not run: ${reason}` });
      }
    };
    if (this.faultAt === null) {
      skip(this.plan.detectors.map((d) => ({ id: `${d.id}.negative-control`, description: `${d.description ?? d.id}: silent on the healthy baseline` })), "negative-control");
    }
    skip(this.plan.expect, "expect");
    skip(this.plan.detectors, "expect");
    skip(this.plan.remediate, "remediate");
    skip(this.plan.recover, "recover");
  }

  /** Waits until a run-clock instant; this is an observation window, not a guess at readiness. */
  private async untilInstant(at: MonoMs): Promise<void> {
    const rest = at - this.clock.now();
    if (rest > 0) await pause(rest, this.signal);
  }

  private values(): InterpolationValues {
    return {
      namespace: this.namespace,
      runId: this.options.runId,
      scenario: this.plan.definition.name,
      variant: this.plan.variant.name,
      scenarioDir: this.plan.definition.dir,
      settings: this.plan.settings,
    };
  }

  private context(signal: AbortSignal): RunContext {
    const dir = this.plan.definition.dir;
    return {
      scenario: this.plan.definition.name,
      variant: this.plan.variant.name,
      runId: this.options.runId,
      namespace: this.namespace,
      scenarioDir: dir,
      settings: this.plan.settings,
      cluster: this.cluster!,
      kube: this.kube!,
      log: this.log,
      timeline: this.timeline,
      now: this.clock.now,
      signal,
      resolvePath: (relative) => (relative.startsWith("/") ? relative : `${dir}/${relative}`),
      registry: this.loaded.registry,
      outputs: this.outputs,
    };
  }

  /** A check as reports name it ("deployment orders available"), falling back to its id. */
  private describeCheck(spec: ExpectationSpec): string {
    const kind = this.loaded.registry.check(spec.kind);
    try {
      return kind ? checkText(kind, spec, interpolate(spec.params, this.values())) : spec.id;
    } catch {
      return spec.id;
    }
  }

  private briefing() {
    return {
      scenario: this.plan.definition.name,
      variant: this.plan.variant.name,
      title: this.plan.definition.title,
      story: this.plan.definition.story,
      hints: this.plan.definition.hints,
      namespace: this.namespace,
      kubeconfigPath: this.cluster!.kubeconfigPath,
      contextName: this.cluster!.contextName,
      recoveryChecks: this.plan.recover.map((spec) => spec.description ?? this.describeCheck(spec)),
    };
  }

  private async nodeCount(): Promise<number | undefined> {
    if (!this.cluster) return undefined;
    try {
      return (await withDeadline(this.cluster.nodes(), 10_000, "list nodes")).length || undefined;
    } catch {
      return undefined; // display-only, like the version below
    }
  }

  private async kubernetesVersion(): Promise<string | undefined> {
    if (!this.cluster) return undefined;
    try {
      return await withDeadline(this.cluster.kubernetesVersion(), 10_000, "kubernetes version");
    } catch {
      return undefined; // display-only; the run's verdicts do not depend on it
    }
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

