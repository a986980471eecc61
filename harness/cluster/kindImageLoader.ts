// Addon images (an ingress controller, a policy engine …) into the nodes of a kind cluster. The
// node image carries only what every cluster needs; a scenario names the rest under
// `cluster.images`, and the kind provider calls this on every acquire, created or reused:
//
//   present in the local Docker engine  → `kind load docker-image` (kind skips nodes that have it)
//   missing, online                      → docker pull, then load
//   missing, offline (or the pull fails) → AddonImageMissingError naming `npm run kit`
//
// Checking happens before a cluster is created (ensureLocal), so a missing image costs seconds,
// not a cluster.

import type { ContainerRuntimeClient } from "testcontainers";
import { ImageName } from "testcontainers";
import { HarnessError } from "./harnessError.js";
import type { KindCli } from "./kindCli.js";
import { KIT_BUILD_COMMAND } from "./kitLock.js";
import { withDeadline } from "./withDeadline.js";

export class AddonImageMissingError extends HarnessError {
  constructor(readonly image: string, why: string) {
    super("infrastructure", `the scenario needs image ${image}, which is not in the local Docker engine (${why})`, {
      hint: `build the offline kit with \`${KIT_BUILD_COMMAND}\` (its addon-images stage builds the images scenarios load), or run online so it can be pulled`,
    });
  }
}

const LOOKUP_TIMEOUT_MS = 15_000;

export interface ImageLoaderDeps {
  runtime: ContainerRuntimeClient;
  kind: KindCli;
  progress: (line: string) => void;
}

/** Makes sure every image is in the local engine: pulls missing ones unless offline. */
export async function ensureLocalImages(images: readonly string[], deps: ImageLoaderDeps, options: { offline: boolean; timeoutMs: number }): Promise<void> {
  for (const image of images) {
    const name = ImageName.fromString(image);
    if (await withDeadline(deps.runtime.image.exists(name), LOOKUP_TIMEOUT_MS, `looking up image ${image}`)) continue;
    if (options.offline) throw new AddonImageMissingError(image, "--offline forbids pulling it");
    deps.progress(`image ${image} is not present locally: pulling it`);
    try {
      await withDeadline(deps.runtime.image.pull(name), options.timeoutMs, `pulling ${image}`);
    } catch (error) {
      throw new AddonImageMissingError(image, `pulling it failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
  }
}

/** Loads every image into every node of the cluster (kind leaves nodes that already have it alone). */
export async function loadImagesIntoCluster(cluster: string, images: readonly string[], deps: ImageLoaderDeps, options: { timeoutMs: number }): Promise<void> {
  for (const image of images) {
    const started = performance.now();
    await deps.kind.run(["load", "docker-image", "--name", cluster, image], {
      timeoutMs: options.timeoutMs,
      onProgress: (line) => deps.progress(`  kind: ${line}`),
    });
    deps.progress(`image ${image} loaded into the nodes of ${cluster} in ${Math.round((performance.now() - started) / 100) / 10}s`);
  }
}
