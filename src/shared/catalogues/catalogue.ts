/** One language's messages: the English ICU MessageFormat key of each, and its text in that language. */
export type Catalogue = Readonly<Record<string, string>>;
