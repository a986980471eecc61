// The Docker network kind attaches the harness's nodes to. Not kind's shared "kind" network: network
// faults (disconnects, bridge iptables) on a gameday cluster must not reach a developer's own kind
// clusters, and `gameday clean` may remove a network only the harness uses. kind still creates it
// (IPv6 subnet, masquerading) when it is missing.
export const GAMEDAY_NETWORK = "kube-gameday";
