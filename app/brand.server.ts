/**
 * Connects getBrand() (app/utils/site.ts, browser-safe) to the settings in
 * the database on the server. Called once per process by the server entry
 * (and by the test setup): from then on every getBrand() reads the current
 * settings (cached until the content version moves).
 */
import { brandOf, getSettings } from "~/models/settings.server";
import { getDb } from "~/utils/db.server";
import { provideBrand } from "~/utils/site";

export function installBrand() {
  provideBrand(() => brandOf(getSettings(getDb())));
}
