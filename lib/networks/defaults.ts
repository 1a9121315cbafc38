import type { AppLocale } from "@/lib/i18n/config";

/**
 * The group-process principles from the SIAC kick-off text, offered as the
 * starting principles of every new network (and editable there).
 */
export const defaultPrinciples: Record<AppLocale, string[]> = {
  en: [
    "No one has a monopoly on the truth.",
    "Argue about ideas, never about the people behind them.",
    "Be honest and clear: share all that comes up.",
    "Put yourself in the picture, not outside it.",
    "Recognise the power of power.",
    "The process takes time.",
    "Stay open: be flexible and enjoy the unknown.",
  ],
  nl: [
    "Niemand heeft het monopolie op de waarheid.",
    "Discussieer over ideeën, nooit over de mensen erachter.",
    "Wees eerlijk en helder: deel alles wat opkomt.",
    "Zet jezelf in het plaatje, niet erbuiten.",
    "Erken de kracht van macht.",
    "Het proces kost tijd.",
    "Blijf open: wees flexibel en geniet van het onbekende.",
  ],
};
