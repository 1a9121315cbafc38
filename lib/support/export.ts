/**
 * The support map as open data: JSON with the field names of the Open Referral Human Services Data
 * Specification (HSDS 3.0) where they fit, so other directories can read it (decision 040). Pure
 * functions over what `listEntriesForExport` (queries.ts) returns: only listed entries, of one network.
 *
 * Each entry is an HSDS `service` with its `organization` (the provider; one organization per
 * provider name), `phones`, `service_areas` (the region) and `attributes` (the kinds of support and
 * growth stages, as terms of two Kring taxonomies). Kring's own fields the specification has no
 * place for travel under `x_kring`.
 */
import { createHash } from "node:crypto";
import type { ExportEntry } from "./queries";
import { isStale } from "./policy";

const KIND_TAXONOMY = "kring-support-kind";
const STAGE_TAXONOMY = "kring-growth-stage";

/** A stable id for a provider within a network: the same name, the same organization. */
function organizationId(networkSlug: string, provider: string): string {
  const hex = createHash("sha256").update(`${networkSlug}\u0000${provider.normalize("NFC").toLowerCase()}`).digest("hex");
  // Shaped as a UUID (version 8, custom), as HSDS ids are.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function supportMapJson(
  data: { network: { name: string; slug: string; locale: string }; entries: ExportEntry[] },
  links: { map: string },
  now: Date,
) {
  const { network } = data;
  const organizations = new Map<string, { id: string; name: string }>();
  const services = data.entries.map((e) => {
    const orgId = organizationId(network.slug, e.provider);
    if (!organizations.has(orgId)) organizations.set(orgId, { id: orgId, name: e.provider });
    return {
      id: e.id,
      organization_id: orgId,
      organization: { id: orgId, name: e.provider },
      name: e.name,
      description: e.description,
      url: e.url || null,
      email: e.email || null,
      status: "active",
      eligibility_description: e.eligibility || null,
      assured_date: e.checkedAt ? day(e.checkedAt) : null,
      last_modified: e.updatedAt.toISOString(),
      languages: [{ code: network.locale }],
      phones: e.phone ? [{ id: `${e.id}-phone`, number: e.phone }] : [],
      service_areas: e.region ? [{ id: `${e.id}-area`, name: e.region }] : [],
      attributes: [
        ...e.kinds.map((k) => ({ id: `${e.id}-kind-${k}`, link_entity: "service", taxonomy_term: { term: k, taxonomy: KIND_TAXONOMY } })),
        ...e.stages.map((s) => ({ id: `${e.id}-stage-${s}`, link_entity: "service", taxonomy_term: { term: s, taxonomy: STAGE_TAXONOMY } })),
      ],
      x_kring: {
        kinds: e.kinds,
        // None: the entry serves every stage.
        stages: e.stages,
        source_url: e.sourceUrl || null,
        checked_at: e.checkedAt ? e.checkedAt.toISOString() : null,
        may_be_out_of_date: isStale(e.checkedAt, now),
      },
    };
  });
  return {
    specification: "Open Referral HSDS 3.0 (field names where they fit)",
    specification_url: "https://docs.openreferral.org/en/latest/",
    generated_at: now.toISOString(),
    directory: { name: network.name, url: links.map, language: network.locale },
    organizations: [...organizations.values()],
    services,
  };
}
