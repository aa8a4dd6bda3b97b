package io.sandbench.runtime.firecracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sandbench.SandbenchDirs;
import io.sandbench.image.GuestImage;
import io.sandbench.image.GuestKernel;
import io.sandbench.runtime.vm.GuestNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every config file the driver writes uses only fields Firecracker's published API defines, with
 * their types, enums and required keys (the spec is read at test time from shared/reference).
 */
class FirecrackerConfigTest {
  /** shared/ beside the repository root; {@code -Dsandbench.shared=DIR} where it lies elsewhere. */
  static final Path SPEC_DIR =
      Path.of(System.getProperty("sandbench.shared", SandbenchDirs.home().resolve("../shared").toString()))
          .resolve("reference/firecracker")
          .normalize();
  static JsonNode definitions;
  static JsonNode sample;

  @BeforeAll
  static void readSpec() throws Exception {
    Path spec = SPEC_DIR.resolve("firecracker-api.yaml");
    assumeTrue(Files.isRegularFile(spec),
        "Firecracker's API spec is not at " + spec + " (shared/reference/firecracker beside the repository)");
    definitions = new ObjectMapper(new YAMLFactory()).readTree(spec.toFile()).get("definitions");
    sample = new ObjectMapper().readTree(SPEC_DIR.resolve("vm_config.json").toFile());
  }

  static Stream<Long> seeds() {
    return IntStream.range(0, 12).mapToObj(i -> 20261126L + i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyKeyExistsInTheApiWithItsTypeAndAllRequiredKeys(long seed) {
    Random r = new Random(seed);
    boolean disk = r.nextBoolean();
    int id = r.nextInt(16384);
    GuestImage image =
        new GuestImage(
            new GuestKernel(Path.of("/k/vmlinux"), Optional.empty(), "test"),
            Path.of("/g/initramfs.cpio.gz"),
            disk ? Optional.of(Path.of("/g/rootfs.ext4")) : Optional.empty(),
            List.of("virtio_mmio"),
            "hash");
    Map<String, Object> config =
        FirecrackerConfig.of(image, GuestNetwork.tap("abc123", id), id, 64 + r.nextInt(1024),
            1 + r.nextInt(2) * (1 + r.nextInt(8)), "/d/firecracker.log", List.of(), Path::toString);
    JsonNode json = new ObjectMapper().valueToTree(config);
    check("FullVmConfiguration", definitions.get("FullVmConfiguration"), json);
    // The top-level keys are those of a --config-file (Firecracker's own sample has them all).
    json.fieldNames().forEachRemaining(k -> assertTrue(sample.has(k), k + " is not a config-file section"));
    assertEquals(disk ? 1 : 0, json.get("drives").size());
    assertTrue(json.at("/boot-source/boot_args").asText().contains("sandbench.boottimer=1"));
    assertEquals(GuestNetwork.tap("abc123", id).tap(), json.at("/network-interfaces/0/host_dev_name").asText());
  }

  /** Checks {@code value} against a Swagger 2.0 schema, following $ref into the definitions. */
  static void check(String where, JsonNode schema, JsonNode value) {
    if (schema.has("$ref")) {
      String name = schema.get("$ref").asText().replace("#/definitions/", "");
      JsonNode def = definitions.get(name);
      assertTrue(def != null, where + ": $ref to unknown definition " + name);
      check(where, def, value);
      return;
    }
    String type = schema.path("type").asText("object");
    switch (type) {
      case "object":
        assertTrue(value.isObject(), where + " should be an object: " + value);
        JsonNode props = schema.path("properties");
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
          String key = it.next();
          assertTrue(props.has(key), where + "." + key + " is not in Firecracker's API");
          check(where + "." + key, props.get(key), value.get(key));
        }
        for (JsonNode req : schema.path("required")) {
          assertTrue(value.has(req.asText()), where + " lacks required " + req.asText());
        }
        break;
      case "array":
        assertTrue(value.isArray(), where + " should be an array");
        value.forEach(v -> check(where + "[]", schema.get("items"), v));
        break;
      case "string":
        assertTrue(value.isTextual(), where + " should be a string: " + value);
        break;
      case "integer":
        assertTrue(value.isIntegralNumber(), where + " should be an integer: " + value);
        if (schema.has("minimum")) {
          assertTrue(value.asLong() >= schema.get("minimum").asLong(), where + " below its minimum");
        }
        if (schema.has("maximum")) {
          assertTrue(value.asLong() <= schema.get("maximum").asLong(), where + " above its maximum");
        }
        break;
      case "boolean":
        assertTrue(value.isBoolean(), where + " should be a boolean: " + value);
        break;
      default:
        fail(where + ": schema type " + type + " not handled by this test");
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode e : schema.get("enum")) {
        found |= e.equals(value);
      }
      assertTrue(found, where + " = " + value + " is not one of " + schema.get("enum"));
    }
  }

  @Test
  void aWrongKeyIsCaughtByTheCheck() {
    JsonNode bad = new ObjectMapper().valueToTree(Map.of("machine-config", Map.of("mem_size_mib", 128, "vcpus", 1)));
    assertThrowsAssertion(() -> check("FullVmConfiguration", definitions.get("FullVmConfiguration"), bad));
  }

  private static void assertThrowsAssertion(Runnable r) {
    try {
      r.run();
    } catch (AssertionError expected) {
      return;
    }
    fail("the schema check accepted a key the API does not define");
  }

  @Test
  void bootTimerLineIsParsed() {
    String log = "2026-11-26T22:00:00.1 [anonymous-instance:fc_vcpu 0] Guest-boot-time =  123456 us 123 ms,  98765 CPU us 98 CPU ms\n";
    assertEquals(123456, FirecrackerBootTimer.micros(log).orElseThrow());
    assertFalse(FirecrackerBootTimer.micros("Running Firecracker v1.9.0").isPresent());
  }
}
