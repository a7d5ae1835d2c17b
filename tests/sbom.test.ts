/**
 * `npm run sbom` (scripts/sbom.ts): what an SBOM consumer reads. The output is
 * checked against the CycloneDX 1.5 JSON schema with an independent validator
 * (Ajv with the official schema files, tests/fixtures/cyclonedx), and its
 * packages against npm's own view of the production tree (`npm ls --omit dev`):
 * every production package is listed once with its exact version, no
 * dev-only package is, and the dependency graph only names listed packages.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { buildSbom } from "../scripts/sbom";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const schemas = path.join(import.meta.dirname, "fixtures", "cyclonedx");
const load = (name: string) => JSON.parse(fs.readFileSync(path.join(schemas, name), "utf8"));

type NpmTree = { version?: string; dependencies?: Record<string, NpmTree> };

/** name@version of every package in npm's production tree. */
function flatten(tree: NpmTree, out = new Set<string>()): Set<string> {
  for (const [name, node] of Object.entries(tree.dependencies ?? {})) {
    if (node.version) out.add(`${name}@${node.version}`);
    flatten(node, out);
  }
  return out;
}

describe("npm run sbom", () => {
  const bom = buildSbom();

  it("is a valid CycloneDX 1.5 document", () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(load("spdx.schema.json"));
    ajv.addSchema(load("jsf-0.82.schema.json"));
    const validate = ajv.compile(load("bom-1.5.schema.json"));
    const valid = validate(bom);
    expect(validate.errors ?? [], "schema errors").toEqual([]);
    expect(valid).toBe(true);
    expect(bom.metadata.component).toMatchObject({ name: "atrium", type: "application" });
  });

  it("lists exactly the production packages npm installs, and no dev-only one", async () => {
    const { stdout } = await promisify(execFile)(
      "npm",
      ["ls", "--omit", "dev", "--all", "--json"],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const npm = flatten(JSON.parse(stdout) as NpmTree);
    const ours = new Set(
      bom.components.map((c) => `${c.group ? `${c.group}/` : ""}${c.name}@${c.version}`),
    );
    expect(
      [...npm].filter((p) => !ours.has(p)),
      "in npm ls, missing from the SBOM",
    ).toEqual([]);
    expect(
      [...ours].filter((p) => !npm.has(p)),
      "in the SBOM, not in npm ls",
    ).toEqual([]);
    const names = bom.components.map((c) => c.name);
    for (const runtime of ["react", "express", "better-sqlite3", "drizzle-orm", "node"])
      expect(names).toContain(runtime);
    for (const devOnly of ["vitest", "@playwright/test", "eslint", "prettier", "ajv-formats"])
      expect(names).not.toContain(devOnly.replace(/^@[^/]+\//, ""));
  });

  it("gives each package a purl, a hash, and a graph that names only listed packages", () => {
    const refs = new Set(bom.components.map((c) => c["bom-ref"]));
    for (const c of bom.components) {
      expect(c.purl).toMatch(/^pkg:npm\/(%40[^/]+\/)?[^@/]+@[^@]+$/);
      expect(c.hashes?.[0]?.content ?? "").toMatch(/^[0-9a-f]{40,128}$/);
    }
    expect(bom.components.find((c) => c.name === "node" && c.group === "@remix-run")?.purl).toMatch(
      /^pkg:npm\/%40remix-run\/node@2\.17\.5$/,
    );
    for (const d of bom.dependencies)
      for (const on of d.dependsOn) expect(refs.has(on), `${d.ref} → ${on}`).toBe(true);
    const root = bom.dependencies[0];
    expect(root.ref).toBe(bom.metadata.component["bom-ref"]);
    expect(root.dependsOn).toContain("node_modules/react");
  });
});
