/** Applies pending migrations to DATABASE_URL (npm run db:migrate). */
import { getEnv, resolvePath } from "../app/utils/env.server";
import { openDatabase } from "../app/utils/db.server";
import { secretKeyProblem } from "../app/utils/secrets.server";

// Migrating seals secrets stored in clear, which needs the key a public deployment must bring.
const problem = secretKeyProblem(getEnv());
if (problem) {
  console.error(problem);
  process.exit(1);
}
const file = resolvePath(getEnv().DATABASE_URL);
const db = openDatabase(file);
db.$client.close();
console.log(`Migrations applied to ${file}`);
