// Turns the bytes the API server stores in etcd for a Secret back into a Secret object. The API
// server writes protobuf by default: the magic "k8s\0", then a runtime.Unknown envelope
// (1 typeMeta, 2 raw, 3 contentEncoding, 4 contentType) whose `raw` is a core/v1 Secret message
// (1 metadata, 2 data map<string,bytes>, 3 type, 4 stringData, 5 immutable). Only the fields a
// restore needs are read (name, namespace, uid, labels, annotations, creation time, type, data);
// field numbers are those of k8s.io/api/core/v1/generated.proto and apimachinery's meta/v1.
// Encrypted storage ("k8s:enc:…") cannot be decoded here and says so; JSON storage is accepted.

import protobuf from "protobufjs/minimal.js";
import type { SecretObject } from "./helmReleaseRecord.js";

const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]); // "k8s\0"
const WIRE_LENGTH_DELIMITED = 2;

export class EtcdValueError extends Error {
  constructor(key: string, reason: string) {
    super(`etcd value of ${key} cannot be read as a Secret: ${reason}`);
    this.name = "EtcdValueError";
  }
}

export function decodeStoredSecret(value: Buffer, key = "the value"): SecretObject {
  if (value.subarray(0, 8).toString("latin1") === "k8s:enc:") {
    throw new EtcdValueError(key, "it is encrypted at rest (EncryptionConfiguration); restore through the API server from an API-level backup instead");
  }
  if (value[0] === 0x7b /* { */) return JSON.parse(value.toString("utf8")) as SecretObject;
  if (!value.subarray(0, 4).equals(PROTOBUF_MAGIC)) throw new EtcdValueError(key, "neither the protobuf magic k8s\\0 nor JSON");
  const envelope = readFields(value.subarray(4));
  const kind = envelope.get(1)?.[0] ? readFields(envelope.get(1)![0]!).get(2)?.[0]?.toString("utf8") : undefined;
  if (kind !== "Secret") throw new EtcdValueError(key, `it stores a ${kind ?? "value without a kind"}, not a Secret`);
  const raw = envelope.get(2)?.[0];
  if (!raw) throw new EtcdValueError(key, "the envelope has no object");
  const secret = readFields(raw);
  const meta = secret.get(1)?.[0] ? readFields(secret.get(1)![0]!) : new Map<number, Buffer[]>();
  const text = (fields: Map<number, Buffer[]>, number: number) => fields.get(number)?.[0]?.toString("utf8");
  const metadata: NonNullable<SecretObject["metadata"]> = {};
  const name = text(meta, 1);
  const namespace = text(meta, 3);
  const uid = text(meta, 5);
  if (name) metadata.name = name;
  if (namespace) metadata.namespace = namespace;
  if (uid) metadata.uid = uid;
  const created = meta.get(8)?.[0];
  if (created) metadata.creationTimestamp = timeOf(created);
  const labels = stringMap(meta.get(11));
  const annotations = stringMap(meta.get(12));
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  const result: SecretObject = { apiVersion: "v1", kind: "Secret", metadata };
  const type = text(secret, 3);
  if (type) result.type = type;
  const data: Record<string, string> = {};
  for (const entry of secret.get(2) ?? []) {
    const pair = readFields(entry);
    data[pair.get(1)?.[0]?.toString("utf8") ?? ""] = (pair.get(2)?.[0] ?? Buffer.alloc(0)).toString("base64");
  }
  if (Object.keys(data).length > 0) result.data = data;
  return result;
}

/** Length-delimited fields of one message by number (other wire types are skipped: none of the fields read here use them). */
function readFields(bytes: Buffer): Map<number, Buffer[]> {
  const reader = protobuf.Reader.create(bytes);
  const fields = new Map<number, Buffer[]>();
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const number = tag >>> 3;
    const wireType = tag & 7;
    if (wireType !== WIRE_LENGTH_DELIMITED) {
      reader.skipType(wireType);
      continue;
    }
    const value = Buffer.from(reader.bytes());
    const list = fields.get(number) ?? [];
    list.push(value);
    fields.set(number, list);
  }
  return fields;
}

function stringMap(entries: Buffer[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of entries ?? []) {
    const pair = readFields(entry);
    map[pair.get(1)?.[0]?.toString("utf8") ?? ""] = pair.get(2)?.[0]?.toString("utf8") ?? "";
  }
  return map;
}

/** meta/v1 Time {1: int64 seconds, 2: int32 nanos} → RFC 3339, as the API prints it. */
function timeOf(bytes: Buffer): Date {
  const reader = protobuf.Reader.create(bytes);
  let seconds = 0;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1 && (tag & 7) === 0) {
      // protobufjs returns a Long when the `long` package is installed, a number otherwise.
      const value = reader.int64() as unknown as number | { toNumber(): number };
      seconds = typeof value === "number" ? value : value.toNumber();
    }
    else reader.skipType(tag & 7);
  }
  return new Date(seconds * 1000);
}
