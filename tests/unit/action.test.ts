import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { afterEach, describe, expect, it, vi } from "vitest";
import { redirect } from "next/navigation";
import { z } from "zod";
import { notRateLimited, runAction, unlimitedActionChannel } from "@/lib/action";
import { AppError } from "@/lib/errors";

// No request here: a visitor without a known address, whom the writes budget cannot count
// (counting, on a database, is tested in tests/integration/write-limits.test.ts).
vi.mock("@/lib/auth/session", () => ({ getViewer: vi.fn(async () => null) }));
// The browser's language decides the refusal's sentences here (no profile, no cookie).
const language = { current: "en" };
vi.mock("next/headers", () => ({
  headers: vi.fn(async () => new Headers({ "accept-language": language.current })),
  cookies: vi.fn(async () => ({ get: () => undefined })),
}));

const schema = z.object({ name: z.string().min(1, "required"), age: z.coerce.number().int("invalid_number") });

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

afterEach(() => {
  vi.restoreAllMocks();
  language.current = "en";
});

describe("runAction", () => {
  it("returns the body's data on success", async () => {
    const body = vi.fn(async (input: { name: string; age: number }) => `${input.name}:${input.age}`);
    expect(await runAction(schema, form({ name: "Ada", age: "36" }), body)).toEqual({ ok: true, data: "Ada:36" });
    expect(body).toHaveBeenCalledWith({ name: "Ada", age: 36 });
  });

  it("refuses invalid input with field codes, echoes the values, and never runs the body", async () => {
    const body = vi.fn(async () => null);
    const input = form({ name: "", age: "1.5", $ACTION_ID_abc: "secret" });
    const result = await runAction(schema, input, body);
    expect(result).toEqual({
      ok: false,
      code: "invalid_input",
      fieldErrors: { name: ["required"], age: ["invalid_number"] },
      values: { name: "", age: "1.5" },
      message: "Some fields need your attention.",
      fieldMessages: { name: ["Please fill this in."], age: ["Enter a whole number."] },
    });
    expect(body).not.toHaveBeenCalled();
  });

  it("refuses a NUL character (PostgreSQL text cannot hold it) as a field error", async () => {
    const body = vi.fn(async () => null);
    const result = await runAction(schema, form({ name: "a\u0000b", age: "1" }), body);
    expect(result).toEqual({
      ok: false,
      code: "invalid_input",
      fieldErrors: { name: ["invalid"] },
      values: { name: "a\u0000b", age: "1" },
      message: "Some fields need your attention.",
      fieldMessages: { name: ["This value is not valid."] },
    });
    expect(body).not.toHaveBeenCalled();
  });

  it("turns an AppError into its code, with its field errors", async () => {
    expect(await runAction(schema, form({ name: "a", age: "1" }), async () => {
      throw new AppError("forbidden");
    })).toEqual({ ok: false, code: "forbidden", values: { name: "a", age: "1" }, message: "You are not allowed to do this." });
    expect(await runAction(schema, form({ name: "a", age: "1" }), async () => {
      throw new AppError("slug_taken", { slug: ["slug_taken"] });
    })).toMatchObject({ ok: false, code: "slug_taken", fieldErrors: { slug: ["slug_taken"] } });
  });

  it("reports any other error as `unexpected`, without its message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await runAction(schema, form({ name: "a", age: "1" }), async () => {
      throw new Error("password=hunter2 at db.internal:5432");
    });
    expect(result).toEqual({
      ok: false,
      code: "unexpected",
      values: { name: "a", age: "1" },
      message: "Something went wrong on our side. Your input is kept; please try again.",
    });
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(log).toHaveBeenCalled();
  });

  it("says why in the viewer's language: the code's sentence, then the form-wide field messages (a wait) after it", async () => {
    language.current = "nl-NL,nl;q=0.9";
    const limited = await runAction(schema, form({ name: "a", age: "1" }), async () => {
      throw new AppError("rate_limited", { _form: ["retry_after|3"] });
    });
    expect(limited).toMatchObject({
      code: "rate_limited",
      fieldErrors: { _form: ["retry_after|3"] },
      message: "Te veel pogingen. Wacht even en probeer het opnieuw. Je kunt het over 3 minuten opnieuw proberen.",
      fieldMessages: { _form: ["Je kunt het over 3 minuten opnieuw proberen."] },
    });
    const invalid = await runAction(schema, form({ name: "", age: "1" }), async () => null);
    expect(invalid).toMatchObject({ message: "Enkele velden hebben je aandacht nodig.", fieldMessages: { name: ["Vul dit in."] } });
  });

  it("lets Next's redirect through", async () => {
    await expect(
      runAction(schema, form({ name: "a", age: "1" }), async () => {
        redirect("/profile");
      }),
    ).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;.*;\/profile;/) });
  });

  it("runs an action that declares it is not rate limited, and says so with its reason", async () => {
    const reasons: unknown[] = [];
    const listen = (message: unknown) => reasons.push(message);
    subscribe(unlimitedActionChannel.name, listen);
    try {
      expect(await runAction(schema, form({ name: "a", age: "1" }), async () => "done", { rateLimit: { none: "harmless" } })).toEqual({
        ok: true,
        data: "done",
      });
      notRateLimited("also harmless");
      // A counted action says nothing.
      expect(await runAction(schema, form({ name: "a", age: "1" }), async () => "done")).toEqual({ ok: true, data: "done" });
    } finally {
      unsubscribe(unlimitedActionChannel.name, listen);
    }
    expect(reasons).toEqual([{ reason: "harmless" }, { reason: "also harmless" }]);
  });
});
