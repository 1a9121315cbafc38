import { getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { GatheringPage } from "@/lib/gatherings/queries";
import { AttendanceForm } from "./attendance-form";

/**
 * Who came, once the gathering has begun: names (members, and guests by name) for brokers and
 * members, counts for funders; the record form for its hosts and the brokers.
 */
export async function AttendanceSection({
  slug,
  page,
  candidates,
}: {
  slug: string;
  page: GatheringPage;
  candidates: { userId: string; name: string; going: boolean; came: boolean }[] | null;
}) {
  const t = await getTranslations("gatherings");
  const g = page.gathering;
  if (g.status !== "planned" || !page.started) return null;
  const { cameMembers, cameGuests } = page.counts;
  const recorded = cameMembers + cameGuests > 0;
  return (
    <section aria-labelledby="gathering-attendance" className={`${cardClass} space-y-3`}>
      <h2 id="gathering-attendance" className="text-xl font-semibold">
        {t("attendanceTitle")}
      </h2>
      {!recorded ? (
        <p>{t("attendanceNone")}</p>
      ) : (
        <>
          <p>{t("attendanceCounts", { members: cameMembers, guests: cameGuests })}</p>
          {page.people ? (
            <>
              <ul className="flex flex-wrap gap-x-4 gap-y-1">
                {page.people.came.map((p) => (
                  <li key={p.userId}>{p.name}</li>
                ))}
              </ul>
              {page.people.guests.length ? <p className="text-sm">{t("guestsList", { names: page.people.guests.join(", ") })}</p> : null}
            </>
          ) : null}
        </>
      )}
      {page.viewer.mayRecordAttendance && candidates ? (
        <details className="space-y-3" open={!recorded}>
          <summary className="cursor-pointer font-medium">{t("attendanceForm")}</summary>
          <AttendanceForm
            slug={slug}
            gatheringId={g.id}
            candidates={candidates.map((c) => ({ userId: c.userId, name: c.name, going: c.going, checked: recorded ? c.came : c.going }))}
            guests={page.people?.guests ?? []}
          />
        </details>
      ) : null}
    </section>
  );
}
