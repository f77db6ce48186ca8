/** The languages messages are written in (DESIGN §8.4). */
export const LANGUAGES = ["en", "zh-CN", "zh-TW"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";

/**
 * The language of a BCP 47 tag, or undefined when we write none close to it. Chinese goes by its
 * script first (zh-Hant-CN is Traditional), then by region: Taiwan, Hong Kong and Macau write
 * Traditional, everyone else (mainland, Singapore, Malaysia, bare `zh`) Simplified.
 */
export function languageOfTag(tag: string): Language | undefined {
  const [primary, ...subtags] = tag.toLowerCase().split(/[-_]/);
  if (primary === "en") return "en";
  if (primary !== "zh") return undefined;
  if (subtags.includes("hant")) return "zh-TW";
  if (subtags.includes("hans")) return "zh-CN";
  return subtags.some((subtag) => ["tw", "hk", "mo"].includes(subtag)) ? "zh-TW" : "zh-CN";
}

/** The language an Accept-Language header prefers among ours (q-values, then order); English when it names none of them. */
export function negotiateLanguage(acceptLanguage: string | string[] | undefined): Language {
  return requestedLanguage(acceptLanguage) ?? DEFAULT_LANGUAGE;
}

/** The language an Accept-Language header prefers among ours, or undefined when it names none of them (or is absent). */
export function requestedLanguage(acceptLanguage: string | string[] | undefined): Language | undefined {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(",") : (acceptLanguage ?? "");
  const ranges = header
    .split(",")
    .map((item, position) => {
      const [tag, ...parameters] = item.split(";").map((part) => part.trim());
      const quality = parameters.find((parameter) => /^q=/i.test(parameter));
      const weight = quality === undefined ? 1 : Number(quality.slice(2));
      return { tag, weight: Number.isFinite(weight) ? weight : 0, position };
    })
    .filter(({ tag, weight }) => tag && weight > 0)
    .sort((a, b) => b.weight - a.weight || a.position - b.position);
  for (const { tag } of ranges) {
    const language = languageOfTag(tag);
    if (language) return language;
  }
  return undefined;
}
