// Labels kind puts on its node containers (kind's docker provider); the harness reads, never sets, them.
export const KIND_CLUSTER_LABEL = "io.x-k8s.kind.cluster";
export const KIND_ROLE_LABEL = "io.x-k8s.kind.role";
