/**
 * /privacy states what the configuration and the settings say: the retention
 * period the daily job enforces, who is responsible (the controller and the
 * data-protection contact from the organisation's settings), and the
 * identity provider and ORCID as processors only when they are configured.
 */
import { afterEach, expect, test } from "vitest";
import { staffUser } from "../../tests/fixtures";
import { saveSettings } from "~/models/settings.server";
import { getDb } from "~/utils/db.server";
import { reloadEnv } from "~/utils/env.server";
import { loader } from "./privacy";

afterEach(() => {
  for (const key of ["OIDC_ISSUER", "OIDC_DISPLAY_NAME", "ORCID_CLIENT_ID", "ORCID_ISSUER"])
    delete process.env[key];
  reloadEnv();
});

test("the privacy notice states the retention period the daily job enforces", () => {
  expect(loader()).toMatchObject({ retentionMonths: 24, sessionDays: 30 });
});

test("names the controller and the data-protection contact from the settings", async () => {
  const admin = await staffUser(getDb(), "admin");
  saveSettings(
    getDb(),
    { userId: admin.id, ip: null },
    {
      privacyController: "Example Institute\n1 Science Road",
      privacyContact: "dpo@example.org",
    },
  );
  expect(loader()).toMatchObject({
    controller: "Example Institute\n1 Science Road",
    contact: "dpo@example.org",
  });
});

test("names the identity provider and ORCID as processors only when they are configured", () => {
  expect(loader().processors).toEqual([]);
  process.env.OIDC_ISSUER = "https://login.example.org/realms/staff";
  process.env.OIDC_DISPLAY_NAME = "Example Single Sign-On";
  reloadEnv();
  expect(loader().processors.map((p) => `${p.name} (${p.host})`)).toEqual([
    "Example Single Sign-On (login.example.org)",
  ]);
  process.env.ORCID_CLIENT_ID = "APP-TEST0000";
  process.env.ORCID_ISSUER = "https://sandbox.orcid.org";
  reloadEnv();
  expect(loader().processors.map((p) => `${p.name} (${p.host})`)).toEqual([
    "Example Single Sign-On (login.example.org)",
    "ORCID (sandbox.orcid.org)",
  ]);
});
