import { getTimeZone, getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { CyclePage } from "@/lib/cycles/queries";
import { toLocalInput } from "@/lib/cycles/schema";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { AdvanceCycleForm, ExtendCycleForm } from "./broker-controls";

/** Brokers move the deadlines later (typed in their own zone) and, in the I phase, move on to WE early. */
export async function BrokerTools({ scope, cycle }: { scope: NetworkScope; cycle: CyclePage["cycle"] }) {
  const [t, zone] = await Promise.all([getTranslations("cycles"), getTimeZone()]);
  return (
    <section aria-labelledby="broker-tools" className={`${cardClass} space-y-6`}>
      <h2 id="broker-tools" className="scroll-mt-6 text-lg font-semibold">
        {t("brokerTools")}
      </h2>
      <ExtendCycleForm
        slug={scope.slug}
        cycleId={cycle.id}
        iDeadline={toLocalInput(cycle.iDeadline, zone)}
        weDeadline={toLocalInput(cycle.weDeadline, zone)}
        zone={zone}
      />
      {cycle.phase === "reflect" && can(scope.role, "cycle.advance") ? <AdvanceCycleForm slug={scope.slug} cycleId={cycle.id} /> : null}
    </section>
  );
}
