package io.sandbench.store;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Run ids: the UTC start time (so they sort and read well) and 32 random bits (so runs made on
 * different hosts at the same second stay distinct when their databases are merged).
 */
public final class RunIds {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  public static String next() {
    return ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-"
        + String.format("%08x", RANDOM.nextInt());
  }
}
