/**
 * When a live page re-renders after "something changed": at once on the first change, and once
 * more when the changes have been quiet for `settleMs` (at the latest `maxWaitMs` after the
 * first one that is still waiting). The trailing refresh is the one that counts: it starts after
 * the last change was announced, so a change that landed while an earlier refresh was already on
 * its way (and rendered the page without it) still shows, and a burst of replies costs two
 * renders instead of one each.
 */
export function refreshAfterChanges(refresh: () => void, { settleMs = 800, maxWaitMs = 3_000 } = {}) {
  let trailing: ReturnType<typeof setTimeout> | undefined;
  let waitingSince: number | undefined;

  const flush = () => {
    clearTimeout(trailing);
    trailing = undefined;
    waitingSince = undefined;
    refresh();
  };

  return {
    changed() {
      const now = Date.now();
      if (waitingSince === undefined) {
        waitingSince = now;
        refresh();
      }
      clearTimeout(trailing);
      const wait = Math.max(0, Math.min(settleMs, waitingSince + maxWaitMs - now));
      trailing = setTimeout(flush, wait);
    },
    dispose() {
      clearTimeout(trailing);
      trailing = undefined;
    },
  };
}
