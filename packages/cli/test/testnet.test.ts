import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { freePortRange, kexinBin, processAlive, repositoryRoot, waitFor } from "../../../test/support/nodeProcess.ts";
import { parseJson, runCli } from "./runCli.ts";

interface NodeConfigFile {
  readonly api: { host: string; port: number };
  readonly p2p: { listen: { host: string; port: number }; bootstrap: string[] };
}

const readConfig = (dir: string, node: string): NodeConfigFile => JSON.parse(readFileSync(join(dir, node, "config.json"), "utf8")) as NodeConfigFile;

test("error: --hosts must list one hostname or IP address per validator; valid hosts go into every config", { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "kexin-cli-hosts-"));
  try {
    const net = join(dir, "net");
    const init = (hosts: string, ...extra: string[]) => runCli(["testnet", "init", "--dir", net, "--validators", "4", "--hosts", hosts, ...extra]);
    const tooFew = await init("10.0.0.1,10.0.0.2,10.0.0.3");
    assert.equal(tooFew.code, 1);
    assert.match(tooFew.stderr, /--hosts lists 3 hosts for 4 validators; give one per validator/);
    const bad = await init("10.0.0.1,bad_host!,c.example,10.0.0.4");
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--hosts entry 2 \("bad_host!"\) is neither a hostname nor an IP address/);
    const empty = await init("10.0.0.1,,c.example,10.0.0.4");
    assert.match(empty.stderr, /--hosts entry 2 \(""\) is neither a hostname nor an IP address/);
    assert.equal(existsSync(join(net, "testnet.json")), false, "a refused init writes no testnet");

    const made = await init("10.0.0.1, node2.example.com ,fd00::3,10.0.0.4", "--api-port", "8100", "--p2p-port", "9100", "--json");
    assert.equal(made.code, 0, made.stderr);
    const result = parseJson(made.stdout) as { nodes: { name: string; apiUrl: string; p2pAddress: string }[] };
    const peerIds = result.nodes.map((node) => node.p2pAddress.split("/p2p/")[1]);
    assert.deepEqual(
      result.nodes.map((node) => [node.apiUrl, node.p2pAddress]),
      [
        ["http://10.0.0.1:8100", `/ip4/10.0.0.1/tcp/9100/p2p/${peerIds[0]}`],
        ["http://node2.example.com:8101", `/dns/node2.example.com/tcp/9101/p2p/${peerIds[1]}`],
        ["http://[fd00::3]:8102", `/ip6/fd00::3/tcp/9102/p2p/${peerIds[2]}`],
        ["http://10.0.0.4:8103", `/ip4/10.0.0.4/tcp/9103/p2p/${peerIds[3]}`],
      ],
    );
    const node1 = readConfig(net, "node1");
    assert.deepEqual(node1.p2p.listen, { host: "10.0.0.1", port: 9100 });
    assert.deepEqual(node1.p2p.bootstrap, result.nodes.slice(1).map((node) => node.p2pAddress), "node1 dials the other three at their hosts");
    const node2 = readConfig(net, "node2");
    assert.deepEqual(node2.p2p.listen, { host: "0.0.0.0", port: 9101 }, "a hostname cannot be bound: the node listens on every interface");
    assert.deepEqual(node2.api, { host: "0.0.0.0", port: 8101 });
    assert.deepEqual(node2.p2p.bootstrap, [0, 2, 3].map((index) => result.nodes[index]?.p2pAddress));

    const unknown = await runCli(["testnet", "restart", "node9", "--dir", net]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /node9 is not a validator of this testnet; it has node1, node2, node3, node4/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("behavior: testnet start prints each validator's process id; testnet restart stops one by it and starts it again; Ctrl-C stops them all", { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "kexin-cli-restart-"));
  const net = join(dir, "net");
  const pids = new Set<number>();
  let supervisor: ReturnType<typeof spawn> | undefined;
  try {
    const apiPort = await freePortRange(4);
    const init = await runCli(["testnet", "init", "--dir", net, "--validators", "2", "--api-port", String(apiPort), "--p2p-port", String(apiPort + 2), "--json"]);
    assert.equal(init.code, 0, init.stderr);
    const urls = [`http://127.0.0.1:${apiPort}`, `http://127.0.0.1:${apiPort + 1}`];
    supervisor = spawn(process.execPath, [kexinBin, "testnet", "start", "--dir", net], { cwd: repositoryRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    supervisor.stdout?.on("data", (data) => (output += String(data)));
    supervisor.stderr?.on("data", (data) => (output += String(data)));
    const running = supervisor;
    const supervisorExited = new Promise<number | null>((resolve) => running.once("exit", (code) => resolve(code)));
    const printed = await waitFor(
      "testnet start to print both process ids",
      async () => {
        const found = [1, 2].map((index) => output.match(new RegExp(`^node${index}\\s+(\\d+)\\s+http`, "m"))?.[1]);
        return found.every((pid) => pid !== undefined) ? found.map(Number) : undefined;
      },
      30_000,
    );
    printed.forEach((pid) => pids.add(pid));
    const [, oldPid] = printed as [number, number];
    for (const [index, pid] of printed.entries()) {
      assert.equal(readFileSync(join(net, `node${index + 1}`, "node.pid"), "utf8").trim(), String(pid), `node${index + 1}'s pid file names it`);
      assert.ok(processAlive(pid), `node${index + 1} runs as process ${pid}`);
    }
    const heightOf = async (url: string): Promise<number> => ((await (await fetch(`${url}/v1/status`)).json()) as { height: number }).height;
    await waitFor("both validators to commit a block", async () => ((await heightOf(urls[1] as string)) >= 1 ? true : undefined), 90_000);

    const restarted = await runCli(["testnet", "restart", "node2", "--dir", net, "--json"]);
    assert.equal(restarted.code, 0, restarted.stderr);
    const answer = parseJson(restarted.stdout) as { stoppedPid: number; pid: number; logFile: string };
    pids.add(answer.pid);
    assert.equal(answer.stoppedPid, oldPid, "the process testnet start named was stopped");
    assert.equal(processAlive(oldPid), false, "the old process is gone");
    assert.notEqual(answer.pid, oldPid);
    assert.ok(processAlive(answer.pid), "the new process runs");
    assert.equal(readFileSync(join(net, "node2", "node.pid"), "utf8").trim(), String(answer.pid), "the pid file names the new process");
    assert.ok(existsSync(answer.logFile), "the restarted node writes its log");
    await waitFor("testnet start to report node2's exit", async () => (/node2 exited with code 0/.test(output) ? true : undefined), 10_000);
    const heightAtRestart = await heightOf(urls[0] as string);
    await waitFor("the two validators to commit again", async () => ((await heightOf(urls[1] as string)) > heightAtRestart ? true : undefined), 90_000);

    supervisor.kill("SIGINT");
    const exitCode = await Promise.race([supervisorExited, new Promise((resolve) => setTimeout(() => resolve("timeout"), 40_000))]);
    assert.equal(exitCode, 0, `testnet start exits after Ctrl-C: ${output.slice(-2_000)}`);
    assert.equal(processAlive(printed[0] as number), false, "node1 stopped");
    assert.equal(processAlive(answer.pid), false, "the restarted node2 stopped too");
    assert.equal(existsSync(join(net, "node1", "node.pid")), false, "pid files are removed");
    assert.equal(existsSync(join(net, "node2", "node.pid")), false, "pid files are removed");
  } finally {
    if (supervisor && supervisor.exitCode === null && supervisor.signalCode === null) supervisor.kill("SIGKILL");
    for (const pid of pids) if (processAlive(pid)) process.kill(pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});
