// Two API processes on one SQLite file under load: every webhook must be delivered exactly once.
// Usage (after building the API): node scripts/webhook-lease-load.mjs [--cases 200] [--concurrency 8] [--fail 0.05] [--kill-b-after N]
// Starts API instance A (it migrates the new database), then B on the same file, a receiver on 127.0.0.1 that
// answers 503 to a share of requests (so retries happen too), two subscriptions, and creates cases through both
// instances at once. It waits until both subscriptions have nothing pending and prints the figures; it exits 1
// when any event was accepted twice, never, or out of order, or when one instance did no deliveries.
// --kill-b-after N kills instance B (SIGKILL, mid-delivery) once N cases exist; A then creates the rest and must also
// deliver what B had leased, after the lease expires (leases are shortened to 5 s + 2 s for this run).
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const cases = Number(args.cases ?? 200);
const concurrency = Number(args.concurrency ?? 8);
const failShare = Number(args.fail ?? 0.05);
const killAfter = args["kill-b-after"] === undefined ? null : Number(args["kill-b-after"]);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dll = join(root, "artifacts/bin/Klima.Api/release/Klima.Api.dll");
const folder = mkdtempSync(join(tmpdir(), "klima-lease-"));
const database = join(folder, "klima.db");
const password = "lease-load-" + Math.random().toString(36).slice(2);
const model = "01000000-0000-0000-0000-000000000001";
const kl = "10000000-0000-0000-0000-000000000002";
const sleep = ms => new Promise(r => setTimeout(r, ms));

// The receiver: 2xx = accepted. Each subscription has its own path.
const accepted = { a: [], b: [] };
let requests = 0, refused = 0;
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on("data", c => chunks.push(c));
  req.on("end", () => {
    requests++;
    if (Math.random() < failShare) { refused++; res.writeHead(503).end(); return; }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    accepted[req.url.includes("/a/") ? "a" : "b"].push({ id: req.headers["x-klima-event-id"], sequence: body.sequence });
    res.writeHead(204).end();
  });
});
await new Promise(r => receiver.listen(0, "127.0.0.1", r));
const receiverPort = receiver.address().port;

const instances = [];
function start(name, port) {
  const child = spawn("dotnet", [dll, "--urls", `http://127.0.0.1:${port}`], {
    cwd: folder,
    env: {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: "Production",
      ConnectionStrings__Klima: `Data Source=${database}`,
      Auth__BootstrapAdminPassword: password,
      Web__Root: join(folder, "no-web"),
      Logging__LogLevel__Default: "Warning",
      RateLimiting__PermitsPerMinute: "1000000",
      CaseFeed__Webhooks__PollInterval: "00:00:00.200",
      CaseFeed__Webhooks__RetryBaseDelay: "00:00:00.100",
      CaseFeed__Webhooks__RetryMaxDelay: "00:00:00.500",
      CaseFeed__Webhooks__RequestTimeout: "00:00:05",
      CaseFeed__Webhooks__LeaseMargin: "00:00:02",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  instances.push(child);
  return { name, url: `http://127.0.0.1:${port}`, child };
}
async function ready(instance) {
  for (let i = 0; i < 600; i++) {
    try { if ((await fetch(instance.url + "/health/ready")).ok) return; } catch { /* not listening yet */ }
    await sleep(100);
  }
  throw new Error(`${instance.name} did not become ready`);
}
function stopAll() { for (const child of instances) child.kill("SIGTERM"); receiver.close(); }

let exitCode = 1;
try {
  const basePort = 20000 + Math.floor(Math.random() * 20000);
  const a = start("A", basePort);
  await ready(a); // A migrates and seeds the new file before B opens it
  const b = start("B", basePort + 1);
  await ready(b);

  // Sign in on A (cookie + CSRF token), issue an API key; the key works on both instances (it lives in the database).
  const login = await fetch(a.url + "/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password }) });
  if (!login.ok) throw new Error("login " + login.status + " " + await login.text());
  const cookie = login.headers.getSetCookie().map(c => c.split(";")[0]).join("; ");
  const csrf = (await login.json()).csrfToken;
  const issued = await fetch(a.url + "/api/api-keys", { method: "POST", headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf },
    body: JSON.stringify({ name: "lease load", scopes: ["cases:read", "cases:write"], organisationId: null, expiresAt: null }) });
  if (!issued.ok) throw new Error("api key " + issued.status + " " + await issued.text());
  const key = (await issued.json()).key;
  const auth = { authorization: "ApiKey " + key, "content-type": "application/json" };

  const subscriptions = {};
  for (const [path, instance] of [["a", a], ["b", b]]) {
    const r = await fetch(instance.url + "/api/webhooks", { method: "POST", headers: auth,
      body: JSON.stringify({ url: `http://127.0.0.1:${receiverPort}/${path}/`, secret: "lease-load-secret-0123456789", description: "lease load " + path }) });
    if (!r.ok) throw new Error("webhook " + r.status + " " + await r.text());
    subscriptions[path] = (await r.json()).id;
  }

  // Load: cases created through both instances at once while both dispatch.
  const started = Date.now();
  let next = 0, created = 0, killed = false, leasesOfTheDead = 0;
  await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
    while (next < cases) {
      const n = next++;
      if (killAfter !== null && n >= killAfter && !killed) {
        killed = true;
        b.child.kill("SIGKILL");
        leasesOfTheDead = Number(execFileSync("sqlite3", [database, "SELECT COUNT(*) FROM outbox_message WHERE lease_owner LIKE '%:" + b.child.pid + ":%'"], { encoding: "utf8" }).trim());
      }
      const body = { title: `Belastning ${n}`, summary: "Lease-belastningsprøve.", interest: ["joint", "municipal", "regional"][n % 3], councilDecisionRequired: false,
        initiator: { organisationId: kl, name: "KL" }, kleJournalNumber: "00.01.00", kleActionFacet: "A00", sourceSystem: "lease-load",
        externalReference: `LEASE-${worker}-${n}-${Date.now()}`, partyReferences: [], documents: [{ url: "https://example.org/doc/1", title: "Sagsfremstilling", sha256: "a".repeat(64) }], governanceModelId: model };
      let instance = n % 2 === 0 || killed ? a : b, r;
      try {
        r = await fetch(instance.url + "/api/cases", { method: "POST", headers: auth, body: JSON.stringify(body) });
      } catch (error) {
        if (!killed || instance !== b) throw error;
        // B died with this request in flight: the client retries on A (the case may exist twice; both are delivered).
        instance = a;
        r = await fetch(instance.url + "/api/cases", { method: "POST", headers: auth, body: JSON.stringify({ ...body, externalReference: body.externalReference + "-retry" }) });
      }
      if (r.status !== 201) throw new Error(`case ${n} on ${instance.name}: ${r.status} ${await r.text()}`);
      created++;
    }
  }));
  const loadSeconds = (Date.now() - started) / 1000;

  // Drain: both subscriptions with nothing pending, as both instances see it.
  const log = async (instance, id) => (await fetch(`${instance.url}/api/webhooks/${id}/deliveries?limit=1`, { headers: auth })).json();
  const survivor = killed ? a : b;
  let pending = Infinity;
  for (let i = 0; i < 1200 && pending > 0; i++) {
    await sleep(250);
    pending = (await log(a, subscriptions.a)).pending + (await log(survivor, subscriptions.b)).pending;
  }
  const drainSeconds = (Date.now() - started) / 1000;
  await sleep(1000); // anything still in flight would arrive now and count as a duplicate

  // Ground truth from the database: every event each subscription should get, and who made the attempts.
  const sql = q => execFileSync("sqlite3", ["-separator", "|", database, q], { encoding: "utf8" }).trim();
  const expected = {};
  for (const path of ["a", "b"]) {
    expected[path] = Number(sql(`SELECT COUNT(*) FROM outbox_message WHERE subscription_id = '${subscriptions[path]}'`));
  }
  const byInstance = sql("SELECT instance, COUNT(*), SUM(succeeded) FROM webhook_delivery GROUP BY instance ORDER BY instance");
  const undelivered = Number(sql("SELECT COUNT(*) FROM outbox_message WHERE delivered_at IS NULL"));
  const leftLeases = Number(sql("SELECT COUNT(*) FROM outbox_message WHERE lease_owner IS NOT NULL"));

  const report = [];
  let ok = pending === 0 && undelivered === 0 && leftLeases === 0;
  report.push(`two API processes (A :${basePort}, B :${basePort + 1}) on one SQLite file ${database}`);
  report.push(`load: ${created} cases created through A and B alternately, ${concurrency} at a time, in ${loadSeconds.toFixed(1)} s; all delivered after ${drainSeconds.toFixed(1)} s`);
  if (killed) report.push(`instance B (pid ${b.child.pid}) killed with SIGKILL after ${killAfter} cases, holding ${leasesOfTheDead} leases at that moment; A created the rest`);
  report.push(`receiver: ${requests} requests, ${refused} answered 503 on purpose (${(failShare * 100).toFixed(0)} %, retried), ${requests - refused} accepted`);
  let duplicatesTotal = 0;
  for (const path of ["a", "b"]) {
    const ids = accepted[path].map(r => r.id);
    const distinct = new Set(ids).size;
    const duplicates = ids.length - distinct;
    duplicatesTotal += duplicates;
    // Feed order: never an earlier event after a later one (a repeat of the same event right after itself is a duplicate, counted above).
    const ordered = accepted[path].every((r, i, all) => i === 0 || all[i - 1].sequence <= r.sequence);
    ok &&= distinct === expected[path] && ordered;
    report.push(`subscription ${path}: ${expected[path]} events in its outbox, ${distinct} distinct events accepted (none lost: ${distinct === expected[path]}), ${duplicates} duplicates, in feed order: ${ordered}`);
  }
  // Without a crash: exactly once. With B killed mid-delivery, a message B had sent but not yet recorded is sent again
  // by A when B's lease expires (at least once: receivers deduplicate on X-Klima-Event-Id); never more than B's leases.
  ok &&= killed ? duplicatesTotal <= leasesOfTheDead : duplicatesTotal === 0;
  report.push(`outbox after the run: ${undelivered} undelivered, ${leftLeases} leases left`);
  report.push("delivery attempts by instance (instance | attempts | succeeded):");
  for (const line of byInstance.split("\n")) report.push("  " + line);
  const instancesDelivering = byInstance.split("\n").filter(l => Number(l.split("|")[2]) > 0).length;
  ok &&= instancesDelivering === 2;
  report.push(!ok ? "RESULT: FAILED"
    : killed ? `RESULT: every webhook delivered, in order, by both instances; B's crash cost ${duplicatesTotal} repeat(s) (at most its ${leasesOfTheDead} lease(s)) and lost nothing`
    : "RESULT: every webhook delivered exactly once, in order, by both instances");
  console.log(report.join("\n"));
  exitCode = ok ? 0 : 1;
} catch (error) {
  console.error(error);
} finally {
  stopAll();
  await sleep(500);
  rmSync(folder, { recursive: true, force: true });
  process.exit(exitCode);
}
