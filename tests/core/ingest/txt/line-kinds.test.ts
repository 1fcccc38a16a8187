import { describe, expect, it } from "vitest";
import { isCaption } from "../../../../src/core/ingest/txt/captions.ts";
import { splitDateline } from "../../../../src/core/ingest/txt/dateline.ts";
import { readByline } from "../../../../src/core/ingest/txt/line-kinds.ts";

describe("GIVEN lines that may be photo captions", () => {
  it.each([
    "Putin and Ushakov attend talks in Moscow on Dec. 2, 2025. (Sputnik, Kremlin Pool Photo via AP)",
    "Linemen restore power in Des Moines. (AP Photo/Charlie Neibergall)",
    "Smoke rises over the city (Reuters)",
    "Photo: Jane Doe/Reuters",
    "Image source, Getty Images",
    "Protesters gather outside parliament. Getty Images",
    "Rescuers search the rubble. REUTERS/Alina Smutko",
  ])("WHEN the line is %j THEN it is a caption", (line) => {
    expect(isCaption(line)).toBe(true);
  });

  it.each([
    "The Kremlin said the two sides had failed to find a “compromise” on the crucial issue of territories.",
    "NATO (the alliance) met on Tuesday.",
    "He spoke to reporters (via video link).",
    "Shares rose 3% (see chart)",
  ])("WHEN the line is %j THEN it is body text", (line) => {
    expect(isCaption(line)).toBe(false);
  });
});

describe("GIVEN bylines and sentences that start like them", () => {
  it.each([
    ["By Jane Doe", "Jane Doe"],
    ["By JANE DOE and JOHN ROE, Reuters", "JANE DOE and JOHN ROE"],
    ["Written by Jane Doe | AP", "Jane Doe"],
    ["By Ursula von der Leyen", "Ursula von der Leyen"],
  ])("WHEN the line is %j THEN the author is %j", (line, author) => {
    expect(readByline(line)).toBe(author);
  });

  it.each([
    "By Monday, the army had seized the city.",
    "By the end of the year",
    "by jane doe",
    "Bystanders fled",
  ])("WHEN the line is %j THEN it is no byline", (line) => {
    expect(readByline(line)).toBeUndefined();
  });
});

describe("GIVEN opening paragraphs of wire stories", () => {
  it.each([
    ["MOSCOW: The Kremlin said Wednesday", "MOSCOW", "The Kremlin said Wednesday"],
    ["KYIV, Ukraine (AP) — Russia fired drones", "KYIV, Ukraine", "Russia fired drones"],
    ["LONDON, Dec 3 (Reuters) - Shares fell", "LONDON", "Shares fell"],
    ["NEW YORK — Stocks rose", "NEW YORK", "Stocks rose"],
  ])("WHEN the paragraph is %j THEN the dateline is %j", (paragraph, dateline, text) => {
    expect(splitDateline(paragraph)).toEqual({ dateline, text });
  });

  it.each([
    "US President Donald Trump’s envoy Steve Witkoff arrived",
    "Moscow: the view from the Kremlin",
    "“We are ready,” he said.",
  ])("WHEN the paragraph is %j THEN there is no dateline", (paragraph) => {
    expect(splitDateline(paragraph)).toBeUndefined();
  });
});
