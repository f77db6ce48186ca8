import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { LANGUAGES } from "../../src/shared/language";
import { CATALOGUES, recognise, renderMessage, t } from "../../src/shared/messages";

const SRC = join(__dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "demo-data" ? [] : sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const STRING = String.raw`("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')`;
/** Where src/ writes a message for people: the error helpers, t(), decorators' and problems' `message:`, GraphQLErrors and refusals. */
const MESSAGE_SITES = [
  new RegExp(String.raw`\b(?:forbidden|notFound|conflict|badUserInputs?|unauthenticated|refusal|t)\(\s*${STRING}`, "g"),
  new RegExp(String.raw`new AppError\(\s*"[A-Z_]+",\s*${STRING}`, "g"),
  new RegExp(String.raw`new GraphQLError\(\s*${STRING}`, "g"),
  new RegExp(String.raw`sendError\(res, \d+, "[A-Z_]+", ${STRING}`, "g"),
  new RegExp(String.raw`\b(?:message|reason): ${STRING}`, "g"),
];
/** An error helper given a template literal builds English the catalogues cannot translate: write t("… {value} …", { value }). */
const INTERPOLATED_ERROR = /\b(?:forbidden|notFound|conflict|badUserInputs?|unauthenticated)\(\s*`/g;

const messagesInSource = sourceFiles(SRC).flatMap((path) => {
  const text = readFileSync(path, "utf8");
  return MESSAGE_SITES.flatMap((site) => [...text.matchAll(site)].map((match) => ({ path: path.slice(SRC.length + 1), message: JSON.parse(match[1].startsWith("'") ? `"${match[1].slice(1, -1).replace(/"/g, '\\"')}"` : match[1]) as string })));
});

type Element = ReturnType<IntlMessageFormat["getAst"]>[number];

/** The placeholders of a parsed template, with the choices of its select and plural arguments. */
function argumentsOf(elements: Element[]): string[] {
  return elements.flatMap((element) => {
    if ("options" in element) {
      const options = element.options as Record<string, { value: Element[] }>;
      return [`${element.value}:${Object.keys(options).sort().join("|")}`, ...Object.values(options).flatMap((option) => argumentsOf(option.value))];
    }
    return "value" in element && element.type !== 0 ? [`${element.value}`] : [];
  });
}

/** Parsing is what checks the syntax: a malformed template throws here. */
const placeholdersOf = (template: string) => [...new Set(argumentsOf(new IntlMessageFormat(template, "en", undefined, { ignoreTag: true }).getAst()))].sort();

describe("the message catalogues", () => {
  it("every message is in all three languages, and no catalogue has a message the others lack", () => {
    const keys = Object.keys(CATALOGUES.en).sort();
    for (const language of LANGUAGES) expect({ language, keys: Object.keys(CATALOGUES[language]).sort() }).toEqual({ language, keys });
  });

  it("every translation is ICU MessageFormat with exactly the placeholders and choices of its English key", () => {
    for (const key of Object.keys(CATALOGUES.en)) {
      const expected = placeholdersOf(key);
      for (const language of LANGUAGES) {
        expect({ key, language, placeholders: placeholdersOf(CATALOGUES[language][key]) }).toEqual({ key, language, placeholders: expected });
      }
    }
  });

  it("the Chinese catalogues are Chinese: no translation is left in English", () => {
    for (const language of ["zh-CN", "zh-TW"] as const) {
      const untranslated = Object.entries(CATALOGUES[language]).filter(([, text]) => !/\p{Script=Han}/u.test(text));
      expect({ language, untranslated }).toEqual({ language, untranslated: [] });
    }
  });

  it("every message src/ writes for people is a key of the catalogues, or a text one of their templates recognises", () => {
    expect(messagesInSource.length).toBeGreaterThan(150);
    const unknown = messagesInSource.filter(({ message }) => !recognise(message));
    expect(unknown).toEqual([]);
  });

  it("no error helper is given English built with a template literal", () => {
    const interpolated = sourceFiles(SRC).flatMap((path) =>
      [...readFileSync(path, "utf8").matchAll(INTERPOLATED_ERROR)].map((match) => `${path.slice(SRC.length + 1)}: ${match[0]}`),
    );
    expect(interpolated).toEqual([]);
  });

  it("a message no catalogue has yet still renders, in English, and a broken one never throws", () => {
    expect(renderMessage("A message added after the catalogues", "zh-CN")).toBe("A message added after the catalogues");
    expect(renderMessage(t("A new message about {thing}", { thing: "X" }), "zh-TW")).toBe("A new message about X");
    expect(renderMessage(t("The grant is {status}", {}), "zh-CN")).toBe("The grant is {status}");
    expect(renderMessage(t("An unclosed {placeholder", {}), "zh-CN")).toBe("An unclosed {placeholder");
  });

  it("values that are phrases or lists of phrases are rendered in the same language", () => {
    const message = t("A case cannot enter {to} without {missing}", { to: "CERTIFIED", missing: [t("a service record"), t("a material hand-over")] });
    expect(renderMessage(message, "en")).toBe("A case cannot enter CERTIFIED without a service record and a material hand-over");
    expect(renderMessage(message, "zh-CN")).toBe("案件缺少服务记录和资料交接，不能进入 CERTIFIED");
    expect(renderMessage(t("{label} not found", { label: t("Service case") }), "zh-TW")).toBe("未找到服務案件");
  });

  it("class-validator's and graphql-js's finished English is recognised with its values", () => {
    expect(renderMessage("consultantId must be an id", "zh-CN")).toBe("consultantId 必须是 ID");
    expect(renderMessage("name must be shorter than or equal to 200 characters", "zh-TW")).toBe("name 不得超過 200 個字元");
    expect(renderMessage('Unknown operation named "Missing".', "zh-CN")).toBe("未知的操作名称“Missing”。");
  });
});
