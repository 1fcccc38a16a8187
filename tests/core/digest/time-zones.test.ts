import { describe, expect, it } from "vitest";
import { checkTimeZone } from "../../../src/core/digest/time-zones.ts";

describe("checkTimeZone", () => {
  it("GIVEN an IANA name THEN it is kept as given, in its usual spelling when only the case differs", () => {
    expect(checkTimeZone("Europe/Kyiv")).toEqual({ ok: true, value: "Europe/Kyiv" });
    expect(checkTimeZone("europe/kyiv")).toEqual({ ok: true, value: "Europe/Kyiv" });
    expect(checkTimeZone("europe/berlin")).toEqual({ ok: true, value: "Europe/Berlin" });
    expect(checkTimeZone("Etc/GMT+5")).toEqual({ ok: true, value: "Etc/GMT+5" });
    expect(checkTimeZone(" UTC ")).toEqual({ ok: true, value: "UTC" });
  });

  it("GIVEN an abbreviation WHEN checked THEN it is refused, with the zones it may mean", () => {
    expect(checkTimeZone("EST")).toEqual({
      ok: false,
      reason: { suggestions: ["America/New_York", "America/Toronto"] },
    });
    expect(checkTimeZone("PDT")).toEqual({
      ok: false,
      reason: { suggestions: ["America/Los_Angeles", "America/Vancouver"] },
    });
    expect(checkTimeZone("IST")).toEqual({
      ok: false,
      reason: { suggestions: ["Asia/Kolkata", "Europe/Dublin"] },
    });
    expect(checkTimeZone("CET")).toEqual({
      ok: false,
      reason: { suggestions: ["Europe/Paris", "Europe/Berlin"] },
    });
  });

  it("GIVEN abbreviations and old names outside the table THEN suggestions come from the zones' own names", () => {
    expect(checkTimeZone("BST")).toEqual({ ok: false, reason: { suggestions: ["Europe/London"] } });
    expect(checkTimeZone("SAST")).toEqual({
      ok: false,
      reason: { suggestions: ["Africa/Johannesburg", "Africa/Maseru", "Africa/Mbabane"] },
    });
    expect(checkTimeZone("ET")).toEqual({ ok: false, reason: { suggestions: ["America/New_York"] } });
    expect(checkTimeZone("Japan")).toEqual({ ok: false, reason: { suggestions: ["Asia/Tokyo"] } });
  });

  it("GIVEN a misspelt or unknown name THEN the close zones, or none", () => {
    expect(checkTimeZone("Europe/Berln")).toEqual({ ok: false, reason: { suggestions: ["Europe/Berlin"] } });
    expect(checkTimeZone("Berlin")).toEqual({ ok: false, reason: { suggestions: ["Europe/Berlin"] } });
    expect(checkTimeZone("Mars/Olympus")).toEqual({ ok: false, reason: { suggestions: [] } });
    expect(checkTimeZone("")).toEqual({ ok: false, reason: { suggestions: [] } });
  });
});
