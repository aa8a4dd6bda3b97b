package io.sandbench.workload.webc;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Where the load goes: an {@code http://} URL, its address (resolved once, before the run) and the
 * exact request bytes every connection sends, like wrk's: {@code GET path HTTP/1.1} with a Host
 * header and nothing else.
 */
public final class HttpTarget {
  private final String url;
  private final InetSocketAddress address;
  private final byte[] request;

  private HttpTarget(String url, InetSocketAddress address, byte[] request) {
    this.url = url;
    this.address = address;
    this.request = request;
  }

  /** Parses and resolves {@code url}; only the address it names is ever contacted. */
  public static HttpTarget parse(String url) throws BadLoadInput {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new BadLoadInput("bad URL " + url + ": " + e.getReason()
          + " (give one like http://127.0.0.1:9090/)");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw new BadLoadInput("bad URL " + url + ": only http:// URLs are supported"
          + " (give one like http://127.0.0.1:9090/)");
    }
    String host = uri.getHost();
    if (host == null || uri.getRawUserInfo() != null) {
      throw new BadLoadInput("bad URL " + url + ": it needs a host and no user info"
          + " (give one like http://127.0.0.1:9090/)");
    }
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    InetAddress address;
    try {
      address = InetAddress.getByName(bareHost);
    } catch (UnknownHostException e) {
      throw new BadLoadInput("cannot resolve " + bareHost + " in " + url
          + " (give an IP address such as 127.0.0.1)");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path = path + "?" + uri.getRawQuery();
    }
    String hostHeader = uri.getPort() < 0 ? host : host + ":" + port;
    String head = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n";
    return new HttpTarget(
        url, new InetSocketAddress(address, port), head.getBytes(StandardCharsets.US_ASCII));
  }

  public String url() {
    return url;
  }

  public InetSocketAddress address() {
    return address;
  }

  /** The request every exchange sends; not to be modified. */
  byte[] request() {
    return request;
  }

  /** host:port as the messages show it. */
  String where() {
    String host = address.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
