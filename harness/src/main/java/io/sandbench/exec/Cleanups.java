package io.sandbench.exec;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything a run must undo (instances, containers, taps), undone in reverse order on normal exit
 * and on Ctrl-C through one JVM shutdown hook. Code closes what it registered as usual; the hook
 * only closes what is still registered when the JVM goes down.
 */
public final class Cleanups {
  private static final Deque<Registration> PENDING = new ArrayDeque<>();
  private static boolean hookInstalled;
  private static volatile boolean stopping;

  private Cleanups() {}

  /**
   * Thrown at anything that starts a resource once the JVM is going down: it must travel up and
   * end the run, never be recorded as a failed measurement.
   */
  public static final class Stopping extends RuntimeException {
    Stopping() {
      super("sandbench is stopping (interrupted)");
    }
  }

  /** Registration for one resource; {@link #close()} closes it now and forgets it. */
  public static final class Registration implements AutoCloseable {
    private final String what;
    private final AutoCloseable resource;
    private boolean closed;

    private Registration(String what, AutoCloseable resource) {
      this.what = what;
      this.resource = resource;
    }

    @Override
    public void close() {
      synchronized (Cleanups.class) {
        if (closed) {
          return;
        }
        closed = true;
        PENDING.remove(this);
      }
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("sandbench: could not clean up " + what + ": " + e.getMessage());
      }
    }

    /** Forgets the resource without closing it (its owner closed it already). */
    public void release() {
      synchronized (Cleanups.class) {
        closed = true;
        PENDING.remove(this);
      }
    }
  }

  public static synchronized Registration register(String what, AutoCloseable resource) {
    if (stopping) {
      // Ctrl-C came while a run was still launching: undo this one at once and stop the launcher.
      try {
        resource.close();
      } catch (Exception ignored) {
        // Best effort: the shutdown sweep follows.
      }
      throw new Stopping();
    }
    if (!hookInstalled) {
      Runtime.getRuntime().addShutdownHook(new Thread(Cleanups::onShutdown, "sandbench-cleanup"));
      hookInstalled = true;
    }
    Registration r = new Registration(what, resource);
    PENDING.push(r);
    return r;
  }

  /**
   * On Ctrl-C: first SIGKILL every process this JVM marked as its own, found in one pass over
   * /proc (a thousand instances are gone at once), then undo the rest in order (containers,
   * links, files), which no longer waits for those processes one by one.
   */
  private static void onShutdown() {
    stopping = true;
    long self = ProcessHandle.current().pid();
    for (long pid : OwnerMark.markedBy(self)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    closeAll();
  }

  /** Whether the JVM is going down (Ctrl-C, SIGTERM) and the undo has begun. */
  public static boolean isStopping() {
    return stopping;
  }

  /** Closes everything still registered, newest first. */
  public static void closeAll() {
    while (true) {
      Registration r;
      synchronized (Cleanups.class) {
        r = PENDING.peek();
      }
      if (r == null) {
        return;
      }
      r.close();
    }
  }
}
