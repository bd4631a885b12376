/** A catalogue title in the page's language: English for English, German otherwise (the dashboard has both). */
export const titleIn = (language: string, title: { de: string; en: string }): string =>
  language.startsWith('en') ? title.en : title.de;
