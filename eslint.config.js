// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "coverage/", "bench/results.json"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["eslint.config.js"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "no-console": "error",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // The core is pure logic: no platform, no I/O, no layer above it. Time comes from a Clock.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            ...["discord.js", "node-cron", "better-sqlite3", "pg", "pino"].map((name) => ({
              name,
              message:
                "src/core is pure logic: platforms, schedulers, databases and logs live in src/app, src/store or src/discord.",
            })),
            ...[
              "node:fs",
              "node:fs/promises",
              "node:net",
              "node:http",
              "node:https",
              "node:child_process",
              "node:os",
            ].map((name) => ({
              name,
              message: "src/core does no I/O: read and write in src/app or src/store.",
            })),
          ],
          patterns: [
            {
              group: ["**/app/*", "**/store/*", "**/discord/*", "**/console/*", "**/commands/*"],
              message: "src/core imports nothing above it (app, store, discord, console, commands).",
            },
          ],
        },
      ],
    },
  },
  {
    // Commands return platform-neutral Replies; Discord and the console render them.
    files: ["commands/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["discord.js", "node-cron", "better-sqlite3", "pg"].map((name) => ({
            name,
            message: "Commands see neither Discord nor the store: use the AppContext they are given.",
          })),
          patterns: [{ group: ["**/discord/*", "**/console/*"], message: "Commands are platform-neutral." }],
        },
      ],
    },
  },
  ...[
    { files: ["src/store/**/*.ts"], above: ["app", "discord", "console", "commands"] },
    { files: ["src/app/**/*.ts"], above: ["discord", "console"] },
    { files: ["src/discord/**/*.ts"], above: ["console"] },
    { files: ["src/console/**/*.ts"], above: ["discord"] },
  ].map(({ files, above }) => ({
    // Each layer imports only what is below it (docs/architecture.md).
    files,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: above.map((layer) => `**/${layer}/*`),
              message: `This layer does not import ${above.join(", ")} (see docs/architecture.md).`,
            },
          ],
        },
      ],
    },
  })),
  {
    files: ["eslint.config.js"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
