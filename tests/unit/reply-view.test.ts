import { describe, expect, it } from "vitest";
import { toReplyView } from "@/components/dialogue/reply-view";

const at = new Date("2026-12-01T08:04:00Z");

function loaded(overrides: Partial<Parameters<typeof toReplyView>[0]> = {}): Parameters<typeof toReplyView>[0] {
  return {
    id: "r1",
    authorName: "Ann",
    createdAt: at,
    editedAt: null,
    deletedAt: null,
    hiddenAt: null,
    hiddenReason: "",
    quotedReplyId: null,
    body: "Hello *you*",
    bodyHtml: "<p>Hello <em>you</em></p>",
    reactions: [
      { kind: "agree", count: 2, mine: false },
      { kind: "heart", count: 1, mine: true },
      { kind: "insight", count: 0, mine: false },
      { kind: "question", count: 0, mine: false },
    ],
    revisions: [],
    ...overrides,
  };
}

const context = {
  someone: "Someone",
  own: false,
  concealed: false,
  when: (d: Date) => d.toISOString(),
  render: (markdown: string) => `<p>${markdown}</p>`,
};

describe("a reply as the thread page hands it to the list", () => {
  it("is the text, the counts and the viewer's reactions for a plain reply, and nothing that is off", () => {
    expect(toReplyView(loaded(), context)).toEqual({
      id: "r1",
      authorName: "Ann",
      when: "2026-12-01T08:04:00.000Z",
      html: "<p>Hello <em>you</em></p>",
      counts: [2, 1, 0, 0],
      mine: ["heart"],
    });
  });

  it("names an unnamed author with the fallback", () => {
    expect(toReplyView(loaded({ authorName: null }), context).authorName).toBe("Someone");
  });

  it("gives the Markdown only to its author, for the edit form", () => {
    expect(toReplyView(loaded(), context).body).toBeUndefined();
    const own = toReplyView(loaded(), { ...context, own: true });
    expect(own).toMatchObject({ own: true, body: "Hello *you*" });
  });

  it("keeps neither text nor reactions of a deleted reply", () => {
    const view = toReplyView(loaded({ deletedAt: at, editedAt: at }), { ...context, own: true });
    expect(view).toMatchObject({ deleted: true, own: true, edited: true });
    expect(view.html).toBeUndefined();
    expect(view.body).toBeUndefined();
    expect(view.counts).toBeUndefined();
  });

  it("sends a concealed hidden reply as the notice only", () => {
    const view = toReplyView(loaded({ hiddenAt: at, hiddenReason: "Off topic" }), { ...context, concealed: true });
    expect(view).toMatchObject({ hidden: true, hiddenReason: "Off topic", concealed: true });
    expect(view.html).toBeUndefined();
    expect(view.counts).toBeUndefined();
  });

  it("shows a broker a hidden reply's text, without reactions", () => {
    const view = toReplyView(loaded({ hiddenAt: at }), context);
    expect(view).toMatchObject({ hidden: true, html: "<p>Hello <em>you</em></p>" });
    expect(view.hiddenReason).toBeUndefined();
    expect(view.counts).toBeUndefined();
  });

  it("carries the quoted reply and earlier versions, rendered and dated for the viewer", () => {
    const view = toReplyView(
      loaded({ quotedReplyId: "r0", editedAt: at, revisions: [{ id: "v1", createdAt: at, body: "Hi" }] }),
      context,
    );
    expect(view).toMatchObject({
      edited: true,
      quotedReplyId: "r0",
      revisions: [{ id: "v1", when: "2026-12-01T08:04:00.000Z", html: "<p>Hi</p>" }],
    });
  });

  it("never carries the earlier versions of a deleted or concealed reply", () => {
    const revisions = [{ id: "v1", createdAt: at, body: "Hi" }];
    expect(toReplyView(loaded({ editedAt: at, deletedAt: at, revisions }), context).revisions).toBeUndefined();
    expect(toReplyView(loaded({ editedAt: at, hiddenAt: at, revisions }), { ...context, concealed: true }).revisions).toBeUndefined();
  });
});
