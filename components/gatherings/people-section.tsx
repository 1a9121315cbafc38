import { getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { GatheringPage } from "@/lib/gatherings/queries";

function Names({ label, people, empty }: { label: string; people: { userId: string; name: string; note: string }[]; empty: string }) {
  return (
    <div className="space-y-1">
      <h3 className="font-semibold">{label}</h3>
      {people.length === 0 ? (
        <p className="text-sm text-muted">{empty}</p>
      ) : (
        <ul className="space-y-1">
          {people.map((p) => (
            <li key={p.userId}>
              {p.name}
              {p.note ? <span className="block text-sm text-muted whitespace-pre-line">{p.note}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Who is going, maybe, and waiting (in order): names for brokers and members, counts for funders. */
export async function PeopleSection({ page }: { page: GatheringPage }) {
  const t = await getTranslations("gatherings");
  const g = page.gathering;
  if (g.status === "proposed") return null;
  const { going, maybe, waitlisted } = page.counts;
  return (
    <section aria-labelledby="gathering-people" className={`${cardClass} space-y-3`}>
      <h2 id="gathering-people" className="text-xl font-semibold">
        {t("peopleTitle")}
      </h2>
      {g.capacity !== null ? <p>{t("seats", { free: Math.max(0, g.capacity - going), capacity: g.capacity })}</p> : null}
      {page.people ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <Names label={t("going", { count: going })} people={page.people.going} empty={t("nobody")} />
          <Names label={t("maybe", { count: maybe })} people={page.people.maybe} empty={t("nobody")} />
          {waitlisted > 0 || g.capacity !== null ? <Names label={t("waitlist", { count: waitlisted })} people={page.people.waitlist} empty={t("nobody")} /> : null}
        </div>
      ) : (
        <p>{t("countsOnly", { going, maybe, waitlisted })}</p>
      )}
    </section>
  );
}
