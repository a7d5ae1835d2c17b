import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import fs from "node:fs";
import path from "node:path";

const root = import.meta.dirname;

/**
 * The layers of app/ (docs/architecture.md draws them). Each layer below
 * lists the layers it may import; importing any other is an error. Imports go
 * downwards only: pages → handlers → components / models, auth, emails, jobs
 * → utils → db/schema → lib.
 */
const LAYERS = {
  routes: ["app/routes", "app/root.tsx"],
  handlers: ["app/handlers"],
  components: ["app/components"],
  models: ["app/models"],
  auth: ["app/auth"],
  emails: ["app/emails"],
  jobs: ["app/jobs"],
  utils: ["app/utils"],
  lib: ["app/lib"],
  schema: ["db/schema.ts"],
  // The process and the HTTP stack: they start everything and nothing imports them.
  wiring: [
    "app/server.ts",
    "app/express-app.server.ts",
    "app/entry.server.tsx",
    "app/entry.client.tsx",
    "app/brand.server.ts",
  ],
  // Command-line tools (seed, migrate, backup…): the app never imports them.
  scripts: fs
    .readdirSync(path.join(root, "db"))
    .filter((file) => /\.ts$/.test(file) && file !== "schema.ts" && !file.includes(".test."))
    .map((file) => `db/${file}`),
};
const everything = Object.keys(LAYERS);
/** `layer` may import only `allowed` (and itself). */
function layer(name, allowed, message) {
  const from = everything
    .filter((other) => other !== name && !allowed.includes(other))
    .flatMap((other) => LAYERS[other]);
  return { target: LAYERS[name], from, message };
}
const serverTier = ["models", "auth", "emails", "utils", "lib", "schema"];
const layerZones = [
  layer(
    "routes",
    ["handlers", "components", ...serverTier],
    "Routes use handlers, components, models, auth, emails, utils and lib; nothing else.",
  ),
  layer(
    "handlers",
    ["components", ...serverTier],
    "A handler several routes run uses components' form schemas, models, auth, emails, utils and lib.",
  ),
  layer(
    "components",
    ["utils", "lib", "schema"],
    "Components run in the browser: they use other components, utils and lib only (db/schema for types).",
  ),
  layer(
    "models",
    serverTier,
    "Models use db/schema, utils, lib and, beside them, auth and emails; never components or routes.",
  ),
  layer(
    "auth",
    serverTier,
    "Auth sits beside the models: db/schema, models, emails, utils and lib only.",
  ),
  layer(
    "emails",
    serverTier,
    "Emails sit beside the models: db/schema, models, auth, utils and lib only.",
  ),
  layer("jobs", serverTier, "Jobs run models; they use nothing of the pages."),
  layer(
    "utils",
    ["lib", "schema"],
    "utils is below the models, auth and emails: it uses db/schema and lib only.",
  ),
  layer("lib", [], "app/lib is the bottom layer: it imports nothing of the app."),
  layer(
    "schema",
    ["lib"],
    "db/schema.ts takes its value lists from app/lib and nothing else of the app.",
  ),
];
/**
 * A route never imports another route's module: each route folder's files are
 * its own, and code two routes share lives in a lower layer.
 */
const routeZones = fs
  .readdirSync(path.join(root, "app/routes"), { withFileTypes: true })
  .filter((entry) => !/\.test\.tsx?$/.test(entry.name))
  .map((entry) => ({
    // A literal "[.]" in a route name reads as a glob class here: "?" matches the bracket.
    target: `app/routes/${entry.name.replace(/[[\]]/g, "?")}${entry.isDirectory() ? "/**" : ""}`,
    from: "app/routes",
    except: entry.isDirectory() ? [`./${entry.name}`] : [],
    message: "A route does not import another route; move the shared code down a layer.",
  }));

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      "node_modules/",
      "test-results/",
      "playwright-report/",
      "e2e/.data/",
      "bench/.data/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration through getEnv() in app/utils/env.server.ts.",
        },
      ],
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // A named, scrollable region must be focusable so keyboard users can scroll it.
      "jsx-a11y/no-noninteractive-tabindex": ["error", { roles: ["tabpanel", "region"] }],
    },
  },
  {
    // The layers. Tests, scripts, benchmarks and end-to-end specs may import anything.
    files: ["app/**/*.{ts,tsx}", "db/schema.ts"],
    ignores: ["**/*.test.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [
        createTypeScriptImportResolver({ project: path.join(root, "tsconfig.json") }),
      ],
    },
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        { basePath: root, zones: [...layerZones, ...routeZones] },
      ],
    },
  },
  {
    // Modules that can reach the browser bundle (everything without .server):
    // no database code and no schema values, whose import would carry drizzle-orm
    // and every table and column name to the browser. Types are fine.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["**/*.server.{ts,tsx}", "**/*.test.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/db/schema", "**/db/schema/*"],
              allowTypeImports: true,
              message:
                "Browser-reachable code takes value lists from ~/lib/enums; import only types from db/schema.",
            },
            {
              group: ["drizzle-orm", "drizzle-orm/*", "better-sqlite3"],
              allowTypeImports: true,
              message: "Database code belongs in *.server.ts modules (models, queries.server.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // Scripts, tests and configuration legitimately read or set process.env.
    files: [
      "app/utils/env.server.ts",
      "tests/**",
      "e2e/**",
      "db/**",
      "bench/**",
      "*.config.*",
      "**/*.test.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
);
