package io.sandbench.probe;

import io.sandbench.runtime.Instance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The probe in Java, for when the native helper is not there: one harness process, two threads.
 *
 * <p>The tick thread tries a connection to every instance that has none in flight, once per
 * interval (a refused loopback connect costs one syscall pair). A connection that succeeds sends a
 * plain {@code GET /} and hands over to the reader thread, which blocks in a selector and so takes
 * the response the moment it arrives: the ready time is not rounded to the tick. The tick thread
 * also fails instances that exit or pass their deadline.
 */
final class JavaReadinessProbe implements ReadinessProbe {
  private static final long CONNECT_GIVE_UP = 25_000_000L;
  private final long intervalNanos;
  private final Selector selector;
  private final List<Watch> pending = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Watch> toRegister = new ConcurrentLinkedQueue<>();
  private final Thread ticker;
  private final Thread reader;
  private volatile boolean running = true;

  JavaReadinessProbe(Duration interval) {
    this.intervalNanos = interval.toNanos();
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a selector", e);
    }
    this.ticker = new Thread(this::tickLoop, "sandbench-probe-tick");
    this.reader = new Thread(this::readLoop, "sandbench-probe-read");
    ticker.setDaemon(true);
    reader.setDaemon(true);
    ticker.start();
    reader.start();
  }

  @Override
  public Watch watch(Instance instance, long launchedAt, long deadline) {
    Watch w = new Watch(instance, launchedAt, deadline);
    pending.add(w);
    LockSupport.unpark(ticker);
    return w;
  }

  private void tickLoop() {
    while (running) {
      long now = System.nanoTime();
      for (Watch w : pending) {
        if (w.isDone()) {
          pending.remove(w);
          continue;
        }
        if (checkGone(w, now)) {
          pending.remove(w);
          continue;
        }
        boolean idle;
        synchronized (w) {
          idle = w.inFlight == null;
          if (!idle && w.inFlight.isConnectionPending() && now - w.inFlightSince > CONNECT_GIVE_UP) {
            // A SYN lost on a fresh tap or veth would wait for TCP's retry backoff (1 s, 3 s,
            // ...), measuring the backoff instead of the instance: drop it and try afresh.
            closeQuietly(w.inFlight);
            w.inFlight = null;
            idle = true;
          }
        }
        if (idle) {
          attempt(w);
        }
      }
      if (pending.isEmpty()) {
        LockSupport.park(this);
      } else {
        LockSupport.parkNanos(this, intervalNanos);
      }
    }
  }

  /** Fails an instance that exited or ran past its deadline; true when it did. */
  private boolean checkGone(Watch w, long now) {
    String why = w.goneReason(now);
    if (why == null) {
      return false;
    }
    w.fail(why);
    closeInFlight(w);
    return true;
  }

  private void attempt(Watch w) {
    URI uri = w.instance().endpoint();
    SocketChannel ch = null;
    try {
      ch = SocketChannel.open();
      ch.configureBlocking(false);
      ch.socket().setTcpNoDelay(true);
      w.countAttempt();
      int port = uri.getPort() < 0 ? 80 : uri.getPort();
      boolean connected = ch.connect(new InetSocketAddress(uri.getHost(), port));
      synchronized (w) {
        w.inFlight = ch;
        w.inFlightSince = System.nanoTime();
      }
      if (connected) {
        sendRequest(ch, uri);
      }
      toRegister.add(w);
      selector.wakeup();
    } catch (IOException e) {
      // Refused: not listening yet. Try again at the next tick.
      closeQuietly(ch);
      synchronized (w) {
        w.inFlight = null;
      }
    }
  }

  private static void sendRequest(SocketChannel ch, URI uri) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(ReadinessProbe.request(uri).getBytes(StandardCharsets.US_ASCII));
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private void readLoop() {
    ByteBuffer buf = ByteBuffer.allocate(64);
    while (running) {
      try {
        selector.select();
      } catch (IOException e) {
        return;
      }
      long now = System.nanoTime();
      for (SelectionKey key : selector.selectedKeys()) {
        Watch w = (Watch) key.attachment();
        SocketChannel ch = (SocketChannel) key.channel();
        if (!key.isValid()) {
          continue; // the tick thread closed this attempt (stale connect) meanwhile
        }
        try {
          if (key.isConnectable()) {
            ch.finishConnect();
            sendRequest(ch, w.instance().endpoint());
            key.interestOps(SelectionKey.OP_READ);
            continue;
          }
          buf.clear();
          int n = ch.read(buf);
          if (n > 0 && isOk(buf)) {
            w.ready(now);
          }
          // Anything else (EOF, reset, another status): drop it; the tick thread tries again.
          finish(w, key);
        } catch (IOException | java.nio.channels.CancelledKeyException e) {
          // A cancelled key: closed by the tick thread between the check and its use. Left
          // uncaught, it would end this thread and every pending instance would time out.
          finish(w, key);
        }
      }
      selector.selectedKeys().clear();
      for (Watch w; (w = toRegister.poll()) != null; ) {
        register(w);
      }
    }
  }

  private void register(Watch w) {
    SocketChannel ch;
    synchronized (w) {
      ch = w.inFlight;
    }
    if (ch == null || !ch.isOpen()) {
      return;
    }
    try {
      int ops = ch.isConnected() ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT;
      ch.register(selector, ops, w);
    } catch (ClosedChannelException e) {
      synchronized (w) {
        w.inFlight = null;
      }
    }
  }

  private static boolean isOk(ByteBuffer buf) {
    // "HTTP/1.x 200": the status code sits at bytes 9..11.
    return buf.position() >= 12
        && buf.get(0) == 'H'
        && buf.get(9) == '2'
        && buf.get(10) == '0'
        && buf.get(11) == '0';
  }

  private void finish(Watch w, SelectionKey key) {
    key.cancel();
    closeQuietly(key.channel());
    synchronized (w) {
      if (w.inFlight == key.channel()) { // not a newer attempt the tick thread has started since
        w.inFlight = null;
      }
    }
  }

  private static void closeInFlight(Watch w) {
    synchronized (w) {
      closeQuietly(w.inFlight);
      w.inFlight = null;
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // Closing a probe socket cannot fail in a way that matters.
      }
    }
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(ticker);
    selector.wakeup();
    try {
      ticker.join(2000);
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (SelectionKey k : selector.keys()) {
      closeQuietly(k.channel());
    }
    closeQuietly(selector);
  }
}
