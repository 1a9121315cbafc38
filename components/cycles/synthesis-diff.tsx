import { diffLines, diffWords, type ChangeObject } from "diff";

/**
 * What changed between two revisions of the synthesis, word by word (line by line when a
 * word diff would take too long). Added and removed text are marked with <ins> and <del>,
 * which look different without colour (underline, strike-through) and carry a spoken label.
 */
export function SynthesisDiff({
  before,
  after,
  labels,
}: {
  before: string;
  after: string;
  labels: { added: string; removed: string; end: string };
}) {
  const parts: ChangeObject<string>[] = diffWords(before, after, { timeout: 500 }) ?? diffLines(before, after);
  return (
    <div className="rounded-md border border-line p-3 font-mono text-sm whitespace-pre-wrap">
      {parts.map((part, i) =>
        part.added ? (
          <ins key={i} className="bg-accent-soft text-accent-strong underline">
            <span className="sr-only">{labels.added} </span>
            {part.value}
            <span className="sr-only"> {labels.end}</span>
          </ins>
        ) : part.removed ? (
          <del key={i} className="bg-danger-soft text-danger line-through">
            <span className="sr-only">{labels.removed} </span>
            {part.value}
            <span className="sr-only"> {labels.end}</span>
          </del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </div>
  );
}
