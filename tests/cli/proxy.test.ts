/**
 * HTTPS_PROXY and NO_PROXY, end to end: the CLI reaches an HTTPS emulator at a name only the proxy
 * can resolve, through a CONNECT proxy on loopback, and goes direct (and so fails) when NO_PROXY
 * names the host.
 */
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import { runCli } from "../helpers/cli";
import { order } from "../helpers/emulator";

const REPO = path.join(__dirname, "..", "..", "..");
const CERT = path.join(REPO, "tests", "fixtures", "coc-test-tls.crt");
const KEY = path.join(REPO, "tests", "fixtures", "coc-test-tls.key");

describe("coc-script-order through an HTTPS proxy", function () {
  this.timeout(60_000);
  let emu: Emulator;
  let proxy: http.Server;
  let proxyUrl = "";
  const connects: string[] = [];

  before(async () => {
    emu = await startEmulator({ orders: [order("SCTPROXY0001")], tls: { key: readFileSync(KEY, "utf8"), cert: readFileSync(CERT, "utf8") } });
    const target = new URL(emu.url);
    // A CONNECT proxy that knows `coc.test` is the emulator: the client itself cannot resolve it.
    proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on("connect", (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      connects.push(req.url ?? "");
      const upstream = net.connect(Number(target.port), target.hostname, () => {
        socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on("error", () => socket.destroy());
      socket.on("error", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", () => resolve()));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  after(async () => {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    await emu.stop();
  });

  const cli = (env: Record<string, string>) =>
    runCli(["get", "SCTPROXY0001", "--endpoint", "https://coc.test", "--output", "json"], {
      HUAWEICLOUD_SDK_AK: emu.credentials.accessKey,
      HUAWEICLOUD_SDK_SK: emu.credentials.secretKey,
      NODE_EXTRA_CA_CERTS: CERT,
      ...env,
    });

  it("tunnels through HTTPS_PROXY, signing for the real host", async () => {
    connects.length = 0;
    const r = await cli({ HTTPS_PROXY: proxyUrl });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).executeUuid, "SCTPROXY0001");
    assert.deepEqual(connects, ["coc.test:443"]);
  });

  it("goes direct when NO_PROXY names the host", async () => {
    connects.length = 0;
    const r = await cli({ https_proxy: proxyUrl, NO_PROXY: "example.com,.test" });
    assert.equal(r.code, 8);
    assert.match(r.stderr, /network error calling GET https:\/\/coc\.test\/v1\/job\/script\/orders\/SCTPROXY0001/);
    assert.deepEqual(connects, []);
  });
});
