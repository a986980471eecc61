// Kubernetes Events as evidence ("Readiness probe failed", "BackOff"): which ones match a filter,
// and how to watch them. Filtering by reason happens server-side (field selector); the message
// pattern and the time window are applied here because the API cannot do either.

import type { KubernetesObject } from "@kubernetes/client-node";
import type { WatchTarget } from "./watchObjects.js";

export interface EventFilter {
  namespace: string;
  /** Event reason, e.g. "Unhealthy", "BackOff", "Killing". */
  reason?: string;
  /** Regular expression the event message must match, e.g. "Readiness probe failed". */
  messagePattern?: string;
  /** involvedObject.kind, e.g. "Pod". */
  involvedKind?: string;
  /** Only events last seen at or after this wall-clock time (events before the fault are not evidence of it). */
  since?: Date;
}

export interface EventSummary {
  reason: string;
  message: string;
  involved: string;
  count: number;
  lastSeen: string;
}

export function eventsWatchTarget(filter: EventFilter): WatchTarget {
  const fields: string[] = [];
  if (filter.reason) fields.push(`reason=${filter.reason}`);
  if (filter.involvedKind) fields.push(`involvedObject.kind=${filter.involvedKind}`);
  const target: WatchTarget = { apiVersion: "v1", kind: "Event", namespace: filter.namespace };
  if (fields.length > 0) target.fieldSelector = fields.join(",");
  return target;
}

/** The events among `objects` that match the filter, newest last. */
export function matchingEvents(objects: KubernetesObject[], filter: EventFilter): EventSummary[] {
  const pattern = filter.messagePattern ? new RegExp(filter.messagePattern) : undefined;
  const matches: EventSummary[] = [];
  for (const object of objects) {
    const event = object as KubernetesObject & {
      reason?: string;
      message?: string;
      count?: number;
      lastTimestamp?: string | null;
      eventTime?: string | null;
      series?: { lastObservedTime?: string; count?: number };
      involvedObject?: { kind?: string; name?: string };
    };
    const lastSeen = event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp;
    const lastSeenText = lastSeen ? String(lastSeen) : "";
    if (filter.reason && event.reason !== filter.reason) continue;
    if (filter.involvedKind && event.involvedObject?.kind !== filter.involvedKind) continue;
    if (pattern && !pattern.test(event.message ?? "")) continue;
    if (filter.since && (!lastSeenText || new Date(lastSeenText).getTime() < filter.since.getTime())) continue;
    matches.push({
      reason: event.reason ?? "",
      message: event.message ?? "",
      involved: `${event.involvedObject?.kind ?? "?"}/${event.involvedObject?.name ?? "?"}`,
      count: event.series?.count ?? event.count ?? 1,
      lastSeen: lastSeenText,
    });
  }
  return matches.sort((a, b) => a.lastSeen.localeCompare(b.lastSeen));
}
