/**
 * npm run sbom [-- --out FILE]   (default build/sbom.cdx.json; `--out -` prints it)
 *
 * A CycloneDX 1.5 software bill of materials (ASVS 15.1.2) of what Atrium
 * ships: every production dependency installed here, with its exact version,
 * package URL, integrity hash, licence and place in the dependency graph.
 *
 * Read from package-lock.json (the versions `npm ci` installs) and kept to the
 * packages present in node_modules: dev-only packages are left out, and of the
 * per-platform optional packages (native builds) only this platform's. `npm
 * sbom --omit dev` was tried first: it leaves out production packages that
 * devDependencies also reach (react, express, the Remix runtime), so a bill
 * of materials from it would be silently incomplete. The test beside this
 * checks the output against the CycloneDX schema and against `npm ls`.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

type LockEntry = {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  license?: string;
  dev?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
type Lockfile = { lockfileVersion: number; packages: Record<string, LockEntry> };

export type Component = {
  type: "library";
  "bom-ref": string;
  group?: string;
  name: string;
  version: string;
  purl: string;
  scope: "required";
  hashes?: Array<{ alg: string; content: string }>;
  licenses?: Array<{ expression: string }>;
  externalReferences?: Array<{ type: "distribution"; url: string }>;
};

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The package name of a lockfile path ("node_modules/a/node_modules/@s/b" → "@s/b"). */
function nameOf(key: string): string {
  return key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
}

/** A package URL (purl-spec): the scope's "@" is percent-encoded. */
export function purlOf(name: string, version: string): string {
  return `pkg:npm/${name.replace(/^@/, "%40")}@${encodeURIComponent(version)}`;
}

/** An npm integrity string ("sha512-<base64>") as CycloneDX hashes. */
function hashesOf(integrity: string | undefined) {
  const algs: Record<string, string> = {
    sha512: "SHA-512",
    sha384: "SHA-384",
    sha256: "SHA-256",
    sha1: "SHA-1",
  };
  return (integrity ?? "")
    .split(/\s+/)
    .map((part) => /^(sha\d+)-(.+)$/.exec(part))
    .filter((m): m is RegExpExecArray => m !== null && m[1] in algs)
    .map((m) => ({ alg: algs[m[1]], content: Buffer.from(m[2], "base64").toString("hex") }));
}

/**
 * Where Node finds `dep` for the package at lockfile path `from`: its own
 * node_modules, then each enclosing one, up to the root's.
 */
function resolveFrom(
  packages: Record<string, LockEntry>,
  from: string,
  dep: string,
): string | null {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${dep}` : `node_modules/${dep}`;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const cut = dir.lastIndexOf("/node_modules/");
    dir = cut === -1 ? "" : dir.slice(0, cut);
  }
}

/** The bill of materials of the project at `root` (as installed there). */
export function buildSbom(root = ROOT, now = new Date()) {
  const lock = JSON.parse(
    fs.readFileSync(path.join(root, "package-lock.json"), "utf8"),
  ) as Lockfile;
  if (lock.lockfileVersion < 2) throw new Error("package-lock.json must be lockfileVersion 2 or 3");
  const app = lock.packages[""];
  const shipped = Object.entries(lock.packages).filter(
    ([key, entry]) =>
      key !== "" &&
      !entry.dev &&
      !entry.link &&
      fs.existsSync(path.join(root, key, "package.json")),
  );
  const inBom = new Set(shipped.map(([key]) => key));
  const components: Component[] = shipped.map(([key, entry]) => {
    const name = entry.name ?? nameOf(key);
    const version = entry.version ?? "0.0.0";
    const slash = name.startsWith("@") ? name.indexOf("/") : -1;
    const hashes = hashesOf(entry.integrity);
    return {
      type: "library",
      "bom-ref": key,
      ...(slash > 0 ? { group: name.slice(0, slash), name: name.slice(slash + 1) } : { name }),
      version,
      purl: purlOf(name, version),
      scope: "required",
      ...(hashes.length ? { hashes } : {}),
      ...(entry.license ? { licenses: [{ expression: entry.license }] } : {}),
      ...(entry.resolved?.startsWith("http")
        ? { externalReferences: [{ type: "distribution" as const, url: entry.resolved }] }
        : {}),
    };
  });
  const appRef = `${app.name}@${app.version}`;
  const dependsOn = (key: string, entry: LockEntry) =>
    [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {})]
      .map((dep) => resolveFrom(lock.packages, key, dep))
      .filter((ref): ref is string => ref !== null && inBom.has(ref))
      .sort();
  const dependencies = [
    { ref: appRef, dependsOn: dependsOn("", app) },
    ...shipped.map(([key, entry]) => ({ ref: key, dependsOn: dependsOn(key, entry) })),
  ];
  return {
    $schema: "http://cyclonedx.org/schema/bom-1.5.schema.json",
    bomFormat: "CycloneDX",
    specVersion: "1.5",
    serialNumber: `urn:uuid:${crypto.randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: now.toISOString(),
      lifecycles: [{ phase: "build" }],
      tools: { components: [{ type: "application", name: "atrium scripts/sbom.ts" }] },
      component: {
        type: "application",
        "bom-ref": appRef,
        name: app.name ?? "atrium",
        version: app.version ?? "0.0.0",
        purl: purlOf(app.name ?? "atrium", app.version ?? "0.0.0"),
      },
    },
    components: components.sort((a, b) => a["bom-ref"].localeCompare(b["bom-ref"])),
    dependencies,
  };
}

// Run only when executed directly (`tsx scripts/sbom.ts`), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { out: { type: "string" } }, strict: true });
  const bom = buildSbom();
  const text = `${JSON.stringify(bom, null, 2)}\n`;
  const out = values.out ?? path.join(ROOT, "build", "sbom.cdx.json");
  if (out === "-") process.stdout.write(text);
  else {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, text);
    console.log(`CycloneDX SBOM of ${bom.components.length} production packages written to ${out}`);
  }
}
