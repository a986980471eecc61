// The kinds the ca-expiry scenario uses. They live in harness/ (detectors, faults, remediations)
// so other scenarios and `gameday repair ca` share them; this file only registers them, plus the
// cluster preparation that makes the short-lived CAs before kind creates the cluster.

import { clusterReadyCheck } from "../../harness/detectors/clusterReadyCheck.js";
import { freshApiClientCheck } from "../../harness/detectors/freshApiClientCheck.js";
import { kubeadmCertExpiryCheck } from "../../harness/detectors/kubeadmCertExpiryCheck.js";
import { leaseStaleCheck } from "../../harness/detectors/leaseStaleCheck.js";
import { observedNodesNotReadyCheck } from "../../harness/detectors/observedNodesNotReadyCheck.js";
import { observerTokenStep } from "../../harness/detectors/observerTokenStep.js";
import { pkiExpiryCheck } from "../../harness/detectors/pkiExpiryCheck.js";
import { podCommandCheck } from "../../harness/detectors/podCommandCheck.js";
import { caExpiryStep } from "../../harness/faults/caExpiryStep.js";
import { caResidualWaitStep } from "../../harness/faults/caResidualWaitStep.js";
import { shortLivedCaPreparation } from "../../harness/faults/shortLivedCaPreparation.js";
import { rotateClusterCaStep } from "../../harness/remediations/caRotationStep.js";
import type { KindRegistry } from "../../harness/scenario/kindRegistry.js";

export default function register(registry: KindRegistry): void {
  registry
    .addClusterPreparation(shortLivedCaPreparation)
    .addStep(observerTokenStep)
    .addStep(caResidualWaitStep)
    .addStep(caExpiryStep)
    .addStep(rotateClusterCaStep)
    .addCheck(pkiExpiryCheck)
    .addCheck(kubeadmCertExpiryCheck)
    .addCheck(freshApiClientCheck)
    .addCheck(leaseStaleCheck)
    .addCheck(podCommandCheck)
    .addCheck(clusterReadyCheck)
    .addCheck(observedNodesNotReadyCheck);
}
