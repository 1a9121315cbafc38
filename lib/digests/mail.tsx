import { render, toPlainText } from "@react-email/components";
import { createTranslator } from "next-intl";
import { NotificationMail, type WordedGroup } from "@/components/email/notification-mail";
import type { AppLocale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";
import { emailLink } from "@/lib/mail/links";
import { notificationMessageKey } from "@/lib/notifications/schema";
import type { MailContent, MailGroup } from "./compose";

/**
 * A notification mail in the recipient's language and time zone, rendered by React Email to
 * HTML and plain text. Every link is on the public address (emailLink); an item's link opens it
 * through the notification centre, which marks it read.
 */
export type NotificationMailInput = {
  mode: "daily" | "weekly" | "immediate";
  locale: AppLocale;
  timeZone: string;
  network: { name: string; slug: string };
  content: MailContent;
  unsubscribeUrl: string;
};

function groupHref(slug: string, group: MailGroup): string {
  const [about, id] = group.key.split(":");
  if (about === "thread") return emailLink(`/n/${slug}/dialogue/${id}`);
  if (about === "cycle") return emailLink(`/n/${slug}/cycles`);
  if (about === "initiative") return emailLink(`/n/${slug}/initiatives/${id}`);
  if (about === "gathering") return emailLink(`/n/${slug}/gatherings/${id}`);
  if (about === "exchange") return emailLink(`/n/${slug}/exchange/${id}`);
  if (about === "support") return emailLink(`/n/${slug}/support#entry-${id}`);
  if (about === "commons") return emailLink(`/n/${slug}/sharing/${id}`);
  return emailLink(`/n/${slug}`);
}

export async function notificationMail(input: NotificationMailInput) {
  const messages = await loadMessages(input.locale);
  const t = createTranslator({ locale: input.locale, messages, namespace: "mail" });
  const tn = createTranslator({ locale: input.locale, messages, namespace: "notifications" });
  const tr = createTranslator({ locale: input.locale, messages, namespace: "roles" });
  const when = new Intl.DateTimeFormat(input.locale, { dateStyle: "medium", timeStyle: "short", timeZone: input.timeZone });
  const whenLong = new Intl.DateTimeFormat(input.locale, { dateStyle: "full", timeStyle: "short", timeZone: input.timeZone });
  const network = input.network.name;
  const groups: WordedGroup[] = input.content.groups.map((group) => {
    const title = group.title ?? "";
    return {
      heading: group.about === "network" ? t("about.network", { network }) : t(`about.${group.about}`, { title }),
      href: groupHref(input.network.slug, group),
      linkLabel: group.about === "network" ? t("open.network", { network }) : t(`open.${group.about}`, { title }),
      lines: group.items.map((item) => ({
        text: [
          tn(notificationMessageKey(item), {
            actor: item.actorName ?? tn("someone"),
            thread: item.threadTitle ?? tn("aThread"),
            milestone: item.milestoneTitle ?? tn("aMilestone"),
            gathering: item.gatheringTitle ?? tn("aGathering"),
            post: item.exchangePostTitle ?? tn("aPost"),
            entry: item.supportEntryName ?? tn("anEntry"),
            proposal: item.commonsProposalTitle ?? tn("aProposal"),
            when: item.gatheringStartsAt ? whenLong.format(item.gatheringStartsAt) : "",
            network,
          }),
          item.note ? tn("declineNote", { note: item.note }) : null,
          item.role ? tn(item.kind === "membership_invited" ? "invitedAs" : "newRole", { role: tr(item.role as "member") }) : null,
        ]
          .filter(Boolean)
          .join(" "),
        when: when.format(item.createdAt),
        href: emailLink(`/notifications/${item.id}`),
      })),
      more: group.more ? t("moreInGroup", { count: group.more }) : null,
    };
  });
  const count = input.content.total;
  const first = groups[0];
  const subject =
    input.mode === "immediate"
      ? t("subjectImmediate", { network, what: first?.lines[0]?.text ?? "", count })
      : t(input.mode === "daily" ? "subjectDaily" : "subjectWeekly", { network, count });
  const element = (
    <NotificationMail
      lang={input.locale}
      heading={input.mode === "immediate" ? t("headingImmediate", { network }) : t("headingDigest", { network })}
      intro={input.mode === "immediate" ? t("introImmediate", { count }) : t(input.mode === "daily" ? "introDaily" : "introWeekly", { count })}
      groups={groups}
      more={input.content.more ? t("more", { count: input.content.more }) : null}
      centre={{ href: emailLink("/notifications"), label: t("centre") }}
      footer={{
        why: t(`why.${input.mode}`, { network }),
        unsubscribe: { href: input.unsubscribeUrl, label: t("unsubscribe", { network }) },
        settings: { href: emailLink("/profile#email"), label: t("settings") },
      }}
    />
  );
  // The plain text from the rendered HTML: the same as rendering again with `plainText`, for a third of the time.
  const html = await render(element);
  return { subject, html, text: toPlainText(html) };
}
