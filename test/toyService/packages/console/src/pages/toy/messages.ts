import type { Translations } from "../../i18n/messages.ts";

/** The strings of the Bell tower page; English defines the shape, and the compiler holds the Chinese to it. */
const en = {
  toy: {
    nav: "Bell tower",
    title: "Bell tower",
    rung: (bells: number) => `The bell has rung ${bells} ${bells === 1 ? "time" : "times"}.`,
    lastNote: "Last note",
    noNote: "No note yet.",
  },
};

export type ToyMessages = typeof en;

const zhCN: ToyMessages = {
  toy: {
    nav: "钟楼",
    title: "钟楼",
    rung: (bells: number) => `钟已敲响 ${bells} 次。`,
    lastNote: "最后的留言",
    noNote: "尚无留言。",
  },
};

export const toyMessages: Translations<ToyMessages> = { en, "zh-CN": zhCN };
