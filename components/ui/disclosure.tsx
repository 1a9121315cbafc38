"use client";

import { useEffect, useRef, useState, type SyntheticEvent } from "react";

/**
 * For a `<details>` whose content is a form: the content is rendered only once the
 * disclosure has been opened, so a page with many posts does not send as many closed
 * forms. It stays mounted after closing (typed text survives). A disclosure opened
 * before the page hydrated is picked up on mount.
 */
export function useDisclosure() {
  const ref = useRef<HTMLDetailsElement>(null);
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (ref.current?.open) setOpened(true);
  }, []);
  const onToggle = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (event.currentTarget.open) setOpened(true);
  };
  return { ref, opened, onToggle };
}
