interface Queued<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
  load: () => Promise<T>;
}

interface Flight<T> {
  /** The read under way, if any. */
  current: Promise<T>;
  /** Callers that arrived while `current` was under way; they share the read after it. */
  next?: Queued<T>;
}

/**
 * Lets concurrent callers asking for the same thing share one read, without ever handing a
 * caller data older than its own call. A caller never joins a read that is already under way
 * (it may have been sent before a write the caller has seen committed); it waits for the next
 * one, which starts after it arrived, and shares that with everyone else who arrived in the
 * meantime. So there is at most one read in flight per key and one queued behind it, however
 * many callers there are. Results are shared as they are: they must be immutable.
 */
export class SharedReads<T> {
  private readonly flights = new Map<string, Flight<T>>();

  /** How many keys have a read in flight (for tests: nothing is left behind). */
  get size(): number {
    return this.flights.size;
  }

  read(key: string, load: () => Promise<T>): Promise<T> {
    const flight = this.flights.get(key);
    if (!flight) return this.start(key, load).current;

    flight.next ??= queued(load);
    return flight.next.promise;
  }

  private start(key: string, load: () => Promise<T>): Flight<T> {
    const flight: Flight<T> = { current: Promise.resolve().then(load) };
    this.flights.set(key, flight);

    const settled = () => {
      const waiting = flight.next;
      if (!waiting) {
        this.flights.delete(key);
        return;
      }

      const following = this.start(key, waiting.load);
      following.current.then(waiting.resolve, waiting.reject);
    };
    flight.current.then(settled, settled);
    return flight;
  }
}

function queued<T>(load: () => Promise<T>): Queued<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject, load };
}
