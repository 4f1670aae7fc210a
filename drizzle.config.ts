// drizzle-kit reads this to generate SQL migrations from src/store/schema.ts into migrations/.
// Run `npm run db:generate` after changing the schema; commit the output, never edit it by hand.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/store/schema.ts",
  out: "./migrations",
});
