/** The languages every page is written in; the first is the fallback. */
export const languages = ["en", "zh-CN"] as const;
export type Language = (typeof languages)[number];

/**
 * The strings every page shares (the frame around the pages, and the signing-key panel). Each page keeps its own in
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
  key: {
    openKeyTitle: "Open an encrypted key file",
    keyFile: "Key file",
    chooseKeyFile: "Choose key file",
    passphrase: "Passphrase",
    openKey: "Open key",
    opening: "Opening…",
    newKeyTitle: "No key yet?",
    createKey: "Create a new key",
    newKeyNote:
      "Before this key can sign transactions, an administrator of your organisation must register its address as a member. Download it as an encrypted key file and keep it safe: a key that was not downloaded is lost when this tab closes.",
    newPassphrase: "Passphrase for the key file",
    repeatPassphrase: "Repeat the passphrase",
    downloadKey: "Download key file",
    passphraseTooShort: (lengthMin: number) => `Use a passphrase of at least ${lengthMin} characters.`,
    passphrasesDiffer: "The two passphrases differ.",
    address: "Address",
    forgetKey: "Forget this key",
    checkingRegistration: "Checking its registration…",
    registered: (name: string, org: string) => `Registered: ${name}, organisation “${org}”`,
    notRegistered: "Not registered on this chain yet: its transactions are refused until an organisation admin registers this address.",
    badPassphrase: "Wrong passphrase for this key file.",
    badKeyFile: (reason: string) => `This key file cannot be used: ${reason}`,
    wrongSuite: (keySuite: string, chainSuite: string) => `This key is for the ${keySuite} suite, but this chain uses ${chainSuite}.`,
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
  key: {
    openKeyTitle: "打开加密密钥文件",
    keyFile: "密钥文件",
    chooseKeyFile: "选择密钥文件",
    passphrase: "口令",
    openKey: "打开密钥",
    opening: "正在打开…",
    newKeyTitle: "还没有密钥？",
    createKey: "创建新密钥",
    newKeyNote: "此密钥签署交易之前，须由所在机构的管理员将其地址登记为成员。请将其下载为加密密钥文件并妥善保管：未下载的密钥在关闭本标签页后即丢失。",
    newPassphrase: "密钥文件口令",
    repeatPassphrase: "再次输入口令",
    downloadKey: "下载密钥文件",
    passphraseTooShort: (lengthMin: number) => `口令至少需要 ${lengthMin} 个字符。`,
    passphrasesDiffer: "两次输入的口令不一致。",
    address: "地址",
    forgetKey: "清除此密钥",
    checkingRegistration: "正在查询登记状态…",
    registered: (name: string, org: string) => `已登记：${name}，机构“${org}”`,
    notRegistered: "尚未在本链登记：机构管理员登记此地址之前，其交易会被拒绝。",
    badPassphrase: "密钥文件的口令不正确。",
    badKeyFile: (reason: string) => `无法使用此密钥文件：${reason}`,
    wrongSuite: (keySuite: string, chainSuite: string) => `此密钥属于 ${keySuite} 密码套件，而本链使用 ${chainSuite}。`,
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
