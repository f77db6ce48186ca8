import { IntlMessageFormat } from "intl-messageformat";
import type { Catalogue } from "./catalogues/catalogue";
import { EN } from "./catalogues/en";
import { ZH_CN } from "./catalogues/zh-CN";
import { ZH_TW } from "./catalogues/zh-TW";
import { DEFAULT_LANGUAGE, Language } from "./language";

/**
 * Messages for people (errors, mails), one catalogue per language (src/shared/catalogues). A
 * message's key is its English ICU MessageFormat text, so code reads as the English it says and a
 * message no catalogue has yet still renders, in English (docs/language-and-search.md).
 */
/** A placeholder's value: a fact, a message of its own (a phrase), or a list of them, rendered in the same language. */
export type MessageValue = string | number | Message | readonly Message[];
export type MessageValues = Readonly<Record<string, MessageValue>>;

/** A message with the values its placeholders take. */
export interface Message {
  readonly key: string;
  readonly values: MessageValues;
}

/** What error helpers take: a message, or a fixed English text (a key itself when a catalogue has it). */
export type MessageText = string | Message;

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en: EN, "zh-CN": ZH_CN, "zh-TW": ZH_TW };

/** The message `key` (its English ICU text) with its values: `t("The grant is {status}", { status })`. */
export function t(key: string, values: MessageValues = {}): Message {
  return { key, values };
}

/** The text in `language`: the catalogue's, else the English one, else the text as written; never throws. */
export function renderMessage(text: MessageText, language: Language = DEFAULT_LANGUAGE): string {
  const message = typeof text === "string" ? recognise(text) : text;
  if (!message) return text as string;
  const values = Object.fromEntries(Object.entries(message.values).map(([name, value]) => [name, valueIn(value, language)]));
  for (const template of [CATALOGUES[language][message.key], EN[message.key], message.key]) {
    if (template === undefined) continue;
    try {
      return formatter(template, language).format(values) as string;
    } catch {
      // A template whose values are missing or malformed: the next one in line.
    }
  }
  return message.key;
}

function valueIn(value: MessageValue, language: Language): string | number {
  if (typeof value !== "object") return value;
  if (!Array.isArray(value)) return renderMessage(value as Message, language);
  return new Intl.ListFormat(language, { type: "conjunction" }).format(value.map((item: Message) => renderMessage(item, language)));
}

const formatters = new Map<string, IntlMessageFormat>();

function formatter(template: string, language: Language): IntlMessageFormat {
  const id = `${language}\u0000${template}`;
  let found = formatters.get(id);
  if (!found) {
    // Messages are plain text: `<` in "grade1Min > grade2Min" or an address is no markup tag.
    found = new IntlMessageFormat(template, language, undefined, { ignoreTag: true });
    formatters.set(id, found);
  }
  return found;
}

/** A catalogue template with simple `{name}` placeholders, as a pattern that reads their values back out of the English text. */
interface TextPattern {
  key: string;
  names: string[];
  pattern: RegExp;
}

const PLACEHOLDER = /\{(\w+)\}/g;
const HAS_PLACEHOLDER = /\{\w+\}/;

const TEXT_PATTERNS: readonly TextPattern[] = Object.keys(EN)
  .filter((key) => HAS_PLACEHOLDER.test(key) && !/\{\w+,/.test(key))
  .map((key) => {
    const names = [...key.matchAll(PLACEHOLDER)].map((match) => match[1]);
    const literal = key.split(PLACEHOLDER).filter((_, i) => i % 2 === 0);
    const escaped = literal.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return { key, names, pattern: new RegExp(`^${escaped.join("(.+?)")}$`, "s") };
  })
  // The most specific first: more fixed text leaves less to the placeholders.
  .sort((a, b) => b.key.replace(PLACEHOLDER, "").length - a.key.replace(PLACEHOLDER, "").length);

/**
 * The message a finished English text is: a key as it stands, or a template with placeholders
 * whose values it reads back (class-validator's and graphql-js's messages, and code that still
 * builds its English with a template literal); undefined when no catalogue knows it.
 */
export function recognise(text: string): Message | undefined {
  if (Object.hasOwn(EN, text)) return t(text);
  for (const { key, names, pattern } of TEXT_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return t(key, Object.fromEntries(names.map((name, i) => [name, match[i + 1]])));
  }
  return undefined;
}
