import { randomUUID } from "node:crypto";

/** A form's idempotency key, made on the server once per render: the same key sent twice means the same record. */
export function newKey() {
  return randomUUID().replaceAll("-", "");
}
