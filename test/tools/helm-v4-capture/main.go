// Release records exactly as helm v4 writes and reads them, for the codec's unit-test fixtures.
//
//	go run . capture <chart dir> <namespace> <release> <out dir>
//	    A real `helm install` and `helm upgrade` (helm's own action package) whose storage is
//	    helm's own Secrets driver over an in-memory Kubernetes client; writes every Secret helm
//	    created as <out dir>/<name>.json. Nothing is encoded here: the program prints what helm wrote.
//	go run . read <secret.json>...
//	    Stores each Secret in an in-memory client and reads it back through helm's Secrets driver,
//	    printing "ok <status>" or helm's error: what helm itself makes of a hand-edited record.
//
// There is no API server, so server-assigned metadata (uid, resourceVersion, creationTimestamp)
// is absent, and the in-memory client's managedFields are dropped.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	kubefake "helm.sh/helm/v4/pkg/kube/fake"
	rspb "helm.sh/helm/v4/pkg/release/v1"
	"helm.sh/helm/v4/pkg/storage"
	"helm.sh/helm/v4/pkg/storage/driver"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"
)

func main() {
	switch {
	case len(os.Args) == 6 && os.Args[1] == "capture":
		capture(os.Args[2], os.Args[3], os.Args[4], os.Args[5])
	case len(os.Args) >= 3 && os.Args[1] == "read":
		for _, file := range os.Args[2:] {
			read(file)
		}
	default:
		fail(fmt.Errorf("usage: go run . capture <chart dir> <namespace> <release> <out dir> | go run . read <secret.json>..."))
	}
}

func capture(chartDir, namespace, name, outDir string) {
	chrt, err := loader.Load(chartDir)
	if err != nil {
		fail(err)
	}
	secrets := fake.NewClientset().CoreV1().Secrets(namespace)
	cfg := action.NewConfiguration()
	cfg.Releases = storage.Init(driver.NewSecrets(secrets))
	cfg.KubeClient = &kubefake.PrintingKubeClient{Out: io.Discard, LogOutput: io.Discard}
	cfg.Capabilities = common.DefaultCapabilities

	install := action.NewInstall(cfg)
	install.ReleaseName, install.Namespace = name, namespace
	if _, err := install.Run(chrt, map[string]any{"release": "v1", "replicas": 1}); err != nil {
		fail(err)
	}
	upgrade := action.NewUpgrade(cfg)
	upgrade.Namespace = namespace
	if _, err := upgrade.Run(name, chrt, map[string]any{"release": "v2", "replicas": 1}); err != nil {
		fail(err)
	}

	list, err := secrets.List(context.Background(), metav1.ListOptions{})
	if err != nil {
		fail(err)
	}
	for _, secret := range list.Items {
		// The in-memory client keeps no type metadata; the API server would serve these two.
		secret.APIVersion, secret.Kind = "v1", "Secret"
		secret.ManagedFields = nil
		body, err := json.MarshalIndent(secret, "", "  ")
		if err != nil {
			fail(err)
		}
		if err := os.WriteFile(filepath.Join(outDir, secret.Name+".json"), append(body, '\n'), 0o644); err != nil {
			fail(err)
		}
		fmt.Println(secret.Name, secret.Labels)
	}
}

func read(file string) {
	body, err := os.ReadFile(file)
	if err != nil {
		fail(err)
	}
	var secret corev1.Secret
	if err := json.Unmarshal(body, &secret); err != nil {
		fail(fmt.Errorf("%s: %w", file, err))
	}
	secrets := fake.NewClientset().CoreV1().Secrets(secret.Namespace)
	if _, err := secrets.Create(context.Background(), &secret, metav1.CreateOptions{}); err != nil {
		fail(err)
	}
	rel, err := driver.NewSecrets(secrets).Get(secret.Name)
	if err != nil {
		fmt.Printf("%s: error: %v\n", filepath.Base(file), err)
		return
	}
	v1rel, ok := rel.(*rspb.Release)
	if !ok {
		fail(fmt.Errorf("%s: helm returned a %T, not a v1 release", file, rel))
	}
	fmt.Printf("%s: ok, release %s revision %d status %s\n", filepath.Base(file), v1rel.Name, v1rel.Version, v1rel.Info.Status)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "helm-v4-capture:", err)
	os.Exit(1)
}
