"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { FormMessage } from "@/components/ui/messages";
import { inputClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { changeRoleAction, leaveAction, removeMemberAction } from "@/lib/membership/actions";

/** A broker's controls on one member: change the role, or remove them. */
export function MemberActions({ slug, membershipId, role, name }: { slug: string; membershipId: string; role: string; name: string }) {
  const t = useTranslations("members");
  const tr = useTranslations("roles");
  const id = useId();
  const [roleState, roleAction] = useActionState(changeRoleAction, null);
  const [removeState, removeAction] = useActionState(removeMemberAction, null);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <form action={roleAction} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="membershipId" value={membershipId} />
          <div>
            <label htmlFor={`${id}-role`} className="block text-sm">
              {t("roleOf", { name })}
            </label>
            {/* Keyed by the role: React applies defaultValue only on mount, and resets the form to it after the action. */}
            <select key={role} id={`${id}-role`} name="role" defaultValue={role} className={`${inputClass} min-h-11`}>
              {(["broker", "member", "funder"] as const).map((r) => (
                <option key={r} value={r}>
                  {tr(r)}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton variant="secondary">{t("changeRole")}</SubmitButton>
        </form>
        <form
          action={removeAction}
          onSubmit={(e) => {
            if (!window.confirm(t("confirmRemove", { name }))) e.preventDefault();
          }}
        >
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="membershipId" value={membershipId} />
          <SubmitButton variant="danger">{t("remove")}</SubmitButton>
        </form>
      </div>
      <FormMessage state={roleState} success={t("roleChanged")} />
      <FormMessage state={removeState} />
    </div>
  );
}

export function LeaveForm({ slug }: { slug: string }) {
  const t = useTranslations("members");
  const [state, action] = useActionState(leaveAction, null);
  return (
    <form
      action={action}
      className="space-y-2"
      onSubmit={(e) => {
        if (!window.confirm(t("confirmLeave"))) e.preventDefault();
      }}
    >
      <input type="hidden" name="slug" value={slug} />
      <FormMessage state={state} />
      <SubmitButton variant="danger">{t("leave")}</SubmitButton>
    </form>
  );
}
