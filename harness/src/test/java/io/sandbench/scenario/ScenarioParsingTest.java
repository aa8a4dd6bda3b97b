package io.sandbench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.UserError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioParsingTest {
  @ParameterizedTest
  @CsvSource({"500us,500000", "25ms,25000000", "0.5s,500000000", "5s,5000000000",
      "1.5m,90000000000", "0s,0"})
  void durations(String text, long nanos) {
    assertEquals(Duration.ofNanos(nanos), Durations.parse("--x", text));
  }

  @Test
  void durationsFormatBack() {
    assertEquals("25ms", Durations.format(Durations.parse("--x", "25ms")));
    assertEquals("5s", Durations.format(Durations.parse("--x", "5s")));
    assertEquals("500us", Durations.format(Durations.parse("--x", "0.5ms")));
  }

  @Test
  void staggers() {
    assertEquals(Stagger.NONE, Stagger.parse("none"));
    assertEquals(Stagger.YIELD, Stagger.parse("yield"));
    assertEquals(Stagger.YIELD, Stagger.parse("0"), "the article's sleep 0");
    assertEquals(Duration.ofMillis(125), Stagger.parse("125ms").delay());
    assertEquals("125ms", Stagger.parse("0.125s").toString());
    assertThrows(UserError.class, () -> Stagger.parse("fast"));
  }

  @Test
  void argvTemplatesSplitLikeAShellButNeverRunOne() {
    ArgvTemplate t = ArgvTemplate.parse("--x", "sh -c 'echo $HOME {port}' \"a b\" c\\ d {port}");
    assertEquals(List.of("sh", "-c", "echo $HOME 80", "a b", "c d", "80"),
        t.fill(Map.of("port", "80")));
    assertThrows(UserError.class, () -> ArgvTemplate.parse("--x", "echo 'open"));
    UserError e = assertThrows(UserError.class,
        () -> ArgvTemplate.parse("--command", "sleep 1").requiring("--command", "port"));
    assertTrue(e.getMessage().contains("{port}"));
  }

  @Test
  void instanceLists() {
    assertEquals(List.of(1, 4, 8), ListFlag.integers("--instances", "1, 4,8", 1, 100));
    assertThrows(UserError.class, () -> ListFlag.integers("--instances", "1,,2", 1, 100));
    assertThrows(UserError.class, () -> ListFlag.integers("--instances", "101", 1, 100));
  }

  @Test
  void staticBusyboxIsRecognised() {
    assertTrue(ElfBinary.isStatic(java.nio.file.Path.of("/bin/busybox")));
    assertEquals(false, ElfBinary.isStatic(java.nio.file.Path.of("/bin/sh")));
  }
}
