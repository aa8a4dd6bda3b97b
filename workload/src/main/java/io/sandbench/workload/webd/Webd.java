package io.sandbench.workload.webd;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;

/**
 * webd: the small HTTP server every instance runs. {@code GET /} answers {@code Request N}, N
 * counting from 1 across all connections.
 *
 * <p>Usage: {@code webd [--bind ADDR] [PORT]} (port 9090 and all addresses by default). It prints
 * one line when it listens, exits 0 on SIGTERM, and on a bad port or a port in use prints one line
 * on stderr and exits 2.
 *
 * <p>Built for start-up time and footprint: a blocking {@link ServerSocket} and one small-stack
 * thread per connection, no executors, lambdas, string concatenation through invokedynamic (the
 * module is compiled with -XDstringConcat=inline), formatting or regular expressions. Each of those
 * costs class loading or method-handle spin-up before the first answer. Idle, every thread blocks
 * in accept or read: nothing polls.
 */
public final class Webd {
  static final int DEFAULT_PORT = 9090;
  static final int BAD_USAGE = 2;
  static final String USAGE = "usage: webd [--bind ADDR] [PORT]";

  /** Connection threads are small: a request needs a few frames and one 8 KiB heap buffer. */
  private static final long CONNECTION_STACK_BYTES = 128 * 1024L;

  private static final int ACCEPT_BACKLOG = 1024;

  private Webd() {}

  public static void main(String[] args) {
    String bind = null;
    String portText = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--bind")) {
        if (i + 1 == args.length) {
          fail("--bind needs an address (" + USAGE + ")");
        }
        bind = args[++i];
      } else if (a.startsWith("--bind=")) {
        bind = a.substring("--bind=".length());
      } else if (a.equals("-h") || a.equals("--help")) {
        System.out.println(USAGE);
        System.out.flush();
        return;
      } else if (a.startsWith("-") && a.length() > 1) {
        fail("unknown option " + a + " (" + USAGE + ")");
      } else if (portText == null) {
        portText = a;
      } else {
        fail("unexpected argument " + a + " (" + USAGE + ")");
      }
    }
    int port = portText == null ? DEFAULT_PORT : parsePort(portText);
    InetAddress address = null;
    if (bind != null) {
      if (bind.isEmpty()) {
        fail("--bind needs an address (" + USAGE + ")");
      }
      try {
        address = InetAddress.getByName(bind);
      } catch (UnknownHostException e) {
        fail("cannot resolve bind address " + bind + " (give an IP address such as 127.0.0.1)");
      }
    }
    String where = describe(address, port);
    ServerSocket server = null;
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(address, port), ACCEPT_BACKLOG);
    } catch (BindException e) {
      String why = e.getMessage();
      fail("cannot listen on " + where + ": " + why
          + (why != null && why.contains("in use")
              ? " (another process uses the port: choose another port)"
              : " (choose an address of this machine)"));
    } catch (IOException | SecurityException e) {
      fail("cannot listen on " + where + ": " + e.getMessage());
    }
    // From here on only a signal ends webd; SIGTERM (and SIGINT, SIGHUP) is a clean stop.
    Runtime.getRuntime().addShutdownHook(new Thread(new CleanStop(), "webd-stop"));
    System.out.println("webd listening on " + where);
    System.out.flush();
    try {
      serve(server);
    } catch (Throwable t) {
      // Not a clean stop: skip the shutdown hook, which would turn this into exit code 0.
      System.err.println("webd: stopped by " + t);
      System.err.flush();
      Runtime.getRuntime().halt(1);
    }
  }

  private static void serve(ServerSocket server) {
    for (;;) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        // Out of file descriptors and the like: say so, and breathe instead of spinning.
        System.err.println("webd: accept failed: " + e.getMessage());
        try {
          Thread.sleep(50);
        } catch (InterruptedException ignored) {
          return;
        }
        continue;
      }
      Thread t = new Thread(null, new Connection(socket), "webd-connection", CONNECTION_STACK_BYTES);
      t.setDaemon(true);
      try {
        t.start();
      } catch (OutOfMemoryError e) {
        // No thread to be had (process or memory limits): refuse this one, keep serving.
        System.err.println("webd: cannot start a connection thread: " + e.getMessage());
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }

  /** Digits only, 1..65535; anything else is one line and exit 2. */
  static int parsePort(String text) {
    int port = 0;
    boolean ok = !text.isEmpty() && text.length() <= 5;
    for (int i = 0; ok && i < text.length(); i++) {
      char c = text.charAt(i);
      ok = c >= '0' && c <= '9';
      port = port * 10 + (c - '0');
    }
    if (!ok || port < 1 || port > 65535) {
      fail("bad port " + text + ": give a number from 1 to 65535 (" + USAGE + ")");
    }
    return port;
  }

  private static String describe(InetAddress address, int port) {
    if (address == null) {
      return "0.0.0.0:" + port;
    }
    String host = address.getHostAddress();
    return address instanceof Inet6Address ? "[" + host + "]:" + port : host + ":" + port;
  }

  private static void fail(String message) {
    PrintStream err = System.err;
    err.println("webd: " + message);
    err.flush();
    System.exit(BAD_USAGE);
  }

  /**
   * SIGTERM makes the JVM exit 143 after its shutdown hooks; webd has nothing to flush or close
   * (connections die with the process), so its stop is clean and says so with exit code 0.
   */
  private static final class CleanStop implements Runnable {
    @Override
    public void run() {
      Runtime.getRuntime().halt(0);
    }
  }
}
