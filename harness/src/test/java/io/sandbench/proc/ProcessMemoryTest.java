package io.sandbench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {
  private static final long MIB = 1 << 20;

  @Test
  void aChildThatTouches64MiBShowsItInUssAndRss() throws Exception {
    try (Children c = new Children()) {
      Process p = c.toucher("anon", "64");
      ProcessMemory m = ProcessMemory.read(p.pid()).orElseThrow();
      assertTrue(m.uss() >= 64 * MIB, "USS " + m.uss());
      assertTrue(m.rss() >= 64 * MIB, "RSS " + m.rss());
      assertTrue(m.vmRss() >= 64 * MIB, "VmRSS " + m.vmRss());
      assertTrue(m.pss() >= m.uss() && m.pss() <= m.rss(), "USS <= PSS <= RSS: " + m);
      assertTrue(m.vmSize() >= m.vmRss(), "VmSize >= VmRSS: " + m);
      assertTrue(m.command().contains(MemoryToucher.class.getName()), m.command());
    }
  }

  @Test
  void twoProcessesSharingAMappingSplitItsPss(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("shared.bin");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(48 * MIB);
      byte[] page = new byte[4096];
      java.util.Arrays.fill(page, (byte) 7);
      for (long off = 0; off < 48 * MIB; off += page.length) {
        f.write(page); // real page-cache pages, not holes
      }
    }
    try (Children c = new Children()) {
      Process a = c.toucher("map", file.toString(), "48");
      ProcessMemory alone = ProcessMemory.read(a.pid()).orElseThrow();
      Process b = c.toucher("map", file.toString(), "48");
      ProcessMemory withB = ProcessMemory.read(a.pid()).orElseThrow();
      ProcessMemory bMem = ProcessMemory.read(b.pid()).orElseThrow();
      // Alone, A's PSS holds all 48 MiB of the file; with B mapping it too, half of it.
      assertTrue(alone.pss() - withB.pss() >= 20 * MIB, "PSS alone " + alone + " with B " + withB);
      assertTrue(withB.shared() >= 48 * MIB, "shared " + withB);
      assertTrue(bMem.shared() >= 48 * MIB, "shared " + bMem);
      assertTrue(withB.pss() < withB.rss() - 20 * MIB, "PSS below RSS " + withB);
    }
  }

  @Test
  void aVanishedProcessIsSkipped() throws Exception {
    Process p = new ProcessBuilder("/bin/true").start();
    p.waitFor();
    long pid = p.pid();
    assertTrue(ProcessMemory.read(pid).isEmpty());
    assertTrue(ProcStat.read(pid).isEmpty());
    assertTrue(SmapsRollup.read(pid).isEmpty());
    assertTrue(ProcessTree.of(pid).pids().isEmpty());
  }

  @Test
  void smapsSummedGivesTheRollupFigures() throws Exception {
    try (Children c = new Children()) {
      Process p = c.shell("exec sleep 60");
      Thread.sleep(100);
      SmapsRollup rollup = SmapsRollup.read(p.pid()).orElseThrow();
      SmapsRollup summed = SmapsRollup.readSmaps(p.pid()).orElseThrow();
      assertTrue(rollup.rss() > 0);
      assertEquals(rollup.rss(), summed.rss());
      assertEquals(rollup.uss(), summed.uss());
      assertEquals(rollup.shared(), summed.shared());
    }
  }

  @Test
  void commandFallsBackToCommForAZombie() throws Exception {
    assertTrue(ProcessCommand.read(ProcessHandle.current().pid()).orElseThrow().contains("java"));
    Path kthreadd = Path.of("/proc/2/comm");
    if (Files.exists(kthreadd)) {
      assertEquals("[kthreadd]", ProcessCommand.read(2).orElseThrow());
    }
  }
}
