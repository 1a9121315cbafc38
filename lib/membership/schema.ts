import { z } from "zod";
import { HELP_TAGS_INPUT_MAX, HELP_TAGS_MAX } from "@/lib/membership/help-tags";
import { idField as id, slugField as slug, tagListField } from "@/lib/form-fields";
import { DECLINE_NOTE_MAX, INVITATION_EMAIL_MAX, INVITATION_NOTE_MAX, REQUEST_MESSAGE_MAX } from "./limits";
export * from "./limits";

/** A checkbox that must be ticked: the principles are accepted as part of joining. */
const acceptPrinciples = z.literal("on", { error: "principles_required" });

export const joinSchema = z.object({ slug, acceptPrinciples });

export const requestSchema = z.object({
  slug,
  acceptPrinciples,
  message: z
    .string()
    .default("")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(REQUEST_MESSAGE_MAX, `too_long|${REQUEST_MESSAGE_MAX}`)),
});

export const reviewRequestSchema = z.object({
  slug,
  membershipId: id,
  decision: z.enum(["approve", "decline"]),
  /** Told to the person when their request is declined; ignored when it is approved. */
  note: z
    .string()
    .default("")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(DECLINE_NOTE_MAX, `too_long|${DECLINE_NOTE_MAX}`)),
});

const anEmail = z.email();

const roleSchema = z.enum(["broker", "member", "funder"], { error: "invalid_choice" });

export const createInvitationSchema = z.object({
  slug,
  role: roleSchema,
  expiresInDays: z.coerce
    .number({ error: "invalid_number" })
    .int("invalid_number")
    .min(1, "too_small|1")
    .max(30, "too_large|30"),
  note: z
    .string()
    .default("")
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().max(INVITATION_NOTE_MAX, `too_long|${INVITATION_NOTE_MAX}`)),
  /** Where to send it (optional): lower-cased; an account with this address may accept it without the token. */
  email: z
    .string()
    .default("")
    .transform((s) => s.normalize("NFC").trim().toLowerCase())
    .pipe(z.string().max(INVITATION_EMAIL_MAX, `too_long|${INVITATION_EMAIL_MAX}`))
    .refine((s) => s === "" || anEmail.safeParse(s).success, "email_invalid"),
});

export const revokeInvitationSchema = z.object({ slug, invitationId: id });

export const acceptInvitationSchema = z.object({
  slug,
  token: z.string().min(16).max(128),
  acceptPrinciples,
});

/** Accepting an invitation sent to one's own account address: the id, no token (the address is the proof). */
export const acceptAddressedInvitationSchema = z.object({ slug, invitationId: id, acceptPrinciples });

export const changeRoleSchema = z.object({ slug, membershipId: id, role: roleSchema });
export const removeMemberSchema = z.object({ slug, membershipId: id });
export const leaveSchema = z.object({ slug });

/**
 * "I can help with": a typed list of tags (commas between them), normalised; an empty list clears
 * it. The vocabulary's labels become their slugs in the mutation, which knows the network.
 */
export const helpTagsSchema = z.object({
  slug,
  helpTags: tagListField(HELP_TAGS_INPUT_MAX, HELP_TAGS_MAX),
});
