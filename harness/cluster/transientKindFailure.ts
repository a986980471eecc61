// Tells a cluster creation that failed for a passing reason from one that will fail again.
// On a loaded host, the container runtime sometimes loses the race to start a process in a node
// ("error writing config to pipe: write init-p: broken pipe") while kind copies its files in; kind
// then deletes the half-made cluster. Retrying such a failure once is what a person would do;
// retrying anything else (bad config, missing image, kubeadm errors) would only hide it.

const TRANSIENT_PATTERNS: readonly RegExp[] = [
  /write init-p: broken pipe/,
  /OCI runtime exec failed: exec failed: unable to start container process/,
  /error during container init/,
];

export function isTransientKindFailure(message: string): boolean {
  return TRANSIENT_PATTERNS.some((pattern) => pattern.test(message));
}
