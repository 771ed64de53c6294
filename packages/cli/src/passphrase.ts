import type { CliContext } from "./context.ts";
import { CliError } from "./errors.ts";

const passphraseLengthMax = 1024;

export interface PassphraseRequest {
  /** The value of --passphrase, if given. */
  readonly flag: string | undefined;
  /** Shown when prompting, e.g. "passphrase for alice". */
  readonly label: string;
  /** Ask twice and compare, for a new key. */
  readonly confirm: boolean;
}

/** From --passphrase, then KEXIN_PASSPHRASE, then a prompt without echo when stdin is a terminal. */
export async function resolvePassphrase(context: CliContext, request: PassphraseRequest): Promise<string> {
  const given = request.flag ?? context.env.KEXIN_PASSPHRASE;
  if (given !== undefined && given.length > 0) return given;
  if (!context.stdin.isTTY) {
    throw new CliError(
      { code: "CLI_NO_PASSPHRASE" },
      "a passphrase is needed: pass --passphrase, set KEXIN_PASSPHRASE, or run the command in a terminal to be prompted",
    );
  }
  const passphrase = await promptHidden(context, `${request.label}: `);
  if (passphrase.length === 0) throw new CliError({ code: "CLI_NO_PASSPHRASE" }, "the passphrase must not be empty");
  if (request.confirm && (await promptHidden(context, "repeat it: ")) !== passphrase) {
    throw new CliError({ code: "CLI_NO_PASSPHRASE" }, "the two passphrases differ; nothing was written");
  }
  return passphrase;
}

/** Reads one line in raw mode so the typed characters are never echoed. The prompt goes to stderr, keeping stdout for results. */
function promptHidden(context: CliContext, prompt: string): Promise<string> {
  const input = context.stdin;
  return new Promise((resolve, reject) => {
    let characters: string[] = [];
    const finish = (error?: CliError): void => {
      input.removeListener("data", onData);
      input.setRawMode(false);
      input.pause();
      context.stderr.write("\n");
      if (error) reject(error);
      else resolve(characters.join(""));
    };
    const onData = (chunk: string): void => {
      for (const character of chunk) {
        if (character === "\r" || character === "\n" || character === "\u0004") return finish();
        if (character === "\u0003") return finish(new CliError({ code: "CLI_CANCELLED" }, "cancelled"));
        if (character === "\u007f" || character === "\b") characters = characters.slice(0, -1);
        else if (character >= " " && characters.length < passphraseLengthMax) characters.push(character);
      }
    };
    context.stderr.write(prompt);
    input.setEncoding("utf8");
    input.setRawMode(true);
    input.on("data", onData);
    input.resume();
  });
}
