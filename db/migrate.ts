/** Applies pending migrations to DATABASE_URL (npm run db:migrate). */
import { getEnv, resolvePath } from "../app/utils/env.server";
import { openDatabase } from "../app/utils/db.server";

const file = resolvePath(getEnv().DATABASE_URL);
const db = openDatabase(file);
db.$client.close();
console.log(`Migrations applied to ${file}`);
