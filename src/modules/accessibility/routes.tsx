import { Hono } from "hono";
import type { Database } from "../../core/db/database.ts";

// Placeholder: the accessibility policy page is being built.
export function accessibilityRoutes(_deps: { db: Database }): Hono {
  return new Hono();
}
