package io.sandbench.workload.webc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 connection of the load client: sends a request and reads the whole answer (body by
 * Content-Length, chunked, or up to the close), reconnecting when the server closes.
 *
 * <p>Blocking I/O without a socket timeout: a read is then one system call, as cheap as the
 * client's epoll loop in wrk. A stuck server is handled by the run's watchdog, which {@link #abort
 * aborts} the connection from another thread.
 */
final class ClientConnection {
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int MAX_HEAD = 64 * 1024;

  private final HttpTarget target;
  private final byte[] buf = new byte[16 * 1024];
  private int start;
  private int end;
  private volatile Socket socket;
  private InputStream in;
  private OutputStream out;

  ClientConnection(HttpTarget target) {
    this.target = target;
  }

  void connect() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(target.address(), CONNECT_TIMEOUT_MS);
      in = s.getInputStream();
      out = s.getOutputStream();
    } catch (IOException e) {
      s.close();
      throw e;
    }
    start = 0;
    end = 0;
    socket = s;
  }

  /** Sends the target's request and reads the answer; returns its status code. */
  int exchange() throws IOException {
    if (socket == null) {
      connect();
    }
    out.write(target.request());
    int headEnd;
    while ((headEnd = headEnd()) < 0) {
      if (end - start >= MAX_HEAD) {
        throw new IOException("answer head over " + MAX_HEAD + " bytes");
      }
      if (!fill()) {
        throw new IOException(start == end
            ? "the server closed the connection without answering"
            : "the server closed the connection in the middle of the answer head");
      }
    }
    int status = parseHead(start, headEnd);
    start = headEnd;
    if (chunked) {
      readChunked();
    } else if (contentLength >= 0) {
      skip(contentLength);
    } else {
      while (fill()) {
        start = end; // body up to the close
      }
      keepAlive = false;
    }
    if (!keepAlive) {
      close();
    }
    return status;
  }

  // The answer being read.
  private long contentLength;
  private boolean chunked;
  private boolean keepAlive;

  private int parseHead(int from, int to) throws IOException {
    // HTTP/1.x SSS reason
    if (to - from < 12 || buf[from] != 'H' || buf[from + 4] != '/' || buf[from + 8] != ' ') {
      throw new IOException("not an HTTP answer: " + text(from, Math.min(to, from + 40)));
    }
    boolean http10 = buf[from + 7] == '0';
    int status = 0;
    for (int i = from + 9; i < from + 12; i++) {
      if (buf[i] < '0' || buf[i] > '9') {
        throw new IOException("bad status line: " + text(from, Math.min(to, from + 40)));
      }
      status = status * 10 + buf[i] - '0';
    }
    contentLength = -1;
    chunked = false;
    keepAlive = !http10;
    int line = lineAfter(from, to);
    while (line < to) {
      int next = lineAfter(line, to);
      int colon = indexOf(':', line, next);
      if (colon > line) {
        int v = colon + 1;
        int ve = next;
        while (v < ve && (buf[v] == ' ' || buf[v] == '\t')) {
          v++;
        }
        while (ve > v && buf[ve - 1] <= ' ') {
          ve--;
        }
        if (nameIs(CONTENT_LENGTH, line, colon)) {
          contentLength = digits(v, ve);
        } else if (nameIs(TRANSFER_ENCODING, line, colon)) {
          chunked = endsWithIgnoreCase(CHUNKED, v, ve);
        } else if (nameIs(CONNECTION, line, colon)) {
          String value = text(v, ve).toLowerCase(Locale.ROOT);
          if (value.contains("close")) {
            keepAlive = false;
          } else if (value.contains("keep-alive")) {
            keepAlive = true;
          }
        }
      }
      line = next;
    }
    if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
      contentLength = 0; // no body, whatever the headers say
      chunked = false;
    }
    return status;
  }

  private static final byte[] CONTENT_LENGTH = ascii("content-length");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] CHUNKED = ascii("chunked");

  private long digits(int from, int to) throws IOException {
    long n = 0;
    if (to == from || to - from > 18) {
      throw new IOException("bad Content-Length: " + text(from, to));
    }
    for (int i = from; i < to; i++) {
      if (buf[i] < '0' || buf[i] > '9') {
        throw new IOException("bad Content-Length: " + text(from, to));
      }
      n = n * 10 + buf[i] - '0';
    }
    return n;
  }

  /** {@code lower} is lower-case ASCII. */
  private boolean nameIs(byte[] lower, int from, int to) {
    return to - from == lower.length && endsWithIgnoreCase(lower, from, to);
  }

  private boolean endsWithIgnoreCase(byte[] lower, int from, int to) {
    if (to - from < lower.length) {
      return false;
    }
    for (int i = 0, j = to - lower.length; i < lower.length; i++, j++) {
      int c = buf[j];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lower[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private void readChunked() throws IOException {
    for (;;) {
      int lineEnd;
      while ((lineEnd = indexOf('\n', start, end)) < 0) {
        if (!fill()) {
          throw new IOException("the server closed the connection inside a chunked body");
        }
      }
      String size = text(start, lineEnd).trim();
      int semicolon = size.indexOf(';');
      long n;
      try {
        n = Long.parseLong(semicolon < 0 ? size : size.substring(0, semicolon).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size: " + size);
      }
      start = lineEnd + 1;
      if (n == 0) {
        // trailers up to the blank line
        for (;;) {
          while ((lineEnd = indexOf('\n', start, end)) < 0) {
            if (!fill()) {
              throw new IOException("the server closed the connection inside chunk trailers");
            }
          }
          boolean blank = lineEnd == start || (lineEnd == start + 1 && buf[start] == '\r');
          start = lineEnd + 1;
          if (blank) {
            return;
          }
        }
      }
      skip(n);
      while ((lineEnd = indexOf('\n', start, end)) < 0) { // the CRLF after the chunk's data
        if (!fill()) {
          throw new IOException("the server closed the connection inside a chunk");
        }
      }
      start = lineEnd + 1;
    }
  }

  /** Consumes n body bytes, reading as needed. */
  private void skip(long n) throws IOException {
    while (n > 0) {
      if (start == end && !fill()) {
        throw new IOException("the server closed the connection in the middle of the body");
      }
      int take = (int) Math.min(n, end - start);
      start += take;
      n -= take;
    }
  }

  /** Reads more bytes after the unread ones; false at the end of the stream. */
  private boolean fill() throws IOException {
    if (start == end) {
      start = 0;
      end = 0;
    } else if (end == buf.length) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      return false;
    }
    end += n;
    return true;
  }

  private int headEnd() {
    for (int i = start; i + 1 < end; i++) {
      if (buf[i] == '\n') {
        if (buf[i + 1] == '\n') {
          return i + 2;
        }
        if (i + 2 < end && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  private int lineAfter(int from, int to) {
    int i = indexOf('\n', from, to);
    return i < 0 ? to : i + 1;
  }

  private int indexOf(char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private String text(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** Closes the connection; the next exchange reconnects. */
  void close() {
    Socket s = socket;
    socket = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  /** From another thread: makes a blocked exchange fail at once. */
  void abort() {
    close();
  }
}
