import type { ReactionSummary } from "@/lib/dialogue/queries";
import type { ReactionKind } from "@/lib/dialogue/limits";

/**
 * One reply as the page hands it to the reply list, prepared on the server: what the viewer
 * may see of it (a hidden reply's text only reaches brokers and its author), its text already
 * rendered to sanitised HTML, its time already in the viewer's zone.
 *
 * A page carries a page of these twice (in the React payload and, escaped, inside the HTML), so
 * a field that is off or empty is left out rather than sent as `false` or `""`: most replies are
 * plain, and the payload then holds what is particular to each.
 */
export type ReplyView = {
  id: string;
  authorName: string;
  /** When it was written, formatted for the viewer. */
  when: string;
  /** Sanitised HTML of the text; absent when deleted or concealed. */
  html?: string;
  /** How many of each reaction, in REACTION_KINDS order; absent when reactions are not shown (hidden, deleted). */
  counts?: number[];
  /** The kinds the viewer reacted with; absent when none. */
  mine?: ReactionKind[];
  edited?: true;
  quotedReplyId?: string;
  deleted?: true;
  hidden?: true;
  hiddenReason?: string;
  /** Hidden, and the viewer is neither a broker nor its author: only the notice. */
  concealed?: true;
  own?: true;
  /** The Markdown, for the edit form: only for the viewer's own replies. */
  body?: string;
  /** Earlier versions (for everyone who reads the thread; never of a deleted or concealed reply): when, and their sanitised HTML. */
  revisions?: { id: string; when: string; html: string }[];
};

/** A reply of `loadThreadPage`, as far as the view needs it. */
type LoadedReply = {
  id: string;
  authorName: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string;
  quotedReplyId: string | null;
  body: string;
  bodyHtml: string;
  reactions: ReactionSummary[];
  revisions: { id: string; createdAt: Date; body: string }[];
};

/**
 * The view of one reply. `concealed` and `own` come from the dialogue and moderation policies,
 * `when` formats a moment for the viewer, `render` turns an earlier version's Markdown into
 * sanitised HTML.
 */
export function toReplyView(
  reply: LoadedReply,
  {
    someone,
    own,
    concealed,
    when,
    render,
  }: { someone: string; own: boolean; concealed: boolean; when: (d: Date) => string; render: (markdown: string) => string },
): ReplyView {
  const view: ReplyView = { id: reply.id, authorName: reply.authorName ?? someone, when: when(reply.createdAt) };
  const deleted = reply.deletedAt !== null;
  const hidden = reply.hiddenAt !== null;
  if (deleted) view.deleted = true;
  if (hidden) {
    view.hidden = true;
    if (reply.hiddenReason) view.hiddenReason = reply.hiddenReason;
  }
  if (concealed) view.concealed = true;
  if (reply.editedAt !== null) view.edited = true;
  if (reply.quotedReplyId) view.quotedReplyId = reply.quotedReplyId;
  if (own) {
    view.own = true;
    if (!deleted) view.body = reply.body;
  }
  if (!deleted && !concealed) view.html = reply.bodyHtml;
  if (!deleted && !hidden) {
    view.counts = reply.reactions.map((r) => r.count);
    const mine = reply.reactions.filter((r) => r.mine).map((r) => r.kind);
    if (mine.length > 0) view.mine = mine;
  }
  if (reply.revisions.length > 0 && !deleted && !concealed) {
    view.revisions = reply.revisions.map((v) => ({ id: v.id, when: when(v.createdAt), html: render(v.body) }));
  }
  return view;
}
