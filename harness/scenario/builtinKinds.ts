// The step and check kinds every scenario can use. Scenario issues add theirs here (generic
// detectors under harness/detectors/) or in the scenario's own steps.ts (one-off steps).

import { commandResultCheck, helmResultCheck } from "../detectors/commandResultChecks.js";
import { deploymentAvailableCheck } from "../detectors/deploymentAvailableCheck.js";
import { eventSeenCheck } from "../detectors/eventSeenCheck.js";
import { httpRespondsCheck } from "../detectors/httpRespondsCheck.js";
import { objectAbsentCheck, objectExistsCheck } from "../detectors/objectPresenceChecks.js";
import { podPhaseNotReadyCheck } from "../detectors/podPhaseNotReadyCheck.js";
import { podsReadyCheck, podsStateCheck } from "../detectors/podsChecks.js";
import { probeDependencyCycleCheck } from "../detectors/probeDependencyCycleCheck.js";
import { replicasMismatchCheck } from "../detectors/replicasMismatchCheck.js";
import { endpointsEmptyCheck, endpointsReadyCheck } from "../detectors/serviceEndpointsChecks.js";
import { trafficShareCheck } from "../detectors/trafficShareCheck.js";
import { deleteStep } from "../faults/deleteStep.js";
import { nodeExecStep } from "../faults/nodeExecStep.js";
import { patchStep } from "../faults/patchStep.js";
import { repointProbesStep } from "../remediations/probeRepointStep.js";
import { nodeNotReadyCheck, podsUnreadyOnNodeCheck } from "../detectors/nodeReadinessChecks.js";
import { podMeshBrokenCheck, podMeshReachableCheck } from "../detectors/podMeshChecks.js";
import { routingDriftCheck, routingIntactCheck } from "../detectors/routingDriftCheck.js";
import { networkdStaticConfigStep } from "../faults/networkdStaticConfigStep.js";
import { nodeFileStep } from "../faults/nodeFileStep.js";
import { nodeRestoreStep } from "../faults/nodeRestoreStep.js";
import { routingChangeStep } from "../faults/routingChangeStep.js";
import { admissionDeniedCheck } from "../detectors/admissionDeniedCheck.js";
import { dryRunDeniedCheck } from "../detectors/dryRunDeniedCheck.js";
import { duplicateIngressRoutesCheck } from "../detectors/duplicateIngressRoutesCheck.js";
import { tryApplyStep } from "../detectors/tryApplyStep.js";
import { removeDuplicateIngressStep } from "../remediations/removeDuplicateIngress.js";
import { KindRegistry } from "./kindRegistry.js";
import { applyStep } from "./steps/applyStep.js";
import { helmStep } from "./steps/helmStep.js";
import { httpStep } from "./steps/httpStep.js";
import { runStep } from "./steps/runStep.js";
import { trafficStep } from "./steps/trafficStep.js";
import { waitForStep } from "./steps/waitForStep.js";

/** A fresh registry holding the built-in kinds (fresh, so callers may add to it freely). */
export function builtinKinds(): KindRegistry {
  return new KindRegistry()
    .addStep(applyStep)
    .addStep(deleteStep)
    .addStep(patchStep)
    .addStep(waitForStep)
    .addStep(httpStep)
    .addStep(trafficStep)
    .addStep(helmStep)
    .addStep(nodeExecStep)
    .addStep(runStep)
    .addStep(tryApplyStep)
    .addStep(removeDuplicateIngressStep)
    .addStep(nodeFileStep)
    .addStep(networkdStaticConfigStep)
    .addStep(routingChangeStep)
    .addStep(nodeRestoreStep)
    .addStep(repointProbesStep)
    .addCheck(routingDriftCheck)
    .addCheck(routingIntactCheck)
    .addCheck(podMeshBrokenCheck)
    .addCheck(podMeshReachableCheck)
    .addCheck(podsUnreadyOnNodeCheck)
    .addCheck(nodeNotReadyCheck)
    .addCheck(endpointsEmptyCheck)
    .addCheck(endpointsReadyCheck)
    .addCheck(deploymentAvailableCheck)
    .addCheck(podsReadyCheck)
    .addCheck(podsStateCheck)
    .addCheck(objectExistsCheck)
    .addCheck(objectAbsentCheck)
    .addCheck(eventSeenCheck)
    .addCheck(httpRespondsCheck)
    .addCheck(commandResultCheck)
    .addCheck(helmResultCheck)
    .addCheck(trafficShareCheck)
    .addCheck(duplicateIngressRoutesCheck)
    .addCheck(admissionDeniedCheck)
    .addCheck(dryRunDeniedCheck)
    .addCheck(probeDependencyCycleCheck)
    .addCheck(replicasMismatchCheck)
    .addCheck(podPhaseNotReadyCheck);
}
