// Maps apiVersion + kind to the REST collection path a watch needs (e.g. apps/v1 Deployment →
// /apis/apps/v1/namespaces/ns/deployments). KubernetesObjectApi already does API discovery and
// caches it, but keeps it protected; this subclass exposes just that, so there is one discovery cache.

import { KubernetesObjectApi } from "@kubernetes/client-node";

export class ResourceLocator extends KubernetesObjectApi {
  /** Collection path for list/watch; namespace is ignored for cluster-scoped kinds. */
  async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    const resource = await this.resource(apiVersion, kind);
    if (!resource) {
      throw new Error(
        `the cluster does not serve ${kind} in ${apiVersion}: install its CRD or fix apiVersion/kind (check \`kubectl api-resources\`)`,
      );
    }
    const base = this.apiVersionPath(apiVersion);
    const scoped = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
    return `${base}${scoped}/${resource.name}`;
  }

  /** Path of one object, for GET/PATCH/DELETE. */
  async objectPath(apiVersion: string, kind: string, name: string, namespace?: string): Promise<string> {
    return `${await this.collectionPath(apiVersion, kind, namespace)}/${encodeURIComponent(name)}`;
  }

  /** Drops cached discovery for an apiVersion, e.g. after its CRD was just created. */
  forget(apiVersion: string): void {
    delete this.apiVersionResourceCache[apiVersion];
  }

  /** Whether objects of this kind live in a namespace. */
  async isNamespaced(apiVersion: string, kind: string): Promise<boolean> {
    const resource = await this.resource(apiVersion, kind);
    if (!resource) throw new Error(`the cluster does not serve ${kind} in ${apiVersion}`);
    return resource.namespaced;
  }
}
