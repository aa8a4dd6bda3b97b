package io.sandbench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeSamplerTest {

  @Test
  void aBusyChildReadsAboutOneCoreAndAnIdleOneAboutNothing() throws Exception {
    try (Children c = new Children()) {
      Process busy = c.shell("while :; do :; done");
      Process idle = c.shell("exec sleep 60");
      TreeSampler sampler =
          new TreeSampler(List.of(ProcessTree.of(busy.pid()), ProcessTree.of(idle.pid())));
      Thread.sleep(200);
      sampler.sample();
      long before = ProcStat.read(busy.pid()).orElseThrow().cpuTicks();
      Thread.sleep(2000);
      TreeSample s = sampler.sample();
      long after = ProcStat.read(busy.pid()).orElseThrow().cpuTicks();
      double direct = 100.0 * (after - before) / ProcStat.TICKS_PER_SECOND / (s.intervalNanos() / 1e9);
      // The figure is the process's own ticks over the interval (a tick or two of read skew)...
      assertEquals(direct, s.trees().get(0).cpuPercent(), 3.0, "busy " + s);
      // ...and loose bounds, the machine being shared: near a core busy, near nothing idle.
      assertTrue(s.trees().get(0).cpuPercent() > 20, "busy " + s);
      assertTrue(s.trees().get(0).cpuPercent() < 110, "busy " + s);
      assertTrue(s.trees().get(1).cpuPercent() < 5, "idle " + s);
      assertTrue(s.trees().get(1).rssBytes() > 0, "idle RSS " + s);
      assertEquals(1, s.trees().get(1).processes());
    }
  }

  @Test
  void shortLivedChildrenAreCountedThroughTheirParentsCutime() throws Exception {
    try (Children c = new Children()) {
      // A fork-per-request server in miniature: busy children that live a few ms each.
      Process forker =
          c.shell("while :; do sh -c 'i=0; while [ $i -lt 2000 ]; do i=$((i+1)); done'; done");
      TreeSampler sampler = new TreeSampler(List.of(ProcessTree.of(forker.pid())));
      Thread.sleep(200);
      sampler.sample();
      long before = ProcStat.read(forker.pid()).orElseThrow().totalTicks();
      double sum = 0;
      long nanos = 0;
      for (int i = 0; i < 8; i++) {
        Thread.sleep(250);
        TreeSample s = sampler.sample();
        sum += s.trees().get(0).cpuPercent() * s.intervalNanos();
        nanos += s.intervalNanos();
      }
      long after = ProcStat.read(forker.pid()).orElseThrow().totalTicks();
      double direct = 100.0 * (after - before) / ProcStat.TICKS_PER_SECOND / (nanos / 1e9);
      double sampled = sum / nanos;
      // The shell itself and its reaped children: about one core, none of it lost between samples.
      assertTrue(sampled > 20, "sampled " + sampled + " direct " + direct);
      assertEquals(direct, sampled, 8.0, "sampled vs the shell's own utime+stime+cutime+cstime");
    }
  }

  @Test
  void aProcessStartedBetweenSamplesCountsWhole() throws Exception {
    try (Children c = new Children()) {
      // The busy child starts 0.3 s after the first sample and runs until killed.
      Process root = c.shell("sleep 0.3; sh -c 'while :; do :; done'");
      TreeSampler sampler = new TreeSampler(List.of(ProcessTree.of(root.pid())));
      Thread.sleep(1300);
      TreeSample s = sampler.sample();
      long child = root.toHandle().children().findFirst().orElseThrow().pid();
      double childTicks = ProcStat.read(child).orElseThrow().totalTicks();
      double ticksSeen = s.trees().get(0).cpuPercent() / 100 * s.intervalNanos() / 1e9 * ProcStat.TICKS_PER_SECOND;
      // All the child burnt since it started (it runs on, so a little more by the second read);
      // counted from its first sighting instead, it would be about nothing.
      assertTrue(childTicks > 5, "the busy child ran: " + childTicks);
      assertTrue(ticksSeen >= childTicks - 3 - 0.2 * childTicks, "ticks seen " + ticksSeen + " of " + childTicks + " in " + s);
    }
  }

  @Test
  void followsATreeThatGrowsAfterTheBaseline() throws Exception {
    try (Children c = new Children();
        TreeSampler sampler = new TreeSampler()) {
      // Launched after the sampler's baseline, like an instance under the monitor.
      Process p = c.shell("sleep 0.3; sh -c 'sleep 60 & sh -c \"sleep 60 & wait\" & wait' & wait");
      sampler.follow(List.of(ProcessTree.of(p.pid())), ProcessTree.empty());
      assertTrue(sampler.sample().trees().get(0).processes() >= 1, "the shell, waiting");
      // sh -> sh -> (sleep, sh -> sleep): five processes, three levels below the root.
      Children.awaitTreeSize(p, 5);
      Thread.sleep(100);
      TreeSample s = sampler.sample();
      assertEquals(5, s.trees().get(0).processes(), "whole tree " + s);
      p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      Thread.sleep(300);
      // The children have gone (and the shells waiting for them end too): skipped, no error.
      assertTrue(sampler.sample().trees().get(0).processes() <= 1, "children gone");
    }
  }

  @Test
  void vanishedProcessesAreSkippedAndSharedDaemonsKeptApart() throws Exception {
    try (Children c = new Children()) {
      Process shortLived = c.shell("sleep 0.2");
      Process daemon = c.shell("exec sleep 60");
      TreeSampler sampler =
          new TreeSampler(List.of(ProcessTree.of(shortLived.pid())), ProcessTree.of(daemon.pid()));
      shortLived.waitFor();
      TreeSample s = sampler.sample();
      assertEquals(0, s.trees().get(0).processes());
      assertEquals(1, s.shared().processes());
      assertTrue(s.shared().rssBytes() > 0);
    }
  }

  @Test
  void thePeriodicSamplerDeliversSamplesUntilClosed() throws Exception {
    try (Children c = new Children()) {
      Process idle = c.shell("exec sleep 60");
      List<TreeSample> got = new java.util.concurrent.CopyOnWriteArrayList<>();
      try (PeriodicSampler ps =
          new PeriodicSampler(
                  new TreeSampler(List.of(ProcessTree.of(idle.pid()))),
                  Duration.ofMillis(100),
                  got::add)
              .start()) {
        Thread.sleep(1000);
      }
      int n = got.size();
      Thread.sleep(300);
      assertEquals(n, got.size(), "no sample after close");
      assertTrue(n >= 3, "samples " + n);
      List<Long> times = new ArrayList<>();
      got.forEach(s -> times.add(s.nanos()));
      for (int i = 1; i < times.size(); i++) {
        assertTrue(times.get(i) > times.get(i - 1));
      }
    }
  }
}
