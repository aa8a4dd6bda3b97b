package io.sandbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of every export: records as objects, {@code Instant} and
 * {@code Duration} as ISO-8601 strings ("2026-11-26T21:48:07Z", "PT1.5S"), {@code Optional} as its
 * value or null, pretty-printed, map keys sorted so that exports diff well. NaN and infinities (an
 * undefined statistic) are written as the strings "NaN", "Infinity", which read back as doubles.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Json() {}

  /** The configured mapper (thread-safe; do not reconfigure it). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** {@code value} as pretty-printed JSON, ending in a newline. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes {@code value} as JSON to {@code target} atomically (see {@link AtomicFile}). */
  public static void writeFile(java.nio.file.Path target, Object value) {
    AtomicFile.writeString(target, write(value));
  }

  /**
   * Parses {@code json} into a {@code type}.
   *
   * @throws IllegalArgumentException when the text is not JSON of that shape (the message says where)
   */
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON for " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
