/**
 * Keyset pagination's cursor: the sort time and id of the last row of a page,
 * as an opaque URL-safe string. A tampered or foreign cursor decodes to
 * `undefined` (the first page), never to an error.
 */
export type Cursor = { at: Date; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at.toISOString()}|${c.id}`).toString("base64url");
}

export function decodeCursor(raw: string | undefined | null): Cursor | undefined {
  if (!raw || raw.length > 200) return undefined;
  const [at, id] = Buffer.from(raw, "base64url").toString().split("|");
  const date = at ? new Date(at) : undefined;
  if (!date || Number.isNaN(date.getTime()) || !id) return undefined;
  return { at: date, id };
}
