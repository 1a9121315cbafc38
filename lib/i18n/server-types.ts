import type { getFormatter, getTranslations } from "next-intl/server";
import type { Namespace } from "./client-namespaces";

/**
 * What a server component renders text and dates with, fetched once by a list and handed to its
 * synchronous item components: an async component per item is a task and a payload row each (decision 054).
 */
export type Translator<N extends Namespace> = Awaited<ReturnType<typeof getTranslations<N>>>;
export type Formatter = Awaited<ReturnType<typeof getFormatter>>;
