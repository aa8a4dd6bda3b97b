package io.sandbench.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.scenario.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rootfs is cached by content: same tree, same directory; any change, a new one. */
class RootfsTest {
  @TempDir Path tree;
  @TempDir Path cache;

  private Workload workload(boolean script) {
    return new Workload() {
      @Override
      public String name() {
        return "t";
      }

      @Override
      public Path root() {
        return tree;
      }

      @Override
      public List<String> command(Path root, String bind, int port) {
        return List.of(root.resolve(script ? "bin/run.sh" : "bin/busybox").toString());
      }
    };
  }

  @Test
  void sameContentSameRootfsChangedContentNewOne() throws Exception {
    Files.createDirectories(tree.resolve("bin"));
    Files.copy(Path.of("/bin/busybox"), tree.resolve("bin/busybox"));
    Files.writeString(tree.resolve("index.html"), "a");
    Rootfs first = Rootfs.of(workload(false), cache);
    assertFalse(first.needsHostUsr(), "a static busybox needs no host /usr");
    assertTrue(Files.isExecutable(first.dir().resolve("workload/bin/busybox")));
    for (String m : List.of("proc", "dev", "sys", "tmp")) {
      assertTrue(Files.isDirectory(first.dir().resolve(m)), m);
    }
    assertEquals(first, Rootfs.of(workload(false), cache));
    try (var s = Files.list(cache)) {
      assertEquals(1, s.count(), "no temp directory left behind");
    }

    Files.writeString(tree.resolve("index.html"), "bb");
    Files.setLastModifiedTime(tree.resolve("index.html"), FileTime.fromMillis(1000));
    Rootfs second = Rootfs.of(workload(false), cache);
    assertNotEquals(first.hash(), second.hash());
    assertEquals("bb", Files.readString(second.dir().resolve("workload/index.html")));
  }

  @Test
  void aScriptWorkloadGetsTheHostUsrAndMergedUsrLinks() throws Exception {
    Files.createDirectories(tree.resolve("bin"));
    Files.writeString(tree.resolve("bin/run.sh"), "#!/bin/sh\nexec true\n");
    Rootfs r = Rootfs.of(workload(true), cache);
    assertTrue(r.needsHostUsr());
    assertEquals(Path.of("usr/bin"), Files.readSymbolicLink(r.dir().resolve("bin")));
    Map<String, Object> spec =
        new OciSpec(r, List.of("/workload/bin/run.sh"), List.of(), "h", null, 0, 0).toMap();
    assertTrue(spec.get("mounts").toString().contains("destination=/usr"), spec.get("mounts").toString());
    assertFalse(spec.get("linux").toString().contains("network"), "host network: no netns in the spec");
  }
}
