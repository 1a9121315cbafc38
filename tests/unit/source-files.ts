// The app's own TypeScript sources, for tests that read code as text (what reaches the browser).
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Every .ts and .tsx file below `dir`, generated code and node_modules aside. */
export function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") continue;
    if (statSync(full).isDirectory()) sources(full, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

/** Whether a module's text starts with the "use client" directive (comments before it allowed). */
export function isClientModule(text: string): boolean {
  return /^\s*(\/\/[^\n]*\n\s*)*["']use client["']/.test(text);
}
