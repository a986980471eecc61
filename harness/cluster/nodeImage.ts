// The node image must already be in the local engine: the offline kit builds it, and the harness
// never pulls in offline mode (kind would otherwise try a registry and hang on a closed network).
import type { ContainerRuntimeClient } from "testcontainers";
import { ImageName } from "testcontainers";

import { HarnessError } from "./harnessError.js";
import { KIT_BUILD_COMMAND } from "./kitLock.js";
import { withDeadline } from "./withDeadline.js";

export class NodeImageMissingError extends HarnessError {
  constructor(readonly image: string) {
    super("infrastructure", `the kind node image ${image} is not in the local Docker engine`, {
      hint: `build the offline kit with \`${KIT_BUILD_COMMAND}\` (or drop --offline to let kind pull it)`,
    });
  }
}

export async function nodeImagePresent(runtime: ContainerRuntimeClient, image: string, timeoutMs = 15_000): Promise<boolean> {
  return withDeadline(runtime.image.exists(ImageName.fromString(image)), timeoutMs, `looking up image ${image}`);
}
