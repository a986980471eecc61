// The files `gameday init` writes: a small, complete scenario in the engine's format (a web
// Deployment loses all its pods at once) that runs as written and shows every phase, so a new
// author edits something that works instead of starting from a blank page.

export interface StarterFile {
  /** Path relative to the scenario folder. */
  path: string;
  text: string;
}

export function starterScenario(name: string): StarterFile[] {
  const scenario = `# Starter scenario written by \`gameday init\`. Edit the story, then the phases.
# \`gameday explain ${name}\` shows what it asserts; \`gameday run <this folder>\` runs it.
name: ${name}
title: A web Deployment loses all its pods at once
story: |
  Replace this with what happened in production: what was changed, what users saw,
  how long it took to notice and to fix.
hints:
  - Look at the Service's endpoints while the pods restart.

cluster:
  controlPlanes: 1
  workers: 1

settings:
  # Must be present in the nodes: the offline kit pre-loads its workload image.
  image: busybox:1.35.0
  replicas: 2

setup:
  - id: deploy
    apply: manifests/app.yaml
  - id: deployed
    waitFor: { deploymentAvailable: { name: web } }
    timeout: 2m

steady:
  expect:
    - id: serving
      description: the web Service has ready endpoints
      endpointsReady: { service: web }
      within: 60s

fault:
  - id: delete-all-pods
    description: delete every web pod at once
    delete: { kind: Pod, selector: app=web }

expect:
  - id: endpoints-gone
    description: the web Service has no ready endpoint right after the fault
    endpointsEmpty: { service: web }
    within: 30s

recover:
  - id: available-again
    description: the Deployment is Available again without anyone acting
    deploymentAvailable: { name: web }
    within: 2m

variants:
  default:
    description: no guard; the Deployment recreates its pods by itself
`;
  const manifest = `# The baseline the scenario deploys into its own namespace; \${{ settings.* }} come from scenario.yaml.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { app: web }
spec:
  replicas: \${{ settings.replicas }}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: \${{ settings.image }}
          imagePullPolicy: IfNotPresent
          command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
          ports: [{ containerPort: 8080 }]
          readinessProbe:
            httpGet: { path: /index.html, port: 8080 }
            periodSeconds: 2
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 8080 }]
`;
  const readme = `# ${name}

## Story
What happened in production, in a few sentences.

## Symptoms
What users and dashboards showed (here: the web Service briefly had no endpoints).

## Hints for trainees
1. Look at the Service's endpoints while the pods restart.
`;
  return [
    { path: "scenario.yaml", text: scenario },
    { path: "manifests/app.yaml", text: manifest },
    { path: "README.md", text: readme },
  ];
}
