// The step and check kinds a scenario may use, by YAML key. Built-ins register themselves through
// builtinKinds.ts; a scenario's steps.ts adds its own to a child registry, so one scenario's
// kinds never leak into another's.

import type { CheckKind, ClusterPreparation, StepKind } from "./kindTypes.js";
import { nearestName } from "./nearestName.js";

export class DuplicateKindError extends Error {
  constructor(readonly kind: string, readonly what: "step" | "check") {
    super(`${what} kind "${kind}" is registered twice: rename one of them (kind names are the YAML keys and must be unique)`);
    this.name = "DuplicateKindError";
  }
}

const KIND_NAME = /^[a-z][A-Za-z0-9]*$/;

export class KindRegistry {
  private readonly steps = new Map<string, StepKind>();
  private readonly checks = new Map<string, CheckKind>();
  private readonly preparations: ClusterPreparation[] = [];

  constructor(private readonly parent?: KindRegistry) {}

  // Parameter types are erased here: the registry holds kinds of every params type, and the loader
  // validates params against each kind's schema before they reach `run`/`observe`.
  addStep<P>(kind: StepKind<P>): this {
    this.assertNew(kind.kind, "step");
    this.steps.set(kind.kind, kind as unknown as StepKind);
    return this;
  }

  addCheck<P>(kind: CheckKind<P>): this {
    this.assertNew(kind.kind, "check");
    this.checks.set(kind.kind, kind as unknown as CheckKind);
    return this;
  }

  /** Host-side work before the cluster is acquired (see ClusterPreparation). */
  addClusterPreparation(preparation: ClusterPreparation): this {
    if (this.clusterPreparations().some((p) => p.name === preparation.name)) {
      throw new Error(`cluster preparation "${preparation.name}" is registered twice: its name keys its output, so it must be unique`);
    }
    this.preparations.push(preparation);
    return this;
  }

  clusterPreparations(): ClusterPreparation[] {
    return [...(this.parent?.clusterPreparations() ?? []), ...this.preparations];
  }

  step(kind: string): StepKind | undefined {
    return this.steps.get(kind) ?? this.parent?.step(kind);
  }

  check(kind: string): CheckKind | undefined {
    return this.checks.get(kind) ?? this.parent?.check(kind);
  }

  stepKinds(): string[] {
    return [...new Set([...(this.parent?.stepKinds() ?? []), ...this.steps.keys()])].sort();
  }

  checkKinds(): string[] {
    return [...new Set([...(this.parent?.checkKinds() ?? []), ...this.checks.keys()])].sort();
  }

  /** The closest registered name, for "did you mean" hints. */
  suggestStep(kind: string): string | undefined {
    return nearestName(kind, this.stepKinds());
  }

  suggestCheck(kind: string): string | undefined {
    return nearestName(kind, this.checkKinds());
  }

  /** A registry for one scenario's local kinds, falling back to this one. */
  child(): KindRegistry {
    return new KindRegistry(this);
  }

  private assertNew(kind: string, what: "step" | "check"): void {
    if (!KIND_NAME.test(kind)) {
      throw new Error(`${what} kind "${kind}" is not a valid name: use lowerCamelCase letters and digits, e.g. "helmOrphanRelease"`);
    }
    // Steps and checks share the YAML key space of a scenario file, so a name may not be both.
    if (this.step(kind) || this.check(kind)) throw new DuplicateKindError(kind, what);
  }
}
