// Command kindnetd is the kit's kindnet-compatible node agent: the CNI of offline kind clusters.
//
// kind's own kindnetd lives in a nested Go module that the module proxy reachable here does not
// serve, so the kit ships this small agent instead. It keeps the behaviour the scenarios rely on:
//   - it writes the node's CNI config (ptp + host-local over the node's PodCIDR, portmap);
//   - it installs one route per peer node, "<peer PodCIDR> via <peer InternalIP>", on the node's
//     main table, and puts back any that went missing on every reconcile (every 10 seconds, like
//     kindnet), so a flushed route heals by itself;
//   - it masquerades traffic from pods to addresses outside the cluster's pod subnet.
//
// It runs as a hostNetwork DaemonSet pod with NET_ADMIN/NET_RAW (see the node image's
// /kind/manifests/default-cni.yaml).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/vishvananda/netlink"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

const (
	reconcileEvery = 10 * time.Second
	cniConfigPath  = "/etc/cni/net.d/10-kindnet.conflist"
	masqChain      = "KINDNET-MASQ"
)

func main() {
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	hostIP := os.Getenv("HOST_IP")
	podSubnet := os.Getenv("POD_SUBNET")
	if net.ParseIP(hostIP) == nil {
		log.Fatalf("HOST_IP=%q is not an IP address: set it from the downward API (status.hostIP)", hostIP)
	}
	if _, _, err := net.ParseCIDR(podSubnet); err != nil {
		log.Fatalf("POD_SUBNET=%q is not a CIDR: set it to the cluster's pod subnet (%v)", podSubnet, err)
	}
	config, err := rest.InClusterConfig()
	if err != nil {
		log.Fatalf("in-cluster config: %v", err)
	}
	if endpoint := os.Getenv("CONTROL_PLANE_ENDPOINT"); endpoint != "" {
		// kind sets this to the API server's node address: unlike the Service IP, it works before
		// kube-proxy has programmed the node, which the CNI must not wait for.
		config.Host = "https://" + endpoint
	}
	config.Timeout = 15 * time.Second
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		log.Fatalf("client: %v", err)
	}
	if err := ensureMasquerade(podSubnet); err != nil {
		log.Printf("masquerade rules: %v (pods can still reach each other, not outside addresses)", err)
	}
	for {
		if err := reconcile(context.Background(), client, hostIP); err != nil {
			log.Printf("reconcile: %v", err)
		}
		time.Sleep(reconcileEvery)
	}
}

// reconcile lists the nodes once and brings the CNI config and the peer routes to what they say.
func reconcile(ctx context.Context, client kubernetes.Interface, hostIP string) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	nodes, err := client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return fmt.Errorf("list nodes: %w", err)
	}
	for i := range nodes.Items {
		node := &nodes.Items[i]
		nodeIP := internalIP(node)
		if nodeIP == "" || len(podCIDRs(node)) == 0 {
			continue // not yet allocated; the next reconcile will see it
		}
		if nodeIP == hostIP {
			if err := writeCNIConfig(podCIDRs(node)); err != nil {
				return err
			}
			continue
		}
		for _, cidr := range podCIDRs(node) {
			if err := ensureRoute(cidr, nodeIP, node.Name); err != nil {
				log.Printf("route %s via %s (%s): %v", cidr, nodeIP, node.Name, err)
			}
		}
	}
	return nil
}

func internalIP(node *corev1.Node) string {
	for _, address := range node.Status.Addresses {
		if address.Type == corev1.NodeInternalIP && net.ParseIP(address.Address).To4() != nil {
			return address.Address
		}
	}
	return ""
}

func podCIDRs(node *corev1.Node) []string {
	if len(node.Spec.PodCIDRs) > 0 {
		return node.Spec.PodCIDRs
	}
	if node.Spec.PodCIDR != "" {
		return []string{node.Spec.PodCIDR}
	}
	return nil
}

// ensureRoute installs "<cidr> via <gateway>" unless an identical route is already there.
func ensureRoute(cidr, gateway, nodeName string) error {
	_, dst, err := net.ParseCIDR(cidr)
	if err != nil {
		return err
	}
	gw := net.ParseIP(gateway)
	existing, err := netlink.RouteListFiltered(netlink.FAMILY_V4, &netlink.Route{Dst: dst}, netlink.RT_FILTER_DST)
	if err != nil {
		return fmt.Errorf("list routes: %w", err)
	}
	for _, route := range existing {
		if route.Gw.Equal(gw) {
			return nil
		}
	}
	if err := netlink.RouteReplace(&netlink.Route{Dst: dst, Gw: gw}); err != nil {
		return fmt.Errorf("replace route: %w", err)
	}
	log.Printf("route %s via %s (node %s) installed", cidr, gateway, nodeName)
	return nil
}

// writeCNIConfig writes the node's conflist atomically, and only when it changes, so the
// container runtime never reads half a file.
func writeCNIConfig(cidrs []string) error {
	ranges := make([][]map[string]string, 0, len(cidrs))
	for _, cidr := range cidrs {
		ranges = append(ranges, []map[string]string{{"subnet": cidr}})
	}
	conflist := map[string]any{
		"cniVersion": "0.3.1",
		"name":       "kindnet",
		"plugins": []any{
			map[string]any{
				"type":   "ptp",
				"ipMasq": false,
				"mtu":    1500,
				"ipam": map[string]any{
					"type":    "host-local",
					"dataDir": "/run/cni-ipam-state",
					"routes":  []map[string]string{{"dst": "0.0.0.0/0"}},
					"ranges":  ranges,
				},
			},
			map[string]any{"type": "portmap", "capabilities": map[string]bool{"portMappings": true}},
		},
	}
	data, err := json.MarshalIndent(conflist, "", "  ")
	if err != nil {
		return err
	}
	if current, err := os.ReadFile(cniConfigPath); err == nil && string(current) == string(data) {
		return nil
	}
	tmp := filepath.Join(filepath.Dir(cniConfigPath), ".10-kindnet.conflist.tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("write CNI config: %w", err)
	}
	if err := os.Rename(tmp, cniConfigPath); err != nil {
		return fmt.Errorf("install CNI config: %w", err)
	}
	log.Printf("CNI config written for %v", cidrs)
	return nil
}

// ensureMasquerade NATs pod traffic that leaves the pod subnet for a non-local address.
func ensureMasquerade(podSubnet string) error {
	run := func(args ...string) error {
		out, err := exec.Command("iptables", append([]string{"-w", "5", "-t", "nat"}, args...)...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("iptables %v: %v: %s", args, err, out)
		}
		return nil
	}
	if run("-L", masqChain, "-n") != nil {
		if err := run("-N", masqChain); err != nil {
			return err
		}
	}
	if run("-C", "POSTROUTING", "-s", podSubnet, "-j", masqChain) != nil {
		if err := run("-A", "POSTROUTING", "-s", podSubnet, "-j", masqChain); err != nil {
			return err
		}
	}
	if run("-C", masqChain, "-d", podSubnet, "-j", "RETURN") != nil {
		if err := run("-A", masqChain, "-d", podSubnet, "-j", "RETURN"); err != nil {
			return err
		}
	}
	if run("-C", masqChain, "-m", "addrtype", "!", "--dst-type", "LOCAL", "-j", "MASQUERADE") != nil {
		return run("-A", masqChain, "-m", "addrtype", "!", "--dst-type", "LOCAL", "-j", "MASQUERADE")
	}
	return nil
}
