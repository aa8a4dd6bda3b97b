package io.sandbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sandbench.measure.TestPorts;
import io.sandbench.report.CsvTable;
import io.sandbench.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sandbench memory end to end on a runtime that is not native (the custom driver wrapping each
 * busybox httpd in coreutils' timeout, one extra process per instance): native is measured in the
 * same run and the overhead is the wrapper.
 */
class MemoryCommandTest {
  @TempDir Path dir;

  @Test
  void measuresTheRuntimeAndNativeAndTheOverheadBetween() throws Exception {
    Path json = dir.resolve("memory.json");
    Path csv = dir.resolve("memory.csv");
    Path md = dir.resolve("memory.md");
    int code =
        Main.run("memory", "--runtime", "custom", "--runtime-opt", "launch=timeout 300 {workload}",
            "--workload", "busybox-httpd", "--instances", "1,2", "--settle", "2s",
            "--base-port", Integer.toString(TestPorts.base()),
            "--export-json", json.toString(), "--export-csv", csv.toString(),
            "--export-markdown", md.toString());
    assertEquals(0, code);
    JsonNode r = Json.mapper().readTree(Files.readString(json));
    assertEquals("memory", r.at("/info/experiment").asText());
    assertEquals("custom", r.at("/runs/0/runtime").asText());
    assertEquals("native", r.at("/runs/1/runtime").asText());
    assertEquals(3, r.at("/runs/0/steps").size(), "1, 2 and one more");
    JsonNode twoInstances = r.at("/runs/0/steps/1/perInstance");
    assertEquals(2, twoInstances.size());
    assertEquals(2, twoInstances.get(0).get("processes").size(), "timeout and busybox");
    assertEquals(1, r.at("/runs/1/steps/1/perInstance/0/processes").size(), "busybox alone");
    // The wrapper costs memory of its own: the overhead over native is positive in RSS.
    assertTrue(r.at("/overheadBytes/slope/rss").asDouble() > 100 * 1024, r.at("/overheadBytes").toString());
    assertTrue(r.at("/overheadBytes/oneMore/rss").asDouble() > 100 * 1024, r.at("/overheadBytes").toString());

    List<List<String>> rows = CsvTable.parse(Files.readString(csv));
    // custom: 1 + 2 + 3 instances of two processes; native: 1 + 2 + 3 of one; and the header.
    assertEquals(1 + 12 + 6, rows.size());
    String markdown = Files.readString(md);
    assertTrue(markdown.contains("custom − native"), markdown);
    assertTrue(markdown.contains("least-squares slope"), markdown);
  }

  @Test
  void anInstanceThatDiesIsOneLineExit1AndNoExport() throws Exception {
    Path json = dir.resolve("memory.json");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    int code;
    try {
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      code = Main.run("memory", "--workload", "command", "--command", "sh -c 'echo broken; exit 3' {port}",
          "--instances", "1", "--settle", "1s", "--base-port", Integer.toString(TestPorts.base()),
          "--export-json", json.toString());
    } finally {
      System.setErr(saved);
    }
    String msg = err.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
    assertEquals(1, code, msg);
    assertEquals(1, msg.lines().count(), msg);
    assertTrue(msg.startsWith("sandbench: memory failed: instance 0: exited with code 3"), msg);
    assertTrue(msg.contains("broken"), msg);
    assertTrue(!Files.exists(json));
  }
}
