"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { CheckboxField, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { setExportEmailAction, setNetworkEmailAction, updateEmailSettingsAction } from "@/lib/accounts/actions";

const FREQUENCIES = ["immediate", "daily", "weekly", "off"] as const;

export type EmailSettings = { frequency: string; digestHour: number; digestWeekday: number; timeZone: string };

/**
 * How often Kring emails the person, and when their digest comes. The weekday names and the
 * list of time zones come from the browser's Intl (the server passes them rendered, so the
 * first paint has them).
 */
export function EmailSettingsForm({
  settings,
  weekdays,
  timeZones,
}: {
  settings: EmailSettings;
  weekdays: { value: string; label: string }[];
  timeZones: string[];
}) {
  const t = useTranslations("emailSettings");
  const [state, action] = useActionState(updateEmailSettingsAction, null);
  return (
    <form action={action} className="space-y-4" noValidate aria-labelledby="email">
      <FormMessage state={state} success={t("saved")} />
      <SelectField
        name="frequency"
        label={t("frequency")}
        initial={settings.frequency}
        state={state}
        options={FREQUENCIES.map((f) => ({ value: f, label: t(`frequencies.${f}`) }))}
      />
      <SelectField
        name="digestHour"
        label={t("hour")}
        initial={String(settings.digestHour)}
        state={state}
        options={Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, "0")}:00` }))}
      />
      <SelectField name="digestWeekday" label={t("weekday")} initial={String(settings.digestWeekday)} state={state} options={weekdays} />
      <SelectField
        name="timeZone"
        label={t("timeZone")}
        hint={t("timeZoneHint")}
        initial={settings.timeZone}
        state={state}
        options={timeZones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}

/** One network's own frequency for the person: "as above" or a choice of its own. */
export function NetworkEmailForm({ slug, name, frequency, general }: { slug: string; name: string; frequency: string | null; general: string }) {
  const t = useTranslations("emailSettings");
  const [state, action] = useActionState(setNetworkEmailAction, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="slug" value={slug} />
      <div className="min-w-56 flex-1">
        <SelectField
          name="frequency"
          label={name}
          initial={frequency ?? ""}
          state={state}
          options={[
            { value: "", label: t("followDefault", { frequency: t(`frequencyShort.${general as (typeof FREQUENCIES)[number]}`) }) },
            ...FREQUENCIES.map((f) => ({ value: f, label: t(`frequencies.${f}`) })),
          ]}
        />
      </div>
      <SubmitButton pendingLabel={t("saving")}>{t("saveFor", { network: name })}</SubmitButton>
      <FormMessage state={state} success={t("saved")} />
    </form>
  );
}

/** Whether the person's address may be in one network's export (issue 22): off until they tick it. */
export function ExportEmailForm({ slug, name, allowed }: { slug: string; name: string; allowed: boolean }) {
  const t = useTranslations("emailSettings");
  const [state, action] = useActionState(setExportEmailAction, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="slug" value={slug} />
      <div className="min-w-56 flex-1">
        <CheckboxField name="allow" label={t("exportEmailLabel", { network: name })} initial={allowed} state={state} />
      </div>
      <SubmitButton pendingLabel={t("saving")}>{t("saveFor", { network: name })}</SubmitButton>
      <FormMessage state={state} success={t("saved")} />
    </form>
  );
}
