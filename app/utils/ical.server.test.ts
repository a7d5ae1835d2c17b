import { describe, expect, it } from "vitest";
import { buildInvitation, vtimezone } from "./ical.server";

/** Unfolds and checks the structure: every line is NAME[;PARAMS]:VALUE, BEGIN/END nest. */
function parseIcs(text: string) {
  const lines = text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
  const stack: string[] = [];
  const components: Array<{ name: string; props: Record<string, string> }> = [];
  for (const line of lines) {
    expect(line).toMatch(/^[A-Z-]+(;[^:]+)?:.*$/);
    const [, name, value] = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/.exec(line)!;
    if (name === "BEGIN") {
      stack.push(value);
      components.push({ name: value, props: {} });
    } else if (name === "END") {
      expect(stack.pop()).toBe(value);
    } else {
      const open = [...components].reverse().find((c) => c.name === stack.at(-1))!;
      open.props[name] = value;
    }
  }
  expect(stack).toEqual([]);
  return components;
}

const invite = (timeZone: string, start: number) =>
  buildInvitation({
    method: "REQUEST",
    uid: "interview-1@atrium",
    sequence: 0,
    start,
    end: start + 3_600_000,
    timeZone,
    summary: "Interview",
    description: "Bring slides.",
    location: "Room 4.12",
    organizer: { name: "Atrium", email: "jobs@atrium.test" },
    attendee: { name: "Cara", email: "cara@atrium.test" },
  });

describe("invitations carry a VTIMEZONE for their zone", () => {
  it("Europe/Zurich: the year's daylight-saving changes, and the event in that zone", () => {
    const parts = parseIcs(invite("Europe/Zurich", Date.UTC(2027, 2, 10, 13)));
    expect(parts.filter((p) => p.name === "VTIMEZONE").map((p) => p.props.TZID)).toEqual([
      "Europe/Zurich",
    ]);
    const observances = parts
      .filter((p) => p.name === "STANDARD" || p.name === "DAYLIGHT")
      .map((p) => [p.name, p.props.DTSTART, p.props.TZOFFSETFROM, p.props.TZOFFSETTO]);
    expect(observances).toEqual([
      ["STANDARD", "20270101T000000", "+0100", "+0100"],
      ["DAYLIGHT", "20270328T020000", "+0100", "+0200"],
      ["STANDARD", "20271031T030000", "+0200", "+0100"],
    ]);
    const event = parts.find((p) => p.name === "VEVENT")!;
    expect(event.props.DTSTART).toBe("20270310T140000");
  });

  it("a zone without changes has one STANDARD observance; the southern hemisphere starts in daylight time", () => {
    const tokyo = parseIcs(vtimezone("Asia/Tokyo", Date.UTC(2027, 5, 1)));
    expect(tokyo.map((p) => p.name)).toEqual(["VTIMEZONE", "STANDARD"]);
    expect(tokyo[1].props).toMatchObject({ TZOFFSETFROM: "+0900", TZOFFSETTO: "+0900" });
    const sydney = parseIcs(vtimezone("Australia/Sydney", Date.UTC(2027, 5, 1)));
    expect(sydney.slice(1).map((p) => [p.name, p.props.TZOFFSETTO])).toEqual([
      ["DAYLIGHT", "+1100"],
      ["STANDARD", "+1000"],
      ["DAYLIGHT", "+1100"],
    ]);
  });
});
