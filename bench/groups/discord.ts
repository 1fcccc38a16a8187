/**
 * Interaction round trips through the fake Discord at corpus scale: the real bot (discord.js over the fake
 * gateway and REST), a real Library over the corpus, and the real digest service. Run alone with
 * `npx tsx bench/groups/discord.ts`; bench/run.ts adds its section.
 */
import type { APIEmbed } from "discord.js";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { commands } from "../../commands/index.ts";
import type { CommandDefinition, OptionDefinition } from "../../src/app/command.ts";
import { loadConfig } from "../../src/app/config.ts";
import { startApp, type RunningApp } from "../../src/app/bootstrap.ts";
import { silentLogger } from "../../src/app/logger.ts";
import { ManualScheduler } from "../../src/app/scheduler.ts";
import type { Article } from "../../src/core/articles.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { createDiscordClient, startBot, type Bot } from "../../src/discord/client.ts";
import { EMBED_COLOURS } from "../../src/discord/limits.ts";
import { DiscordDigestPoster } from "../../src/discord/digest-poster.ts";
import {
  FakeDiscord,
  guildMember,
  type RecordedRequest,
  type SentInteraction,
} from "../../tests/e2e/fake-discord/fake-discord.ts";
import { ADMIN_PERMISSIONS, IDS } from "../../tests/e2e/fake-discord/payloads.ts";
import { CORPUS_PATH, corpusAvailable } from "../lib/corpus.ts";
import { BENCH_QUERIES } from "../lib/queries.ts";
import { percentile, printSection, type BenchRow, type BenchSection } from "../lib/report.ts";
import { DiscordAlertPoster } from "../../src/discord/follow-poster.ts";

/** Measured round trips per invocation, after one unmeasured warm-up. */
const ROUNDS = 20;
const BURST_SIZE = 200;
const MIXED_FLOOD_SIZE = 1_000;
const AUTOCOMPLETE_FLOOD_SIZE = 700;
const FLOOD_REPLY_TIMEOUT_MS = 300_000;
/** Discord drops an interaction not acknowledged within this. */
const ACK_DEADLINE_MS = 3_000;
const MB = 1024 * 1024;

type Json = Record<string, unknown>;

/** One way to call a command: its label in the table and the options Discord would send. */
interface Invocation {
  label: string;
  /** Options for the n-th call; varying them keeps caches from answering every round. */
  options(round: number): Json[];
  admin: boolean;
}

interface BenchBot {
  fake: FakeDiscord;
  articles: number;
  libraryMs: number;
  stop(): Promise<void>;
}

/**
 * p50/p99 of the interaction round trip (INTERACTION_CREATE sent to the reply complete) for each command
 * in commands/index.ts at corpus scale, and a burst of 200 interactions sent at once. No rows without the
 * corpus.
 */
export async function benchDiscord(): Promise<BenchSection[]> {
  if (!corpusAvailable()) return [];
  const setup = await openBenchBot();
  try {
    const rows: BenchRow[] = [
      {
        metric: "app start (library with derivers, store)",
        value: setup.libraryMs,
        unit: "ms",
        note: `${setup.articles} articles`,
      },
    ];
    for (const invocation of invocations(commands.map((command) => command.definition))) {
      rows.push(...(await measureInvocation(setup.fake, invocation)));
    }
    rows.push(...(await measureBursts(setup.fake)));
    return [
      {
        title: `Discord: interaction round trips through the fake gateway, ${setup.articles} articles`,
        rows,
      },
    ];
  } finally {
    await setup.stop();
  }
}

/** The app as `npm start` opens it (library with its derivers, store, services), over the corpus. */
async function openBenchBot(): Promise<BenchBot> {
  // The corpus folder itself: a link to the corpus from a temporary folder would lead outside that folder,
  // which the library refuses to follow.
  const articlesDir = dirname(CORPUS_PATH);
  const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-bench-data-"));
  const removeFolders = () => {
    rmSync(dataDir, { recursive: true, force: true });
  };
  const fake = await FakeDiscord.start();
  const loaded = loadConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.url,
    ARTICLES_DIR: articlesDir,
    DATA_DIR: dataDir,
    MAX_FILE_SIZE_MB: String(Math.ceil(statSync(CORPUS_PATH).size / MB) + 1),
    WATCH_ARTICLES: "false",
  });
  if (!loaded.ok) throw new Error(loaded.reason.join("\n"));
  const config = loaded.value;
  const clock = new ManualClock("2025-01-01T00:00:00Z");
  const client = createDiscordClient(config);
  const started = performance.now();
  let running: RunningApp | undefined;
  let bot: Bot | undefined;
  try {
    running = await startApp({
      config,
      logger: silentLogger(),
      clock,
      poster: new DiscordDigestPoster(client),
      alertPoster: new DiscordAlertPoster(client),
      scheduler: new ManualScheduler(clock),
    });
    const libraryMs = performance.now() - started;
    // "Now" is the end of the busiest day, so that /digest now composes a full day.
    clock.set(busiestDayEnd(running.app.library.articles()));
    bot = await startBot(running.app, commands, { client });
    await running.start();
    const opened = { running, bot };
    return {
      fake,
      articles: running.app.library.size,
      libraryMs,
      async stop() {
        await opened.bot.shutdown();
        await opened.running.close();
        await fake.stop();
        removeFolders();
      },
    };
  } catch (error) {
    await (bot ? bot.shutdown() : client.destroy());
    await running?.close();
    await fake.stop();
    removeFolders();
    throw error;
  }
}

/** Midnight UTC after the day with the most dated articles. */
function busiestDayEnd(articles: Iterable<Article>): string {
  const perDay = new Map<string, number>();
  for (const article of articles) {
    const day = article.publishedAt?.slice(0, 10);
    if (day !== undefined) perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const [day = "2025-01-01"] = [...perDay].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
}

/** Speakers the corpus quotes often (Reuters 1987, BBC 2004–05). */
const SPEAKERS = ["James Baker", "Tony Blair", "Paul Volcker", "Gordon Brown", "Michael Howard"];

/** Options for the commands whose interesting calls differ from round to round. */
const SAMPLES: Record<string, (round: number) => Json[]> = {
  search: (round) => [{ name: "query", type: 3, value: benchQuery(round) }],
  summary: (round) => [{ name: "topic", type: 3, value: benchQuery(round) }],
  quotes: (round) => [
    { name: "speaker", type: 3, value: SPEAKERS[round % SPEAKERS.length] ?? "James Baker" },
  ],
  // A chart of the 30 days up to "now", uploaded with the reply.
  trends: (round) => [
    { name: "query", type: 3, value: TREND_QUERIES[round % TREND_QUERIES.length] ?? "oil" },
  ],
};

const TREND_QUERIES = ["oil", "oil, gold, dollar", "opec", '"interest rates"', "volckr"];

function benchQuery(round: number): string {
  return BENCH_QUERIES[round % BENCH_QUERIES.length]?.query ?? "oil prices";
}

/** Every command and subcommand, with options a user would give; unknown commands get generic values. */
function invocations(definitions: readonly CommandDefinition[]): Invocation[] {
  return definitions.flatMap((definition): Invocation[] => {
    const admin = definition.defaultMemberPermissions === "ManageGuild";
    const sample = SAMPLES[definition.name];
    if (sample) return [{ label: `/${definition.name}`, admin, options: sample }];
    if (definition.subcommands) {
      return definition.subcommands.map((subcommand) => ({
        label: `/${definition.name} ${subcommand.name}`,
        // Subcommands that change settings check Manage Server themselves.
        admin: true,
        options: () => [
          {
            name: subcommand.name,
            type: 1,
            options: subcommand.options.flatMap((option) => sampleOption(definition.name, option)),
          },
        ],
      }));
    }
    return [
      {
        label: `/${definition.name}`,
        admin,
        options: () => definition.options.flatMap((option) => sampleOption(definition.name, option)),
      },
    ];
  });
}

/** A value for each required option (and none for optional ones), as Discord would send it. */
function sampleOption(command: string, option: OptionDefinition): Json[] {
  if (!option.required) return [];
  const typed = (type: number, value: unknown) => [{ name: option.name, type, value }];
  switch (option.type) {
    case "channel":
      return typed(7, IDS.channel);
    case "role":
      return typed(8, IDS.guild);
    case "integer":
      return typed(4, 1);
    case "boolean":
      return typed(5, false);
    case "string":
      if (command === "digest" && option.name === "time") return typed(3, "09:00");
      return typed(3, option.choices?.[0]?.value ?? "oil prices");
  }
}

/** Milliseconds from sending to the first answer (the acknowledgement) and to the complete reply. */
interface RoundTrip {
  ackMs: number;
  completeMs: number;
  /** The reply was a user error (red embed), e.g. nothing found: a cheaper path than a real answer. */
  userError: boolean;
}

async function roundTrip(fake: FakeDiscord, sent: SentInteraction, timeoutMs?: number): Promise<RoundTrip> {
  const answers = await fake.waitFor(
    () => {
      const found = fake.answersTo(sent);
      return found.some(isCompleteAnswer) ? found : undefined;
    },
    `the reply to ${sent.id}`,
    timeoutMs,
  );
  const complete = answers.find(isCompleteAnswer);
  return {
    ackMs: (answers[0]?.at ?? Number.NaN) - sent.sentAt,
    completeMs: (complete?.at ?? Number.NaN) - sent.sentAt,
    userError: embedsOf(complete).some((embed) => embed.color === EMBED_COLOURS.error),
  };
}

/** The embeds of an answer: a callback carries them under `data`, a webhook edit or follow-up directly. */
function embedsOf(answer: RecordedRequest | undefined): APIEmbed[] {
  const body = (answer?.body ?? {}) as Json;
  const message = (answer?.path.endsWith("/callback") ? body.data : body) as Json | undefined;
  return (message?.embeds ?? []) as APIEmbed[];
}

/** Anything but a deferral ("thinking…") completes the reply. */
function isCompleteAnswer(answer: RecordedRequest): boolean {
  const deferral = answer.path.endsWith("/callback") && (answer.body as Json | undefined)?.type === 5;
  return !deferral;
}

function send(fake: FakeDiscord, invocation: Invocation, round: number): SentInteraction {
  const [name = ""] = invocation.label.slice(1).split(" ");
  const place = invocation.admin ? guildMember(ADMIN_PERMISSIONS) : guildMember();
  return fake.command(name, invocation.options(round), place);
}

async function measureInvocation(fake: FakeDiscord, invocation: Invocation): Promise<BenchRow[]> {
  await roundTrip(fake, send(fake, invocation, ROUNDS));
  const times: number[] = [];
  let userErrors = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const trip = await roundTrip(fake, send(fake, invocation, round));
    times.push(trip.completeMs);
    if (trip.userError) userErrors++;
  }
  return [
    { metric: `${invocation.label} p50`, value: percentile(times, 0.5), unit: "ms" },
    {
      metric: `${invocation.label} p99`,
      value: percentile(times, 0.99),
      unit: "ms",
      note: `${ROUNDS} rounds${userErrors > 0 ? `, ${userErrors} answered with a user error` : ""}`,
    },
  ];
}

/** The n-th interaction of the mixed flood: searches, summaries and quotes, and autocomplete in between. */
function mixedInteraction(fake: FakeDiscord, i: number): SentInteraction {
  const query = BENCH_QUERIES[i % BENCH_QUERIES.length]?.query ?? "oil";
  switch (i % 10) {
    case 3:
      return fake.autocomplete("quotes", "speaker", query.slice(0, 3));
    case 5:
      return fake.autocomplete("summary", "article", query.slice(0, 4));
    case 7:
      return fake.command("quotes", [{ name: "speaker", type: 3, value: query }]);
    case 8:
      return fake.command("summary", [{ name: "topic", type: 3, value: query }]);
    case 9:
      return fake.command("digest", [{ name: "status", type: 1, options: [] }]);
    default:
      return fake.command("search", [{ name: "query", type: 3, value: query }]);
  }
}

/**
 * Interactions sent all at once: 200 searches (every tenth a /digest status), a mixed flood of 1,000
 * (commands and autocomplete), and 700 autocompletes. Each must be acknowledged within Discord's 3 s.
 */
async function measureBursts(fake: FakeDiscord): Promise<BenchRow[]> {
  const floods: { label: string; size: number; make: (i: number) => SentInteraction }[] = [
    {
      label: `burst of ${BURST_SIZE}`,
      size: BURST_SIZE,
      make: (i) =>
        i % 10 === 9
          ? fake.command("digest", [{ name: "status", type: 1, options: [] }])
          : fake.command("search", [
              { name: "query", type: 3, value: BENCH_QUERIES[i % BENCH_QUERIES.length]?.query ?? "oil" },
            ]),
    },
    {
      label: `mixed flood of ${MIXED_FLOOD_SIZE}`,
      size: MIXED_FLOOD_SIZE,
      make: (i) => mixedInteraction(fake, i),
    },
    {
      label: `autocomplete flood of ${AUTOCOMPLETE_FLOOD_SIZE}`,
      size: AUTOCOMPLETE_FLOOD_SIZE,
      make: (i) =>
        fake.autocomplete(
          "quotes",
          "speaker",
          (BENCH_QUERIES[i % BENCH_QUERIES.length]?.query ?? "oil").slice(0, 3),
        ),
    },
  ];
  const rows: BenchRow[] = [];
  for (const flood of floods) rows.push(...(await measureFlood(fake, flood.label, flood.size, flood.make)));
  return rows;
}

async function measureFlood(
  fake: FakeDiscord,
  label: string,
  size: number,
  make: (i: number) => SentInteraction,
): Promise<BenchRow[]> {
  const sent = Array.from({ length: size }, (_, i) => make(i));
  // A flood's last replies come long after its acknowledgements: what is measured against 3 s is the ack.
  const trips = await Promise.all(
    sent.map((interaction) => roundTrip(fake, interaction, FLOOD_REPLY_TIMEOUT_MS)),
  );
  const acks = trips.map((trip) => trip.ackMs);
  const completes = trips.map((trip) => trip.completeMs);
  const late = acks.filter((ms) => ms > ACK_DEADLINE_MS).length;
  const maxAck = Math.max(...acks);
  return [
    { metric: `${label}: acknowledgement p50`, value: percentile(acks, 0.5), unit: "ms" },
    { metric: `${label}: acknowledgement p99`, value: percentile(acks, 0.99), unit: "ms" },
    {
      metric: `${label}: slowest acknowledgement`,
      value: maxAck,
      unit: "ms",
      target: `<= ${ACK_DEADLINE_MS} ms`,
      met: maxAck <= ACK_DEADLINE_MS,
      note: `${late} late`,
    },
    { metric: `${label}: complete reply p99`, value: percentile(completes, 0.99), unit: "ms" },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const sections = await benchDiscord();
  if (sections.length === 0) process.stdout.write(`Skipped: the corpus is not at ${CORPUS_PATH}.\n`);
  for (const section of sections) printSection(section);
}
