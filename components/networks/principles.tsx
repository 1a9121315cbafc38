export function PrinciplesList({ principles, lang }: { principles: string[]; lang: string }) {
  return (
    <ol className="list-decimal space-y-1 pl-6" lang={lang}>
      {principles.map((p, i) => (
        <li key={i}>{p}</li>
      ))}
    </ol>
  );
}
