package io.sandbench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessTreeTest {
  // sh -> (sleep, sh -> (sleep, sh -> sleep)): six processes, three levels deep.
  private static final String NESTED =
      "sleep 60 & sh -c 'sleep 60 & sh -c \"sleep 60 & wait\" & wait' & wait";

  @Test
  void aNestedTreeIsFoundWhole() throws Exception {
    try (Children c = new Children()) {
      Process p = c.shell(NESTED);
      Children.awaitTreeSize(p, 6);
      Set<Long> pids = ProcessTree.of(p.pid()).pids();
      assertEquals(6, pids.size(), "tree " + pids);
      Set<Long> expected = new java.util.HashSet<>();
      expected.add(p.pid());
      p.toHandle().descendants().forEach(h -> expected.add(h.pid()));
      assertEquals(expected, pids);
      assertFalse(pids.contains(ProcessHandle.current().pid()), "the harness is not in the tree");
    }
  }

  @Test
  void aSharedDaemonIsLeftOutWithItsChildren() throws Exception {
    try (Children c = new Children()) {
      Process p = c.shell(NESTED);
      Children.awaitTreeSize(p, 6);
      ProcessTable table = ProcessTable.snapshot();
      long middle =
          p.toHandle().children().filter(h -> h.info().command().orElse("").endsWith("sh"))
              .findFirst().orElseThrow().pid();
      Set<Long> withoutMiddle = ProcessTree.of(p.pid()).pids(table, Set.of(middle));
      assertEquals(2, withoutMiddle.size(), "root and its own sleep: " + withoutMiddle);
      assertFalse(withoutMiddle.contains(middle));
    }
  }

  @Test
  void goneRootsAreLeftOutAndLiveOnesKept() throws Exception {
    Process gone = new ProcessBuilder("/bin/true").start();
    gone.waitFor();
    try (Children c = new Children()) {
      Process live = c.shell("exec sleep 60");
      Set<Long> pids = new ProcessTree(List.of(gone.pid(), live.pid())).pids();
      assertEquals(Set.of(live.pid()), pids);
      assertTrue(ProcessTree.empty().pids().isEmpty());
    }
  }
}
