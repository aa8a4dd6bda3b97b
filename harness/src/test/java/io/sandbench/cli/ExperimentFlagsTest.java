package io.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad flags of memory and monitor: one line, exit 2, before anything starts or is written. */
class ExperimentFlagsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "memory --instances 0",
        "memory --instances 1,,2",
        "memory --instances two",
        "memory --settle soon",
        "memory --runtime nosuch",
        "memory --workload nosuch",
        "memory --export-json /nonexistent-dir/x.json",
        "monitor --interval 0 --out OUT",
        "monitor --interval 1ms --out OUT",
        "monitor --idle 1x --out OUT",
        "monitor --load 0s --out OUT",
        "monitor --load-delay-ms -1 --out OUT",
        "monitor --chart-size 10x10 --out OUT",
        "monitor --runtime nosuch --out OUT",
        "monitor",
        "monitor --out /proc/sandbench-cannot-be-here",
        "monitor --out /dev/null/sub",
      })
  void badFlagsFailWithOneLineAndExit2BeforeAnythingStarts(String line) throws Exception {
    Path dir = Files.createTempDirectory("sandbench-flags");
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>();
    for (String a : line.split(" ")) {
      args.add(a.equals("OUT") ? out.toString() : a);
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.run(args.toArray(new String[0]));
    } finally {
      System.setErr(saved);
    }
    String msg = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(2, code, msg);
    assertTrue(msg.startsWith("sandbench: "), msg);
    assertEquals(1, msg.lines().count(), "one line: " + msg);
    assertFalse(Files.exists(out), "nothing written before the flags are good");
    Files.delete(dir);
  }
}
