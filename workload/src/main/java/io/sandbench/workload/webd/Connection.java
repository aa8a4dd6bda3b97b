package io.sandbench.workload.webd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One client connection: reads request heads (at most {@link #MAX_HEAD} bytes each), answers each
 * one, and keeps the connection for the next request unless HTTP/1.0 without keep-alive, {@code
 * Connection: close}, a request body or a malformed request says otherwise.
 *
 * <p>No request object is allocated: the head is parsed in place into a few fields, and the answer
 * is assembled in a small per-connection buffer and sent with one write (no Nagle delays).
 */
final class Connection implements Runnable {
  /** Request line plus headers; a larger head gets 431 and the connection closes. */
  static final int MAX_HEAD = 8 * 1024;

  /** After an error answer, unread input is drained this long so the close does not reset it. */
  private static final int LINGER_MILLIS = 500;

  private static final int LINGER_BYTES = 64 * 1024;

  private static long served; // guarded by Connection.class

  private static final byte[] STATUS_200 = ascii("HTTP/1.1 200 OK\r\n");
  private static final byte[] STATUS_400 = ascii("HTTP/1.1 400 Bad Request\r\n");
  private static final byte[] STATUS_404 = ascii("HTTP/1.1 404 Not Found\r\n");
  private static final byte[] STATUS_405 = ascii("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\n");
  private static final byte[] STATUS_431 =
      ascii("HTTP/1.1 431 Request Header Fields Too Large\r\n");
  private static final byte[] STATUS_505 = ascii("HTTP/1.1 505 HTTP Version Not Supported\r\n");
  private static final byte[] CONTENT_LENGTH =
      ascii("Content-Type: text/plain\r\nContent-Length: ");
  private static final byte[] CLOSE = ascii("\r\nConnection: close\r\n\r\n");
  private static final byte[] KEEP_ALIVE = ascii("\r\nConnection: keep-alive\r\n\r\n");
  private static final byte[] END_OF_HEAD = ascii("\r\n\r\n");
  private static final byte[] REQUEST = ascii("Request ");
  private static final byte[] GET = ascii("GET");
  private static final byte[] HTTP_1_ = ascii("HTTP/1.");
  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] CONTENT_LENGTH_NAME = ascii("content-length");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");

  private final Socket socket;
  private final byte[] in = new byte[MAX_HEAD];
  private final byte[] out = new byte[256];
  private int start; // first byte of the next request in 'in'
  private int end; // end of the bytes received so far

  // The request being answered, parsed in place.
  private boolean http10;
  private boolean wantsClose;
  private boolean wantsKeepAlive;
  private boolean hasBody;
  private long contentLength;

  Connection(Socket socket) {
    this.socket = socket;
  }

  /** The next request number: 1, 2, 3... over all connections, never twice the same. */
  static synchronized long nextRequestNumber() {
    return ++served;
  }

  @Override
  public void run() {
    try {
      socket.setTcpNoDelay(true);
      InputStream input = socket.getInputStream();
      OutputStream output = socket.getOutputStream();
      while (answerNext(input, output)) {
        // next request on the same connection
      }
    } catch (IOException e) {
      // The client went away; nothing to tell anyone.
    } finally {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }

  /** Reads and answers one request; false when the connection is to be closed. */
  private boolean answerNext(InputStream input, OutputStream output) throws IOException {
    int headEnd;
    while ((headEnd = findHeadEnd()) < 0) {
      if (start > 0) {
        System.arraycopy(in, start, in, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end == in.length) {
        answerAndClose(output, STATUS_431, "Request Header Fields Too Large\n");
        return false;
      }
      int n = input.read(in, end, in.length - end);
      if (n < 0) {
        return false; // closed by the client, between requests or in the middle of one
      }
      end += n;
    }
    byte[] status = parse(start, headEnd);
    start = headEnd;
    if (status != STATUS_200) {
      answerAndClose(output, status, statusText(status));
      return false;
    }
    boolean close = wantsClose || hasBody || (http10 && !wantsKeepAlive);
    long n = nextRequestNumber();
    int at = put(STATUS_200, 0);
    at = put(CONTENT_LENGTH, at);
    at = putLong(REQUEST.length + digits(n), at);
    at = put(close ? CLOSE : http10 ? KEEP_ALIVE : END_OF_HEAD, at);
    at = put(REQUEST, at);
    at = putLong(n, at);
    output.write(out, 0, at);
    if (close) {
      lingerAndClose();
      return false;
    }
    return true;
  }

  /**
   * Skips blank lines before a request (RFC 9112 2.2) and returns the index just past the blank
   * line that ends the head (CRLF or a bare LF), or -1 when it has not all arrived yet.
   */
  private int findHeadEnd() {
    while (start < end && (in[start] == '\r' || in[start] == '\n')) {
      start++;
    }
    for (int i = start; i < end; i++) {
      if (in[i] == '\n') {
        if (i + 1 < end && in[i + 1] == '\n') {
          return i + 2;
        }
        if (i + 2 < end && in[i + 1] == '\r' && in[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  /** Parses the head in [from, to) into the request fields; returns the answer's status line. */
  private byte[] parse(int from, int to) {
    http10 = false;
    wantsClose = false;
    wantsKeepAlive = false;
    hasBody = false;
    contentLength = -1;
    int lineEnd = lineEnd(from, to);
    int eol = trimCr(from, lineEnd);
    // request-line = method SP request-target SP HTTP-version
    int sp1 = indexOf(' ', from, eol);
    if (sp1 <= from || !isToken(from, sp1)) {
      return STATUS_400;
    }
    int sp2 = indexOf(' ', sp1 + 1, eol);
    if (sp2 < 0 || sp2 == sp1 + 1 || !isVisible(sp1 + 1, sp2)) {
      return STATUS_400;
    }
    byte[] version = versionStatus(sp2 + 1, eol);
    if (version != null) {
      return version;
    }
    for (int line = lineEnd + 1; line < to; ) {
      int next = lineEnd(line, to);
      int stop = trimCr(line, next);
      if (stop > line && !parseHeader(line, stop)) {
        return STATUS_400;
      }
      line = next + 1;
    }
    if (!equals(GET, from, sp1)) {
      return STATUS_405;
    }
    boolean root = in[sp1 + 1] == '/' && (sp2 == sp1 + 2 || in[sp1 + 2] == '?');
    return root ? STATUS_200 : STATUS_404;
  }

  /** Null for HTTP/1.0 and HTTP/1.1 (noting which), else the status that refuses the version. */
  private byte[] versionStatus(int from, int to) {
    if (to - from != 8 || !startsWith(HTTP_1_, from)) {
      boolean looksLikeHttp = to - from == 8 && in[from] == 'H' && in[from + 4] == '/'
          && isDigit(in[from + 5]) && in[from + 6] == '.' && isDigit(in[from + 7]);
      return looksLikeHttp ? STATUS_505 : STATUS_400;
    }
    byte minor = in[from + 7];
    if (minor == '0') {
      http10 = true;
      return null;
    }
    return minor == '1' ? null : isDigit(minor) ? STATUS_505 : STATUS_400;
  }

  /** One header line; false when it is malformed. Only the headers webd acts on are read. */
  private boolean parseHeader(int from, int to) {
    int colon = indexOf(':', from, to);
    if (colon <= from || !isToken(from, colon)) {
      return false; // also rejects obsolete line folding, which starts with a space
    }
    int v = colon + 1;
    while (v < to && (in[v] == ' ' || in[v] == '\t')) {
      v++;
    }
    int ve = to;
    while (ve > v && (in[ve - 1] == ' ' || in[ve - 1] == '\t')) {
      ve--;
    }
    if (equalsIgnoreCase(CONNECTION, from, colon)) {
      for (int t = v; t < ve; ) {
        int comma = indexOf(',', t, ve);
        int tokenEnd = comma < 0 ? ve : comma;
        int ts = t;
        int te = tokenEnd;
        while (ts < te && in[ts] == ' ') {
          ts++;
        }
        while (te > ts && in[te - 1] == ' ') {
          te--;
        }
        if (equalsIgnoreCase(CLOSE_TOKEN, ts, te)) {
          wantsClose = true;
        } else if (equalsIgnoreCase(KEEP_ALIVE_TOKEN, ts, te)) {
          wantsKeepAlive = true;
        }
        t = tokenEnd + 1;
      }
    } else if (equalsIgnoreCase(CONTENT_LENGTH_NAME, from, colon)) {
      long length = 0;
      if (ve == v || ve - v > 18) {
        return false;
      }
      for (int i = v; i < ve; i++) {
        if (!isDigit(in[i])) {
          return false;
        }
        length = length * 10 + (in[i] - '0');
      }
      if (contentLength >= 0 && contentLength != length) {
        return false; // two different lengths: a smuggling attempt or a broken client
      }
      contentLength = length;
      hasBody |= length > 0;
    } else if (equalsIgnoreCase(TRANSFER_ENCODING, from, colon)) {
      hasBody = true; // webd reads no bodies: it answers and closes
    }
    return true;
  }

  private static final byte[] CLOSE_TOKEN = ascii("close");
  private static final byte[] KEEP_ALIVE_TOKEN = ascii("keep-alive");

  /**
   * Sends an error answer and closes gently: the write side first, then whatever the client still
   * sends is drained for a moment, because closing with unread input makes the kernel send a reset
   * that can destroy the answer before the client has read it.
   */
  private void answerAndClose(OutputStream output, byte[] status, String body) throws IOException {
    int at = put(status, 0);
    at = put(CONTENT_LENGTH, at);
    at = putLong(body.length(), at);
    at = put(CLOSE, at);
    for (int i = 0; i < body.length(); i++) {
      out[at++] = (byte) body.charAt(i);
    }
    output.write(out, 0, at);
    lingerAndClose();
  }

  private void lingerAndClose() throws IOException {
    socket.shutdownOutput();
    socket.setSoTimeout(LINGER_MILLIS);
    InputStream input = socket.getInputStream();
    long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
    for (int drained = 0; drained < LINGER_BYTES && System.nanoTime() < deadline; ) {
      int n = input.read(in, 0, in.length);
      if (n < 0) {
        break;
      }
      drained += n;
    }
  }

  private static String statusText(byte[] status) {
    if (status == STATUS_404) {
      return "Not Found\n";
    } else if (status == STATUS_405) {
      return "Method Not Allowed\n";
    } else if (status == STATUS_505) {
      return "HTTP Version Not Supported\n";
    }
    return "Bad Request\n";
  }

  private int lineEnd(int from, int to) {
    int i = indexOf('\n', from, to);
    return i < 0 ? to : i;
  }

  private int trimCr(int from, int lineEnd) {
    return lineEnd > from && in[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
  }

  private int indexOf(char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (in[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** RFC 9110 tchar: the characters of methods and header names. */
  private boolean isToken(int from, int to) {
    for (int i = from; i < to; i++) {
      int c = in[i];
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(in[i])
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private boolean isVisible(int from, int to) {
    for (int i = from; i < to; i++) {
      if (in[i] <= ' ' || in[i] == 0x7f) {
        return false; // control characters and (as bytes are signed) anything non-ASCII
      }
    }
    return true;
  }

  private boolean startsWith(byte[] prefix, int from) {
    for (int i = 0; i < prefix.length; i++) {
      if (in[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private boolean equals(byte[] word, int from, int to) {
    return to - from == word.length && startsWith(word, from);
  }

  /** {@code lowerWord} is lower case ASCII. */
  private boolean equalsIgnoreCase(byte[] lowerWord, int from, int to) {
    if (to - from != lowerWord.length) {
      return false;
    }
    for (int i = 0; i < lowerWord.length; i++) {
      int c = in[from + i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lowerWord[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private int put(byte[] bytes, int at) {
    System.arraycopy(bytes, 0, out, at, bytes.length);
    return at + bytes.length;
  }

  private int putLong(long value, int at) {
    int end = at + digits(value);
    for (int i = end - 1; i >= at; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return end;
  }

  private static int digits(long value) {
    int n = 1;
    while (value >= 10) {
      value /= 10;
      n++;
    }
    return n;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
