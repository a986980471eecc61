// What the CA rotation does with the answer to "is this action still needed?". Pure, so the rule
// that matters is unit-tested: a check that could not run is never read as "not needed". A real
// run stops there with the error (it must not go on changing nodes on a guess); a dry run shows
// the action as "could not check", with the error, and the repair as a whole ends non-zero.

export type Assessment = { needed: boolean; why: string } | { couldNotCheck: string };

export type ActionStatus = "done" | "not needed" | "would run" | "could not check";

export type AssessmentOutcome =
  | { next: "skip"; status: "not needed" | "could not check"; detail: string }
  | { next: "act"; why: string };

export class CaCheckError extends Error {
  constructor(action: string, problem: string) {
    super(`${action}: could not check whether it is needed: ${problem} — nothing after it was changed; fix the cause and run the repair again (it resumes where it stopped)`);
    this.name = "CaCheckError";
  }
}

export function assessmentOutcome(action: string, assessment: Assessment, dryRun: boolean): AssessmentOutcome {
  if ("couldNotCheck" in assessment) {
    if (!dryRun) throw new CaCheckError(action, assessment.couldNotCheck);
    return { next: "skip", status: "could not check", detail: assessment.couldNotCheck };
  }
  if (!assessment.needed) return { next: "skip", status: "not needed", detail: assessment.why };
  return { next: "act", why: assessment.why };
}

/** The actions a (dry) run could not check: any of them makes the repair's answer incomplete. */
export function uncheckedActions(actions: ReadonlyArray<{ id: string; status: ActionStatus }>): string[] {
  return actions.filter((a) => a.status === "could not check").map((a) => a.id);
}
