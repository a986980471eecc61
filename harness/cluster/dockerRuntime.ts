// The one way the harness reaches the Docker engine: testcontainers' container runtime client,
// obtained once per process and bounded by a deadline (an absent engine must fail fast, not hang).
import { getContainerRuntimeClient, type ContainerRuntimeClient } from "testcontainers";

import { HarnessError } from "./harnessError.js";
import { withDeadline } from "./withDeadline.js";

export class DockerUnavailableError extends HarnessError {
  constructor(detail: string, cause?: unknown) {
    super("infrastructure", `the Docker engine is not reachable: ${detail}`, {
      hint: "start it with `bash clusters/bootstrap/ensure-docker.sh` (or `bash clusters/bootstrap/ensure-host.sh`), then run `gameday doctor`",
      cause,
    });
  }
}

let client: Promise<ContainerRuntimeClient> | undefined;

export async function dockerRuntime(timeoutMs = 15_000): Promise<ContainerRuntimeClient> {
  client ??= withDeadline(getContainerRuntimeClient(), timeoutMs, "connecting to the Docker engine").catch((err: unknown) => {
    client = undefined; // let a later call retry once the engine is up
    throw err instanceof HarnessError ? new DockerUnavailableError(err.message, err) : new DockerUnavailableError(firstLine(err), err);
  });
  return client;
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n")[0] ?? text;
}
