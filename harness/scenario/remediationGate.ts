// The seam between automated remediation and training mode. In CI the runner executes the
// scenario's remediate steps; in `gameday train` it hands the broken cluster to a person through
// this interface and measures time-to-recover from the moment of hand-over.

export interface RemediationBriefing {
  scenario: string;
  variant: string;
  title: string;
  story: string;
  hints: string[];
  namespace: string;
  /** Kubeconfig path of the cluster to fix (never printed into reports). */
  kubeconfigPath: string;
  contextName: string;
  /** What will be checked afterwards, one line each (the recover expectations). */
  recoveryChecks: string[];
}

export interface RemediationGate {
  /**
   * Resolves when the person says they are done (then recovery is checked), or with
   * `gaveUp: true`. Must honour `signal` (run cancelled). Implemented by the CLI (prompt, hints).
   */
  waitForPerson(briefing: RemediationBriefing, signal: AbortSignal): Promise<{ gaveUp: boolean }>;
}
