import "server-only";
/**
 * Counts the SQL statements the Prisma client sends through its driver adapter.
 * Listeners are only for tests and benchmarks (the thread page's query budget);
 * with none registered the wrapper only forwards the calls.
 */
type Listener = (sql: string) => void;

const listeners = new Set<Listener>();

/** Calls `listener` with every statement sent from now on; returns the unsubscribe. */
export function onQuery(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function notify(query: unknown) {
  if (listeners.size === 0) return;
  const sql = typeof query === "object" && query !== null && "sql" in query ? String(query.sql) : "";
  for (const listener of listeners) listener(sql);
}

/** Wraps a connection or transaction: queryRaw and executeRaw are reported, transactions wrapped too. */
function wrapQueryable<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== "function") return value;
      if (property === "queryRaw" || property === "executeRaw") {
        return (query: unknown) => {
          notify(query);
          return value.call(object, query);
        };
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) => wrapQueryable((await value.apply(object, args)) as object);
      }
      return value.bind(object);
    },
  });
}

/** Wraps a driver adapter factory so that every connection it opens is counted. */
export function withQueryLog<F extends object>(factory: F): F {
  return new Proxy(factory, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== "function") return value;
      if (property === "connect") {
        return async (...args: unknown[]) => wrapQueryable((await value.apply(object, args)) as object);
      }
      return value.bind(object);
    },
  });
}
