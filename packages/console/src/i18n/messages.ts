/** The languages every page is written in; the first is the fallback. */
export const languages = ["en", "zh-CN"] as const;
export type Language = (typeof languages)[number];

/**
 * The strings every page shares (the frame around the pages). Each page keeps its own in
 * pages/<page>/messages.ts. English defines the shape; the Chinese dictionary must have the same
 * keys and parameters, which the compiler checks, so nothing can ship half-translated.
 */
const en = {
  languageName: "English",
  app: {
    title: "Kexin console",
    skipToContent: "Skip to content",
    switchLanguage: "Language",
    nodeUnreachable: "The node is not answering; figures below may be stale. Verify still works offline.",
    notFound: "There is no page at this address.",
    backHome: "Back to the dashboard",
  },
  common: {
    loading: "Loading…",
    none: "none",
    yes: "yes",
    no: "no",
    copy: "Copy",
    error: (message: string) => `Something went wrong: ${message}`,
  },
};

export type SharedMessages = typeof en;

/** A set of strings in every language the console speaks. */
export type Translations<M> = Readonly<Record<Language, M>>;

const zhCN: SharedMessages = {
  languageName: "中文",
  app: {
    title: "可信控制台",
    skipToContent: "跳到正文",
    switchLanguage: "语言",
    nodeUnreachable: "节点无响应，下方数据可能已过时。验证功能离线仍可使用。",
    notFound: "此地址没有页面。",
    backHome: "返回概览",
  },
  common: {
    loading: "加载中…",
    none: "无",
    yes: "是",
    no: "否",
    copy: "复制",
    error: (message: string) => `出错了：${message}`,
  },
};

export const sharedMessages: Translations<SharedMessages> = { en, "zh-CN": zhCN };

/** The first of the browser's preferred languages that the console speaks; any Chinese variant maps to Simplified Chinese. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith("zh")) return "zh-CN";
    if (lower.startsWith("en")) return "en";
  }
  return "en";
}
