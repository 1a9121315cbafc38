"use client";

import { useEffect } from "react";
import { recordVisitAction } from "@/lib/home/actions";

/**
 * Records the member's visit of the network home once the page has rendered, so the next visit
 * shows what happened since this one. The page never writes while it renders (a GET stays a
 * read); renders nothing.
 */
export function RecordVisit({ slug }: { slug: string }) {
  useEffect(() => {
    const form = new FormData();
    form.set("slug", slug);
    // A missed record only means the next visit shows a little more as new.
    recordVisitAction(null, form).catch(() => undefined);
  }, [slug]);
  return null;
}
