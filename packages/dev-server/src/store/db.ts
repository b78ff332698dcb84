import Database from 'better-sqlite3';
import { SCHEMAS } from './schemas';

export type Db = Database.Database;

/** Opens the store (in memory unless a file is given) and applies the schema. */
export function openDb(path = ':memory:'): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  for (const schema of SCHEMAS) db.exec(schema);
  return db;
}

/** Deletes every row; the schema stays. */
export function clearDb(db: Db): void {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const { name } of tables) db.prepare(`DELETE FROM "${name}"`).run();
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per database. */
export function sql(db: Db, text: string): Database.Statement {
  let map = cache.get(db);
  if (!map) {
    map = new Map();
    cache.set(db, map);
  }
  let stmt = map.get(text);
  if (!stmt) {
    stmt = db.prepare(text);
    map.set(text, stmt);
  }
  return stmt;
}
