// How an Ingress path is routed, as far as the Ingress API itself decides it — the part of path
// matching every conforming controller shares, and therefore the only part the duplicate-route
// analyzer may rely on when it calls two rules "the same".
//
// Facts from Kubernetes (pkg/apis/networking/validation/validation.go, the v1 API types and the
// Ingress concept page):
//   - networking.k8s.io/v1 requires `pathType`; v1beta1 defaulted a missing one to
//     ImplementationSpecific (pkg/apis/networking/v1beta1/defaults.go). v1 defaults nothing here.
//   - Exact and Prefix paths must be absolute ("/…"), so they are never empty on a stored object.
//   - An ImplementationSpecific path may be empty; when it is not, it must start with "/". The
//     v1beta1 API documented an unset path as "all paths from incoming requests are matched", and
//     controllers route it at the root: ingress-nginx assumes "/" (its root location), traefik
//     builds a host-only rule. That is why an empty path is normalised to "/" — for
//     ImplementationSpecific, the only type that allows it.
//   - Prefix matching is element-wise and ignores a trailing slash ("/shop/" routes like "/shop").
//     Exact compares the whole path, so "/shop/" and "/shop" are different Exact paths.
//   - ImplementationSpecific is interpreted by the controller (traefik: PathPrefix unless an
//     annotation picks another matcher; ingress-nginx: a prefix, or a regular expression with
//     use-regex): the analyzer normalises nothing in it beyond the empty path, and never calls an
//     ImplementationSpecific rule the same as a Prefix or Exact one.

export const EXACT = "Exact";
export const PREFIX = "Prefix";
export const IMPLEMENTATION_SPECIFIC = "ImplementationSpecific";

/** The pathType in effect: as written, or v1beta1's default when an old object carries none. */
export function effectivePathType(pathType: string | undefined): string {
  return pathType || IMPLEMENTATION_SPECIFIC;
}

/** The path as the API's rules make it route, so that equal results mean "the same rule". */
export function routedPath(path: string, pathType: string): string {
  if (pathType === IMPLEMENTATION_SPECIFIC && path === "") return "/";
  if (pathType === PREFIX && path.length > 1 && path.endsWith("/")) return path.replace(/\/+$/, "") || "/";
  return path;
}
